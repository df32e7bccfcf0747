"""Meaning search (`search --like`) on both backends, with real embeddings of the project's sample calls:
an English sentence finds the same meaning in Italian, Russian, Polish and Chinese; the keyword search's filters
apply; lines without a current embedding (another model's, none, corrupt bytes) are never ranked and are reported."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from assistant.errors import SearchError
from assistant.library.search import like
from assistant.pipeline import Ingestor
from assistant.records.library import SearchFilters
from assistant.settings import Settings
from assistant.storage.db import Store
from tests.conftest import SAMPLES

CALLS = ("ferretti-it-prezzo", "transline-ru-budget", "vistula-pl-konkurencja", "hualian-zh-xuyue")
PRICE = "Honestly, your price is too high for us."


@pytest.fixture
def library(settings: Settings, store: Store) -> dict[str, int]:
    """The four non-English sample calls (transcripts with sidecars: accounts, reps, dates), by language."""
    ingestor = Ingestor(settings, store)
    ids = {}
    for name in CALLS:
        result = ingestor.ingest_file(SAMPLES / "calls" / f"{name}.vtt")
        assert result.status == "stored", result.message
        ids[name.split("-")[1]] = result.call_id or 0
    return ids


def _hits(store: Store, sentence: str = PRICE, **kwargs: object) -> list[tuple[str | None, str, str]]:
    page = like(store, sentence, **kwargs)  # type: ignore[arg-type]
    return [(h.language, h.role, h.text) for h in page.hits]


def test_an_english_sentence_finds_the_same_meaning_in_every_language(store: Store, library: dict[str, int]) -> None:
    page = like(store, PRICE, limit=8, min_score=0.5)
    assert page.mode == "like" and page.notes == ()
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True) and all(0.5 <= s <= 1.0 for s in scores)
    first = {}
    for h in page.hits:
        first.setdefault(h.language, h)
    price_words = {"it": "prezzo", "ru": "цена", "pl": "cena", "zh": "价格"}
    for lang, word in price_words.items():  # each language's best line is its customer's price complaint
        assert lang in first, [(h.language, h.text) for h in page.hits]
        assert word in first[lang].text.lower() and first[lang].role == "customer"


def test_competitors_are_found_across_languages(store: Store, library: dict[str, int]) -> None:
    found = _hits(store, "We are also talking to a competitor that is much cheaper.", limit=4)
    assert {lang for lang, _, _ in found} >= {"ru", "pl", "zh"}
    assert all(role == "customer" for _, role, _ in found)


def test_filters_apply_as_in_keyword_search(store: Store, library: dict[str, int]) -> None:
    assert {lang for lang, _, _ in _hits(store, filters=SearchFilters(language="RU"), limit=50)} == {"ru"}
    assert {role for _, role, _ in _hits(store, filters=SearchFilters(role="rep"), limit=50)} == {"rep"}
    only = like(store, PRICE, filters=SearchFilters(account="vistula foods"), limit=50)
    assert {h.call for h in only.hits} == {library["pl"]} and only.hits[0].account == "Vistula Foods"
    late = like(store, PRICE, filters=SearchFilters(date_from=date(2026, 3, 15)), limit=50)
    assert {h.call for h in late.hits} == {library["pl"], library["zh"]}  # recorded 2026-03-16 and -18
    risky = like(store, PRICE, filters=SearchFilters(category="competitor", role="customer"), limit=50)
    assert risky.hits and all(h.role == "customer" for h in risky.hits)
    assert like(store, PRICE, filters=SearchFilters(account="nobody")).hits == ()
    with pytest.raises(SearchError, match="role"):
        like(store, PRICE, filters=SearchFilters(role="boss"))


def test_pages_follow_each_other_and_min_score_cuts(store: Store, library: dict[str, int]) -> None:
    whole = like(store, PRICE, limit=12, min_score=0.0)
    first, second = like(store, PRICE, limit=6, min_score=0.0), like(store, PRICE, limit=6, offset=6, min_score=0.0)
    assert first.has_more and [h.utterance_id for h in first.hits + second.hits] == [h.utterance_id for h in whole.hits]
    assert len({h.utterance_id for h in whole.hits}) == 12
    strict = like(store, PRICE, min_score=0.99)
    assert strict.hits == () and not strict.has_more
    with pytest.raises(SearchError, match="give a sentence"):
        like(store, "   ")


def _damage(store: Store, sql: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), {"bad": b"\x00\x00"})


def test_lines_without_a_current_embedding_are_reported_not_ranked(
    settings: Settings, store: Store, library: dict[str, int]
) -> None:
    from assistant.services.app import App
    from assistant.services.churn_model import embed_calls

    # bytes damaged in place (not through the application, which only ever inserts) are seen when the vectors load
    _damage(store, f"UPDATE utterance_embedding SET vector = :bad WHERE call_id = {library['pl']} AND "
                   f"id = (SELECT min(id) FROM utterance_embedding WHERE call_id = {library['pl']})")  # fmt: skip
    page = like(store, PRICE, min_score=0.0, limit=50)
    assert page.notes == (f"corrupt embeddings in calls {library['pl']} were not searched; "
                          f"`assistant model embed {library['pl']}` rebuilds them",)  # fmt: skip
    assert sum(h.call == library["pl"] for h in page.hits) == 7  # the call's other lines are still searched
    _damage(store, f"UPDATE utterance_embedding SET model = 'old-encoder' WHERE call_id = {library['ru']}")
    page = like(store, PRICE, min_score=0.0, limit=50)
    assert library["ru"] not in {h.call for h in page.hits}
    assert "8 of 32 utterances were not searched: 8 embedded by another model" in page.notes[0]
    assert "assistant model embed" in page.notes[0]
    list(embed_calls(App(settings, store), [library["ru"], library["pl"]]))  # what `assistant model embed` does
    page = like(store, PRICE, min_score=0.0, limit=50)
    assert page.notes == () and len(page.hits) == 32 and len({h.utterance_id for h in page.hits}) == 32


def test_a_call_stored_after_a_search_is_found_by_the_next(settings: Settings, store: Store) -> None:
    ingestor = Ingestor(settings, store)
    ingestor.ingest_file(SAMPLES / "calls" / "ferretti-it-prezzo.vtt")
    assert {h.language for h in like(store, PRICE, min_score=0.0, limit=50).hits} == {"it"}
    ingestor.ingest_file(SAMPLES / "calls" / "hualian-zh-xuyue.vtt")
    assert {h.language for h in like(store, PRICE, min_score=0.0, limit=50).hits} == {"it", "zh"}
