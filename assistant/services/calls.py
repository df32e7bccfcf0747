"""Stored calls: list, show, export a transcript."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant import exports
from assistant.errors import InputError
from assistant.records import CallDetail, CallSummary
from assistant.records.library import CallFilters
from assistant.services.app import App
from assistant.services.views import call_json
from assistant.storage import call_list
from assistant.storage import calls as stored

EXPORT_FORMATS = exports.FORMATS


def list_calls(app: App, *, account: str | None = None, limit: int = 100, offset: int = 0) -> list[CallSummary]:
    return stored.list_calls(app.store, account=account, limit=limit, offset=offset)


def get_call(app: App, call_id: int) -> CallDetail:
    """One call with transcript and analysis; NotFoundError names the id."""
    return stored.get_call(app.store, call_id=call_id)


def call_ids(app: App) -> list[int]:
    return stored.call_ids(app.store)


def find_call(app: App, content_hash: str) -> int | None:
    """The id of the stored call with this content (SHA-256), or None."""
    found = stored.find_by_hash(app.store, content_hash)
    return found.id if found is not None else None


def show_call(app: App, call_id: int) -> dict[str, Any]:
    """The JSON of `calls show --json` and GET /api/calls/{id}."""
    return call_json(get_call(app, call_id))


def export_call(app: App, call_id: int, fmt: str) -> str:
    """The call's transcript as WebVTT, SRT, Whisper-style JSON or plain text."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return exports.render(get_call(app, call_id), fmt)


def find_calls(
    app: App, filters: CallFilters, *, sort: str = "newest", limit: int = 50, offset: int = 0
) -> tuple[list[CallSummary], int]:
    """A page of the calls matching ``filters`` (account, rep, risk, tracker, language, dates, executive),
    sorted newest / oldest / risk / longest first, and how many match in all."""
    return call_list.find_calls(app.store, filters=filters, sort=sort, limit=limit, offset=offset)


def summaries(app: App, call_ids: Iterable[int]) -> dict[int, CallSummary]:
    """Summaries of several calls at once (no transcripts), e.g. for the calls of a page of search hits."""
    return call_list.summaries(app.store, call_ids=call_ids)
