"""Full-text search over every stored utterance, and the index kept up to date after ingest."""

from __future__ import annotations

from assistant.errors import SearchError
from assistant.library import search as library_search
from assistant.records.library import SearchFilters, SearchHit, SearchPage
from assistant.services.app import App


def search(
    app: App, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Ranked utterances matching ``query`` (words, "phrases", prefix*, AND / OR / NOT) and the filters."""
    return library_search.backend(app.store).search(query, filters=filters, limit=limit, offset=offset)


def meaning(
    app: App, sentence: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0,
    min_score: float | None = None,
) -> SearchPage:  # fmt: skip
    """Meaning search: utterances of any language closest in meaning to ``sentence`` (cosine similarity of their
    stored embeddings), best first, with the same filters as ``search``."""
    floor = app.settings.like_min_score if min_score is None else min_score
    settings = app.settings
    return library_search.like(app.store, sentence, filters=filters, limit=limit, offset=offset, min_score=floor,
                               threads=settings.embedding_threads, cache_dir=settings.encoder_cache_dir,
                               kernel=settings.e5_kernel)  # fmt: skip


def find(
    app: App, query: str | None = None, *, like: str | None = None, filters: SearchFilters | None = None,
    limit: int = 20, offset: int = 0, min_score: float | None = None,
) -> SearchPage:  # fmt: skip
    """Words (``query``) or meaning (``like``), exactly one of them: what `assistant search` and /api/search do."""
    if (query is None) == (like is None):
        raise SearchError("give a QUERY (words) or --like SENTENCE (meaning): one of them")
    if like is not None:
        return meaning(app, like, filters=filters, limit=limit, offset=offset, min_score=min_score)
    return search(app, query or "", filters=filters, limit=limit, offset=offset)


def warm_up() -> None:
    """Load what searching needs before the first search asks (a server calls it at start, in the background)."""
    library_search.warm_up()


def refresh(app: App) -> int:
    """Index what ingest queued now, so the first search does not pay for it; how many rows."""
    return library_search.refresh(app.store)


def highlight(hit: SearchHit, query: str, marks: tuple[str, str]) -> str:
    """The hit's snippet made again with the caller's own marks around the matches (e.g. characters no
    transcript contains, so a '<mark>' typed in a transcript never turns into a highlight)."""
    return library_search.snippet(hit.text, query, hit.language, marks)
