"""Per-language pipelines: the same matching form for a phrase and its inflections, real models only."""

from __future__ import annotations

import pytest

from assistant.analysis.nlp import (
    SUPPORTED_LANGUAGES,
    UnsupportedLanguageError,
    check_language,
    get_fast_nlp,
    get_nlp,
    italian_function_words,
    lemma_of,
    lemmas,
    phrase_lemmas,
    simplified,
)
from assistant.errors import ConfigError


@pytest.mark.parametrize(
    ("lang", "base", "inflected"),
    [
        ("en", "cancel", "cancelled"),
        ("en", "cancel", "cancelling"),
        ("en", "leave", "left"),
        ("it", "disdire", "disdetta"),
        ("it", "caro", "cara"),
        ("ru", "отменить", "отменим"),
        ("ru", "договор", "договора"),
        ("pl", "umowa", "umowy"),
        ("pl", "rezygnować", "rezygnujemy"),
        ("pl", "przedłużyć", "przedłużymy"),
    ],
)
def test_inflections_share_a_matching_form(lang: str, base: str, inflected: str) -> None:
    assert lemma_of(base, lang) == lemma_of(inflected, lang)


def test_different_words_stay_different() -> None:
    assert lemma_of("cancel", "en") != lemma_of("renew", "en")
    assert lemma_of("отменить", "ru") != lemma_of("продлить", "ru")


def test_english_contractions_and_case() -> None:
    assert phrase_lemmas("We aren't renewing", "en") == ("we", "be", "not", "renew")
    assert phrase_lemmas("we cant", "en") == ("we", "can", "not")


def test_chinese_is_segmented_by_jieba() -> None:
    doc = get_fast_nlp("zh")("我们打算取消合同")
    assert "取消" in [t.text for t in doc]
    assert "合同" in lemmas(doc)


def test_full_english_pipeline_parses_and_is_cached() -> None:
    nlp = get_nlp("en")
    assert nlp is get_nlp("en")
    doc = nlp("We are not planning to cancel.")
    assert any(t.dep_ == "neg" for t in doc)
    assert [t.lemma_ for t in doc][3] == "plan"


def test_other_languages_share_one_pipeline() -> None:
    for lang in SUPPORTED_LANGUAGES:
        if lang != "en":
            assert get_nlp(lang) is get_fast_nlp(lang)


def test_language_codes_are_normalised() -> None:
    assert check_language("EN-us") == "en"
    assert check_language("zh_CN") == "zh"


def test_unknown_language_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        get_nlp("fr")
    message = str(info.value)
    assert "'fr'" in message
    for lang in SUPPORTED_LANGUAGES:
        assert lang in message
    assert isinstance(info.value, ConfigError)


def test_traditional_chinese_is_read_in_simplified_characters_one_for_one() -> None:
    assert simplified("我是信輝的副總經理陳志孝") == "我是信辉的副总经理陈志孝"
    assert simplified("董事長李義達") == "董事长李义达"
    text = "Our CFO 王丽，首席财务官"  # nothing to change: the same string back
    assert simplified(text) is text
    assert all(len(simplified(t)) == len(t) for t in ("財務長", "總經理跟創辦人", "營收成長了"))


def test_italian_function_words_are_words_and_never_names() -> None:
    """Real strings (the lemma table's own keys are hashes: a membership test on them never matched a word): articles,
    prepositions, adverbs of time are in; first names and surnames that are also Italian words are out."""
    words = italian_function_words()
    assert {"il", "per", "anche", "domani", "ieri", "oggi", "stamattina", "prima", "però", "già"} <= words
    assert not {"marco", "luca", "chiara", "rossi", "sara", "giulia", "bruno", "costa", "serra"} & words
