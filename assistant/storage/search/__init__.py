"""Full-text search over every utterance, behind one interface (``SearchBackend``).

- ``query``: the search query language (words, "phrases", prefix*, AND / OR / NOT, parentheses), parsed
  here and re-emitted so that no user input reaches the database as syntax;
- ``normalize``: the matching forms (lemmas, CJK characters) indexed beside the text, with the lemmatiser
  handed in by the layer above (a ``Normalizer``);
- ``fts5``: the SQLite FTS5 backend, the embedded default;
- ``postgres``: the PostgreSQL backend (tsvector over the same normalised text, GIN): same query language,
  filters, ranking and snippets. ``backend_for`` picks one by the database's dialect (``BACKENDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.errors import SearchError
from assistant.records.library import SearchFilters, SearchPage
from assistant.storage.db import Store
from assistant.storage.search.fts5 import TIER_FIRST, Fts5Search
from assistant.storage.search.normalize import Normalizer


class SearchBackend(Protocol):
    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage: ...

    def did_you_mean(self, query: str, *, filters: SearchFilters | None = None) -> str | None: ...

    def refresh(self) -> int: ...


def _postgres(store: Store, normalizer: Normalizer, tier_first: int) -> SearchBackend:
    from assistant.storage.search.postgres import PostgresSearch

    return PostgresSearch(store, normalizer, tier_first=tier_first)


# One search backend per SQLAlchemy dialect name.
BACKENDS: dict[str, Callable[[Store, Normalizer, int], SearchBackend]] = {
    "sqlite": lambda store, normalizer, tier_first: Fts5Search(store, normalizer, tier_first=tier_first),
    "postgresql": _postgres,
}


def backend_for(store: Store, normalizer: Normalizer, *, tier_first: int = TIER_FIRST) -> SearchBackend:
    """The search backend for the store's database."""
    dialect = store.engine.dialect.name
    if dialect not in BACKENDS:
        raise SearchError(f"search: the {dialect} database has no search backend; use SQLite or PostgreSQL")
    return BACKENDS[dialect](store, normalizer, tier_first)


def refresh_index(store: Store, normalizer: Normalizer) -> int:
    """Index what ingest queued, now rather than at the first search; 0 where the database has no search
    backend (ingest still works there)."""
    if store.engine.dialect.name not in BACKENDS:
        return 0
    return backend_for(store, normalizer).refresh()
