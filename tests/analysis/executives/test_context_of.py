"""What a title is "of" (assistant/analysis/executives/context_of.py): the speaker's company, another organisation, a
department, a kind of person, or another sense of the word; and the side a possessive says."""

from __future__ import annotations

import pytest

from assistant.analysis.executives import default_executive_titles
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.context_of import company_before, department, of_what, possessive_side
from assistant.analysis.executives.match import TitleMatch, find_titles, lexicon


def _first_title(line: str, lang: str = "en") -> tuple[list[L.Token], TitleMatch]:
    tokens = L.tokenize(line, lang)
    return tokens, find_titles(tokens, lexicon(default_executive_titles(), lang))[0]


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Dana Brooks, CFO at Acme, joined us.", "en", "company"),
        ("The founder of Tesla said so.", "en", "foreign"),
        ("He is the CTO of a retail chain.", "en", "generic"),
        ("She is the owner of this project.", "en", "other"),
        ("He is president of our CO2 business.", "en", "company"),
        ("Our CFO will sign.", "en", None),
        ("Il direttore finanziario della società firma.", "it", "company"),
    ],
)
def test_of_what_reads_the_words_after_the_title(line: str, lang: str, expected: str | None) -> None:
    tokens, match = _first_title(line, lang)
    assert of_what(tokens, match.end, lang) == expected


def test_a_company_named_before_the_title_is_another_organisation() -> None:
    tokens, match = _first_title("I read what the Apple CEO said.")
    assert company_before(tokens, match, "en") == "foreign"
    tokens, match = _first_title("I read what our CEO said.")
    assert company_before(tokens, match, "en") is None


def test_a_bare_lower_case_noun_after_of_is_a_department() -> None:
    tokens, match = _first_title("Katherine Owen, VP of strategy and investor relations.")
    assert department(tokens, match, "en")
    tokens, match = _first_title("He is the director of the film.")
    assert not department(tokens, match, "en")


def test_possessive_side() -> None:
    assert [possessive_side(w, "en") for w in ("our", "your", "their", "the")] == ["own", "other", "third", None]
    assert [possessive_side(w, "ru") for w in ("наш", "ваш")] == ["own", "other"]
