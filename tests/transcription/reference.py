"""What a transcript of a rendered sample call must keep on any CPU, checked against its reference VTT.

Whisper's segmentation and a word or two differ between CPUs (the same model, the same audio), so these checks
never compare one machine's utterance boundaries. They hold the properties a user relies on:

- no utterance of one side spans a turn of the other side (turns are never swallowed);
- the sides take turns in the reference's order (consecutive turns of one side may be one utterance or several);
- each run of one side's turns starts and ends within a tolerance of the reference's times;
- the words are the reference's words within a word error rate bound, for the whole call and (looser, short runs
  of a few words swing widely) for each run of one side's turns, so words never land in another run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jiwer

from assistant.records import Transcript, Utterance

TIME_TOLERANCE = 1.5  # seconds: rendered pauses are 0.45-0.85 s, Whisper's word times drift a few tenths
_CUE = re.compile(r"(\d\d:\d\d:[\d.]+) --> (\d\d:\d\d:[\d.]+)\n([^:]+): (.+)")


@dataclass(frozen=True)
class Turn:
    start: float
    end: float
    role: str
    text: str


def norm(text: str) -> str:
    """Lower case, punctuation dropped, digits kept: what word error rates are computed on."""
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


def _seconds(stamp: str) -> float:
    return sum(float(p) * m for p, m in zip(stamp.split(":"), (3600, 60, 1), strict=True))


def reference_turns(path: Path, rep_marker: str = "Brightwave") -> list[Turn]:
    """The turns of a reference VTT (``Name (Company): text``); a speaker naming ``rep_marker`` is the rep."""
    text = path.read_text(encoding="utf-8")
    return [
        Turn(_seconds(a), _seconds(b), "rep" if rep_marker in who else "customer", line)
        for a, b, who, line in _CUE.findall(text)
    ]


def _runs(items: list, role_of) -> list[list]:  # type: ignore[no-untyped-def, type-arg]
    return [list(run) for _, run in groupby(items, key=role_of)]


def run_errors(transcript: Transcript, turns: list[Turn]) -> list[float]:
    """Word error rate of each run of one side's turns against the utterances of the matching run."""
    heard = _runs(list(transcript.utterances), lambda u: u.role)
    wanted = _runs(turns, lambda t: t.role)
    return [
        jiwer.wer(norm(" ".join(t.text for t in want)), norm(" ".join(u.text for u in got)))
        for want, got in zip(wanted, heard, strict=True)
    ]


def call_error(transcript: Transcript, turns: list[Turn]) -> float:
    """Word error rate of the whole call (both sides, in time order)."""
    return float(
        jiwer.wer(norm(" ".join(t.text for t in turns)), norm(" ".join(u.text for u in transcript.utterances)))
    )


def turn_problems(transcript: Transcript, turns: list[Turn], max_wer: float, max_run_wer: float) -> list[str]:
    """Every way ``transcript`` fails to keep the reference's turns; empty when it keeps them."""
    problems = [_swallowed(u, turns) for u in transcript.utterances]
    heard = _runs(list(transcript.utterances), lambda u: u.role)
    wanted = _runs(turns, lambda t: t.role)
    if [r[0].role for r in heard] != [r[0].role for r in wanted]:
        return [p for p in problems if p] + [
            f"sides in order {[r[0].role for r in heard]}, reference {[r[0].role for r in wanted]}"
        ]
    for want, got in zip(wanted, heard, strict=True):
        if abs(got[0].start - want[0].start) > TIME_TOLERANCE or abs(got[-1].end - want[-1].end) > TIME_TOLERANCE:
            problems.append(f"{want[0].role} run {want[0].start:.1f}-{want[-1].end:.1f} heard at "
                            f"{got[0].start:.1f}-{got[-1].end:.1f}")  # fmt: skip
    for want, error in zip(wanted, run_errors(transcript, turns), strict=True):
        if error > max_run_wer:
            problems.append(f"{want[0].role} run at {want[0].start:.1f}: word error rate {error:.2f} > {max_run_wer}")
    error = call_error(transcript, turns)
    if error > max_wer:
        problems.append(f"word error rate of the call {error:.2f} > {max_wer}")
    return [p for p in problems if p]


def _swallowed(u: Utterance, turns: list[Turn]) -> str:
    inside = [t for t in turns if t.role != u.role and t.start > u.start + 0.5 and t.end < u.end - 0.5]
    return (
        f"{u.role} utterance {u.start:.1f}-{u.end:.1f} spans the other side's turn at {inside[0].start:.1f}"
        if inside
        else ""
    )
