"""Names next to a title (``names_linked``): in a hand-over to a title, a name with a courtesy title that closes the
sentence after a comma is the title's ("turn it over to our outstanding CEO and ..., Mr. Bob Jordan"), in every
language with courtesy titles; without the courtesy title or the hand-over, the words at the end are no name."""

from __future__ import annotations

import pytest

from tests.analysis.executives.lines import call, people

TAILS = [
    ("en", "Gary Kelly/unknown: So, with that, I'm going to turn it over to our outstanding CEO and waiting for five "
     "more days, Mr. Bob Jordan.", "Bob Jordan"),
    ("en", "Gary Kelly/unknown: I'll turn it over to our CEO, who joined in May, Mr. Bob Jordan.", "Bob Jordan"),
    ("it", "Anna/unknown: Passo la parola al nostro amministratore delegato, che oggi compie gli anni, il dottor Marco "
     "Rossi.", "Marco Rossi"),
    ("pl", "Anna/unknown: Przekazuję głos naszemu prezesowi, który wrócił z Londynu, panu Janowi Kowalskiemu.",
     "Jan Kowalski"),
    ("ru", "Анна/unknown: Передаю слово нашему генеральному директору, который вернулся из Лондона, господину Андрею "
     "Волкову.", "Андрей Волков"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "name"), TAILS)
def test_a_courtesy_name_closing_a_hand_over_is_the_titles(lang: str, line: str, name: str) -> None:
    found = call(lang, line)
    assert [(e.title, e.kind, e.name) for e in found] == [("CEO", "speaking", name)]


def test_no_courtesy_title_or_no_hand_over_no_name() -> None:
    asked = "Gary/unknown: I'll turn it over to our CEO, and then, Mr. Lee, we'll take your question."
    assert people(call("en", asked)) == {("CEO", None)}
    assert people(call("en", "Gary/unknown: I'll turn it over to our CEO now, thanks, Bob.")) == {("CEO", None)}
    news = "customer: Our CEO met the press last week, Mr. Bob Jordan said."
    assert ("CEO", "Bob Jordan") not in people(call("en", news))


PRONOUNS = [
    ("en", "Bob Jordan/unknown: I want to thank my friend Gary Kelly. Gary is a phenomenal leader and done so much for "
     "Southwest. There's just no way to say thank you enough for his 18 years of leadership as our CEO.", "Gary"),
    ("en", "customer: Yesterday I spoke with Sarah Lee. She is our CFO.", "Sarah Lee"),
    ("en", "Kessel/unknown: I congratulate Kevin Blair, who was recently named President of Synovus, adding to his "
     "responsibilities as COO.", "Kevin Blair"),
    ("it", "customer: Ieri ho parlato con Marco Rossi. Lui è il nostro direttore finanziario.", "Marco Rossi"),
    ("ru", "customer: Вчера я говорила с Андреем Волковым. Он наш финансовый директор.", "Андрей Волков"),
    ("pl", "customer: Wczoraj rozmawiałam z Janem Kowalskim. On jest naszym dyrektorem finansowym.", "Jan Kowalski"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "name"), PRONOUNS)
def test_a_seat_said_of_he_or_she_is_the_person_named_last(lang: str, text: str, name: str) -> None:
    assert name in {e.name for e in call(lang, text)}


def test_a_pronouns_own_executive_is_someone_else() -> None:
    assert people(call("en", "customer: Yesterday I spoke with Sarah Lee. Her CFO will call us.")) == {("CFO", None)}
    stepped = "Milt/unknown: Thanks, Jeff. The board and Marvin reached an agreement for him to step down as CEO."
    assert people(call("en", stepped)) == set()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hunter Keay/unknown: I guess, the same question goes for Bob. Is there anything that you'd never do as CEO?",
         "Bob"),
        ("Mary Schlangenstein/unknown: And the second question is for Gary. Gary, is there something that you were "
         "unable to accomplish in your years as CEO?", "Gary"),
        ("Sergey/unknown: Ken, congratulations on your retirement. My first question is for LT. If you could talk "
         "about your top objectives as the new CEO?", "LT"),
    ],
)  # fmt: skip
def test_a_seat_said_of_you_is_the_one_addressed(line: str, name: str) -> None:
    assert people(call("en", line)) == {("CEO", name)}


def test_a_seat_said_of_you_without_anyone_named_just_before_is_nameless() -> None:
    line = "Analyst/unknown: Thanks, Gary. That was helpful. Next one. Anything you'd never do as CEO?"
    assert people(call("en", line)) == {("CEO", None)}


def test_the_speakers_own_seat_is_not_the_listeners() -> None:
    line = (
        "Mick Farrell/unknown: But look, I can tell you, as CEO, traditionally, I'm taken into talks with Rob Douglas."
    )
    assert people(call("en", line)) == {("CEO", "Mick Farrell")}


@pytest.mark.parametrize(
    ("lang", "line", "person"),
    [
        ("en", "Catherine McKenna/unknown: We have Michael Sabia there as the new board chair.",
         ("Chairman", "Michael Sabia")),
        ("it", "customer: Abbiamo Marco Rossi come nuovo direttore finanziario.", ("CFO", "Marco Rossi")),
    ],
)  # fmt: skip
def test_a_full_name_right_before_as_holds_the_seat(lang: str, line: str, person: tuple[str, str]) -> None:
    assert people(call(lang, line)) == {person}
    assert people(call("en", "Mike Dastoor/unknown: I'm excited to lead Jabil as CEO.")) == {("CEO", "Mike Dastoor")}


def test_a_name_closing_a_sentence_after_a_titles_copula_is_a_person() -> None:
    """spaCy's small model reads "Martin" in "Our CEO is Martin." as an organisation; after a seat's copula, a name that
    ends the sentence is a person."""
    assert people(call("en", "customer: Our CEO is Martin. Martin asked me to push for a discount.")) == {
        ("CEO", "Martin")
    }
    assert people(call("en", "customer: Our biggest worry is the CEO of Acme.")) == set()


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("Maria Sittel/unknown: Let me give the floor to Boris Eifman, the famous choreographer, director of the "
         "Ballet Theatre, and a well-known teacher.", ("Director", "Boris Eifman")),
        ("Host/unknown: This is Oleg Petrenko, a collective farm chairman from Stavropol Territory.",
         ("Chairman", "Oleg Petrenko")),
        ("Host/unknown: We will give the floor to Natalya Korolkova, head of the local meat packing plant.",
         ("Head", "Natalya Korolkova")),
    ],
)  # fmt: skip
def test_a_name_before_a_description_of_the_person_and_the_title_holds_it(line: str, person: tuple[str, str]) -> None:
    """A description between the name's comma and the title ("the famous choreographer", "a collective farm") is passed
    over; a full name in apposition that spaCy reads as a nationality ("Natalya Korolkova" as NORP) is still a name."""
    assert person in people(call("en", line))


def test_the_name_after_of_the_body_and_a_courtesy_title_is_the_seats() -> None:
    line = "CHANCELLOR JOHNSON/unknown: I'd like to thank Chairman of the Board Dr. Meryl Tisch and our entire Board."
    assert ("Chairman", "Meryl Tisch") in people(call("en", line))


def test_in_a_list_of_seats_before_full_names_each_name_is_its_seats() -> None:
    line = (
        "COMMISSIONER TAHOE/unknown: I am joined at the table by Senior Deputy Commissioner for P-20 John D'Agati, "
        "Chief Financial Officer Phyllis Morris, Deputy Commissioner Doug Lentivech."
    )
    assert people(call("en", line)) == {("CFO", "Phyllis Morris")}
    assert ("CFO", "Jane Smith") in people(call("en", "rep: With me is Jane Smith, Chief Financial Officer of Acme."))


def test_a_capitalised_seat_after_a_modifier_before_a_full_name_is_that_persons() -> None:
    line = "MR. LYNCH/unknown: The work was led by Regional Director Matt Marko and his staff."
    assert people(call("en", line)) == {("Director", "Matt Marko")}
    assert call("en", "MR. LYNCH/unknown: The work was led by the director and his staff.") == ()


def test_a_list_after_a_plural_title_passes_courtesy_titles_and_institutions() -> None:
    line = (
        "CHANCELLOR JOHNSON/unknown: It is chaired by two of our presidents, Dr. Wayne Riley of Downstate and "
        "Dr. Deborah Stanley at Oswego."
    )
    assert {("President", "Wayne Riley"), ("President", "Deborah Stanley")} <= people(call("en", line))


@pytest.mark.parametrize(
    "line",
    [
        "unknown: Now I will turn the meeting over to Collin Mings, Vice President, Capital Markets and Treasury.",
        "Collin Mings/unknown: Collin Mings, Vice President, Capital Markets and Treasury.",
    ],
)
def test_a_department_after_the_title_is_no_name_when_spacy_reads_the_name_before_as_an_organisation(line: str) -> None:
    """spaCy's small model reads "Collin Mings" as ORG in "Collin Mings, Vice President, Capital Markets and Treasury":
    a name in apposition right before the title is still the name; the department after it is not."""
    assert people(call("en", line)) == {("VP", "Collin Mings")}
