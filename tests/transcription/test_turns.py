"""Turns stay turns: one side's speech is never glued across the other side's turn into one utterance.

The checks against the reference (tests/transcription/reference.py) hold on any CPU: they never compare one
machine's utterance boundaries. Measured on an AMD EPYC (2 cores) on the five rendered English calls: word error
rate of the call 0.065-0.077, of a run of one side's turns at most 0.31, no other problem.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.records import Transcript, Utterance
from assistant.transcription.whisper import PAUSE_SPLIT_SECONDS, split_at_pauses
from tests.conftest import SAMPLES
from tests.transcription.reference import Turn, reference_turns, turn_problems

MAX_WER, MAX_RUN_WER = 0.2, 0.5


def _words(*spans: tuple[float, float]) -> list[SimpleNamespace]:
    return [SimpleNamespace(start=a, end=b, word=f" w{i}") for i, (a, b) in enumerate(spans)]


def test_split_at_pauses() -> None:
    words = _words((0.0, 0.4), (0.5, 0.9), (0.9 + PAUSE_SPLIT_SECONDS, 3.0), (3.1, 3.5), (9.0, 9.2))
    assert [len(run) for run in split_at_pauses(words)] == [2, 2, 1]
    assert split_at_pauses([]) == []
    assert len(split_at_pauses(_words((0.0, 1.0), (2.4, 3.0)))) == 1  # 1.4 s: a pause inside a turn


TURNS = [
    Turn(0.5, 3.0, "rep", "Hi Sam, thanks for setting this up."),
    Turn(3.5, 6.0, "customer", "Hi, this is Dana, the CFO."),
    Turn(6.45, 9.0, "customer", "Dana wants to see the return."),
    Turn(9.5, 12.0, "rep", "That's a fair question."),
]


def _said(role: str, start: float, end: float, text: str) -> Utterance:
    return Utterance(speaker=role, role=role, start=start, end=end, text=text)  # type: ignore[arg-type]


def _transcript(*utterances: Utterance) -> Transcript:
    return Transcript(utterances=utterances, language="en", duration=12.0, source_kind="audio", channels=2)


GOOD = _transcript(
    _said("rep", 0.3, 3.1, "Hi Sam, thanks for saving this up."),
    _said("customer", 3.4, 9.1, "Hi, this is Dana, the CFO. Dana wants to see the return."),  # two turns, one line
    _said("rep", 9.6, 12.0, "That's a fair question."),
)


def test_the_turn_checks_accept_a_faithful_transcript_and_name_each_fault() -> None:
    assert turn_problems(GOOD, TURNS, MAX_WER, MAX_RUN_WER) == []
    rep, customer, last = GOOD.utterances
    swallowed = _transcript(replace(rep, end=12.0, text=f"{rep.text} {last.text}"), customer)
    assert any("spans the other side's turn at 3.5" in p for p in turn_problems(swallowed, TURNS, 1.0, 1.0))
    assert any("sides in order" in p for p in turn_problems(_transcript(rep, last, customer), TURNS, 1.0, 1.0))
    late = _transcript(rep, replace(customer, start=5.2), last)
    assert turn_problems(late, TURNS, 1.0, 1.0) == ["customer run 3.5-9.0 heard at 5.2-9.1"]
    moved = _transcript(  # the customer's second turn heard as the rep's
        rep,
        replace(customer, text="Hi, this is Dana, the CFO."),
        replace(last, text=f"Dana wants the return. {last.text}"),
    )
    assert [p.split(":")[0] for p in turn_problems(moved, TURNS, 1.0, MAX_RUN_WER)] == ["rep run at 9.5"]
    garbled = _transcript(rep, replace(customer, text="high this is Donna the C. F. O. Donna want to sea a turn"), last)
    assert turn_problems(garbled, TURNS, MAX_WER, 1.0) == ["word error rate of the call 0.48 > 0.2"]


@pytest.mark.whisper
@pytest.mark.parametrize("name", ["northwind-price-competitor", "cedar-cfo-joins"])
def test_rendered_call_keeps_its_turns(transcriber, name: str) -> None:  # type: ignore[no-untyped-def]
    transcript = transcriber.transcribe(Path(SAMPLES / "calls" / f"{name}.flac"))
    turns = reference_turns(SAMPLES / "reference" / f"{name}.vtt")
    assert turns and {t.role for t in turns} == {"rep", "customer"}
    assert turn_problems(transcript, turns, MAX_WER, MAX_RUN_WER) == []
