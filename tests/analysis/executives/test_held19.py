"""held19's constructions (issue 10 §6), fixed after its one scoring (sector meetings on en.kremlin.ru): an
organisation's head named in apposition after its possessive ("Vnesheconombank's head, Sergei Gorkov,"), and a
possessive that belongs to a denied relation, not to the title after "but" ("He is not my deputy but Director for
Special Commissions")."""

from __future__ import annotations

from tests.analysis.executives.lines import call, people


def test_an_organisations_head_named_in_apposition() -> None:
    line = (
        "Andrei Belousov/unknown: Mr Zolotaryov, who is the deputy of Vnesheconombank's head, Sergei Gorkov, is in "
        "charge of Konversiya operations."
    )
    assert people(call("en", line)) == {("Head", "Sergei Gorkov")}
    assert call("en", "customer: The team's head, Sergei Gorkov, is in charge.") == ()
    assert call("en", "customer: Apple's head, and its board, agreed.") == ()


def test_a_possessive_before_but_is_not_the_titles() -> None:
    line = "Sergei Chemezov/unknown: He is not my deputy but Director for Special Commissions."
    assert call("en", line) == ()
    assert people(call("en", "customer: Our Atlanta market President, Jane Roe, spoke.")) == {("President", "Jane Roe")}


def test_a_turn_opening_with_he_is_says_the_seat_of_the_one_named_the_turn_before() -> None:
    asked = "rep: Is Mark Jones joining us today?"
    assert people(call("en", asked, "customer: He is our CFO, so yes, he will join.")) == {("CFO", "Mark Jones")}
    denied = call("en", "rep: Who is Mark Jones?", "customer: He is not my assistant but our CFO.")
    assert people(denied) == {("CFO", "Mark Jones")}
    assert people(call("en", "rep: Thanks.", "customer: He is our CFO.")) == {("CFO", None)}
