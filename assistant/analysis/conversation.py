"""Conversation metrics of a call, from who spoke when (utterance and word timings with roles).

- talk ratio: the rep's share of the speaking time of rep + customer (silence left out), in percent;
- longest rep monologue / longest customer story: the longest stretch one side speaks without the other side
  saying anything (pauses inside the stretch count, as a listener hears them);
- interactivity: switches between rep and customer per minute of call;
- patience: the rep's mean pause between a customer's turn ending and the rep's next turn starting (overlaps 0);
- rep questions per hour: question marks in the rep's lines per hour of call (Whisper punctuates questions).

``REFERENCES`` holds the figures sales teams compare these with and where each comes from; ``per_rep`` averages
the metrics of several calls the way Gong's team page does (mean of the per-call values).
None means "cannot be measured on this call" (no rep or no customer speech was identified).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, fields

from assistant.records import Transcript, Utterance

GONG_TALK = "Gong Labs, 'Mastering the talk-to-listen ratio' (2016, updated 2025), gong.io/resources/labs"
GONG_CONVERSATIONS = "Gong Labs, 'The science of winning sales conversations' (257,967 B2B calls)"
GONG_DISCOVERY = "Gong Labs, 'Navigating sales conversations' (over 1 million sales meetings)"
GONG_OBJECTIONS = "Gong Labs, objection-handling study (67,149 recorded sales meetings)"


@dataclass(frozen=True)
class Reference:
    text: str
    source: str
    low: float | None = None  # the value is "in range" from low ...
    high: float | None = None  # ... to high (None = open)


REFERENCES: dict[str, Reference] = {
    "talk_ratio": Reference("top reps talk ~43 % (43:57); above 65 % wins drop", GONG_TALK, None, 65.0),
    "longest_monologue": Reference("keep a pitch or company overview under 2 min", GONG_CONVERSATIONS, None, 120.0),
    "longest_customer_story": Reference(
        "customers talking 4 min uninterrupted win more; 50 s or less is below average", GONG_CONVERSATIONS, 50.0
    ),
    "interactivity": Reference("frequent back-and-forth raises the odds of a next meeting (no figure)", GONG_DISCOVERY),
    "patience": Reference(
        "top reps pause ~5x longer after an objection than average reps (no figure)", GONG_OBJECTIONS
    ),
    "rep_questions_per_hour": Reference("11-14 questions per discovery call", GONG_DISCOVERY),
}


@dataclass(frozen=True)
class ConversationMetrics:
    talk_ratio: float | None  # rep % of rep + customer speaking time
    rep_seconds: float
    customer_seconds: float
    longest_monologue: float | None  # seconds
    longest_customer_story: float | None
    interactivity: float | None  # switches per minute
    patience: float | None  # seconds
    rep_questions: int
    rep_questions_per_hour: float | None
    duration: float

    def as_dict(self) -> dict[str, float | int | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class _Stretch:
    role: str
    start: float
    end: float


def stretches(utterances: Sequence[Utterance]) -> list[_Stretch]:
    """Runs of rep or customer speech with no word of the other side in between."""
    out: list[_Stretch] = []
    for u in sorted((u for u in utterances if u.role in ("rep", "customer")), key=lambda u: u.start):
        if out and out[-1].role == u.role:
            out[-1] = _Stretch(u.role, out[-1].start, max(out[-1].end, u.end))
        else:
            out.append(_Stretch(u.role, u.start, u.end))
    return out


def measure(transcript: Transcript) -> ConversationMetrics:
    """The metrics of one call (module docstring)."""
    runs = stretches(transcript.utterances)
    seconds = {
        role: sum(u.end - u.start for u in transcript.utterances if u.role == role) for role in ("rep", "customer")
    }
    both = seconds["rep"] > 0 and seconds["customer"] > 0
    minutes = max(transcript.duration, 1e-9) / 60
    questions = sum(u.text.count("?") + u.text.count("？") for u in transcript.utterances if u.role == "rep")
    return ConversationMetrics(
        talk_ratio=round(100 * seconds["rep"] / (seconds["rep"] + seconds["customer"]), 1) if both else None,
        rep_seconds=round(seconds["rep"], 1),
        customer_seconds=round(seconds["customer"], 1),
        longest_monologue=_longest(runs, "rep") if both else None,
        longest_customer_story=_longest(runs, "customer") if both else None,
        interactivity=round((len(runs) - 1) / minutes, 2) if both else None,
        patience=_patience(runs) if both else None,
        rep_questions=questions,
        rep_questions_per_hour=round(questions / minutes * 60, 1) if both else None,
        duration=transcript.duration,
    )


def _longest(runs: list[_Stretch], role: str) -> float | None:
    lengths = [r.end - r.start for r in runs if r.role == role]
    return round(max(lengths), 1) if lengths else None


def _patience(runs: list[_Stretch]) -> float | None:
    pauses = [max(0.0, b.start - a.end) for a, b in itertools.pairwise(runs) if (a.role, b.role) == ("customer", "rep")]
    return round(sum(pauses) / len(pauses), 2) if pauses else None


def per_rep(metrics: Sequence[ConversationMetrics]) -> dict[str, float | int | None]:
    """Mean of each metric over the calls where it could be measured; ``calls`` = how many calls."""
    out: dict[str, float | int | None] = {"calls": len(metrics)}
    for f in fields(ConversationMetrics):
        values = [getattr(m, f.name) for m in metrics if getattr(m, f.name) is not None]
        out[f.name] = round(sum(values) / len(values), 2) if values else None
    return out


def verdict(name: str, value: float | None) -> str:
    """'ok', 'high', 'low' against REFERENCES (or '' when there is no figure or no value)."""
    ref = REFERENCES.get(name)
    if ref is None or value is None:
        return ""
    if ref.high is not None and value > ref.high:
        return "high"
    if ref.low is not None and value < ref.low:
        return "low"
    return "ok" if ref.low is not None or ref.high is not None else ""
