"""The tsquery the PostgreSQL backend writes (assistant.storage.search.postgres): weights only where they change
which rows match, and the loose query a scan checks first, which every match of the query itself matches."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assistant.library.search import normalizer
from assistant.storage.db import Store
from assistant.storage.search import query as q
from assistant.storage.search.postgres import PostgresSearch, compile_query, loose_query
from tests.library.canned import library


def test_words_typed_as_their_own_form_match_either_part_without_weights() -> None:
    assert compile_query("price", normalizer(), "en")[1] == "('price')"
    assert compile_query("price", normalizer())[1] == "('price' | 'pric':B)"  # the Polish stem differs
    assert compile_query("pric*", normalizer())[1] == "('pric':*)"
    assert compile_query('"the price"', normalizer(), "en")[1] == "(('the' <-> 'price'))"


def test_words_unlike_their_forms_keep_the_weights() -> None:
    _, expression = compile_query("prices", normalizer(), "en")  # the word as typed, or its lemma
    assert expression == "('prices':A | 'price':B)"
    _, expression = compile_query("café", normalizer(), "en")  # folded as typed, the form keeps its accent
    assert expression == "('cafe':A | 'café':B)"


def test_the_loose_query_drops_order_and_weights_and_puts_long_words_first() -> None:
    def loose(query: str, language: str | None = "en") -> str:
        return loose_query(q.parse(query), normalizer(), language)

    assert loose('"ask not what your country"') == "(('country' & 'what' & 'your' & 'ask' & 'not'))"
    assert loose("prices") == "('prices' | 'price')"
    assert loose("price NOT discount") == "(('price'))"  # what is excluded cannot narrow a necessary condition
    assert loose("the pric* OR budget") == "((('the') & ('pric':*)) | ('budget'))"
    assert loose("取消合同", None) == "(('取' & '合' & '同' & '消'))"


QUERIES = ['"offer a discount"', "price", "disc*", "price NOT discount", "(budget OR renewal) AND price",
           "disdetta", "取消合同", '"price increase"', "cancelling", "подписки"]  # fmt: skip


@pytest.fixture
def pg_store(postgres_url: str):
    store = Store.open_url(postgres_url)
    yield store
    store.close()


@pytest.mark.parametrize("query", QUERIES)
def test_every_match_of_a_query_matches_its_loose_query(query: str, pg_store: Store) -> None:
    library(pg_store)
    search = PostgresSearch(pg_store, normalizer())
    search.refresh()
    node, expression = search.compile(query, None)
    sql = "SELECT utterance_id FROM utterance_search WHERE doc @@ CAST(:e AS tsquery)"
    with pg_store.engine.connect() as conn:
        strict = set(conn.execute(text(sql), {"e": expression}).scalars())
        loose = set(conn.execute(text(sql), {"e": loose_query(node, normalizer(), None)}).scalars())
    assert strict and strict <= loose
