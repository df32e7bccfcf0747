"""The readers of the real long transcripts' formats (assistant/analysis/executives/long_formats.py): each keeps what
is said, in order, by whom, and leaves out what is no one's speech."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.long_formats import (
    read_fool,
    read_inquiry,
    read_kiparla,
    read_kremlin,
    read_labelled,
    read_meeting,
    read_nysenate,
    read_refinitiv,
    read_segments,
    read_stenogram,
    read_whisper,
)
from assistant.errors import InputError


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


KREMLIN = """<html><body><p>Menu</p><div class="entry-content e-content read__internal_content" itemprop="articleBody">
<p>Vladimir Putin held a meeting on the Sochi railway with Russian Railways CEO Vladimir Yakunin.</p>
<p><b>* * *</b></p>
<p><b>President of Russia Vladimir Putin:</b> Good afternoon, colleagues.</p>
<p>Let us begin.</p>
<p><b>Russian Railways CEO <a href="/catalog/persons/240" class="person_tag">Vladimir Yakunin<span class="read__tooltip
 tooltip_person hidden"> <span class="tooltip__close"><i></i></span> <span class="tooltip__text">Yakunin Vladimir
 </span></span></a>:</b> Six tunnels on this line.</p>
<p><b>Vladimir Putin</b>: So that means nine tunnels &amp; a road.</p>
</div><div class="read__bottom"><p><b>Related:</b> Sochi 2014</p></div></body></html>"""


def test_kremlin_reader_takes_bold_labels_and_drops_the_summary_and_person_cards() -> None:
    turns = [(u.speaker, u.text) for u in read_kremlin(KREMLIN, "en")]
    assert turns == [
        ("President of Russia Vladimir Putin", "Good afternoon, colleagues. Let us begin."),
        ("Russian Railways CEO Vladimir Yakunin", "Six tunnels on this line."),
        ("Vladimir Putin", "So that means nine tunnels & a road."),
    ]
    assert read_kremlin("<html><p><b>Putin:</b> no article body</p></html>", "en") == ()


NYSENATE = """                                                              1

 1   BEFORE THE NEW YORK STATE SENATE FINANCE
 2   ----------------------------------------------------
 3              JOINT LEGISLATIVE HEARING
11   PRESIDING:
12              Senator Liz Krueger
15   PRESENT:
16              Senator James L. Seward
\f                                                     2

 1   2020-2021 Executive Budget
     Higher Education
 2   2-4-20

 3                    LIST OF SPEAKERS
 4   Kristina M. Johnson
     Chancellor                              9        20
\f                                                     3

 1   2020-2021 Executive Budget
     Higher Education
 2   2-4-20

 3         CHAIRWOMAN WEINSTEIN:      If people could

 4   take their seats.
                                                     253

 5         SENATOR LaVALLE:    That's all right.
 6         SUNY CFO McLOUGHLIN:
 7   {Inaudible.} Thirteen billion.
\f                                                     4

 1   2020-2021 Executive Budget
     Higher Education
 2   2-4-20

 3         FRANK SCIREMAMMANO, JR.:  Good evening.
 4   Thank you, Senator: 12 of us came.
"""


def test_nysenate_reader_drops_the_cover_page_furniture_and_line_numbers() -> None:
    turns = [(u.speaker, u.text) for u in read_nysenate(NYSENATE, "en")]
    assert turns == [
        ("CHAIRWOMAN WEINSTEIN", "If people could take their seats."),
        ("SENATOR LaVALLE", "That's all right."),
        ("SUNY CFO McLOUGHLIN", "{Inaudible.} Thirteen billion."),
        ("FRANK SCIREMAMMANO, JR.", "Good evening. Thank you, Senator: 12 of us came."),
    ]
    assert [u.start for u in read_nysenate(NYSENATE, "en")] == [0.0, 30.0, 60.0, 90.0]


def test_kiparla_reader_joins_a_speakers_consecutive_units_and_drops_empty_lines() -> None:
    text = "BO026\teh mh\nBO026\tmi ricorda il suo nome\nBO020\tallora io mi chiamo anna\n\nBO020\t \nBO026\tsì\n"
    utts = read_kiparla(text, "it")
    assert [(u.speaker, u.text) for u in utts] == [
        ("BO026", "eh mh mi ricorda il suo nome"),
        ("BO020", "allora io mi chiamo anna"),
        ("BO026", "sì"),
    ]
    assert {u.language for u in utts} == {"it"} and utts[1].start > utts[0].start
