"""What speakers do around titles (held9's constructions, issue 10 §6): a title broken off and started again, a
first name said as two initials."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.spelling import same_person
from tests.analysis.executives.lines import call, people

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


# ---- held10's constructions --------------------------------------------------------------------------------


def test_a_head_title_and_a_bare_noun_after_of_is_a_department() -> None:
    found = call(
        "en",
        "unknown: Joining me today are Glenn Boehnlein, Stryker's CFO, and Katherine Owen, VP of strategy and "
        "investor relations.",
    )
    assert people(found) == {("CFO", "Glenn Boehnlein"), ("VP", "Katherine Owen")}
    # with an article or a determiner, the other sense stays: no executive
    assert call("en", "customer: She met the director of the film and the owner of this project.") == ()
    assert call("it", "customer: Mio cugino fa il direttore d'orchestra a Vienna.") == ()


RELATIONS = [
    ("en", "unknown: Unfortunately, our CEO and colleague, Andrew, is not with us this morning.", "CEO", "Andrew"),
    ("it", "unknown: Purtroppo il nostro amministratore delegato e collega, Andrea Ferri, oggi non c'è.", "CEO",
     "Andrea Ferri"),
    ("ru", "unknown: К сожалению, наш генеральный директор и коллега, Андрей Волков, сегодня не с нами.", "CEO",
     "Андрей Волков"),
    ("pl", "unknown: Niestety nasz prezes zarządu i kolega, Andrzej Nowak, dziś nie dołączy.", "CEO",
     "Andrzej Nowak"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "title", "name"), RELATIONS)
def test_a_relation_between_title_and_name_keeps_the_name(lang: str, line: str, title: str, name: str) -> None:
    """Not the capitalised first word before the title ("Unfortunately", "Niestety") either."""
    assert people(call(lang, line)) == {(title, name)}


def test_the_first_word_of_a_sentence_is_no_name_without_a_comma() -> None:
    assert people(call("pl", "customer: Niestety nasz prezes zarządu dziś nie dołączy.")) == {("CEO", None)}
    assert people(call("en", "customer: Dave Holeman our Chief Financial Officer will speak.")) == {
        ("CFO", "Dave Holeman")
    }


def test_a_place_and_a_unit_between_our_and_the_title() -> None:
    found = call("en", "unknown: I spoke to Allen Barker, who is our Atlanta market President, about hiring.")
    assert people(found) == {("President", "Allen Barker")}
    # only a sure title: a fuzzy one over a unit stays no one
    assert call("en", "customer: Net sales in our Mexico business were down. Our purchasing co-op is engaged.") == ()


def test_an_article_between_our_and_the_title_is_no_unit() -> None:
    assert call("en", "customer: In our view the president should resign.") == ()


def test_a_sentence_broken_off_and_taken_up_a_turn_later_is_read_joined() -> None:
    """held16: the chair breaks off after a name, a witness says hello, the chair goes on with the seat: the seat is
    that name's, not a nameless chair's."""
    lines = [
        "CHAIRWOMAN KRUEGER/unknown: Thank you. And there may also be Santana Alvarado --",
        "MS. ALVARADO/unknown: Hello.",
        "CHAIRWOMAN KRUEGER/unknown: Hello. -- chairperson, NYPIRG. Sorry, I turned the page too quickly.",
    ]
    assert people(call("en", *lines)) == {("Chairman", "Santana Alvarado")}
    lines[2] = "CHAIRWOMAN KRUEGER/unknown: -- chairperson, NYPIRG."  # the dash opening the turn
    assert people(call("en", *lines)) == {("Chairman", "Santana Alvarado")}
    other = [*lines[:2], "MS. ALVARADO/unknown: -- chairperson, NYPIRG."]  # another speaker's dash takes up nothing
    assert people(call("en", *other)) == {("Chairman", None)}
