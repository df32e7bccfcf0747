"""What the call page shows: transcript lines with timed words, the risk hits on each line with their score
contribution and explanation, executives, and where the recording is (for playback and clips).

Word timings go to the page as the stored JSON of each line, joined into one array (never a record per word:
a 2-hour call has ~14,000); the page's script makes the clickable words from it. Imported transcripts (VTT,
SRT) carry no word timings: the script then shares each line's time among its words by their length (the
highlight still follows the voice).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import NotFoundError
from assistant.records import CallDetail, CallSummary, Executive, Hit, RiskContribution, Utterance
from assistant.services.app import App
from assistant.storage import call_list
from assistant.storage import calls as stored

AUDIO_KINDS = ("audio",)


@dataclass(frozen=True)
class LineHit:
    hit: Hit
    number: int  # 1-based, in call order (as `clips add --hit N`)
    points: float | None  # what it added to the risk score; None when it did not count


@dataclass(frozen=True)
class Line:
    index: int
    utterance: Utterance  # without its word timings: they are in CallPage.words
    hits: tuple[LineHit, ...]


@dataclass(frozen=True)
class CallPage:
    call: CallDetail
    lines: tuple[Line, ...]
    executives: tuple[Executive, ...]
    has_audio: bool
    words: str  # every line's timed words, one JSON array in line order: [[[start, end, text, probability], ...]]


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


def has_audio(app: App, call: CallDetail | CallSummary) -> bool:
    """Whether the call has a recording this machine can play (through the media store: media_root)."""
    summary = call.summary if isinstance(call, CallDetail) else call
    return summary.source_kind in AUDIO_KINDS and app.store.media.exists(summary.source_path)


def call_page(app: App, call_id: int) -> CallPage:
    """The call page of a stored call; NotFoundError names the id."""
    call, words = stored.get_call_for_player(app.store, call_id=call_id)
    hits = _line_hits(call)
    lines = tuple(Line(i, u, tuple(hits.get(i, ()))) for i, u in enumerate(call.transcript.utterances))
    executives = call.analysis.executives if call.analysis else ()
    return CallPage(call, lines, executives, has_audio(app, call), words)


def recording(app: App, call: CallDetail | CallSummary) -> Path:
    """The call's original recording, for playback (HTTP Range) and clips; NotFoundError when there is none,
    MediaMissingError (naming the file, media_root and machine) when this machine cannot see it."""
    summary = call.summary if isinstance(call, CallDetail) else call
    if summary.source_kind not in AUDIO_KINDS:
        raise NotFoundError(f"call {summary.id} was imported from a {summary.source_kind} transcript: no audio")
    return app.media_file(summary.source_path, f"call {summary.id}: its recording")


def call_recording(app: App, call_id: int) -> Path:
    """A stored call's recording, found from its summary alone (a seek asks for it with every Range request)."""
    found = call_list.summaries(app.store, call_ids=[call_id])
    if call_id not in found:
        raise NotFoundError(f"no call with id {call_id} (see `assistant calls list`)")
    return recording(app, found[call_id])
