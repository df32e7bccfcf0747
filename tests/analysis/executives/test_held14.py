"""held14's constructions (issue 10 §6), fixed after its one scoring: a seat said to the listener and confirmed by the
next speaker ("you are the chief executive at OPSS; is that correct?" -- "Mr Graham Russell: Yes."), "Director
General" (a title, not a name), past seats ("your then chief executive", "I was chairman", "He, of course, was the
Director of Finance"), another organisation's seat said as "as Conservative Party Chairman", and a named person
holding another organisation's seat ("Jin Sahota, the CEO of SCCL", "The CEO there is a Mr Jonathan Salem")."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people

CONFIRMED = [
    ("Counsel Inquiry/unknown: In terms of your own professional background, you are the chief executive at OPSS; is "
     "that correct?", "Mr Graham Russell/unknown: Yes.", ("CEO", "Graham Russell")),
    ("Lead 5/unknown: By way of background, your current role, you are CEO of Teneo's UK strategy and communications "
     "business, a PR and advisory company; is that right?", "Lord Andrew Feldman/unknown: Yes.",
     ("CEO", "Andrew Feldman")),
    ("Counsel Inquiry/unknown: And currently, you are the Director General at OFGEM, the energy regulator; is that "
     "right?", "Mr Tim Jarvis/unknown: That's right.", ("Director", "Tim Jarvis")),
]  # fmt: skip


@pytest.mark.parametrize(("asked", "answer", "person"), CONFIRMED)
def test_a_seat_said_to_the_listener_is_the_next_speakers_when_they_say_yes(
    asked: str, answer: str, person: tuple[str, str]
) -> None:
    found = call("en", asked, answer)
    assert people(found) == {person}
    assert [e.kind for e in found] == ["speaking"]


def test_a_seat_said_to_the_listener_and_denied_is_no_one() -> None:
    assert call("en", "Analyst/unknown: You are the CEO of Apple, right?", "Tim Cook/unknown: No, I am not.") == ()
    assert call("en", "rep: So you are the CFO?", "customer: No, I am not.") == ()
    assert people(call("en", "rep: So you are the CFO?", "customer: Yes, that is me.")) == {("CFO", None)}


def test_director_general_is_a_title_not_a_name() -> None:
    line = "Mr Steve Barclay/unknown: And the advice from my Director General, Cat Little, was to approve it."
    assert people(call("en", line)) == {("Director", "Cat Little")}


@pytest.mark.parametrize(
    "line",
    [
        "Mr Stoate/unknown: This is August of 2020, your then chief executive sent another letter.",
        "Lord Andrew Feldman/unknown: Yes -- well, I was deputy treasurer from 2005 to 2008, I was CEO, and 2010 to "
        "2016 I was chairman.",
        "Lead 5/unknown: I will take you to his evidence. He, of course, was the Director of Finance at the DHSC.",
        'Lead 5/unknown: "[I knew him] from his role as Conservative Party Chairman ..."',
    ],
)
def test_past_seats_and_another_organisations_seat_are_no_one(line: str) -> None:
    assert call("en", line) == ()


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("Mr Andrew Wood/unknown: I asked Emily's office to call Jin Sahota, the CEO of SCCL, who lived in London.",
         ("CEO", "Jin Sahota")),
        ("Ms Morris KC/unknown: The CEO there is a Mr Jonathan Salem and the Inquiry has his statement.",
         ("CEO", "Jonathan Salem")),
    ],
)  # fmt: skip
def test_a_named_holder_of_another_organisations_seat_is_a_person(line: str, person: tuple[str, str]) -> None:
    assert people(call("en", line)) == {person}
    assert call("en", "customer: The founder of Tesla said something odd.") == ()


@pytest.mark.parametrize(
    ("lang", "asked", "answer", "person"),
    [
        ("ru", "Анна/unknown: Вы финансовый директор компании, верно?", "Олег Смирнов/unknown: Да, верно.",
         ("CFO", "Олег Смирнов")),
        ("pl", "Anna/unknown: Pan jest dyrektorem finansowym, prawda?", "Jan Kowalski/unknown: Tak, zgadza się.",
         ("CFO", "Jan Kowalski")),
        ("en", "rep: You are the CFO, right?", "customer: Yeah.", ("CFO", None)),
    ],
)  # fmt: skip
def test_a_seat_said_to_the_listener_in_russian_and_polish_and_on_a_generic_label(
    lang: str, asked: str, answer: str, person: tuple[str, str | None]
) -> None:
    found = call(lang, asked, answer)
    assert people(found) == {person}
    assert [(e.kind, e.role) for e in found] == [("speaking", "unknown" if person[1] else "customer")]


@pytest.mark.parametrize(
    "line",
    [
        "Counsel/unknown: Your organisation, through its chief executive, felt the need to raise this; is that right?",
        "Lord Agnew/unknown: I became the chairman of the academy's board, which was a one-man board, me.",
    ],
)
def test_an_organisations_seat_said_in_passing_is_no_one(line: str) -> None:
    """ "through its chief executive" ("its": an organisation's seat, like "the CEO of X") and "the chairman of the
    academy's board" (another organisation named by a possessive) are seats in passing, not people of the call."""
    assert call("en", line) == ()
    assert people(call("en", "customer: Mark Lee, the chairman of our company's board, will sign.")) == {
        ("Chairman", "Mark Lee")
    }
