"""What every transcript reader shares: the text of the file, cues, timestamps, limits and speaker prefixes.

Limits, stated once (a transcript over them is refused with ``file:line`` and the reason, never stored
in part): a file of at most ``MAX_FILE_BYTES``; times finite, not negative, at most ``MAX_SECONDS``
(24 hours); a cue of at most ``MAX_CUE_CHARS`` characters of text.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import InputError, TranscriptFormatError
from assistant.records import Utterance, Word

MAX_FILE_BYTES = 50_000_000  # ~50 hours of speech as JSON with word timings
MAX_SECONDS = 24 * 3600.0
MAX_CUE_CHARS = 20_000  # a cue is a few seconds of speech; a long monologue is ~5,000 characters

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")
_PREFIX = re.compile(r"^([^\W\d_][^:：<>,;!?\"]{0,59}?)\s*[:：]\s*(\S.*)?$", re.DOTALL)


@dataclass(frozen=True)
class Cue:
    """One cue or segment of a transcript file, before speakers become roles."""

    line: int
    start: float
    end: float
    speaker: str | None
    text: str
    words: tuple[Word, ...] = ()
    scores: tuple[float | None, float | None, float | None] = (None, None, None)  # logprob, no-speech, compression


@dataclass(frozen=True)
class Parsed:
    """What a reader found: the cues with text, and the language the file declares (if any)."""

    cues: list[Cue]
    language: str | None = None


def read_text(path: Path) -> str:
    """The file as text with '\\n' line ends; an error naming the file and line when it cannot be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TranscriptFormatError(f"{path}: {size:,} bytes; a transcript may be at most {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read transcript ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TranscriptFormatError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from exc
    if not text.strip():
        raise TranscriptFormatError(f"{path}:1: the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_time(value: float, where: str) -> float:
    """``value`` when it is a usable time in seconds; else an error saying what is wrong with it."""
    if not math.isfinite(value):
        raise TranscriptFormatError(f"{where}: time {value} is not a number of seconds")
    if value < 0:
        raise TranscriptFormatError(f"{where}: time {value:g} s is negative")
    if value > MAX_SECONDS:
        raise TranscriptFormatError(f"{where}: time {value:,.0f} s is past 24 hours; is the timestamp right?")
    return value


def check_text(text: str, where: str) -> str:
    if len(text) > MAX_CUE_CHARS:
        raise TranscriptFormatError(
            f"{where}: a cue of {len(text):,} characters; the limit is {MAX_CUE_CHARS:,} (split it into cues)"
        )
    return text


# ---- cue blocks (WebVTT and SRT) -------------------------------------------------------------------


def parse_timestamp(value: str, where: str) -> float:
    """Seconds from 'hh:mm:ss.ttt', 'mm:ss.ttt' or 'hh:mm:ss,ttt' (SRT); TranscriptFormatError if bad."""
    m = _TIME.match(value.strip())
    if not m or int(m[2]) > 59 or int(m[3]) > 59 or len(m[1] or "") > 6:
        raise TranscriptFormatError(f"{where}: bad timestamp {value.strip()[:40]!r} (use hh:mm:ss.ttt)")
    hours, minutes, seconds = int(m[1] or 0), int(m[2]), int(m[3])
    millis = int((m[4] or "0").ljust(3, "0"))
    return check_time(hours * 3600 + minutes * 60 + seconds + millis / 1000, where)


def blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks, each with the 1-based line number of its first line."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            found.append((start, current))
            current = []
    if current:
        found.append((start, current))
    return found


def _timing(line: str, where: str) -> tuple[float, float]:
    """'start --> end [cue settings]' → (start, end); end before start is an error."""
    left, _, right = line.partition("-->")
    end_text = right.split()[0] if right.split() else ""
    start = parse_timestamp(left, where)
    end = parse_timestamp(end_text, where)
    if end < start:
        raise TranscriptFormatError(
            f"{where}: cue ends ({end_text}) before it starts ({left.strip()}); fix the timing line"
        )
    return start, end


def cue_from_block(number: int, lines: list[str], path: Path) -> Cue | None:
    """A cue block: optional id line, the timing line, text lines. None when it has no text."""
    index = 0 if "-->" in lines[0] else 1
    if index >= len(lines) or "-->" not in lines[index]:
        raise TranscriptFormatError(
            f"{path}:{number}: expected a timing line 'start --> end', got {lines[min(index, len(lines) - 1)][:80]!r}"
        )
    start, end = _timing(lines[index], f"{path}:{number + index}")
    speaker, text = _speaker_and_text("\n".join(lines[index + 1 :]))
    check_text(text, f"{path}:{number + index + 1}")
    return Cue(number + index, start, end, speaker, text) if text else None


def _speaker_and_text(raw: str) -> tuple[str | None, str]:
    """A cue's (speaker from a <v Name> voice tag, plain text without tags or entities)."""
    voice = _VOICE.search(raw)
    return (voice[1].strip() if voice else None), " ".join(html.unescape(_TAG.sub("", raw)).split())


def _prefix(cue: Cue) -> tuple[str, str] | None:
    m = _PREFIX.match(cue.text) if cue.speaker is None else None
    return (m[1].strip(), (m[2] or "").strip()) if m and len(m[1].split()) <= 6 else None


def with_prefix_speakers(cues: list[Cue]) -> list[Cue]:
    """Take 'Name: text' prefixes (Zoom, SRT) as speakers, but only when most cues have one: a plain
    transcript with a stray "Here's the thing: ..." line keeps its text whole. A cue that is only the
    name of a speaker of the file ("Dana:") has no text, and is skipped like any cue without text."""
    prefixes = [_prefix(c) for c in cues]
    said = [p for p in prefixes if p and p[1]]
    if len(said) * 2 < len(cues):
        return cues
    speakers = {name for name, _ in said}
    kept = [p if p and (p[1] or p[0] in speakers) else None for p in prefixes]
    named = [replace(c, speaker=p[0], text=p[1]) if p else c for c, p in zip(cues, kept, strict=True)]
    return [c for c in named if c.text]


# ---- writing ---------------------------------------------------------------------------------------


def timestamp(seconds: float, sep: str) -> str:
    """'hh:mm:ss.ttt' (WebVTT, ``sep='.'``) or 'hh:mm:ss,ttt' (SRT)."""
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_text(u: Utterance) -> str:
    """'Speaker: text', the Zoom style every reader here understands."""
    return f"{u.speaker}: {u.text}"
