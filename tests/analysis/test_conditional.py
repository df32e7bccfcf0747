"""Conditional threat or speculation (analysis/conditional.py), in every supported language, with spaCy's
tokenizers. Lines written for this test (in no corpus)."""

from __future__ import annotations

import pytest

from assistant.analysis.conditional import mood

THREATS = [
    ("en", "If the export isn't fixed by March, we won't renew."),
    ("en", "Unless the price comes down we are not signing, simple as that."),
    ("en", "Fix the SSO problem this quarter or we walk."),
    ("it", "Se entro marzo l'esportazione non funziona, non rinnoviamo."),
    ("ru", "Если к марту выгрузку не починят, продлевать не будем."),
    ("pl", "Jeżeli do marca eksport nie zadziała, nie przedłużamy umowy."),
    ("zh", "如果价格降不下来就不续了"),
    ("zh", "要是三月前导出还修不好，我们就不续约了。"),
]
SPECULATION = [
    ("en", "If prices ever went up a lot, we might look around."),
    ("en", "Maybe one day we'd want something bigger, who knows."),
    ("it", "Se un giorno i prezzi salissero, forse ci guarderemmo intorno."),
    ("ru", "Если когда-нибудь цены вырастут, может, посмотрим на других."),
    ("pl", "Gdyby kiedyś ceny poszły w górę, może byśmy się rozejrzeli."),
    ("zh", "哪天价格要是涨得厉害，说不定我们也会看看别的。"),
]
PLAIN = [
    ("en", "We are cancelling at the end of the term."),
    ("it", "Disdiciamo alla scadenza."),
    ("ru", "Мы расторгаем договор по окончании срока."),
    ("pl", "Rezygnujemy z końcem okresu."),
    ("zh", "合同到期我们就不续了。"),
    ("zh", "这个不可能再便宜了吗"),  # 不可能 is "impossible", not "maybe"
]


@pytest.mark.parametrize(("lang", "text"), THREATS)
def test_a_conditional_said_firmly_is_a_threat(lang: str, text: str) -> None:
    assert mood(text, lang) == "threat"


@pytest.mark.parametrize(("lang", "text"), SPECULATION)
def test_a_mere_possibility_is_speculation(lang: str, text: str) -> None:
    assert mood(text, lang) == "speculation"


@pytest.mark.parametrize(("lang", "text"), PLAIN)
def test_a_plain_statement_is_neither(lang: str, text: str) -> None:
    assert mood(text, lang) == ""


def test_a_wish_in_the_conditional_mood_is_no_speculation() -> None:
    assert mood("Vorrei solo un report più chiaro.", "it") == ""
    assert mood("Chciałbym tylko prostszy raport.", "pl") == ""


def test_a_modal_of_possibility_makes_speculation_in_every_language() -> None:
    assert mood("If it came to that, we should look at other vendors.", "en") == "speculation"
    assert mood("Если цена вырастет, мы можем отменить подписку.", "ru") == "speculation"
    assert mood("Jeśli cena wzrośnie, możemy zrezygnować.", "pl") == "speculation"
    assert mood("Se il prezzo aumenta potremo disdire.", "it") == "speculation"


def test_italian_non_mai_is_never_not_ever() -> None:
    # rules13: "mai" after "non" (or before "più") is "never": the threat stays a threat; "se mai" is still "ever"
    assert mood("Se non sistemate entro marzo, non rinnoviamo mai più.", "it") == "threat"
    assert mood("Se il sync non funziona entro giugno, non lo rinnoveremo mai.", "it") == "threat"
    assert mood("Se mai i prezzi salissero, ci guarderemmo intorno.", "it") == "speculation"
    assert mood("Se mai aumentano i prezzi, vediamo.", "it") == "speculation"
