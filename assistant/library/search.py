"""Search with the assistant's own lemmatiser: the storage search backend (``assistant.storage.search``)
knows no language model, so this layer hands it ``analysis.nlp.lemma_of`` through a ``Normalizer``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.analysis.model.embedding import DIMS, Embedder, get_embedder
from assistant.analysis.nlp import lemma_of
from assistant.errors import SearchError
from assistant.records.library import SearchFilters, SearchPage
from assistant.storage.db import Store
from assistant.storage.search import SearchBackend, backend_for, refresh_index
from assistant.storage.search.normalize import LEMMA_LANGUAGES, Normalizer
from assistant.storage.search.query import parse
from assistant.storage.search.vectors import vector_index

LIKE_CHARS = 1000
# meaning search compares whole [e5 | USE] vectors (the mean of both encoders' cosines): on the sample calls it
# ranked the same meaning in other languages above unrelated short lines better than either part alone
LIKE_COLUMNS = slice(0, DIMS)


@lru_cache(maxsize=1)
def normalizer() -> Normalizer:
    """The normaliser every index refresh, query and highlight uses (one per process)."""
    return Normalizer(lemma_of)


def warm_up() -> None:
    """Load every language's word forms now (the Polish stemmer's table alone takes seconds), so that the
    first search after a server starts does not wait for them."""
    forms = normalizer()
    for lang in LEMMA_LANGUAGES:
        forms.lemma("warm", lang)


def backend(store: Store) -> SearchBackend:
    """The search backend of the store's database, with the assistant's lemmatiser."""
    return backend_for(store, normalizer())


def refresh(store: Store) -> int:
    """Bring the search index up to date (what ingest queued); returns how many utterances were indexed."""
    return refresh_index(store, normalizer())


def snippet(text: str, query: str, language: str | None, mark: tuple[str, str]) -> str:
    """The part of ``text`` around what ``query`` matched, the matches wrapped in ``mark``."""
    return normalizer().snippet(text, parse(query), language, mark)


def like(
    store: Store, sentence: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0,
    min_score: float = 0.0, threads: int = 1, cache_dir: Path | None = None, kernel: str = "auto",
) -> SearchPage:  # fmt: skip
    """Meaning search: the stored utterances closest in meaning to ``sentence``, in any language."""
    sentence = " ".join(sentence.split())
    if not sentence:
        raise SearchError('--like: give a sentence to search for (e.g. "worried about the price increase")')
    if len(sentence) > LIKE_CHARS:
        raise SearchError(f"--like: the sentence is {len(sentence):,} characters; at most {LIKE_CHARS:,}")
    embedder = get_embedder(threads, cache_dir, kernel)
    vector = _query_vector(embedder, sentence)
    index = vector_index(store, embedder.name, LIKE_COLUMNS)
    return index.search(vector, query=sentence, filters=filters, limit=limit, offset=offset, min_score=min_score)


@lru_cache(maxsize=256)
def _query_vector(embedder: Embedder, sentence: str) -> np.ndarray:
    """A query's embedding, kept for the next page of the same query (the embedder is one per process)."""
    vector = embedder.embed([sentence])[0]
    vector.flags.writeable = False
    return vector
