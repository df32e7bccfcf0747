"""The words around a title (``context``): "the GM of this business" (the speaker's own unit, like "of our"),
"joined us ... from ADP" (joined the company, not the call), "Jane Smith is the CFO" (said of someone, no
self-introduction)."""

from __future__ import annotations

from tests.analysis.executives.lines import call


def test_a_title_of_this_unit_is_the_speakers_company() -> None:
    line = "Barry McCarthy/unknown: Garry Capers is the GM of this business."
    assert [(e.title, e.name) for e in call("en", line)] == [("General Manager", "Garry Capers")]
    assert call("en", "customer: The owner of this project called.") == ()


def test_joined_us_from_another_company_is_a_hire_not_presence() -> None:
    hired = "Barry McCarthy/unknown: Garry Capers is the GM of this business and joined us most recently from ADP."
    assert [e.kind for e in call("en", hired)] == ["mentioned"]
    present = "Barry McCarthy/unknown: Our CFO, Keith Bush, has joined us today."
    assert [e.kind for e in call("en", present)] == ["speaking"]


def test_a_name_and_a_copula_is_no_self_introduction() -> None:
    said = call("en", "Barry McCarthy/unknown: Jane Smith is the CFO.")
    assert [(e.name, e.kind) for e in said] == [("Jane Smith", "mentioned")]
    intro = call("en", "unknown: Hi everyone, this is Amy Lee, Director of Finance.")
    assert [(e.name, e.kind) for e in intro] == [("Amy Lee", "speaking")]


def test_a_new_seat_said_after_the_title_is_filled() -> None:
    """ "Abbiamo un direttore marketing nuovo": a seat someone was hired into, like "abbiamo un nuovo direttore"."""
    found = call("it", "customer: Abbiamo un direttore marketing nuovo, si chiama Franco.")
    assert [(e.title, e.name) for e in found] == [("CMO", "Franco")]
    assert call("it", "customer: Un buon direttore marketing ascolta sempre i clienti.") == ()
