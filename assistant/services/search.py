"""Full-text search over every stored utterance, and the index kept up to date after ingest."""

from __future__ import annotations

from assistant.library import search as library_search
from assistant.records.library import SearchFilters, SearchHit, SearchPage
from assistant.services.app import App


def search(
    app: App, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Ranked utterances matching ``query`` (words, "phrases", prefix*, AND / OR / NOT) and the filters."""
    return library_search.backend(app.store).search(query, filters=filters, limit=limit, offset=offset)


def refresh(app: App) -> int:
    """Index what ingest queued now, so the first search does not pay for it; how many rows."""
    return library_search.refresh(app.store)


def highlight(hit: SearchHit, query: str, marks: tuple[str, str]) -> str:
    """The hit's snippet made again with the caller's own marks around the matches (e.g. characters no
    transcript contains, so a '<mark>' typed in a transcript never turns into a highlight)."""
    return library_search.snippet(hit.text, query, hit.language, marks)
