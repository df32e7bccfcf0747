"""What speakers do to the words around a title: break off a title and start again ("Chief -- Executive Vice
President"), say a first name as two initials ("ND Maduemezia"), add a relation after a title ("our CEO and colleague,
Andrew"), name a unit or a place between "our" and the title ("our Atlanta market President") or after it
("director of the education directorate"), break off a sentence and take it up in a later turn
("Santana Alvarado --" ... "-- chairperson, NYPIRG.")."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.records import Utterance

# a relation the speaker adds after a title before the name ("our CEO and colleague, Andrew")
_RELATIONS = {
    "en": {"colleague", "friend", "partner", "mentor"},
    "it": {"collega", "amico", "amica", "socio", "socia"},
    "ru": {"коллега", "друг", "партнёр", "партнер"},
    "pl": {"kolega", "koleżanka", "przyjaciel", "wspólnik"},
}
_AND = {"and", "e", "и", "i"}

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


def past_relation(tokens: list[L.Token], j: int, lang: str) -> int:
    """The comma after "and <relation>" right after a title ("our CEO and colleague, Andrew", "nostro
    amministratore delegato e amico, Andrea"), so the name after it is linked; j itself when there is none."""
    if j >= len(tokens) or tokens[j].low not in _AND:
        return j
    k = j + 1
    while k < len(tokens) and k - j <= 3 and tokens[k].is_word and not tokens[k].capitalised:
        if tokens[k].low in _RELATIONS.get(lang, set()):  # one person: "and colleagues, A and B" stays a list
            return k + 1 if k + 1 < len(tokens) and tokens[k + 1].text == "," else j
        k += 1
    return j


def relation_before(tokens: list[L.Token], i: int, lang: str) -> int | None:
    """ "Albert Heaney my colleague, the director for social services", "Anna Rossi, nostra collega, la direttrice":
    the index of the name's last word before a relation said between it and the title at i (past the comma and the
    article), or None; "Thanks, my friend, the president will call" has no name before it."""
    k = i - 1
    while k >= 0 and tokens[k].low in C.DETERMINERS[lang]:
        k -= 1
    if k < 2 or tokens[k].text != ",":
        return None
    rel, own = tokens[k - 1], tokens[k - 2]
    name = k - 4 if k >= 4 and tokens[k - 3].text == "," else k - 3  # the name before, its comma may be left out
    named = name >= 0 and tokens[name].capitalised and tokens[name].low not in C.NOT_NAMES[lang]
    own_word = own.low in C.POSSESSIVE_OWN[lang]
    return name if rel.low in _RELATIONS.get(lang, set()) and own_word and named else None


def unit_before_title(tokens: list[L.Token], j: int, lang: str) -> bool:
    """A word of a unit or a place between a possessive and the title ("our Atlanta market President", "our
    regional sales Director"), read back from the title towards the possessive (at most two words)."""
    if not tokens[j].is_word or lang != "en":
        return False
    return any(k >= 0 and tokens[k].low in _OWN for k in (j - 1, j - 2))


def possessive_over_unit(tokens: list[L.Token], i: int, lang: str) -> str | None:
    """The possessive two or three words before the title at i, over words of a unit or a place ("our Atlanta
    market President"); None when there is none."""
    if lang != "en":
        return None
    for k in (i - 2, i - 3):
        between = tokens[k + 1 : i] if k >= 0 else []
        if k >= 0 and tokens[k].low in _OWN and all(_unit_word(t, lang) for t in between):
            return tokens[k].low
    return None


def _unit_word(tok: L.Token, lang: str) -> bool:
    """A word that can name a unit or a place: not an article, a preposition ("in our view the president") or a
    conjunction ("He is not my deputy but Director for Special Commissions": "my" is the deputy's)."""
    return tok.is_word and tok.low not in C.DETERMINERS[lang] | C.PREPOSITIONS[lang] | C.COORDINATORS | _BUT


_OWN = {"our", "my", "your", "their"}
_BUT = {"but", "or", "nor", "not"}
_UNIT_NOUNS = {"directorate", "department", "division", "unit", "team", "office", "function", "services"}


def unit_ahead(tokens: list[L.Token], j: int) -> bool:
    """Up to three lower-case words from j ending in a word for a unit of an organisation ("director of the education
    directorate"): a department said with its article."""
    for k in range(j, min(j + 3, len(tokens))):
        if not tokens[k].is_word or tokens[k].capitalised:
            return False
        if tokens[k].low in _UNIT_NOUNS:
            return True
    return False


def bare_list_item(tokens: list[L.Token], j: int, i: int, lang: str) -> bool:
    """ "..., Doug Linde, President, and Mike LaBelle Chief Financial Officer": a last item of a list whose comma was
    left out: two capitalised names right before a capitalised title of two words or more, after ", and" (English)."""
    if lang != "en" or j != i - 1 or j < 3 or not tokens[i].capitalised or tokens[j - 2].low != "and":
        return False
    if tokens[j - 3].text != ",":  # ", and": the end of a list, not "Bank of America and Wells Fargo CFO"
        return False
    two_words = i + 1 < len(tokens) and tokens[i + 1].capitalised  # "Chief Financial Officer", not "CFO" alone
    names = [tokens[j - 1], tokens[j]]
    return two_words and all(t.capitalised and t.is_word and t.low not in C.NOT_NAMES[lang] for t in names)


_SERVES = {"continues", "serves", "acts", "remains"}


def past_serving(tokens: list[L.Token], j: int) -> int:
    """ "<Name>, who continues as <title>": from the word before "as" back to "who", read like "who is"."""
    if j >= 1 and tokens[j].low in _SERVES and tokens[j - 1].low == "who":
        return j - 1
    return j


def serving_as(tokens: list[L.Token], j: int) -> bool:
    """ "as" at j after "who continues", "who serves" (see ``past_serving``)."""
    return tokens[j].low == "as" and past_serving(tokens, j - 1) != j - 1


def said_to_listener(tokens: list[L.Token], start: int, lang: str) -> bool:
    """ "you are the chief executive at OPSS", "your current role, you are CEO of Teneo's UK ... business", "you are
    the deputy chief executive of X and the CEO of Y", "Вы финансовый директор, верно?", "Pan jest dyrektorem
    finansowym?": the seat of the one spoken to, said to them (en, ru, pl: Italian "lei è" is also "she is"; the
    title at ``start``)."""
    lows = [t.low for t in tokens[max(0, start - 12) : start]]
    for k in range(len(lows) - 1, -1, -1):
        if any(tuple(lows[k - len(cue) + 1 : k + 1]) == cue for cue in _YOU_ARE.get(lang, ())):
            return not set(lows[k + 1 :]) & _CLAUSE_BREAKS
    return False


_YOU_ARE = {
    "en": (("you're",), ("you", "are")),
    "ru": (("вы",), ("вы", "являетесь"), ("ты",)),
    "pl": (("pan", "jest"), ("pani", "jest"), ("jest", "pan"), ("jest", "pani"), ("jesteś",)),
}
_CLAUSE_BREAKS = {"who", "he", "she", "they", "which", "that", "was", "were", "is", "if", "when", "?", ";", "not"}
_CLAUSE_BREAKS |= {"был", "была", "не", "który", "która", "był", "była", "nie", "он", "она", "on", "ona"}


_BROKEN_OFF = re.compile(r"\s*(?:--|—|–)\s*$")
_TAKEN_UP = re.compile(r"^\s*(?:--|—|–)\s*")


def resumed(utterances: tuple[Utterance, ...], index: int) -> Utterance:
    """ "CHAIRWOMAN KRUEGER: And there may also be Santana Alvarado --" / "MS. ALVARADO: Hello." / "CHAIRWOMAN KRUEGER:
    Hello. -- chairperson, NYPIRG.": a sentence opening with a dash (the turn's first or second) takes up the sentence
    the same speaker broke off with one a turn or two before; it is read joined ("... Santana Alvarado, chairperson,
    NYPIRG."), so the seat finds its name."""
    utt = utterances[index]
    parts = L.sentences(utt.text)
    k = next((k for k, part in enumerate(parts[:2]) if _TAKEN_UP.match(part)), None)
    if k is None:
        return utt
    for back in (1, 2):
        prev = utterances[index - back] if index >= back else None
        if prev is not None and prev.speaker == utt.speaker and _BROKEN_OFF.search(prev.text):
            tail = L.sentences(_BROKEN_OFF.sub("", prev.text))[-1:]
            parts[k] = f"{tail[0] if tail else ''}, {_TAKEN_UP.sub('', parts[k])}"
            return replace(utt, text=" ".join(parts))
    return utt
