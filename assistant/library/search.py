"""Search with the assistant's own lemmatiser: the storage search backend (``assistant.storage.search``)
knows no language model, so this layer hands it ``analysis.nlp.lemma_of`` through a ``Normalizer``."""

from __future__ import annotations

from functools import lru_cache

from assistant.analysis.nlp import lemma_of
from assistant.storage.db import Store
from assistant.storage.search import SearchBackend, backend_for, refresh_index
from assistant.storage.search.normalize import Normalizer
from assistant.storage.search.query import parse


@lru_cache(maxsize=1)
def normalizer() -> Normalizer:
    """The normaliser every index refresh, query and highlight uses (one per process)."""
    return Normalizer(lemma_of)


def backend(store: Store) -> SearchBackend:
    """The search backend of the store's database, with the assistant's lemmatiser."""
    return backend_for(store, normalizer())


def refresh(store: Store) -> int:
    """Bring the search index up to date (what ingest queued); returns how many utterances were indexed."""
    return refresh_index(store, normalizer())


def snippet(text: str, query: str, language: str | None, mark: tuple[str, str]) -> str:
    """The part of ``text`` around what ``query`` matched, the matches wrapped in ``mark``."""
    return normalizer().snippet(text, parse(query), language, mark)
