"""A seat no longer held (assistant/analysis/executives/tenure.py): "our former CFO", "Morry was CEO", "He, of course,
was the Director of Finance", "Piotr Nowak był prezesem", "前任财务总监" are no executives of the call; a seat
held now is."""

from __future__ import annotations

import pytest

from assistant.analysis.executives import default_executive_titles
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import find_titles, lexicon
from assistant.analysis.executives.match_zh import find_titles_zh
from assistant.analysis.executives.tenure import former_seat, zh_former_seat
from tests.analysis.executives.lines import call, people

FORMER_SEATS = [  # a seat no longer held is no executive of the call
    ("en", "They watched the stock for years back when Morry was CEO."),
    ("en", "Our former CFO, Jane Smith, left in May."),
    ("it", "Il nostro ex direttore finanziario, Marco Rossi, è andato via."),
    ("ru", "Наш бывший финансовый директор Олег Смирнов ушёл."),
    ("pl", "Piotr Nowak był prezesem do maja."),
    ("zh", "我们的前任财务总监王丽已经离开了。"),
]


@pytest.mark.parametrize(("lang", "line"), FORMER_SEATS)
def test_a_former_seat_is_no_one(lang: str, line: str) -> None:
    assert call(lang, f"customer: {line}") == ()


def test_a_past_copula_after_no_name_is_no_former_seat() -> None:
    assert people(call("en", "customer: It was our CEO who approved it.")) == {("CEO", None)}


@pytest.mark.parametrize(
    ("line", "former"),
    [
        ("He, of course, was the Director of Finance at the DHSC.", True),
        ("I was chairman of the party from 2010.", True),
        ("We had the CFO, we had a controller.", True),
        ("Our CFO signs every contract.", False),
        ("It was our CEO who approved it.", False),
    ],
)
def test_former_seat_reads_the_words_before_the_title(line: str, former: bool) -> None:
    tokens = L.tokenize(line, "en")
    match = find_titles(tokens, lexicon(default_executive_titles(), "en"))[0]
    assert former_seat(tokens, match, "en") is former


def test_a_chinese_former_seat_is_read_before_the_possessive() -> None:
    for sentence, former in (("他曾是我们的前任财务总监。", True), ("我们的财务总监王丽在线上。", False)):
        match = find_titles_zh(sentence, lexicon(default_executive_titles(), "zh"))[0]
        assert zh_former_seat(sentence, match) is former


def test_having_served_as_is_a_past_seat() -> None:
    line = "CHANCELLOR RODRIGUEZ/unknown: I have some experience, having served as the president at Hostos College."
    assert call("en", line) == ()
    assert ("President", None) in people(call("en", "rep: I'm the president of Hostos Community College."))


def test_as_the_title_i_was_is_a_past_seat() -> None:
    line = "CHANCELLOR RODRIGUEZ/unknown: My colleagues will tell you that as president I was always very attentive."
    assert call("en", line) == ()
    assert ("CFO", "Jane Smith") in people(call("en", "Jane Smith/unknown: As CFO, I want to thank you all."))
