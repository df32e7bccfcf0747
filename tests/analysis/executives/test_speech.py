"""What speakers do around titles (held9's constructions, issue 10 §6): a title broken off and started again, a
first name said as two initials."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.names import same_person
from assistant.records import Executive
from tests.analysis.executives.lines import call


def people(found: tuple[Executive, ...]) -> set[tuple[str, str | None]]:
    return {(e.title, e.name) for e in found}


FALSE_STARTS = [
    ("en", "unknown: With me today is Tom Hassfurther, Chief -- Executive Vice President, who runs Packaging.", "EVP",
     "Tom Hassfurther"),
    ("en", "unknown: With me today is Tom Hassfurther, Chief — Executive Vice President.", "EVP", "Tom Hassfurther"),
    ("it", "unknown: Con me c'è Marco Rossi, amministratore -- direttore finanziario.", "CFO", "Marco Rossi"),
    ("ru", "unknown: Со мной Андрей Волков, генеральный -- финансовый директор.", "CFO", "Андрей Волков"),
    ("pl", "unknown: Jest ze mną Jan Kowalski, wice -- dyrektor finansowy.", "CFO", "Jan Kowalski"),
    ("zh", "unknown: 和我一起的是王丽，首席——财务总监。", "CFO", "王丽"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), FALSE_STARTS)
def test_a_title_broken_off_and_started_again_is_the_second_title_of_the_named_person(
    lang: str, line: str, title: str, name: str
) -> None:
    """Not "Chief Executive" read across the break (a CEO), and never the cut-off word as a name ("Chief")."""
    assert people(call(lang, line)) == {(title, name)}


def test_hyphens_inside_a_title_still_join_it() -> None:
    found = call("en", "customer: Our Vice-President, Jane Roe, and our C.F.O. will sign. Bob Lee - our CTO - too.")
    assert people(found) == {("VP", "Jane Roe"), ("CFO", None), ("CTO", "Bob Lee")}
    assert people(call("en", "customer: Jane Roe, Chief Executive Officer, signs.")) == {("CEO", "Jane Roe")}


def test_a_first_name_said_as_two_initials() -> None:
    found = call(
        "en",
        "Operator/unknown: I would now like to turn the conference over to the Vice President of Investor Relations, "
        "ND Maduemezia.",
    )
    assert [(e.title, e.name, e.kind) for e in found] == [("VP of Investor Relations", "ND Maduemezia", "speaking")]
    assert people(call("en", "customer: AJ Rice, our CFO, signs.")) == {("CFO", "AJ Rice")}
    # a function's or a place's abbreviation is no first name
    assert people(call("en", "customer: Our VP, IR Jane Smith, signs.")) == {("VP of Investor Relations", "Jane Smith")}


def test_initials_written_with_or_without_dots_are_one_person() -> None:
    assert same_person("AJ Eaker", "A.J. Eaker") and same_person("AJ Eaker", "A. J. Eaker")
    assert same_person("Tim Cook", "Timothy D. Cook") and same_person("Al J. Smith", "Al Smith")
    assert not same_person("AJ Eaker", "Al Eaker") and not same_person("Ed Smith", "Al Smith")
    found = call("en", "unknown: Joining me are A.J. Eaker, our VP of Finance, and Mr. Eaker's colleague.")
    assert [(e.title, e.name) for e in found] == [("VP of Finance", "AJ Eaker")]
