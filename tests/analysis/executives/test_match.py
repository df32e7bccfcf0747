"""Title matching on one sentence: inflection keys, acronym normalisation, fuzzy windows, Chinese."""

from __future__ import annotations

import pytest

from assistant.analysis.executives import default_executive_titles
from assistant.analysis.executives.lang import key, normalise_acronyms, sentences, tokenize
from assistant.analysis.executives.match import find_titles, lexicon
from assistant.analysis.executives.match_zh import find_titles_zh
from tests.analysis.executives.lines import call, people


def titles(text: str, lang: str = "en") -> list[str]:
    lex = lexicon(default_executive_titles(), lang)
    found = find_titles_zh(text, lex) if lang == "zh" else find_titles(tokenize(text, lang), lex)
    return [m.title for m in found]


@pytest.mark.parametrize(
    ("lang", "inflected", "base"),
    [
        ("pl", "dyrektorem", "dyrektor"),
        ("pl", "dyrektorze", "dyrektor"),
        ("pl", "finansowego", "finansowy"),
        ("pl", "członka", "członek"),
        ("pl", "prezesowi", "prezes"),
        ("ru", "главного", "главный"),
        ("ru", "директором", "директор"),
        ("ru", "вице-президента", "вице-президент"),
        ("it", "finanziari", "finanziario"),
        ("it", "delegati", "delegato"),
        ("en", "CFO's", "cfo"),
        ("en", "officers", "officer"),
    ],
)
def test_inflected_forms_share_a_key(lang: str, inflected: str, base: str) -> None:
    assert key(inflected, lang) == key(base, lang)


def test_different_words_keep_different_keys() -> None:
    assert key("dyrektywa", "pl") != key("dyrektor", "pl")
    assert key("business", "en") == "business"


@pytest.mark.parametrize(("text", "expected"), [("C.F.O.", "CFO "), ("our C. E. O. said", "our CEO said")])
def test_dotted_acronyms_are_joined(text: str, expected: str) -> None:
    assert normalise_acronyms(text).strip() == expected.strip()


def test_sentence_split_keeps_abbreviations_and_lowercase_continuations() -> None:
    assert sentences("Nasz dyrektor ds. zakupów jest tu. Drugi.") == ["Nasz dyrektor ds. zakupów jest tu.", "Drugi."]


def test_longest_phrase_wins() -> None:
    assert titles("the executive vice president") == ["EVP"]
    assert titles("our chief financial officer") == ["CFO"]


def test_head_needs_a_business_function() -> None:
    assert titles("head of finance") == ["Head of Finance"]
    assert titles("head of state") == []
    assert titles("sales VP") == ["VP of Sales"]


def test_two_letter_acronyms_only_in_capitals() -> None:
    assert titles("l'AD", "it") == ["CEO"]
    assert titles("ad esempio", "it") == []


@pytest.mark.parametrize("text", ["RC.fo", "C F O", "C-F-O"])
def test_garbled_acronyms_match_fuzzily_and_need_context(text: str) -> None:
    lex = lexicon(default_executive_titles(), "en")
    [match] = find_titles(tokenize(text, "en"), lex)
    assert match.title == "CFO" and match.needs_context and match.confidence < 1.0


@pytest.mark.parametrize("text", ["ciao", "coco", "see you soon", "Chief of staff"])
def test_ordinary_words_are_not_fuzzy_titles(text: str) -> None:
    assert titles(text) == []


def test_italian_cio_is_not_a_cio() -> None:
    assert titles("ciò che serve", "it") == []


def test_fuzzy_only_on_short_windows() -> None:
    long = "we looked at the chief financial offer " + "and many other words " * 50
    assert titles(long) == ["CFO"]


def test_zh_head_with_function_and_acronym() -> None:
    assert titles("我们的销售副总裁和CFO", "zh") == ["VP of Sales", "CFO"]
    assert titles("副总经理", "zh") == ["VP"]


@pytest.mark.parametrize("text", ["This also applies to our CSTO membership.", "The NATO summit", "our CTOS team"])
def test_an_acronym_written_whole_is_not_a_garbled_title(text: str) -> None:
    assert titles(text) == []


def test_head_of_an_organisation_is_its_head_not_of_a_household() -> None:
    lex = lexicon(default_executive_titles(), "en")
    titles = lambda text: [m.title for m in find_titles(tokenize(text, "en"), lex)]  # noqa: E731
    assert titles("Natalya Korolkova, head of the local meat packing plant, is here.") == ["Head"]
    assert titles("She is head of the regional museum.") == ["Head"]
    assert titles("He is the head of the household.") == []
    assert titles("The head of the table was free.") == []


def test_lower_case_cio_in_italian_is_the_pronoun_not_the_acronym() -> None:
    assert call("it", "BO1/unknown: ma la cio~ con la collana di filosofia cos'ha fatto") == ()
    assert people(call("it", "BO1/unknown: ne parlo con il nostro CIO domani")) == {("CIO", None)}
    assert people(call("en", "rep: I will run it by our cio tomorrow")) == {("CIO", None)}
