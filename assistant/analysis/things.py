# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""Whose thing broke? A failure named with what failed, when that is none of the vendor's (issue 10 §5, rules9):

    failed_thing("Na drugiej zmianie mieliśmy awarię falcerki, stała dwa dni.", 28, 34, "pl", "support")
    # -> "'awarię falcerki'"

A support rule's failure word ("awaria", "авария", "outage", "breakdown") followed by what failed — a ski lift, a
folding machine, the power, their plant — is the customer's own equipment or someone else's, not the product: "mamy
awarię wyciągu", "awaria prądu", "поломка станка", "an outage at their plant". What the vendor sells keeps the hit
("awaria systemu", "авария сервера", "an outage of the platform"), and so does a sentence that names the vendor.
So is a thing the relative clause of the match says kept breaking (rules15): "три старых станка, которые постоянно
ломались", "the old presses that kept breaking down", "stare wózki, które ciągle się psuły", "le vecchie macchine che
si rompevano sempre" — not "the system, which keeps crashing".
"""

from __future__ import annotations

from assistant.analysis import regexes as rx
from assistant.analysis.vendor_words import names_vendor

# What the vendor sells, or where its service runs: a failure of one of these stays a risk.
_PRODUCT = {
    "en": r"(system|software|platform|app|application|server|portal|site|website|integration|sync|database|service|api|module|tool|dashboard|login)s?",
    "pl": r"(system\w*|aplikacj\w*|serwer\w*|platform\w*|program\w*|moduł\w*|stron\w*|poczt\w*|baz\w*|synchronizacj\w*|integracj\w*|kopi\w*|backup\w*|eksport\w*|import\w*|raport\w*|wasz\w*|dziennik\w*|kalendarz\w*|kas\w*|terminal\w*|logowani\w*|usług\w*|sieci|internetu|łącza)",
    "ru": r"(систем\w*|программ\w*|сервер\w*|платформ\w*|приложени\w*|сайт\w*|ваш\w*|интеграци\w*|баз\w*|модул\w*|касс\w*|связи|интернет\w*|сервис\w*)",
}
# The failure word and the noun after it in the genitive (Polish, Russian: at least four letters, not a time word).
_FAILED = {
    "en": r"\b(outages?|breakdowns?|failures?) (at|of|in) (their|our|the|a) (\w+)\b",
    "pl": r"\b(awari\w*|usterk\w*) ((?!(znowu|znów|była|było|trwa\w*|teraz|wczoraj|dzisiaj|dnia|tygodnia|miesiąca|roku|godziny|nocy|rano|tylko|jakby|takiej|tego|jednej|kolejna|kolejnej)\b)[a-ząćęłńóśźż]{2,}(u|a|i|y|ów))\b",
    "ru": r"\b(авари\w*|поломк\w*|неисправност\w*) ((?!(вчера|сегодня|опять|снова|была|было|утра|ночи|недели|месяца|года|дня|такая|такой|очередная)\b)[а-яё]{2,}(а|я|и|ы|ов))\b",
}

# What broke, named before the relative clause that holds the match ("станка, которые постоянно ломались").
_BROKE_WHICH = {
    "en": r"\b(\w+),? (that|which) (kept|keep|always|constantly|often)? ?(break\w*|broke|fail\w*|crash\w*)",
    "it": r"\b(\w+),? che (si )?(rompev\w*|guastav\w*|bloccav\w*|si rompono|si guastano)",
    "ru": r"([а-яё]+),? (которые|который|которая|которое) (\w+ )?(ломал\w*|ломают\w*|ломает\w*|выходил\w* из строя|отказывал\w*)",
    "pl": r"\b(\w+),? (które|który|która) (\w+ )?(się )?(psuł\w*|psują|psuje|ciągle się psuł\w*|zawodził\w*)",
}
_THING_PRODUCT = {
    **_PRODUCT,
    "it": r"(sistema|software|piattaforma|app|server|portale|sito|gestionale|programma|modulo)\w*",
}
# A participle after the failure word says what became of it ("awaria usunięta", "авария устранена"): no thing.
_PARTICIPLE = {"pl": r"(on[aey]|an[aey]|ęt[aey]|ł[aoy])$", "ru": r"(ен[аы]|ан[аы]|ал[аи]|ил[аи]|ся|сь)$"}


def failed_thing(sentence: str, start: int, end: int, lang: str, category: str) -> str:
    """The failure of the match with what failed, when that is not the vendor's product, or ``""``."""
    if category != "support" or (lang not in _FAILED and lang not in _BROKE_WHICH):
        return ""
    text = sentence.lower()
    if names_vendor(text, lang):
        return ""
    for found in rx.finditer(_BROKE_WHICH[lang], text) if lang in _BROKE_WHICH else ():
        if found.start() < end and start < found.end() and not rx.fullmatch(_THING_PRODUCT[lang], found.group(1)):
            return found.group(0)
    for found in rx.finditer(_FAILED[lang], text) if lang in _FAILED else ():
        thing = found.group(4 if lang == "en" else 2)
        if (
            found.start() < end
            and start < found.end()
            and not rx.fullmatch(_PRODUCT[lang], thing)
            and not (lang in _PARTICIPLE and rx.search(_PARTICIPLE[lang], thing))
        ):
            return found.group(0)
    return ""
