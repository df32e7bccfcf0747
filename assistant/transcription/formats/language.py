"""The language of an imported transcript when nothing declares it: a cheap guess from script and stop words."""

from __future__ import annotations

import re

_LANGUAGE_NAMES = {
    "english": "en", "italian": "it", "russian": "ru", "polish": "pl", "chinese": "zh",
    "german": "de", "spanish": "es", "french": "fr",
}  # fmt: skip


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _set("the and is are we you to of that it this for not with have be our was i"),
    "it": _set("il lo la gli le di che è non per con una un sono siamo abbiamo del della ci"),
    "pl": _set("i w nie się na że to jest z do jak ale my już są tak mamy czy tego"),
    "de": _set("der die das und ist nicht wir ich sie zu mit ein eine auf für den es"),
    "es": _set("el la los las que y es no por con una un para del estamos pero muy"),
    "fr": _set("le la les et est nous vous pas que une un pour avec des du ce je"),
}


def language_code(value: str) -> str | None:
    """'en' from 'en' or 'English'; None when it is neither a code nor a known name."""
    value = value.strip().lower()
    if re.fullmatch(r"[a-z]{2,3}", value):
        return value
    return _LANGUAGE_NAMES.get(value)


def detect_language(text: str) -> str:
    """Cheap language guess: CJK → zh, kana → ja, Hangul → ko, Cyrillic → ru, Latin → a stop-word
    vote among en/it/pl/de/es/fr; "und" when there is too little to tell."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "und"
    for code, pattern in (("ja", r"[\u3040-\u30ff]"), ("ko", r"[\uac00-\ud7af]"), ("zh", r"[\u3400-\u9fff]"),
                          ("ru", r"[\u0400-\u04ff]")):  # fmt: skip
        if len(re.findall(pattern, text)) / len(letters) > 0.3:
            return code
    words = re.findall(r"[^\W\d_]+", text.casefold())
    votes = {code: sum(w in stops for w in words) for code, stops in _STOP_WORDS.items()}
    if re.search(r"[ąęłńśźż]", text.casefold()):
        votes["pl"] += 3
    best = max(votes, key=lambda code: votes[code])
    runner_up = max(v for code, v in votes.items() if code != best)
    return best if votes[best] >= 2 and votes[best] > runner_up else "und"
