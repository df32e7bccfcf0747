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
