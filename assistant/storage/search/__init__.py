"""Full-text search over every utterance, behind one interface (``SearchBackend``).

- ``query``: the search query language (words, "phrases", prefix*, AND / OR / NOT, parentheses), parsed
  here and re-emitted so that no user input reaches the database as syntax;
- ``normalize``: the matching forms (lemmas, CJK characters) indexed beside the text, with the lemmatiser
  handed in by the layer above (a ``Normalizer``);
- ``fts5``: the SQLite FTS5 backend, the embedded default. A PostgreSQL backend implements the same Protocol
  and is chosen in ``backend_for``.
"""

from __future__ import annotations

from typing import Protocol

from assistant.errors import SearchError
from assistant.records.library import SearchFilters, SearchPage
from assistant.storage.db import Store
from assistant.storage.search.fts5 import Fts5Search
from assistant.storage.search.normalize import Normalizer


class SearchBackend(Protocol):
    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage: ...

    def did_you_mean(self, query: str, *, filters: SearchFilters | None = None) -> str | None: ...

    def refresh(self) -> int: ...


def backend_for(store: Store, normalizer: Normalizer) -> SearchBackend:
    """The search backend for the store's database."""
    if store.engine.dialect.name == "sqlite":
        return Fts5Search(store, normalizer)
    raise SearchError(
        f"search: the {store.engine.dialect.name} database has no search backend yet; use the SQLite default"
    )


def refresh_index(store: Store, normalizer: Normalizer) -> int:
    """Index what ingest queued, now rather than at the first search; 0 where the database has no search
    backend yet (ingest still works there)."""
    if store.engine.dialect.name != "sqlite":
        return 0
    return Fts5Search(store, normalizer).refresh()
