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
    held_sets,
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


def test_later_held_out_sets_are_left_out_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Operator: Welcome.\nAdam Berry: Thanks.\n")
    ref = tmp_path / "ref.yaml"
    call = "{id: %s, file: a.txt, format: labelled, %s executives: [{name: X, titles: [CFO], kind: speaking}]}"
    for k in (2, 3, 10, 15, 16, 17):
        ref.write_text(f"calls:\n  - {call % ('c1', '')}\n  - {call % (f'c{k}', f'split: held{k},')}\n")
        assert [c.id for c in load_real(ref, tmp_path)] == ["c1"]
        assert [c.source for c in load_real(ref, tmp_path, frozenset({f"held{k - 1}"}))] == ["real"]
        assert [(c.id, c.source) for c in load_real(ref, tmp_path, frozenset({f"held{k}"}))] == [
            ("c1", "real"),
            (f"c{k}", f"held{k}"),
        ]
    for bad in ("later", "held1", "held02", "held 3"):
        ref.write_text(f"calls:\n  - {call % ('c3', f'split: {bad},')}\n")
        with pytest.raises(InputError, match="c3: split must be"):
            load_real(ref, tmp_path)


def test_held_sets_reads_all_numbers_and_ranges(tmp_path: Path) -> None:
    ref = tmp_path / "ref.yaml"
    calls = ("{id: a}", "{id: b, split: held}", "{id: c, split: held4}", "{id: d, split: held16}")
    ref.write_text("calls:\n" + "".join(f"  - {c}\n" for c in calls))
    assert held_sets("all", ref) == {"held4", "held16"}
    assert held_sets("2-4", ref) == {"held2", "held3", "held4"}
    assert held_sets("13,15, 16", ref) == {"held13", "held15", "held16"}
    assert held_sets("2-3,16", ref) == {"held2", "held3", "held16"}
    for bad in ("1", "5-3", "x", "2-", ""):
        with pytest.raises(InputError, match="no set number or range"):
            held_sets(bad, ref)


def test_bad_references_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "xx.yaml"
    bad.write_text("language: en\ncalls:\n  - id: a1\n    lines: ['customer: hi']\n    executives: [{name: X}]\n")
    with pytest.raises(InputError, match=r"xx\.yaml: a1: each executive needs 'name:' \(~ for a nameless"):
        load_written(tmp_path)
    with pytest.raises(InputError, match="none of the transcripts"):
        load_real(REFERENCE, tmp_path)
