"""held13's constructions (issue 10 §6), fixed after its one scoring: a title modifier in a bare self-introduction
("Claire Morgan, strategic director."), "director of the education directorate" (a department with its article),
"He was the CEO of ..." (a past seat said of a pronoun), "Mr. Chair" (a seat addressed, no name), and "We have
Michael Sabia there as the new board chair" (a full name's seat, not the speaker's), and "Albert Heaney my colleague,
the director for social services" (a relation between the name and the title)."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people


def test_a_title_modifier_in_a_bare_self_introduction() -> None:
    found = call("en", "Claire Morgan/unknown: Claire Morgan, strategic director.")
    assert [(e.title, e.kind, e.name) for e in found] == [("Director", "speaking", "Claire Morgan")]


def test_a_department_with_its_article() -> None:
    line = (
        "Lynne Neagle AM/unknown: I'm very pleased to welcome Kirsty Williams, Minister for Education; Steve Davies, "
        "who is director of the education directorate; and Rob Orford, who is the chief scientific adviser."
    )
    assert people(call("en", line)) == {("Director", "Steve Davies")}
    assert people(call("en", "customer: The director of the film called.")) == set()


def test_a_past_seat_said_of_a_pronoun_and_a_seat_addressed() -> None:
    line = (
        "Catherine McKenna/unknown: Mr. Chair, I can't give you the exact months. He was the CEO of the Canada "
        "Infrastructure Bank since the beginning."
    )
    assert people(call("en", line)) == set()


def test_a_full_names_seat_after_as_is_not_the_speakers() -> None:
    line = "Catherine McKenna/unknown: We have Michael Sabia there as the new board chair."
    assert "Catherine McKenna" not in {e.name for e in call("en", line)}
    own = "Mike Dastoor/unknown: Going forward, I'm excited to lead Jabil as CEO, alongside a talented team."
    assert people(call("en", own)) == {("CEO", "Mike Dastoor")}


@pytest.mark.parametrize(
    ("lang", "line", "person"),
    [
        ("en", "Steve Davies/unknown: I'm working with Albert Heaney my colleague, the director for social services, "
         "who is meeting the directors today.", ("Director", "Albert Heaney")),
        ("it", "customer: Ho parlato con Anna Rossi, nostra collega, la direttrice finanziaria.",
         ("CFO", "Anna Rossi")),
    ],
)  # fmt: skip
def test_a_relation_between_the_name_and_the_title(lang: str, line: str, person: tuple[str, str]) -> None:
    assert people(call(lang, line)) == {person}


def test_a_relation_without_a_name_is_no_one() -> None:
    assert people(call("en", "customer: Thanks, my friend, the president will call.")) == set()
