"""The database itself: bring its schema up to date, copy the whole library to another database."""

from __future__ import annotations

from collections.abc import Callable

from assistant.records.jobs import TableCount
from assistant.services.app import App


def migrate(app: App) -> tuple[str, list[str], int]:
    """Open (and so migrate) the database, and make stored recording and clip paths under media_root
    relative to it (for a media_root set after they were stored); its masked URL, schema revision and how
    many paths were made relative."""
    store = app.store
    return store.masked_url, sorted(store.current_revisions()), store.relativize_media()


def copy_to(app: App, url: str, progress: Callable[[str, int], None] | None = None) -> list[TableCount]:
    """Copy every table of the library into the database at ``url`` (created or brought up to date
    first), verify the row counts, and index it for search. Safe to run again."""
    from assistant.library.search import refresh
    from assistant.storage import copy
    from assistant.storage.db import Store

    target = Store.open_url(url)
    try:
        report = copy.copy_library(app.store, target, progress or (lambda _table, _rows: None))
        refresh(target)
    finally:
        target.close()
    return report


def rows_to_copy(app: App) -> int:
    from assistant.storage import copy

    return copy.source_rows(app.store)
