"""Executive accuracy on the written long multi-party calls (tests/analysis/eval_exec_long), the long-call
scoring itself, and the readers of the real transcripts' formats (bench/exec_long.py scores those)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.executives.long_eval import (
    LongCall,
    Person,
    evaluate_long,
    load_real,
    load_written,
    read_fool,
    read_inquiry,
    read_labelled,
    read_meeting,
    read_refinitiv,
    read_segments,
    read_stenogram,
    read_whisper,
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


def test_readers_of_the_real_formats() -> None:
    labelled = read_labelled("# AAPL call\n\n**Date:** x\nOperator: Welcome.\nTimothy D. Cook: Thanks.\n", "en")
    assert [(u.speaker, u.text) for u in labelled] == [("Operator", "Welcome."), ("Timothy D. Cook", "Thanks.")]
    whisper = read_whisper(
        "[00:28.5 - 00:33.4] I would now like to turn the conference over to Craig Oberg, Vice President of\n"
        "[00:33.4 - 00:35.9] Investor Relations.\n[00:35.9 - 00:36.9] Please go ahead.\n",
        "en",
    )
    assert [u.text for u in whisper] == [
        "I would now like to turn the conference over to Craig Oberg, Vice President of Investor Relations.",
        "Please go ahead.",
    ]
    assert (whisper[0].start, whisper[0].end, whisper[0].role) == (28.5, 35.9, "unknown")
    segments = read_segments(
        "[7.680 --> 10.360] 很 開心 今日 邀 請 到 陳 志 孝, 陳 副 總\n[10.4 --> 11.0]   \n"
        "[12.0 --> 13.5] We're happy to have our IR Manager, Jessie Wang here.\n",
        "zh",
    )
    assert [u.text for u in segments] == [
        "很開心今日邀請到陳志孝, 陳副總",
        "We're happy to have our IR Manager, Jessie Wang here.",
    ]
    assert (segments[0].start, segments[0].end, segments[0].speaker) == (7.68, 10.36, "speaker")


STREET = """REFINITIV STREETEVENTS
CORPORATE PARTICIPANTS
Adam Berry Jabil Inc.
Michael Dastoor Jabil Inc. - Executive VP & CFO
PRESENTATION
Operator
Welcome. I will now turn the conference over to Adam Berry, SVP, IR.
Adam Berry - Jabil Inc.
Joining me is our Chief Financial Officer,
3
REFINITIV STREETEVENTS | www.refinitiv.com | Contact Us
Mike Dastoor.
Michael Dastoor - Jabil Inc. - Executive VP & CFO
Thanks, Adam.
DISCLAIMER
Refinitiv reserves the right.
"""


def test_refinitiv_reader_drops_titles_of_speaker_lines_and_page_furniture() -> None:
    turns = [(u.speaker, u.text) for u in read_refinitiv(STREET, "en")]
    assert turns == [
        ("Operator", "Welcome. I will now turn the conference over to Adam Berry, SVP, IR."),
        ("Adam Berry", "Joining me is our Chief Financial Officer, Mike Dastoor."),
        ("Michael Dastoor", "Thanks, Adam."),
    ]


FOOL = """{"header_texts": ["Contents:"],
 "prepared_remarks": [
  {"speaker": "Operator", "speech": "Welcome. Over to Paul Ziots, Vice President of Investor Relations."},
  {"speaker": "Paul Ziots", "speech": "Thank you.\\nOn the call, we have Raghu Raghuram, Chief Executive Officer."}],
 "q_and_a": [{"speaker": "Raghu Raghuram", "speech": "Thanks, Paul."},
             {"speaker": "Duration: 61 minutes", "speech": ""}],
 "participants": ["Paul Ziots--Vice President, Investor Relations", "Sumit Dhawan--President"]}"""


def test_fool_reader_keeps_turns_in_order_and_drops_the_participants_list() -> None:
    turns = [(u.speaker, u.text) for u in read_fool(FOOL, "en")]
    assert turns == [
        ("Operator", "Welcome. Over to Paul Ziots, Vice President of Investor Relations."),
        ("Paul Ziots", "Thank you. On the call, we have Raghu Raghuram, Chief Executive Officer."),
        ("Raghu Raghuram", "Thanks, Paul."),
    ]
    assert not any("Sumit" in u.text or "Sumit" in u.speaker for u in read_fool(FOOL, "en"))
    with pytest.raises(InputError, match="not a JSON transcript"):
        read_fool("Operator: hello", "en")


MEETING = """{"topic_list": [{"topic": "Opening", "relevant_text_span": [["0", "1"]]}],
 "general_query_list": [{"query": "Summarize the whole meeting.", "answer": "The Director spoke."}],
 "meeting_transcripts": [
  {"speaker": "Lynne Neagle AM", "content": "I'd like to welcome Steve Davies, who is director of education."},
  {"speaker": "Steve Davies", "content": "Thank you,\\n Chair."},
  {"speaker": "The Chair", "content": "  "}]}"""


def test_meeting_reader_keeps_the_turns_and_drops_the_queries() -> None:
    turns = [(u.speaker, u.text) for u in read_meeting(MEETING, "en")]
    assert turns == [
        ("Lynne Neagle AM", "I'd like to welcome Steve Davies, who is director of education."),
        ("Steve Davies", "Thank you, Chair."),
    ]
    with pytest.raises(InputError, match="not a JSON transcript"):
        read_meeting("Lynne Neagle AM: hello", "en")


STENOGRAM = """# 10. kadencja, 20. posiedzenie

## 1. punkt porządku dziennego:

### Informacja Prezesa Rady Ministrów.

#### Prezes Rady Ministrów Donald Tusk:

Panie Marszałku! Wysoka Izbo!

Dziękuję bardzo.

---

> *Poseł Anna Gembicka interrupts:* Wstyd!

#### Poseł Jan Kowalski:

Pytanie do pana premiera.
"""


def test_stenogram_reader_keeps_labels_as_written_and_interjections_as_lines() -> None:
    turns = [(u.speaker, u.text) for u in read_stenogram(STENOGRAM, "pl")]
    assert turns == [
        ("Prezes Rady Ministrów Donald Tusk", "Panie Marszałku! Wysoka Izbo!"),
        ("Prezes Rady Ministrów Donald Tusk", "Dziękuję bardzo."),
        ("Poseł Anna Gembicka", "Wstyd!"),
        ("Poseł Jan Kowalski", "Pytanie do pana premiera."),
    ]
    assert all(u.language == "pl" and u.role == "unknown" for u in read_stenogram(STENOGRAM, "pl"))


INQUIRY = """12 March 2025
=============

*(10.00 am)*

**Lady Hallett**: Mr Wald.

**Mr Wald**: My Lady, our first witness this morning is

Mr Graham Russell. Could the witness

please be sworn.

Mr Graham Russell
-----------------

*MR GRAHAM RUSSELL (sworn).*

Questions From Counsel to the Inquiry
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

**Counsel Inquiry**: You are the chief executive at OPSS; is that correct?

**Mr Graham Russell**: Yes.
"""


def test_inquiry_reader_joins_the_paragraphs_of_a_turn_and_drops_headings() -> None:
    turns = [(u.speaker, u.text) for u in read_inquiry(INQUIRY, "en")]
    assert turns == [
        ("Lady Hallett", "Mr Wald."),
        ("Mr Wald", "My Lady, our first witness this morning is Mr Graham Russell. Could the witness please be sworn."),
        ("Counsel Inquiry", "You are the chief executive at OPSS; is that correct?"),
        ("Mr Graham Russell", "Yes."),
    ]
    assert [u.start for u in read_inquiry(INQUIRY, "en")] == [0.0, 30.0, 60.0, 90.0]


def test_second_held_out_set_is_left_out_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STREET)
    ref = tmp_path / "ref.yaml"
    call = "{id: %s, file: a.txt, format: refinitiv, %s executives: [{name: X, titles: [CFO], kind: speaking}]}"
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
