"""Search over stored utterances: semantics (en / it / ru / zh), filters, escaping, did-you-mean, sync.
Every test runs on both backends (SQLite FTS5 and PostgreSQL, see tests/conftest.py) unless marked."""

from __future__ import annotations

import inspect
import random
from datetime import date

import pytest

from assistant.errors import SearchError
from assistant.library.search import normalizer
from assistant.records.library import SearchFilters
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.storage.library_outcomes import set_outcome
from assistant.storage.search import backend_for, refresh_index
from assistant.storage.search.fts5 import Fts5Search, compile_query
from assistant.storage.search.postgres import PostgresSearch
from tests.library.canned import library, save, utt


@pytest.fixture
def search(store, ids) -> Fts5Search:
    backend = backend_for(store, normalizer())
    expected = PostgresSearch if store.engine.dialect.name == "postgresql" else Fts5Search
    assert type(backend) is expected
    return backend


def backend(store, tier_first: int = 500) -> Fts5Search:
    found = backend_for(store, normalizer(), tier_first=tier_first)
    assert isinstance(found, Fts5Search)
    return found


def calls_of(page) -> set[int]:
    return {h.call for h in page.hits}


def test_word_matches_inflected_english_and_highlights(search, ids):
    page = search.search("cancel")
    assert calls_of(page) == {ids["en1"]}
    hit = page.hits[0]
    assert "<mark>cancelling</mark>" in hit.snippet
    assert (hit.start, hit.end, hit.role, hit.speaker, hit.account) == (0.0, 4.0, "customer", "Bob", "Acme")


def test_italian_inflected_forms_match_their_lemma(search, ids):
    for query in ("disdire", "disdetta", "disdico"):
        assert calls_of(search.search(query)) == {ids["it"]}, query
    assert "<mark>disdire</mark>" in search.search("disdetta").hits[0].snippet


def test_russian_inflected_forms_match(search, ids):
    for query in ("отменить", "отменю", "подписка", "подписки"):
        assert calls_of(search.search(query)) == {ids["ru"]}, query


def test_chinese_substrings_match(search, ids):
    for query in ("取消", "合同", "价格太高", "取消合同"):
        page = search.search(query)
        assert calls_of(page) == {ids["zh"]}, query
    assert "<mark>取消</mark>" in search.search("取消").hits[0].snippet
    assert search.search("合取").hits == ()  # characters out of order are not a substring


def test_phrase_prefix_and_boolean_operators(search, ids):
    assert calls_of(search.search('"offer a discount"')) == {ids["en1"]}
    assert search.search('"discount offer"').hits == ()
    assert calls_of(search.search("disc*")) == {ids["en1"]}
    assert calls_of(search.search("price")) == {ids["en1"], ids["en2"]}
    assert calls_of(search.search("price NOT discount")) == {ids["en2"]}
    assert calls_of(search.search("price -discount")) == {ids["en2"]}
    assert calls_of(search.search("budget OR subscription OR contract")) == {ids["en1"], ids["en2"]}
    assert calls_of(search.search("(budget OR renewal) AND price")) == {ids["en1"], ids["en2"]}
    assert calls_of(search.search("budget AND renewal")) == set()


def test_ranking_puts_the_denser_match_first(store, search):
    save(store, "rank", [utt("A", "customer", 0, 2, "price price price"), utt("B", "rep", 2, 4, "the price is fine")])
    page = search.search("price", filters=SearchFilters(account=None), limit=50)
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores)
    assert page.hits[0].text == "price price price"


def test_filters(search, ids, store):
    def found(**kw) -> set[int]:
        return calls_of(search.search("price OR contract OR подписку OR 合同 OR disdire", filters=SearchFilters(**kw)))

    assert found(account="acme") == {ids["en1"]}
    assert found(rep="Dan") == {ids["en2"], ids["ru"], ids["zh"]}
    assert found(role="rep") == {ids["en1"], ids["en2"]}
    assert found(language="it") == {ids["it"]}
    assert found(date_from=date(2026, 2, 1), date_to=date(2026, 2, 2)) == {ids["it"], ids["ru"]}
    assert found(tracker="cancel") == {ids["en1"]}
    assert found(category="pricing") == {ids["en2"]}
    assert found(risk_level="medium") == {ids["en2"]}
    assert found(executive=True) == {ids["en1"]}
    assert found(outcome="renewed") == set()
    set_outcome(store, account="Globex", status="renewed", on=date(2026, 4, 1))
    assert found(outcome="renewed") == {ids["en2"]}


def test_pagination(store, search):
    save(store, "many", [utt("A", "customer", i, i + 1, f"renewal line {i}") for i in range(25)])
    first = search.search("renewal line", limit=10)
    second = search.search("renewal line", limit=10, offset=10)
    third = search.search("renewal line", limit=10, offset=20)
    assert first.has_more and second.has_more and not third.has_more
    seen = [h.utterance_id for p in (first, second, third) for h in p.hits]
    assert len(seen) == len(set(seen)) == 25


def test_a_phrase_never_spans_the_text_and_its_matching_forms(store):
    """PostgreSQL keeps both in one tsvector (text, then forms) and checks most phrases without weights."""
    save(store, "edge", [utt("A", "customer", 0, 2, "we want the quota"), utt("B", "rep", 2, 4, "quota we pay")])
    search = backend(store)
    assert [h.text for h in search.search('"quota we"').hits] == ["quota we pay"]
    assert [h.text for h in search.search('"the quota"').hits] == ["we want the quota"]
    assert search.search('"quota we want"').hits == ()


def test_did_you_mean_from_indexed_vocabulary(search):
    page = search.search("discuont")
    assert page.hits == ()
    assert page.did_you_mean == "discount"
    assert search.search("zzqqxx").did_you_mean is None


def test_bad_filters_and_empty_queries_name_the_field(search):
    with pytest.raises(SearchError, match="role"):
        search.search("price", filters=SearchFilters(role="boss"))
    with pytest.raises(SearchError, match="outcome"):
        search.search("price", filters=SearchFilters(outcome="won"))
    with pytest.raises(SearchError, match="date range"):
        search.search("price", filters=SearchFilters(date_from=date(2026, 3, 1), date_to=date(2026, 1, 1)))
    for query in ("", "   ", '""', "()", "AND OR NOT", "***", "NOT price"):
        with pytest.raises(SearchError, match="query"):
            search.search(query)


NASTY = [
    '"', '""', '"unbalanced', "unbalanced\"", "((", "))", "(price", "price)", "a AND", "OR b", "NOT", "a NOT",
    "price:*", "text:price", "norm : x", "NEAR(price discount)", "price^", "^price", "*", "price**", "'; DROP TABLE",
    "utterance_fts MATCH 'x'", "{text norm}: x", "\\", "\x00", "-", "--price", "- -", "+price", "a || b",
    "über", "naïve café", "日本語", "🙂 price", "﹙price﹚", "\u200b", "AND AND", "OR OR OR", "(((price)))",
    "price\" OR \"1\"=\"1", "ﾃｽﾄ", "price NOT NOT discount", "NOT -price price",
]  # fmt: skip


def test_hostile_queries_never_crash_or_inject(search, store):
    rng = random.Random(4)
    alphabet = [*list("\"()*:^-+{}\\ '"), "AND", "OR", "NOT", "NEAR", "price", "取消", "é", "\x00", "  "]
    generated = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(300)]
    for query in NASTY + generated:
        try:
            page = search.search(query)
        except SearchError as exc:  # our parser's refusal, never an FTS5 syntax error passed through
            assert str(exc).startswith("query:"), (query, str(exc))
            continue
        assert page.expression.count('"') % 2 == 0, query
    assert len(calls.call_ids(store)) == 5  # nothing dropped


def test_emitted_expression_quotes_every_term():
    _, expression = compile_query('price: NEAR("a b") col:x', normalizer())
    assert "NEAR(" not in expression.replace('"NEAR', "")
    assert 'text : "price:"' in expression


def test_index_follows_inserts_updates_and_deletes(store, search, ids):
    assert calls_of(search.search("cancel")) == {ids["en1"]}
    calls.delete_call(store, call_id=ids["en1"])
    assert search.search("cancel").hits == ()
    new = save(store, "again", [utt("Z", "customer", 0, 2, "Скоро отменим заказ", "ru")], lang="ru")
    assert calls_of(search.search("отменить")) == {ids["ru"], new}
    with store.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE utterance SET text = 'brand new words' WHERE call_id = :c"), {"c": new})
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 1)"))
    assert calls_of(search.search("отменить")) == {ids["ru"]}
    assert calls_of(search.search("brand")) == {new}


@pytest.mark.sqlite_only  # PostgreSQL: test_postgres_index_backfills_rows_written_before_it
def test_existing_rows_are_backfilled_when_the_index_is_created(settings):
    from tests.storage.old_schema import first_version_database

    first_version_database(settings)  # rows written while no index exists (schema 0001)
    store = Store.open(settings)
    assert [h.utterance_id for h in backend_for(store, normalizer()).search("disdetta").hits] == [
        3
    ]  # Italian, by lemma
    store.close()


def test_postgres_index_backfills_rows_written_before_it(postgres_url):
    import importlib

    from alembic import command
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from assistant.storage.db import _alembic_config

    later = importlib.import_module("assistant.storage.migrations.versions.0010_speakers")
    store = Store.open_url(postgres_url)
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")  # before the PostgreSQL search migration
        with Operations.context(MigrationContext.configure(conn)):
            later.upgrade()  # the columns of later migrations the ORM writes (not the search index)
    library(store)  # rows written while no index exists
    with store.engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        later.downgrade()
    store.migrate()
    assert calls_of(backend(store).search("disdetta")) == {3}
    assert calls_of(backend(store).search("取消")) == {5}
    store.close()


def _tiers(search: Fts5Search, query: str) -> list[list[int]]:
    """The utterance ids of every match, grouped by tier as the search defines them (newest first)."""
    with search.store.engine.connect() as conn:
        from sqlalchemy import text

        _, expression = search.compile(query, None)
        sql = "SELECT rowid FROM utterance_fts WHERE utterance_fts MATCH :e ORDER BY rowid DESC"
        if isinstance(search, PostgresSearch):
            sql = "SELECT utterance_id FROM utterance_search WHERE doc @@ CAST(:e AS tsquery) ORDER BY 1 DESC"
        ids = [r[0] for r in conn.execute(text(sql), {"e": expression})]
    tiers, size = [], search.tier_first
    while ids:
        tiers.append(ids[:size])
        ids, size = ids[size:], size * 2
    return tiers


def test_tiers_page_through_every_match_once_newest_tier_first(store):
    texts = [f"renewal {'renewal ' * (i % 3)}call number {i}" + " and more words" * (i % 4) for i in range(40)]
    save(store, "tiers", [utt("A", "customer", i, i + 1, t) for i, t in enumerate(texts)])
    search = backend(store, tier_first=4)
    pages = [search.search("renewal", limit=6, offset=o) for o in range(0, 48, 6)]
    seen = [h.utterance_id for p in pages for h in p.hits]
    tiers = _tiers(search, "renewal")
    assert len(tiers) == 4  # 4 + 8 + 16 + 12 matches
    assert seen == [i for tier in tiers for i in sorted(tier, key=lambda i: (_score(pages, i), i))]
    assert [p.has_more for p in pages] == [True] * 6 + [False, False]


def _score(pages, utterance_id: int) -> float:
    return next(h.score for p in pages for h in p.hits if h.utterance_id == utterance_id)


SAME_WITH_TINY_TIERS = [
    test_word_matches_inflected_english_and_highlights, test_italian_inflected_forms_match_their_lemma,
    test_russian_inflected_forms_match, test_chinese_substrings_match, test_phrase_prefix_and_boolean_operators,
    test_filters, test_pagination, test_did_you_mean_from_indexed_vocabulary,
    test_index_follows_inserts_updates_and_deletes,
]  # fmt: skip


@pytest.mark.parametrize("check", SAME_WITH_TINY_TIERS, ids=lambda f: f.__name__)
def test_tiny_tiers_find_the_same_rows(check, store, ids):
    """Tiers of 2 matches (many tiers per query) find exactly what one tier finds."""
    given = {"search": backend(store, tier_first=2), "store": store, "ids": ids}
    check(**{name: given[name] for name in inspect.signature(check).parameters})


def test_ranking_within_a_tier_counts_repeats_and_prefers_short_utterances(store):
    save(store, "dense", [utt("A", "customer", 0, 2, "we talked about the price of the renewal and then the weather"),
                          utt("B", "rep", 2, 4, "the price"), utt("A", "customer", 4, 6, "price price, price again"),
                          utt("B", "rep", 6, 8, "prices")])  # fmt: skip
    hits = backend(store).search("price").hits
    texts = [h.text for h in hits]
    assert texts[0] == "price price, price again"
    assert texts[-1] == "we talked about the price of the renewal and then the weather"
    assert [h.score for h in hits] == sorted(h.score for h in hits)


def test_a_rare_term_weighs_more_than_a_common_one(store):
    common = [utt("A", "customer", i, i + 1, f"the budget is fine number {i}") for i in range(12)]
    save(store, "idf", [*common, utt("B", "rep", 20, 21, "escalation is fine number 99")])
    hits = backend(store).search("budget OR escalation").hits
    assert hits[0].text == "escalation is fine number 99"
    assert len(hits) == 13


def test_a_filter_that_empties_the_newest_tiers_still_fills_the_page(store, ids):
    for n in range(3):
        save(store, f"new{n}", [utt("A", "customer", i, i + 1, f"price talk {i}") for i in range(10)],
             account="Newer", recorded=f"2026-05-0{n + 1}T10:00:00")  # fmt: skip
    search = backend(store, tier_first=2)
    page = search.search("price", filters=SearchFilters(account="acme"))
    assert calls_of(page) == {ids["en1"]}
    dated = search.search("price", filters=SearchFilters(date_from=date(2026, 5, 2), date_to=date(2026, 5, 2)))
    assert len(dated.hits) == 10 and {h.recorded_at.day for h in dated.hits} == {2}


def test_optimize_merges_the_index_and_keeps_every_result(store, search):
    before = [h.utterance_id for h in search.search("price OR contract OR 合同 OR disdire", limit=50).hits]
    search.optimize()
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            from sqlalchemy import text

            segments = conn.execute(text("SELECT count(DISTINCT segid) FROM utterance_fts_idx")).scalar()
        assert segments == 1
    assert [h.utterance_id for h in search.search("price OR contract OR 合同 OR disdire", limit=50).hits] == before


def test_long_utterances_get_a_short_snippet_around_the_match(store, search):
    words = " ".join(f"filler{i}" for i in range(40))
    save(store, "long", [utt("A", "customer", 0, 9, f"{words} the café budget is too high {words}")])
    hit = search.search("cafe budget").hits[0]
    assert "<mark>café</mark> <mark>budget</mark>" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 26
    assert "<mark>discount</mark>" in search.search("disc*").hits[0].snippet


def test_refresh_index_indexes_what_ingest_queued(store):
    from sqlalchemy import text

    library(store)
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from search_pending")).scalar_one() > 0
    assert refresh_index(store, normalizer()) > 0
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from search_pending")).scalar_one() == 0
    assert refresh_index(store, normalizer()) == 0
