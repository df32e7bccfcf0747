"""What a title is "of": "<title> at|of <Company>" (the company), "owner of this project", "president of France"
(another sense), "the founder of Tesla", "the Apple CEO" (another organisation), "the CTO of a retail chain" (a kind of
person), "VP of strategy" (a department); and the side a possessive before a title says ("our" own, "your" other,
"their" third)."""

from __future__ import annotations

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_presence as P
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.speech import unit_ahead


def possessive_side(word: str, lang: str) -> str | None:
    """The side a possessive word before a title says: "own" ("our"), "other" ("your"), "third" ("their")."""
    for label, table in (("own", C.POSSESSIVE_OWN), ("other", C.POSSESSIVE_OTHER), ("third", C.POSSESSIVE_THIRD)):
        if word in table[lang]:
            return label
    return None


def of_what(tokens: list[L.Token], j: int, lang: str) -> str | None:
    """What follows the title: "company" ("at Acme", "of the company", "компании"), "other" ("owner of this project",
    "dyrektor szkoły", "president of France": a weak title then means something else), "foreign" ("founder of Tesla",
    "директор Газпрома", "the chairman of the academy's board": another organisation), "generic" ("the CTO of a retail
    chain"), or None."""
    prep = ""
    if lang in ("en", "it"):
        if j >= len(tokens) or tokens[j].low not in C.OF_PREPOSITIONS[lang]:
            return None
        prep, j = tokens[j].low, j + 1
        if j < len(tokens) and tokens[j].low in C.GENERIC[lang]:
            return "generic"
        while j < len(tokens) and (
            tokens[j].low in C.DETERMINERS[lang] | _THIS or possessive_side(tokens[j].low, lang)
        ):
            own = possessive_side(tokens[j].low, lang) == "own" or tokens[j].low in _THIS
            if own and _own_unit(tokens[j + 1 : j + 2], lang):
                return "company"  # "president of our CO2 business", "the GM of this business": the speaker's unit
            j += 1
    if j >= len(tokens) or not tokens[j].is_word:
        return None
    if lang == "en" and tokens[j].text.endswith(("'s", "’s")) and tokens[j].key not in C.COMPANY_WORDS[lang]:
        return "foreign"  # "the chairman of the academy's board": another organisation's seat, not "our company's"
    return _what_follows(tokens[j], lang, prep)


_THIS = {"this", "questa", "questo"}


def _own_unit(nxt: list[L.Token], lang: str) -> bool:
    """A named unit ("our CO2 business", "our Asia division") or a word for a company after "of our"; not "the
    director of our school"."""
    return bool(nxt) and (nxt[0].capitalised or nxt[0].low in C.COMPANY_WORDS[lang] | C.BUSINESS_UNITS.get(lang, set()))


def department(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "VP of strategy", "director of operations": a head title and a bare lower-case noun (no article, no
    possessive) is a department; "the director of the film", "owner of this project" keep their other sense.
    English only: Italian says a department without "di" ("direttore commerciale"), and "direttore d'orchestra",
    "direttore di banca" are other jobs."""
    j = m.end + 1
    if lang != "en" or m.level not in ("vp", "director") or j >= len(tokens):
        return False
    nxt = tokens[j]
    if nxt.low in C.NOT_DEPARTMENTS:  # "our director of photography": a film crew's job
        return False
    if nxt.low == "the" and unit_ahead(tokens, j + 1):  # "director of the education directorate"
        return True
    return nxt.is_word and not nxt.capitalised and nxt.low not in C.DETERMINERS[lang] | C.GENERIC[lang]


def company_before(tokens: list[L.Token], m: TitleMatch, lang: str) -> str | None:
    """ "the Apple CEO", "the Tesla founder": a company named before the title, like "the CEO of Apple"; "the
    Alliance of CEO Climate Leaders": the title is a word of an organisation's name."""
    if lang == "en" and m.start >= 2 and tokens[m.start - 1].low == "of" and tokens[m.start - 2].capitalised:
        return "generic" if m.end < len(tokens) and tokens[m.end].capitalised else None
    if lang != "en":
        return None
    if acronym_unit(tokens, m.start) is not None:  # "Alithia Rolon, NYSUT legislative director"
        return "company"
    k = m.start - 1  # "the Apple CEO", "his role as Conservative Party Chairman"
    while k >= 0 and m.start - k <= 3 and _plain_capital(tokens[k], lang):
        k -= 1
    return "foreign" if m.start - k >= 2 and k >= 0 and tokens[k].low in ("the", "as") else None


def acronym_unit(tokens: list[L.Token], start: int) -> int | None:
    """ "Alithia Rolon, NYSUT legislative director": an organisation's acronym (four capitals or more: no title's
    acronym) and at most one lower-case word right before the title at ``start``, after a name and its comma; the
    acronym's index, or None (English)."""
    k = start - 1
    if k >= 1 and tokens[k].is_word and not tokens[k].capitalised:
        k -= 1
    acronym = k >= 2 and tokens[k].is_word and tokens[k].text.isupper() and len(tokens[k].text) >= 4
    named = acronym and tokens[k - 1].text == "," and tokens[k - 2].capitalised and tokens[k - 2].is_word
    return k if named else None


def _plain_capital(tok: L.Token, lang: str) -> bool:
    return tok.is_word and tok.capitalised and tok.low not in C.NOT_NAMES[lang] | C.TITLE_MODIFIERS[lang]


def _what_follows(nxt: L.Token, lang: str, prep: str) -> str | None:
    if nxt.low in P.AFTER_MODALS[lang]:
        return None  # "prezes musi ...": a verb, not a genitive
    if nxt.key in C.COMPANY_WORDS[lang] or nxt.low in C.COMPANY_WORDS[lang]:
        return "company"
    if nxt.key in C.COUNTRIES or nxt.low in C.COUNTRIES:
        return "other"
    if nxt.capitalised and nxt.low not in C.NOT_NAMES[lang]:
        return _organisation(nxt, lang, prep)
    if lang == "it" and nxt.low.endswith(("are", "ere", "ire")):
        return None  # "chiedere al mio direttore di approvare": a verb, not "of something"
    return "other" if (not nxt.capitalised and lang in ("en", "it")) or _genitive_noun(nxt, lang) else None


def _organisation(nxt: L.Token, lang: str, prep: str) -> str | None:
    if lang in ("en", "it"):
        return "company" if prep in C.AT_PREPOSITIONS else "foreign"
    if lang == "ru":
        return "foreign" if L.ru_organisation(nxt.low) or not L.ru_person(nxt.low) else None
    return "foreign" if nxt.text.isupper() or nxt.low.endswith("u") else None


def _genitive_noun(tok: L.Token, lang: str) -> bool:
    """Russian / Polish: a lower-case noun right after the title ("владелец квартиры", "dyrektor szkoły")."""
    if lang == "ru":
        return L.ru_genitive_noun(tok.low)
    return lang == "pl" and not tok.capitalised and tok.low.endswith(("y", "i", "u", "a")) and len(tok.low) > 3
