"""Stored calls: list, show (the JSON of `calls show --json` and GET /api/calls/{id}), export."""

from __future__ import annotations

from typing import Any

from assistant import exports
from assistant.errors import InputError
from assistant.records import CallDetail, CallSummary
from assistant.services.views import to_jsonable
from assistant.storage import calls as stored
from assistant.storage.db import Store


def list_calls(store: Store, *, account: str | None = None, limit: int = 100, offset: int = 0) -> list[CallSummary]:
    """Stored calls, oldest first, a page at a time."""
    return stored.list_calls(store, account=account, limit=limit, offset=offset)


def get_call(store: Store, *, call_id: int) -> CallDetail:
    return stored.get_call(store, call_id=call_id)


def call_json(call: CallDetail) -> dict[str, Any]:
    """The JSON of one call: call fields, utterances, hits, executives, risk report."""
    s, t, a = call.summary, call.transcript, call.analysis
    doc: dict[str, Any] = to_jsonable(s)
    doc.update(
        content_hash=call.content_hash,
        languages=t.languages,
        channels=t.channels,
        model=t.model,
        metadata=to_jsonable(call.metadata),
        utterances=[
            {
                "speaker": u.speaker,
                "role": u.role,
                "start": u.start,
                "end": u.end,
                "text": u.text,
                "language": u.language,
                "confidence": u.confidence,
                "avg_logprob": u.avg_logprob,
                "no_speech_prob": u.no_speech_prob,
            }
            for u in t.utterances
        ],
        hits=to_jsonable(a.hits) if a else [],
        executives=to_jsonable(a.executives) if a else [],
        executive_present=a.executive_present if a else False,
        report=to_jsonable(a.report) if a else None,
    )
    return doc


def show_call(store: Store, *, call_id: int) -> dict[str, Any]:
    return call_json(get_call(store, call_id=call_id))


def export_call(store: Store, *, call_id: int, fmt: str) -> str:
    """The call's transcript as WebVTT, SRT, Whisper-style JSON or plain text."""
    if fmt not in exports.FORMATS:
        raise InputError(f"format {fmt!r}: use one of {', '.join(exports.FORMATS)}")
    return exports.render(get_call(store, call_id=call_id), fmt)
