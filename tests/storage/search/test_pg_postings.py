"""PostgreSQL's postings (search_posting, migration 0019): which words cover a query, that they follow the index
through inserts, edits and deletes, that the migration fills them for documents indexed before it, and that a
search reads the same rows with or without them."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from assistant.library.search import normalizer
from assistant.records.library import SearchFilters
from assistant.storage import calls
from assistant.storage.db import Store, _alembic_config
from assistant.storage.search import pg_plan
from assistant.storage.search import query as q
from assistant.storage.search.postgres import PostgresSearch, term_words
from tests.library.canned import library, save, utt
from tests.storage.search.test_fts5 import SAME_WITH_TINY_TIERS


@pytest.fixture
def pg_store(postgres_url: str):
    store = Store.open_url(postgres_url)
    yield store
    store.close()


def _cover(store: Store, query: str) -> list[str] | None:
    search = PostgresSearch(store, normalizer())
    search.refresh()
    node = q.parse(query)
    options = lambda term: [w for w in term_words(term, search.normalizer) if w]  # noqa: E731
    with store.engine.connect() as conn:
        return pg_plan.Estimate(conn, node, options).cover(node)


def test_a_query_is_covered_by_its_rarest_words(pg_store: Store) -> None:
    texts = [f"ask not what your country can do {i}" + " price" * (i % 3 == 0) for i in range(9)]
    save(pg_store, "c", [utt("A", "customer", i, i + 1, t) for i, t in enumerate([*texts, "your price"])])
    assert _cover(pg_store, "price") == ["price"]  # a form no document has (a stem) is left out
    assert _cover(pg_store, '"ask not what your country"') == ["ask"]  # the rarest word (ties: the first)
    assert _cover(pg_store, '"your price"') == ["price"]
    assert _cover(pg_store, "price your") == ["price"]  # AND: the rarer side's
    assert sorted(_cover(pg_store, "price OR country") or []) == ["country", "price"]  # OR: both sides'
    assert _cover(pg_store, "nowhere") == []  # no document holds it: nothing to read
    assert _cover(pg_store, "price NOT country") == ["price"]


def test_a_prefix_is_covered_by_every_word_it_stands_for_up_to_a_limit(pg_store: Store) -> None:
    words = [f"pre{chr(97 + i // 26)}{chr(97 + i % 26)}x" for i in range(pg_plan.MAX_COVER + 1)]
    save(pg_store, "p", [utt("A", "customer", i, i + 1, f"{w} said") for i, w in enumerate(words)])
    assert _cover(pg_store, "preb*") == ["preb" + chr(97 + i) + "x" for i in range(pg_plan.MAX_COVER + 1 - 26)]
    assert _cover(pg_store, "pre*") is None  # MAX_COVER + 1 words: scanned instead
    assert _cover(pg_store, "sai*") == ["said"]


def _postings(store: Store) -> set[tuple[str, int, int]]:
    with store.engine.connect() as conn:
        return {(str(t), int(u), int(c)) for t, u, c in conn.execute(text("SELECT * FROM search_posting"))}


def _from_documents(store: Store) -> set[tuple[str, int, int]]:
    sql = """SELECT w.lexeme, s.utterance_id, u.call_id FROM utterance_search s
             JOIN utterance u ON u.id = s.utterance_id, unnest(s.doc) AS w"""
    with store.engine.connect() as conn:
        return {(str(t), int(u), int(c)) for t, u, c in conn.execute(text(sql))}


def test_postings_follow_the_index_through_inserts_edits_and_deletes(pg_store: Store) -> None:
    ids = library(pg_store)
    search = PostgresSearch(pg_store, normalizer())
    search.refresh()
    before = _postings(pg_store)
    assert before and before == _from_documents(pg_store)
    with pg_store.engine.begin() as conn:
        edited = conn.execute(text("SELECT min(id) FROM utterance WHERE text LIKE '%price%'")).scalar_one()
        conn.execute(text("UPDATE utterance SET text = 'a budget question' WHERE id = :i"), {"i": edited})
    assert not {p for p in _postings(pg_store) if p[1] == edited}  # the edit drops the old document's words
    search.refresh()
    words = {p[0] for p in _postings(pg_store) if p[1] == edited}
    assert "budget" in words and "price" not in words
    calls.delete_call(pg_store, call_id=ids["en1"])
    assert not {p for p in _postings(pg_store) if p[2] == ids["en1"]}
    assert _postings(pg_store) == _from_documents(pg_store)


def test_the_migration_fills_postings_for_documents_indexed_before_it(pg_store: Store) -> None:
    library(pg_store)
    PostgresSearch(pg_store, normalizer()).refresh()
    expected = _from_documents(pg_store)
    with pg_store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0018")
    pg_store.migrate()
    assert expected and _postings(pg_store) == expected


@pytest.mark.parametrize("check", SAME_WITH_TINY_TIERS, ids=lambda f: f.__name__)
def test_a_search_finds_the_same_rows_without_postings(check, pg_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_plan.Estimate, "cover", lambda _self, _node: None)  # every tier scanned
    ids = library(pg_store)
    given = {"search": PostgresSearch(pg_store, normalizer(), tier_first=2), "store": pg_store, "ids": ids}
    check(**{name: given[name] for name in check.__code__.co_varnames[: check.__code__.co_argcount]})


def test_filters_on_the_call_read_it_from_the_postings_or_the_utterance(pg_store: Store) -> None:
    ids = library(pg_store)
    search = PostgresSearch(pg_store, normalizer(), tier_first=2)
    for query in ("price", "pric*", "price OR contract"):
        hits = search.search(query, filters=SearchFilters(account="acme"), limit=50).hits
        assert hits and {(h.call, h.account) for h in hits} == {(ids["en1"], "Acme")}
        hits = search.search(query, filters=SearchFilters(account="acme", role="rep"), limit=50).hits
        assert [h.speaker for h in hits] == ["Ann"]
