"""What speakers do to the words around a title: break off a title and start again ("Chief -- Executive Vice
President"), say a first name as two initials ("ND Maduemezia"), which transcripts write in several ways
("A.J. Eaker", "AJ Eaker")."""

from __future__ import annotations

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L

_DASHES = {"-", "—", "–"}
# the first word of a title a speaker breaks off and starts again ("Chief -- Executive Vice President")
_CUT_TITLE_WORDS = {
    "en": {"chief", "vice", "head", "general", "managing"},
    "it": {"vice", "amministratore", "responsabile"},
    "ru": {"генеральный", "финансовый", "вице", "исполнительный"},
    "pl": {"wice", "członek", "szef", "główny"},
}


def past_false_start(tokens: list[L.Token], j: int, lang: str) -> int:
    """The comma before a false start ("<Name>, Chief -- Executive Vice President", "<Name>, amministratore —
    direttore finanziario"): one or two title words cut off by a dash are skipped; j itself otherwise."""
    k = j
    while k >= 0 and tokens[k].text in _DASHES:
        k -= 1
    if k == j:
        return j
    cut = _CUT_TITLE_WORDS.get(lang, set()) | C.TITLE_MODIFIERS.get(lang, set())
    words = 0
    while k >= 0 and words < 2 and tokens[k].low in cut:
        k, words = k - 1, words + 1
    return k if words and k >= 0 and tokens[k].text == "," else j


def initials(tok: L.Token) -> bool:
    """Two capitals that stand for a first name ("ND", "AJ"), not an abbreviation of a function or a place."""
    return len(tok.text) == 2 and tok.text.isalpha() and tok.text.isupper() and tok.low not in _NOT_INITIALS


_NOT_INITIALS = {"ir", "hr", "it", "pr", "vp", "us", "uk", "eu", "ai", "ok", "tv", "ip", "id", "qa", "ux", "ui"}


def name_words(name: str) -> list[str]:
    """Casefolded words, initials joined however they are written: "A.J. Eaker", "A. J. Eaker", "AJ Eaker"."""
    words: list[str] = []
    run = False  # the last word is a run of single initials
    for w in (w.strip(".") for w in name.casefold().replace(".", ". ").split()):
        if len(w) == 1 and run:
            words[-1] += w
        elif w:
            words.append(w)
            run = len(w) == 1
    return words
