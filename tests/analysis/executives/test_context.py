"""The words around a title (``context``): "the GM of this business" (the speaker's own unit, like "of our"),
"joined us ... from ADP" (joined the company, not the call), "Jane Smith is the CFO" (said of someone, no
self-introduction)."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people


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


def test_an_article_before_the_titles_modifier_makes_a_seat_to_be_filled() -> None:
    """held16: "we are getting a new communications director in": the article is before the modifier, not the title;
    a seat someone holds ("I have a new communications director") and one's own ("our communications director") stay."""
    line = "HESC EXEC VP MAGEE/unknown: As Dr. Linares said, we are getting a new communications director in."
    assert call("en", line) == ()
    assert people(call("en", "customer: I have a new communications director, she will sign.")) == {("Director", None)}
    assert people(call("en", "customer: We need our communications director to sign off.")) == {("Director", None)}


@pytest.mark.parametrize(
    "line",
    [
        "Natalya Korolkova/unknown: Hello, Mr President. Today our region fears bankruptcy.",
        "customer: Good afternoon, Mr President.",
        "customer: Thank you, Madam Chair, for the floor.",
        "customer: Mr. Chairman, may I ask a question?",
    ],
)
def test_a_title_after_a_courtesy_title_is_the_one_addressed(line: str) -> None:
    """ "Hello, Mr President": the speaker greets the listener by seat; no self-introduction, no "Mr President"."""
    assert call("en", line) == ()
    assert people(call("en", "customer: Mr. Smith, our CFO, will sign.")) == {("CFO", "Smith")}


@pytest.mark.parametrize(
    ("lang", "line", "person"),
    [
        ("en", "Dana Brooks/customer: As CEO of Acme, I want to thank you all.", ("CEO", "Dana Brooks")),
        (
            "en",
            "Mark Lee/customer: As president of the Northwind Fair, which you visit, I thank you.",
            ("President", "Mark Lee"),
        ),
        (
            "it",
            "Marco Rossi/customer: Come amministratore delegato di Acme, vorrei ringraziarvi.",
            ("CEO", "Marco Rossi"),
        ),
    ],
)
def test_as_a_seat_of_an_organisation_then_i_is_a_self_introduction(lang: str, line: str, person: tuple) -> None:
    """ "As CEO of Acme, I ...": the organisation between the title and the comma does not hide the speaker."""
    assert people(call(lang, line)) == {person}
    assert call("en", "customer: He was named as CEO of Acme in May.") == ()
    assert call("en", "Counsel/unknown: And as CEO of NHS Employers, you say you understand it?") == ()


def test_as_a_seat_of_an_organisation_said_of_someone_else_is_theirs() -> None:
    line = "Kim Dang/unknown: This group reports to Jesse Arenivas, who continues as president of our CO2 business "
    found = call("en", line + "and is headed by Anthony Ashley, who previously served as treasurer.")
    assert [(e.title, e.name, e.kind) for e in found] == [("President", "Jesse Arenivas", "mentioned")]


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("SENATOR O'MARA/unknown: Next up, we have Chris Leo, acting president of New York State Homes and Community "
         "Renewal.", ("President", "Chris Leo")),
        ("SENATOR O'MARA/unknown: Next up, Gary DeYoung, director of tourism, Thousand Islands Tourism Council.",
         ("Director", "Gary DeYoung")),
    ],
)  # fmt: skip
def test_a_hearings_chair_calling_the_next_witness_says_they_are_on_the_call(
    line: str, person: tuple[str, str]
) -> None:
    found = call("en", line)
    assert person in people(found) and {e.kind for e in found} == {"speaking"}


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("MR. ROWSER/unknown: My name is Samuel Rowser. I'm the executive director for On Point for College.",
         ("Director", "Samuel Rowser")),
        ("MS. CRUZ/unknown: My name is Diana Cruz, and as the director of education policy for the Hispanic "
         "Federation, I am here to advocate for students.", ("Director", "Diana Cruz")),
    ],
)  # fmt: skip
def test_a_self_introduction_past_a_modifier_or_a_department(line: str, person: tuple[str, str]) -> None:
    assert person in people(call("en", line))
    assert people(call("en", "rep: The executive director for On Point for College said so.")) == set()


def test_taking_a_position_as_a_seat_is_a_self_introduction() -> None:
    """held16: "so I took this position as vice chair to represent international students" is the speaker's seat (the
    label "MS. AGU:" names her), and so is "To serve as the vice chair ... is an honor"; said of someone else it is
    not."""
    line = "MS. AGU/unknown: Okay, so I took this position as vice chair to represent international students."
    assert [(e.title, e.kind, e.name) for e in call("en", line)] == [("Vice Chairman", "speaking", "AGU")]
    other = "MS. AGU/unknown: She took this position as vice chair to represent international students."
    assert [(e.kind, e.name) for e in call("en", other)] == [("mentioned", None)]
    line = "MS. PIQUANT/unknown: To serve as the vice chair of legislative affairs is really an honor."
    assert [(e.title, e.kind, e.name) for e in call("en", line)] == [("Vice Chairman", "speaking", "PIQUANT")]
    other = "MS. PIQUANT/unknown: He wants to serve as the vice chair of legislative affairs."
    assert [(e.kind, e.name) for e in call("en", other)] == [("mentioned", None)]
