"""Stored transcripts written out (``assistant export``): the writers live with their formats in
``assistant.transcription.formats``; this is the one place the edges ask for them."""

from __future__ import annotations

from assistant.records import CallDetail
from assistant.transcription.formats import render as _render
from assistant.transcription.formats import writer_names

FORMATS = writer_names()  # ("vtt", "srt", "whisperx", "json", "txt")


def render(call: CallDetail, fmt: str) -> str:
    """The call's transcript in ``fmt`` (one of ``FORMATS``)."""
    return _render(call, fmt)
