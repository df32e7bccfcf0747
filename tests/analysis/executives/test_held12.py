"""held12's constructions (issue 10 §6): the call's agenda said at the end of a list or after each item ("will join
the live Q&A session", "will begin", "I'd like to welcome"), a last item without its comma, Polish plural titles in
a greeting, "who continues as", "previously served as", "chairman of the board and CEO", "incoming", "Representative
Director", "Assistant to <title>", "of our <unit>", and two false cues ("significant", "business longer")."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.spelling import same_person
from tests.analysis.executives.lines import call, people

LIST_THEN_CUE = [
    ("en", "Megan/unknown: Additionally, David Bray, group president, poultry; Noelle O'Mara, group president, "
     "prepared foods; and Chris Langholz, group president, international, will join the live Q&A session.",
     {"David Bray", "Noelle O'Mara", "Chris Langholz"}, "President"),
    ("it", "Anna/unknown: Inoltre, Marco Rossi, direttore commerciale; e Luca Bianchi, direttore finanziario, si unirà "
     "alla sessione di domande.", {"Marco Rossi", "Luca Bianchi"}, None),
    ("ru", "Анна/unknown: Кроме того, Андрей Волков, директор по продажам; и Ольга Смирнова, директор по маркетингу, "
     "присоединится к сессии вопросов.", {"Андрей Волков", "Ольга Смирнова"}, None),
    ("pl", "Anna/unknown: Oprócz tego Jan Kowalski, dyrektor sprzedaży; oraz Ewa Nowak, dyrektor marketingu, "
     "dołączy do sesji pytań.", {"Jan Kowalski", "Ewa Nowak"}, None),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "names", "title"), LIST_THEN_CUE)
def test_a_list_said_to_be_on_the_call_at_its_end(lang: str, line: str, names: set[str], title: str | None) -> None:
    found = call(lang, line)
    assert {e.name for e in found} == names
    assert {e.kind for e in found} == {"speaking"}
    assert title is None or {e.title for e in found} == {title}


def test_the_calls_agenda_makes_title_of_company_the_persons() -> None:
    found = call(
        "en",
        "David Young/unknown: Dan Amos, Chairman and CEO of Aflac Incorporated, will begin with an overview. Fred "
        "Crawford, President and COO of Aflac Incorporated, will then touch briefly on the quarter. Max Broden, "
        "Executive Vice President and CFO of Aflac Incorporated, will conclude our prepared remarks.",
    )
    assert people(found) == {("CEO", "Dan Amos"), ("COO", "Fred Crawford"), ("CFO", "Max Broden")}
    news = call("en", "customer: Tim Cook, CEO of Apple, said so on television.")
    assert people(news) == set()
    assert [e.kind for e in call("en", "customer: Jane Smith, Chief Financial Officer, will join next week.")] == [
        "mentioned"
    ]


def test_welcome_and_a_last_item_without_its_comma() -> None:
    found = call(
        "en",
        "Sara Buda/unknown: I'd like to welcome Owen Thomas, Chief Executive Officer, Doug Linde, President, and Mike "
        "LaBelle Chief Financial Officer.",
    )
    assert people(found) == {("CEO", "Owen Thomas"), ("President", "Doug Linde"), ("CFO", "Mike LaBelle")}
    assert people(call("en", "customer: I talked with Bank of America and Wells Fargo Chief Financial Officer.")) == {
        ("CFO", None)
    }


def test_polish_plural_titles_in_a_greeting_are_no_one() -> None:
    line = (
        "Prezydent Andrzej Duda/unknown: Szanowni Państwo Wiceprezesi Rady Ministrów! Szanowni Państwo Prezesi "
        "Trybunału Konstytucyjnego, Sądu Najwyższego i Naczelnego Sądu Administracyjnego!"
    )
    assert people(call("pl", line)) == set()
    listed = "customer: Nasi trzej dyrektorzy regionalni, Anna Nowak, Jan Kowalski i Piotr Zieliński, dołączą."
    assert people(call("pl", listed)) == {("Director", n) for n in ("Anna Nowak", "Jan Kowalski", "Piotr Zieliński")}
    assert people(call("en", "Jane/unknown: Dear Presidents and Vice Presidents, welcome!")) == set()


def test_who_continues_as_and_previously_served_as() -> None:
    line = (
        "Steve Kean/unknown: This group reports to Jesse Arenivas, who continues as president of our CO2 business and "
        "is headed by Anthony Ashley, who previously served as treasurer and vice president of investor relations."
    )
    assert people(call("en", line)) == {("President", "Jesse Arenivas")}
    assert people(call("en", "customer: The director of our school called.")) == set()


def test_chairman_of_the_board_and_incoming_ceo_are_one_persons_titles() -> None:
    found = call(
        "en",
        "Ryan/unknown: On our call today, we have our chairman of the board and CEO, Gary Kelly; executive vice "
        "president and incoming CEO, Bob Jordan; and executive vice president and CFO, Tammy Romo.",
    )
    assert people(found) == {("CEO", "Gary Kelly"), ("CEO", "Bob Jordan"), ("CFO", "Tammy Romo")}


def test_representative_director_and_assistant_to_a_title() -> None:
    found = call(
        "en",
        "David/unknown: We're also joined by Charles Lake, Chairman and Representative Director, President of Aflac "
        "International; and Koji Ariyoshi, Director and Head of Sales and Marketing and Assistant to Director Sales.",
    )
    assert {e.name for e in found} == {"Charles Lake", "Koji Ariyoshi"}
    advisor = call("en", "Jane/unknown: Ken Meyers, Senior Advisor to the CEO, is retiring.")
    assert people(advisor) == set()


def test_false_cues_significant_and_business_longer() -> None:
    line = "Owen/unknown: We leased space including significant leases at the GM Building and Reston Town Center."
    assert people(call("en", line)) == set()
    assert people(call("en", "Steve/unknown: What does this mean for our business longer term?")) == set()
    assert people(call("en", "customer: I need to ask our chief financial offer about it.")) == {("CFO", None)}


def test_a_first_name_as_two_capitals_is_the_full_first_name_of_the_label() -> None:
    """ "LT Therivel", said, is the speaker labelled "Laurent Therivel": the same person, heard on the call."""
    found = call(
        "en",
        "Jane McCahon/unknown: From U.S. Cellular, LT Therivel, President and Chief Executive Officer.",
        "Laurent Therivel/unknown: Thank you, Jane.",
    )
    assert [(e.title, e.kind) for e in found] == [("CEO", "speaking")]
    assert same_person(found[0].name, "Laurent Therivel")
    assert not same_person("LT Therivel", "Mark Therivel") and not same_person("Al Roe", "Alan Roe")
