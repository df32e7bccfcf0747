"""Executive accuracy on the written long multi-party calls (tests/analysis/eval_exec_long), the long-call
scoring itself and the loading of the real transcripts named in bench/exec_long/reference.yaml (their formats' readers:
test_long_formats.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.executives.long_eval import (
    LongCall,
    Person,
    evaluate_long,
    load_real,
    load_written,
    score_long,
)
from assistant.errors import InputError
from assistant.records import Transcript, Utterance

WRITTEN = Path(__file__).parent.parent / "eval_exec_long"
REFERENCE = Path(__file__).parents[3] / "bench" / "exec_long" / "reference.yaml"

# measured 2026-12-06 on the written calls: 1.00 in every language after the fourth session's work (they
# were also the calls the work was checked against, so these floors guard against regressions; the
# real-transcript figures are in docs/benchmarks.md)
FLOORS = {"en": 0.95, "it": 0.95, "ru": 0.95, "pl": 0.95, "zh": 0.95, "all": 0.97}


@pytest.fixture(scope="module")
def scores() -> dict[str, object]:
    return score_long([evaluate_long(c) for c in load_written(WRITTEN)])  # type: ignore[return-value]


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_written_long_calls_f1_floor(scores: dict, lang: str) -> None:
    score = scores["all" if lang == "all" else f"written {lang}"]
    assert score.f1 >= FLOORS[lang], (lang, score)


def test_every_language_has_long_calls() -> None:
    calls = load_written(WRITTEN)
    assert {c.language for c in calls} == {"en", "it", "ru", "pl", "zh"}
    assert all(len(c.transcript.utterances) >= 10 and len(c.people) >= 3 for c in calls)


def _one(text: str, *people: Person) -> LongCall:
    utt = Utterance("customer", "customer", 0.0, 5.0, text, language="en")
    return LongCall("t1", "en", "written", Transcript((utt,), "en", 5.0, "vtt"), people)


def test_scoring_is_per_person_and_title() -> None:
    cfo = Person("Laura Stein", ("CFO",), "mentioned")
    assert evaluate_long(_one("Our CFO, Laura Stein, approves it.", cfo)).score.tp == 1
    wrong = evaluate_long(_one("Our CEO, Laura Stein, approves it.", cfo))
    assert (wrong.score.tp, wrong.score.fp, wrong.score.fn) == (0, 1, 1)
    assert "wrong title" in wrong.extra[0][1]
    nameless = evaluate_long(_one("Our CFO approves it.", cfo))
    assert (nameless.score.fp, nameless.extra[0][1]) == (1, "no name")
    optional = Person("Laura Stein", ("CFO",), "mentioned", optional=True)
    assert evaluate_long(_one("Nothing here.", optional)).score.fn == 0


def test_second_held_out_set_is_left_out_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Operator: Welcome.\nAdam Berry: Thanks.\n")
    ref = tmp_path / "ref.yaml"
    call = "{id: %s, file: a.txt, format: labelled, %s executives: [{name: X, titles: [CFO], kind: speaking}]}"
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c2', 'split: held2,')}\n")
    assert [c.id for c in load_real(ref, tmp_path)] == ["c1"]
    assert [(c.id, c.source) for c in load_real(ref, tmp_path, frozenset({"held2"}))] == [
        ("c1", "real"),
        ("c2", "held2"),
    ]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c3', 'split: held3,')}\n")
    assert [c.id for c in load_real(ref, tmp_path, frozenset({"held2"}))] == ["c1"]
    assert [(c.id, c.source) for c in load_real(ref, tmp_path, frozenset({"held3"}))] == [
        ("c1", "real"),
        ("c3", "held3"),
    ]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c4', 'split: held4,')}\n")
    assert [c.id for c in load_real(ref, tmp_path, frozenset({"held2", "held3"}))] == ["c1"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held4"}))] == ["real", "held4"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c5', 'split: held5,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held4"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held5"}))] == ["real", "held5"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c6', 'split: held6,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held5"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held6"}))] == ["real", "held6"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c7', 'split: held7,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held7"}))] == ["real", "held7"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c8', 'split: held8,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held8"}))] == ["real", "held8"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c10', 'split: held10,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held9"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held10"}))] == ["real", "held10"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c12', 'split: held12,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held11"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held12"}))] == ["real", "held12"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c13', 'split: held13,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held12"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held13"}))] == ["real", "held13"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c14', 'split: held14,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held13"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held14"}))] == ["real", "held14"]
    ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % ('c15', 'split: held15,')}\n")
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held14"}))] == ["real"]
    assert [c.source for c in load_real(ref, tmp_path, frozenset({"held15"}))] == ["real", "held15"]
    ref.write_text(f"calls:\n  - {call % ('c3', 'split: later,')}\n")
    with pytest.raises(InputError, match="c3: split must be"):
        load_real(ref, tmp_path)


def test_bad_references_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "xx.yaml"
    bad.write_text("language: en\ncalls:\n  - id: a1\n    lines: ['customer: hi']\n    executives: [{name: X}]\n")
    with pytest.raises(InputError, match=r"xx\.yaml: a1: each executive needs 'name:' \(~ for a nameless"):
        load_written(tmp_path)
    with pytest.raises(InputError, match="none of the transcripts"):
        load_real(REFERENCE, tmp_path)
