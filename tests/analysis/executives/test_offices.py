"""A title said as a public office (``offices``): "President Xi, your turn" (a head of state's form of address) and a
call where "President" is a state's seat ("President of Russia Vladimir Putin"), where a nameless "President" is that
state's. A company's president keeps being read ("our president, Jane Smith", "Jane Smith, President of Acme")."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people

HOST = "Sophie Shevardnadze/unknown"


@pytest.mark.parametrize(
    "line",
    [
        f"{HOST}: Thank you very much. President Xi, your turn, please go ahead.",
        f"{HOST}: President Radev.",
        f"{HOST}: Do you think it would help to discuss this during your meeting with President Obama in September?",
        f"{HOST}: Thank you, Chairman Powell, for joining us today.",
    ],
)
def test_a_title_before_a_surname_is_a_public_offices_form_of_address(line: str) -> None:
    assert call("en", line) == ()


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("rep: Our president, Jane Smith, joins us today.", ("President", "Jane Smith")),
        ("customer: I'm joined by Jane Smith, President of Acme Logistics.", ("President", "Jane Smith")),
        ("customer: Let me hand over to our President Dana Brooks.", ("President", "Dana Brooks")),
    ],
)
def test_a_companys_president_is_still_read(line: str, person: tuple[str, str]) -> None:
    assert person in people(call("en", line))


def test_a_nameless_president_is_the_states_on_a_call_that_says_president_of_a_country() -> None:
    lines = [
        "President of Russia Vladimir Putin/unknown: Good afternoon, colleagues.",
        "Anton Molev/unknown: What is your personal position as President, and what risks do you see?",
        f"{HOST}: I have one last question for my President and for our guests.",
    ]
    assert call("en", *lines) == ()
    company = ["rep: Good morning.", "customer: I have one last question for my President before we sign."]
    assert people(call("en", *company)) == {("President", None)}
    assert people(call("en", "Anton Molev/unknown: The Russian President said so.", *company)) == set()


@pytest.mark.parametrize(
    "lines",
    [
        ["CHAIRWOMAN KRUEGER/unknown: Good morning. Thank you, everyone.", "SENATOR SEWARD/unknown: Thank you."],
        ["SENATOR STAVISKY/unknown: Thank you, Chairperson Stavisky, and thank you, Chairwoman Krueger."],
        [  # held16: a legislature's name before the chair is no company ("the Gazprom Chairman")
            "DR. BOWEN/unknown: Good afternoon -- Senate Chairpersons Krueger and Stavisky and Assembly Chairperson "
            "Glick. And thank you all.",
            "ASSEMBLYWOMAN GLICK/unknown: Thank you.",
        ],
    ],
)
def test_a_chair_addressed_by_seat_in_a_label_or_a_line_is_no_executive(lines: list[str]) -> None:
    assert call("en", *lines) == ()


def test_a_label_in_capitals_gives_the_name_after_the_seat() -> None:
    lines = ["SUNY CFO McLOUGHLIN/unknown: Thirteen billion.", "SED CFO MORRIS/unknown: Yes, that is right."]
    assert people(call("en", *lines)) == {("CFO", "McLOUGHLIN"), ("CFO", "MORRIS")}
    assert people(call("en", "Jane Smith CFO/unknown: Thirteen billion.")) == {("CFO", "Jane Smith CFO")}


COLLEGES = "CHANCELLOR MATOS/unknown: I served for years with the president of Hostos Community College, Dr. Ruiz."


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("SENATOR LIU/unknown: So schools like City Tech, when I last spoke to President Hotzler, it was 60 percent.",
         ("President", "Hotzler")),
        ("CHANCELLOR MATOS/unknown: That program of President Isekenegbe and his team works.",
         ("President", "Isekenegbe")),
    ],
)  # fmt: skip
def test_president_before_a_surname_names_an_institutions_president_on_a_call_about_institutions(
    line: str, person: tuple[str, str]
) -> None:
    assert person in people(call("en", COLLEGES, line))
    assert person not in people(call("en", line))  # no institution's president said: a public office's address


def test_president_before_a_surname_in_a_sentence_about_a_state_stays_a_public_office() -> None:
    lines = [COLLEGES, "SENATOR RITCHIE/unknown: And, we called upon President Trump to provide federal relief."]
    assert ("President", "Trump") not in people(call("en", *lines))
    us = "WITNESS/unknown: A letter said that President Trump had banned 3M from selling to anybody but the US."
    assert ("President", "Trump") not in people(call("en", COLLEGES, us))
