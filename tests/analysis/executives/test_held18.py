"""held18's constructions (issue 10 §6), fixed after its one scoring (the Post Office Horizon IT Inquiry): counsel's
", as Chief Executive, you ...?" (the seat of the one asked, theirs only if they say yes), past seats of the one spoken
to ("you became Executive Chairman", "You were appointed as Director of ..."), a holder who has left ("the CIO that
has just retired"), "David Jones, who was, I think, the Head of Legal", words that are no person's name (a pronoun, a
unit of an organisation, a seat), a name in a quoted document, public bodies' seats ("the Chairman of this Inquiry",
"the Director of Public Prosecutions"), "a newly arrived CFO", "the CFO report", "<Name> became <title>" and one seat
with a list of names after it ("the Managing Director, Stares, and Mike Coombs")."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people


def test_a_seat_asked_of_the_listener_is_theirs_only_on_a_yes() -> None:
    asked = (
        "Mr Stevens/unknown: Would you accept that, as Chief Executive, you had a responsibility to exercise care "
        "to see that those filters were working properly?"
    )
    assert people(call("en", asked, "Richard Christou/unknown: Yes, I would.")) == {("CEO", "Richard Christou")}
    assert call("en", asked, "Richard Christou/unknown: I had many responsibilities.") == ()
    assert call("en", asked) == ()
    led = "Mr Blake/unknown: Was it something, as the Managing Director of Fujitsu, should have been run past you?"
    assert call("en", led, "Duncan Tait/unknown: No.") == ()


def test_the_speakers_own_as_title_is_still_a_self_introduction() -> None:
    assert people(call("en", "Dana Brooks/customer: As CFO, I think this is right?")) == {("CFO", "Dana Brooks")}


@pytest.mark.parametrize(
    "line",
    [
        "Mr Stevens/unknown: In April 2004, you became Executive Chairman of what was then Fujitsu Services Plc?",
        "Mr Stevens/unknown: You were appointed as Director of Commercial and Legal Affairs of International Computers "
        "Limited in 1990?",
        "Mr Stevens/unknown: Whilst you were in your position as Director of Legal and Commercial, did you attend the "
        "Board meetings of ICL Pathway Limited?",
        "Mr Stevens/unknown: In April 2007, you became Corporate Senior Vice President and Head of Fujitsu EMEA "
        "Regional Operations for Fujitsu Limited?",
    ],
)
def test_a_seat_of_the_one_spoken_to_said_in_the_past_is_no_one(line: str) -> None:
    assert call("en", line) == ()


def test_a_seat_whose_holder_has_left_or_was_is_no_one() -> None:
    retired = "Mr Blake/unknown: Dave Smith (as in the CIO that has just retired from the Post Office) takes a lot."
    assert call("en", retired) == ()
    aside = (
        "Mr Blake/unknown: We can see that he has sent that on to David Jones, who was, I think, the Head of Legal at "
        "Fujitsu; these procedures are to be looked at closely."
    )
    assert call("en", aside) == ()


@pytest.mark.parametrize(
    "line",
    [
        "Martin Smith/unknown: I assumed that it would be going back to the head of the Legal Department to decide.",
        "Richard Christou/unknown: In practice, the Chief Executive reported to -- well, he was called Managing "
        "Director -- reported to the board.",
    ],
)
def test_a_unit_or_a_seat_is_no_name(line: str) -> None:
    assert all(e.name not in ("Department", "Managing Director") for e in call("en", line))


def test_a_name_in_a_quoted_document_is_not_the_one_asked() -> None:
    line = (
        'Mr Stevens/unknown: The issue being described, in particular "the use of such technique puts Pathway in '
        'contravention of contractual undertakings", is that a type of issue that you would have expected to be '
        "raised to you as Chief Executive?"
    )
    assert all(e.name != "Pathway" for e in call("en", line))


@pytest.mark.parametrize(
    "line",
    [
        "Ms Watt/unknown: Sir Wyn, the Chairman of this Inquiry, has said so.",
        "Ms Watt/unknown: It is like going to a meeting with the Director of Public Prosecutions to persuade him.",
    ],
)
def test_a_public_bodys_seat_is_no_one(line: str) -> None:
    assert call("en", line) == ()


def test_a_board_committees_chair_is_still_a_seat() -> None:
    found = call("en", "customer: Our Chairman of the Audit Committee, Jane Smith, will speak.")
    assert people(found) == {("Chairman", "Jane Smith")}


def test_a_newly_arrived_holder_is_a_kind_of_person_unless_the_seat_is_filled() -> None:
    arrived = "Christopher Aujard/unknown: This is in the context of a newly arrived CFO, who has limited background."
    assert call("en", arrived) == ()
    filled = call("en", "customer: We have a newly appointed CFO, Jane Smith.")
    assert people(filled) == {("CFO", "Jane Smith")}


def test_a_document_named_after_a_seat_is_no_one() -> None:
    assert call("en", "Mr Stevens/unknown: If we can go to page 3, please, the CFO report?") == ()


def test_a_name_that_became_the_seat_holds_it() -> None:
    line = (
        "Mr Stevens/unknown: The functions that you kept when Mr David Courtley became Chief Operating Officer in "
        "July 2002, did you pass those down?"
    )
    assert people(call("en", line)) == {("COO", "David Courtley")}


def test_one_seat_before_a_list_of_names_is_the_first_names() -> None:
    line = (
        "Richard Christou/unknown: You can see it's gone up to the Managing Director, Stares, and Mike Coombs, and "
        "they're all down here."
    )
    assert people(call("en", line)) == {("Managing Director", "Stares")}
    plural = call("en", "customer: Our regional presidents, Jane Roe and Bob Lee, are here.")
    assert people(plural) == {("President", "Jane Roe"), ("President", "Bob Lee")}


def test_a_seat_asked_past_a_quoted_document_or_before_your_is_the_one_askeds() -> None:
    pausing = (
        'Mr Blake/unknown: The response is: "You are aware that, if I recall it properly, Fujitsu might have some '
        'liability." Pausing there, as Managing Director, would it not have been important for you to be aware?'
    )
    assert people(call("en", pausing, "Duncan Tait/unknown: Yes.")) == {("Managing Director", "Duncan Tait")}
    lines = "Mr Stevens/unknown: In terms of as Chief Executive, your reporting lines, who reported to you directly?"
    assert call("en", lines, "Richard Christou/unknown: Several people did.") == ()


def test_a_surname_between_commas_after_the_seat_is_its_holder() -> None:
    line = "Richard Christou/unknown: Well, there's the Chief Finance Officer, Adachi, he reported direct to Japan."
    assert people(call("en", line)) == {("CFO", "Adachi")}


def test_a_holder_said_with_at_that_time_would_have_been() -> None:
    line = "Duncan Tait/unknown: I think the Head of Legal at that time would have been David Roberts, I think."
    assert people(call("en", line)) == {("Head of Legal", "David Roberts")}


def test_one_of_an_organisations_directors_in_apposition_is_a_seat() -> None:
    line = (
        "Mr Blake/unknown: This is a report prepared by Charles McLachlan, a Director of Amsphere Consulting Limited."
    )
    assert people(call("en", line)) == {("Director", "Charles McLachlan")}
    assert call("en", "customer: We need a Director of Sales.") == ()


def test_head_of_law_is_the_legal_function() -> None:
    line = 'Ms Watt/unknown: It says: "Martin mentioned Susan Crichton, who is Head of Law at the Post Office."'
    assert people(call("en", line)) == {("Head of Legal", "Susan Crichton")}
