"""Which words are a name (``names``): a sentence adverb that opens the sentence capitalised is no first name, in
every language where it happens (English asks spaCy's tagger; Russian's pymorphy3 already knew)."""

from __future__ import annotations

import pytest

from assistant.analysis.executives.names import label_name
from tests.analysis.executives.lines import call, people

OPENING_ADVERBS = [
    ("en", "Anna/unknown: Additionally Mark Ross, our CFO, will present the results.", "Mark Ross", "CFO"),
    ("it", "Anna/unknown: Inoltre Marco Rossi, il nostro direttore finanziario, presenta i conti.", "Marco Rossi",
     "CFO"),
    ("it", "Anna/unknown: Successivamente Marco Rossi, il nostro direttore finanziario, parlerà.", "Marco Rossi",
     "CFO"),
    ("pl", "Anna/unknown: Ponadto Jan Kowalski, dyrektor finansowy, przedstawi wyniki.", "Jan Kowalski", "CFO"),
    ("pl", "Anna/unknown: Dodatkowo Jan Kowalski, nasz prezes, dołączy do rozmowy.", "Jan Kowalski", "CEO"),
    ("ru", "Анна/unknown: Также Андрей Волков, наш финансовый директор, представит итоги.", "Андрей Волков", "CFO"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "line", "name", "title"), OPENING_ADVERBS)
def test_a_sentence_adverb_is_no_first_name(lang: str, line: str, name: str, title: str) -> None:
    assert people(call(lang, line)) == {(title, name)}


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("en", "Anna/unknown: Kelly Ross, our CFO, will present the results.", "Kelly Ross"),
        ("en", "Anna/unknown: Emily Jane Ross, our CFO, will present the results.", "Emily Jane Ross"),
        (
            "it",
            "Anna/unknown: Anna Maria Rossi, la nostra direttrice finanziaria, presenta i conti.",
            "Anna Maria Rossi",
        ),
        ("pl", "Anna/unknown: Jan Maria Kowalski, dyrektor finansowy, przedstawi wyniki.", "Jan Maria Kowalski"),
    ],
)
def test_a_first_name_stays(lang: str, line: str, name: str) -> None:
    assert {e.name for e in call(lang, line)} == {name}


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("pl", "Anna/unknown: Przekazuję głos naszemu prezesowi, panu Janowi Kowalskiemu.", "Jan Kowalski"),
        ("pl", "customer: Rozmawiałam z naszym prezesem, Janem Kowalskim, wczoraj.", "Jan Kowalski"),
        ("pl", "Anna/unknown: Przedstawiam Jana Kowalskiego, naszego prezesa.", "Jan Kowalski"),
        ("it", "customer: Lui è il nostro direttore finanziario.", None),
        ("pl", "customer: On jest naszym dyrektorem finansowym.", None),
    ],
)
def test_polish_first_names_in_their_cases_and_pronouns(lang: str, line: str, name: str | None) -> None:
    assert {e.name for e in call(lang, line)} == {name}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("it", "customer: Il nostro direttore finanziario firma."),
        ("it", "customer: Il nostro amministratore delegato decide."),
        ("pl", "customer: Nasz dyrektor finansowy podpisze."),
        ("pl", "customer: Nasz prezes zarządu decyduje."),
    ],
)
def test_cased_text_has_no_lower_case_name(lang: str, line: str) -> None:
    """A sentence whose first word is capitalised is cased text: its lower-case words are no names."""
    assert [(e.title, e.name) for e in call(lang, line)] in ([("CFO", None)], [("CEO", None)])


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("it", "customer: il nostro direttore finanziario firma.", None),
        ("pl", "customer: nasz dyrektor finansowy zatwierdza.", None),
        ("pl", "customer: nasz dyrektor finansowy podpisał.", None),
        ("ru", "customer: наш финансовый директор подписал.", None),
        ("it", "customer: il nostro direttore finanziario marco.", "Marco"),
        ("pl", "customer: nasz dyrektor finansowy anna.", "Anna"),
        ("ru", "customer: наш финансовый директор ольга.", "Ольга"),
    ],
)
def test_a_verb_right_after_a_title_is_no_lower_case_name(lang: str, line: str, expected: str | None) -> None:
    """In all-lower-case ASR text a name may follow the title, but the sentence's verb is no name."""
    assert [e.name for e in call(lang, line)] == [expected]


@pytest.mark.parametrize("word", ["domani", "ieri", "oggi", "stamattina", "prima"])
def test_an_italian_function_word_after_a_title_is_no_lower_case_name(word: str) -> None:
    """ "ne parlo con il direttore finanziario domani": an adverb is no name (the check never rejected a word: it asked
    the lemma table's hashed keys); names the table reads as words ("marco" -> marcare) stay names."""
    assert [(e.title, e.name) for e in call("it", f"customer: ne parlo con il direttore finanziario {word}")] == [
        ("CFO", None)
    ]
    assert [e.name for e in call("it", "customer: sono sara, la direttrice finanziaria.")] == ["Sara"]


def test_lower_case_names_after_a_self_introduction_stay() -> None:
    assert [e.name for e in call("it", "customer: sono luca, il direttore finanziario.")] == ["Luca"]


def test_a_name_shared_with_the_company_is_vetted_where_it_is_said() -> None:
    """ "Robert Chen, president of Chen Logistics": the name's "Chen" is a person, the company's is not."""
    found = call("en", "customer: This is Robert Chen, president of Chen Logistics, thanks for calling back.")
    assert [(e.title, e.kind, e.name) for e in found] == [("President", "speaking", "Robert Chen")]


def test_a_label_name_has_no_courtesy_title() -> None:
    """A record's speaker label ("Mr Graham Russell", "Lord Andrew Feldman") names the person without "Mr" or "Lord";
    "The Witness" is no one's name."""
    assert [
        label_name(x) for x in ("Mr Graham Russell", "Lord Andrew Feldman", "Mr. Dave Fildes", "Dr Chris Hall")
    ] == [
        "Graham Russell",
        "Andrew Feldman",
        "Dave Fildes",
        "Chris Hall",
    ]
    assert label_name("The Witness") is None
    found = call("en", "Dr Chris Hall/unknown: Hi everyone, Chris Hall here, Chief Commercial Officer.")
    assert [(e.title, e.name) for e in found] == [("CCO", "Chris Hall")]


def test_a_court_reporters_label_gives_the_surname_in_capitals_after_the_courtesy_title() -> None:
    """held16: "MS. AGU:" names Ms Agu; a short label in capitals alone ("REP", "CUST") is still no name."""
    assert [label_name(x) for x in ("MS. AGU", "DR. BOWEN", "REP", "CUST")] == ["AGU", "BOWEN", None, None]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("customer: Mr Lee, our CFO, is here.", "Lee"),
        ("customer: Ms Antonova, our director of finance, is here.", "Antonova"),
        ("customer: Dr Jane Roe, our CFO, is here.", "Jane Roe"),
    ],
)
def test_a_courtesy_title_before_a_name_is_no_part_of_it(line: str, name: str) -> None:
    assert [e.name for e in call("en", line)] == [name]
