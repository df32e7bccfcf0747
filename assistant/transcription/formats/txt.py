"""Plain text, for reading: one line per utterance, '[hh:mm:ss] Speaker: text'. Written only: a text
file has no reliable cue times to read back."""

from __future__ import annotations

from assistant.records import CallDetail
from assistant.transcription.formats.cues import cue_text, timestamp
from assistant.transcription.formats.registry import TranscriptFormat


def write(call: CallDetail) -> str:
    return "".join(f"[{timestamp(u.start, '.')[:8]}] {cue_text(u)}\n" for u in call.transcript.utterances)


FORMAT = TranscriptFormat(name="txt", suffixes=(".txt",), kind="txt", description="plain text", write=write)
