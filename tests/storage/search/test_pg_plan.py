"""PostgreSQL's access path per tier (assistant.storage.search.pg_plan): which way is picked by the estimated
number of matches, and that every way (GIN index only, primary-key scan only, a scanned window with the GIN
index below it) finds exactly the same rows in the same order."""

from __future__ import annotations

import pytest

from assistant.library.search import normalizer
from assistant.storage.db import Store
from assistant.storage.search import pg_plan
from assistant.storage.search import query as q
from assistant.storage.search.postgres import PostgresSearch, term_words
from tests.library.canned import library, save, utt
from tests.storage.search.test_fts5 import (
    SAME_WITH_TINY_TIERS,
    test_tiers_page_through_every_match_once_newest_tier_first,
)

MILLION = (1, 1_000_000)


def test_a_rare_query_goes_through_the_gin_index_only() -> None:
    assert pg_plan.window(0, 2**31 - 1, 500, 47, MILLION) == 2**31  # above hi: no scanned window


def test_a_common_query_scans_the_newest_ids_only() -> None:
    assert pg_plan.window(0, 2**31 - 1, 500, 35_000, MILLION) == 0  # the scan stops at 500 matches


def test_a_middling_query_scans_a_window_with_room_to_spare() -> None:
    low = pg_plan.window(0, 2**31 - 1, 500, 11_744, MILLION)
    expected_scan = 500 / (11_744 / 1_000_000)
    assert 1_000_000 - low + 1 == pytest.approx(pg_plan.SPARE * expected_scan, abs=1)
    assert pg_plan.window(0, 400_000, 500, 11_744, MILLION) == 400_000 - (1_000_000 - low)  # below the tier's hi


def test_the_window_never_leaves_the_tier() -> None:
    assert pg_plan.window(900_000, 1_000_000, 500, 11_744, MILLION) == 900_000
    assert pg_plan.window(990_000, 1_000_000, 500, 11_744, MILLION) == 1_000_001  # few matches in a short range


@pytest.fixture
def pg_store(postgres_url: str):
    store = Store.open_url(postgres_url)
    yield store
    store.close()


def _estimate(store: Store, query: str) -> float:
    search = PostgresSearch(store, normalizer())
    search.refresh()
    with store.engine.connect() as conn:
        options = lambda term: [w for w in term_words(term, search.normalizer) if w]  # noqa: E731
        return pg_plan.Estimate(conn, q.parse(query), options).matches


def test_the_estimate_bounds_matches_from_the_vocabulary(pg_store: Store) -> None:
    save(pg_store, "e", [utt("A", "customer", i, i + 1, f"price talk {i}" + " budget" * (i % 2)) for i in range(10)])
    assert _estimate(pg_store, "price") == 10  # the word and its lemma: the larger count
    assert _estimate(pg_store, "budget") == 5
    assert _estimate(pg_store, "price budget") == 5  # AND: the smaller
    assert _estimate(pg_store, "price OR budget") == 15  # OR: the sum
    assert _estimate(pg_store, '"price talk"') == 10  # a phrase: its rarest word
    assert _estimate(pg_store, "bud*") == 5  # a prefix: every word it may stand for
    assert _estimate(pg_store, "nowhere") == 0


WAYS = {
    "gin": lambda lo, hi, size, matches, ids: hi + 1,
    "scan": lambda lo, hi, size, matches, ids: lo,
    "window": lambda lo, hi, size, matches, ids: max(lo, min(hi, ids[1]) - 2),  # 3 ids, then the GIN index
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("check", SAME_WITH_TINY_TIERS, ids=lambda f: f.__name__)
def test_every_way_finds_the_same_rows(way: str, check, pg_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_plan, "window", WAYS[way])
    ids = library(pg_store)
    given = {"search": PostgresSearch(pg_store, normalizer(), tier_first=2), "store": pg_store, "ids": ids}
    check(**{name: given[name] for name in check.__code__.co_varnames[: check.__code__.co_argcount]})


@pytest.mark.parametrize("way", WAYS)
def test_every_way_pages_through_every_match_once_newest_tier_first(
    way: str, pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_plan, "window", WAYS[way])
    test_tiers_page_through_every_match_once_newest_tier_first(pg_store)
