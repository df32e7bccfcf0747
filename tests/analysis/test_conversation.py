"""Conversation metrics from who spoke when (canned transcripts with known answers)."""

from __future__ import annotations

import pytest

from assistant.analysis.conversation import REFERENCES, measure, per_rep, stretches, verdict
from assistant.records import Transcript, Utterance


def _u(role: str, start: float, end: float, text: str = "words") -> Utterance:
    return Utterance(role, role, start, end, text)  # type: ignore[arg-type]


CALL = Transcript(
    (
        _u("rep", 0.0, 10.0, "Hi. How are things? Any news on the budget?"),
        _u("customer", 11.0, 31.0),
        _u("customer", 32.0, 40.0),  # same story: no rep word in between
        _u("rep", 42.0, 50.0, "I see. What would help?"),
        _u("customer", 50.0, 60.0),
    ),
    "en",
    120.0,
    "audio",
)


def test_talk_ratio_monologue_story_and_switches() -> None:
    m = measure(CALL)
    assert (m.rep_seconds, m.customer_seconds) == (18.0, 38.0)
    assert m.talk_ratio == pytest.approx(32.1, abs=0.05)
    assert m.longest_monologue == 10.0 and m.longest_customer_story == 29.0
    assert m.interactivity == pytest.approx(1.5)  # 3 switches in 2 minutes
    assert m.patience == pytest.approx(2.0)  # the rep answered the story (ended 40 s) at 42 s
    assert m.rep_questions == 3 and m.rep_questions_per_hour == pytest.approx(90.0)


def test_stretches_join_a_sides_lines_until_the_other_side_speaks() -> None:
    assert [(s.role, s.start, s.end) for s in stretches(CALL.utterances)] == [
        ("rep", 0.0, 10.0), ("customer", 11.0, 40.0), ("rep", 42.0, 50.0), ("customer", 50.0, 60.0),
    ]  # fmt: skip


def test_a_call_without_both_sides_has_no_ratios() -> None:
    mono = Transcript((Utterance("S1", "unknown", 0, 5, "Hello?"),), "en", 5.0, "audio")
    m = measure(mono)
    assert m.talk_ratio is None and m.interactivity is None and m.patience is None


def test_per_rep_means_and_verdicts_against_the_references() -> None:
    a = measure(CALL)
    b = measure(Transcript((_u("rep", 0, 90), _u("customer", 91, 101)), "en", 101.0, "audio"))
    summary = per_rep([a, b])
    assert summary["calls"] == 2
    assert summary["talk_ratio"] == pytest.approx((a.talk_ratio + b.talk_ratio) / 2, abs=0.01)  # type: ignore[operator]
    assert verdict("talk_ratio", b.talk_ratio) == "high" and verdict("talk_ratio", a.talk_ratio) == "ok"
    assert verdict("longest_customer_story", 10.0) == "low" and verdict("interactivity", 3.0) == ""
    assert all(ref.source for ref in REFERENCES.values())
