"""What the call page shows: transcript lines with timed words, the risk hits on each line with their score
contribution and explanation, executives, and where the recording is (for playback and clips).

Imported transcripts (VTT, SRT) carry no word timings: each line's time is then shared among its words by
their length, and the words say ``estimated`` so the page can tell (the highlight still follows the voice).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import NotFoundError
from assistant.records import CallDetail, CallSummary, Executive, Hit, RiskContribution, Utterance

AUDIO_KINDS = ("audio",)


@dataclass(frozen=True)
class TimedWord:
    text: str
    start: float
    end: float
    estimated: bool = False


@dataclass(frozen=True)
class LineHit:
    hit: Hit
    number: int  # 1-based, in call order (as `clips add --hit N`)
    points: float | None  # what it added to the risk score; None when it did not count


@dataclass(frozen=True)
class Line:
    index: int
    utterance: Utterance
    words: tuple[TimedWord, ...]
    hits: tuple[LineHit, ...]


@dataclass(frozen=True)
class CallPage:
    call: CallDetail
    lines: tuple[Line, ...]
    executives: tuple[Executive, ...]
    has_audio: bool


def estimate_words(u: Utterance) -> tuple[TimedWord, ...]:
    """The utterance's words with times: Whisper's own, or the line's span shared by word length."""
    if u.words:
        return tuple(TimedWord(w.text.strip(), w.start, w.end) for w in u.words if w.text.strip())
    parts = u.text.split()
    if not parts:
        return ()
    span, total = max(u.end - u.start, 0.0), sum(len(p) + 1 for p in parts)
    words, at = [], u.start
    for p in parts:
        length = span * (len(p) + 1) / total
        words.append(TimedWord(p, round(at, 3), round(at + length, 3), estimated=True))
        at += length
    return tuple(words)


def _points(hit: Hit, contributions: tuple[RiskContribution, ...]) -> float | None:
    for c in contributions:
        if c.rule == hit.rule and abs(c.start - hit.start) < 0.01 and c.points > 0:
            return c.points
    return None


def _line_hits(call: CallDetail) -> dict[int, list[LineHit]]:
    by_line: dict[int, list[LineHit]] = {}
    if call.analysis is None:
        return by_line
    contributions = call.analysis.report.contributions
    for n, hit in enumerate(call.analysis.hits, start=1):
        by_line.setdefault(hit.utterance_index, []).append(LineHit(hit, n, _points(hit, contributions)))
    return by_line


def has_audio(call: CallDetail | CallSummary) -> bool:
    summary = call.summary if isinstance(call, CallDetail) else call
    return summary.source_kind in AUDIO_KINDS and Path(summary.source_path).is_file()


def call_page(call: CallDetail) -> CallPage:
    hits = _line_hits(call)
    lines = tuple(
        Line(i, u, estimate_words(u), tuple(hits.get(i, ()))) for i, u in enumerate(call.transcript.utterances)
    )
    executives = call.analysis.executives if call.analysis else ()
    return CallPage(call, lines, executives, has_audio(call))


def recording(call: CallDetail) -> Path:
    """The call's original recording, for playback (HTTP Range) and clips; NotFoundError when there is none."""
    if call.summary.source_kind not in AUDIO_KINDS:
        raise NotFoundError(
            f"call {call.summary.id} was imported from a {call.summary.source_kind} transcript: no audio"
        )
    path = Path(call.summary.source_path)
    if not path.is_file():
        raise NotFoundError(f"call {call.summary.id}: the recording {path} is no longer there")
    return path
