"""Words that put the vendor, its product or the renewal into a sentence, per language, and the readers of them
that the other-sense, third-party and disclaimer constructions share (``senses.py``, ``third_parties.py``,
``disclaimers.py``, ``things.py``, ``turn.py``): when the sentence names the vendor, most of those constructions do
not apply.
"""

from __future__ import annotations

from assistant.analysis import regexes as rx

# Words that put the vendor, its product or the renewal into a sentence: then none of the constructions applies.
OURS = {
    "en": r"\b(you|your|yours|y'all|renew\w*|licen[cs]e\w*|seats?|software|platform|app|tool)\b",
    "it": r"\b(voi|vostr\w*|rinnov\w*|licenz\w*|software|piattaforma|app|gestionale)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*|продл\w*|лицензи\w*|софт\w*|платформ\w*|приложени\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|odnow\w*|przedłuż\w*|licencj\w*|oprogramowani\w*|platform\w*|aplikacj\w*)\b",
    "zh": r"(你们|您|贵司|贵公司|续约|续费|授权|软件|平台|系统)",
}
# The vendor or its product named (not the renewal verbs: "nie przedłużam karnetu" renews a gym pass).
NAMED = {
    "en": r"\b(you|your|yours|y'all|licen[cs]e\w*|seats?|software|platform|app|tool)\b",
    "it": r"\b(voi|vostr\w*|licenz\w*|software|piattaforma|app|gestionale)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*|лицензи\w*|софт\w*|платформ\w*|приложени\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*|licencj\w*|oprogramowani\w*|platform\w*|aplikacj\w*)\b",
    "zh": r"(你们|您|贵司|贵公司|授权|软件|平台|系统)",
}
YOU = {
    "en": r"\b(you|your|yours|y'all)\b",
    "it": r"\b(voi|vostr\w*)\b",
    "ru": r"\b(вы|вас|вам|вами|ваш\w*)\b",
    "pl": r"\b(wy|was|wam|wami|wasz\w*)\b",
    "zh": r"(你们|您|贵司|贵公司)",
}


def names_vendor(text: str, lang: str) -> bool:
    """The vendor or its product named in ``text`` (lower case)."""
    return bool(rx.search(NAMED[lang], text)) if lang in NAMED else False


def mentions_ours(text: str, lang: str) -> bool:
    """The vendor, its product or the renewal named in ``text`` (lower case)."""
    return bool(rx.search(OURS[lang], text)) if lang in OURS else False


def addresses_vendor(text: str, lang: str) -> bool:
    """The vendor addressed ("you", "voi", "вы", "wy", "你们")."""
    return bool(rx.search(YOU[lang], text)) if lang in YOU else False


def first(table: dict[str, str], text: str, lang: str) -> str:
    """The first match of ``table``'s pattern for ``lang`` in ``text``, stripped, or ``""``."""
    found = rx.search(table[lang], text) if lang in table else None
    return found.group(0).strip() if found else ""
