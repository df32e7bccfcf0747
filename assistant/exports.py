"""Writers for stored transcripts: WebVTT, SRT, Whisper-style JSON and plain text.

The JSON follows the Whisper CLI layout (``segments`` with ``words``) plus a ``speaker`` and ``role`` per
segment, so ``assistant ingest`` can import an export back.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from assistant.records import CallDetail, Utterance

FORMATS = ("vtt", "srt", "json", "txt")


def _timestamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _cue_text(u: Utterance) -> str:
    return f"{u.speaker}: {u.text}"


def to_vtt(call: CallDetail) -> str:
    lines = ["WEBVTT", ""]
    for i, u in enumerate(call.transcript.utterances, 1):
        lines += [str(i), f"{_timestamp(u.start, '.')} --> {_timestamp(u.end, '.')}", _cue_text(u), ""]
    return "\n".join(lines)


def to_srt(call: CallDetail) -> str:
    lines: list[str] = []
    for i, u in enumerate(call.transcript.utterances, 1):
        lines += [str(i), f"{_timestamp(u.start, ',')} --> {_timestamp(u.end, ',')}", _cue_text(u), ""]
    return "\n".join(lines)


def _segment(i: int, u: Utterance) -> dict[str, object]:
    return {
        "id": i,
        "start": u.start,
        "end": u.end,
        "text": u.text,
        "speaker": u.speaker,
        "role": u.role,
        "language": u.language,
        "avg_logprob": u.avg_logprob,
        "no_speech_prob": u.no_speech_prob,
        "compression_ratio": u.compression_ratio,
        "words": [{"word": w.text, "start": w.start, "end": w.end, "probability": w.probability} for w in u.words],
    }


def to_json(call: CallDetail) -> str:
    t = call.transcript
    doc = {
        "call": call.summary.id,
        "language": t.language,
        "duration": t.duration,
        "text": " ".join(u.text for u in t.utterances),
        "segments": [_segment(i, u) for i, u in enumerate(t.utterances)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_txt(call: CallDetail) -> str:
    return "".join(f"[{_timestamp(u.start, '.')[:8]}] {_cue_text(u)}\n" for u in call.transcript.utterances)


WRITERS: dict[str, Callable[[CallDetail], str]] = {"vtt": to_vtt, "srt": to_srt, "json": to_json, "txt": to_txt}


def render(call: CallDetail, fmt: str) -> str:
    return WRITERS[fmt](call)
