"""People's names around executive titles, and who is heard on the call.

Names are capitalised words next to a title or after a self-introduction cue. English candidates are
vetted with spaCy (a proper noun or a PERSON entity, never an organisation or place); Russian ones with
pymorphy3 (a known first name / surname, or an unknown word), and put in the nominative; Polish surnames
lose their commonest case endings. Chinese names are a common surname plus one or two characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names_zh import zh_name_at, zh_self_name
from assistant.analysis.executives.speech import (
    bare_list_item,
    initials,
    past_false_start,
    past_relation,
    past_serving,
    serving_as,
    unit_before_title,
)
from assistant.analysis.nlp import get_nlp
from assistant.records import Transcript, Utterance

_GENERIC_LABEL = re.compile(
    r"^(rep|customer|unknown|agent|client|caller|callee|host|guest|speaker|spk|participant|user|interviewer)"
    r"[\s_#-]*\w{0,3}$|^[\W\d_]*$|^s\d+$",
    re.IGNORECASE,
)
_PLACES = {"GPE", "LOC", "FAC"}
_NON_PERSON = {"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "DATE", "TIME", "EVENT", "MONEY", "WORK_OF_ART"}


@dataclass(frozen=True)
class Identity:
    name: str
    index: int
    utterance: Utterance
    label: bool = False  # the speaker label is this name ("Tom Becker:"), not a self-introduction


def speaker_identities(transcript: Transcript, language: Callable[[Utterance, Transcript], str]) -> list[Identity]:
    """Names heard on the call: speaker labels that are names, and self-introductions ("this is Jane")."""
    found: list[Identity] = []
    for index, utt in enumerate(transcript.utterances):
        lang = language(utt, transcript)
        own = utterance_self_name(utt.text, lang)
        labelled = label_name(utt.speaker)
        for name, label in ((labelled, True), (own, False)):
            if name:
                found.append(Identity(name, index, utt, label))
    return found


def label_name(label: str) -> str | None:
    """ "Jane Smith (CFO)" -> "Jane Smith"; generic labels ("rep", "SPEAKER_01", "customer 2") -> None."""
    text = re.split(r"\s*[(\[,|]\s*|\s+[-–—]\s+", label.strip(), maxsplit=1)[0].strip()
    if not text or _GENERIC_LABEL.match(text) or (text.isupper() and len(text) <= 6):
        return None
    if re.search(r"[\u4e00-\u9fff]", text):
        return text if 2 <= len(text) <= 4 and text[0] in C.ZH_SURNAMES else None
    words = text.split()
    return text if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) else None


# ---- names next to a title --------------------------------------------------------------------------


def linked_name(tokens: list[L.Token], m: TitleMatch, lang: str, names_lead: bool = False) -> str | None:
    """ "our CFO Jane Smith", "Jane Smith, our CFO", "our CFO is Jane", "Jane is our CFO", "... his name is Pavel".
    ``names_lead``: the sentence lists "Name, Title, Name, Title" (``names_lead_titles``), so the name before a
    title is its own, not the next one."""
    if names_lead and (before := _names_backward(tokens, m.start, lang)):
        return finish_name(before, tokens, lang, {t.text for t in tokens[m.start : m.end]})
    after = past_relation(tokens, _past_of_phrase(tokens, m.end, lang), lang)  # "our CEO and colleague, Andrew"
    if after + 1 < len(tokens) and (tokens[after].low, tokens[after + 1].low) in _LOCATIVES:
        after += 2  # "вице-президент по продажам у нас Андрей"
    comma = after < len(tokens) and tokens[after].text == ","
    if comma or (after < len(tokens) and tokens[after].low in C.COPULAS[lang]):
        after += 1
    names = _names_forward(tokens, after, lang)
    appositive = comma and len(names) >= 2  # "the chair of the board, Helen Park, ...": a person, not a park
    title_words = {t.text for t in tokens[m.start : m.end]}
    if names and (before := _names_backward(tokens, m.start, lang)):
        # "Олег Смирнов, президент Альфа Групп", "Collin Mings, Vice President, Capital Markets and ...": the name
        # comes before the title (what follows is its company or department), if it is a name at all
        # ("Unfortunately, our CEO and colleague, Andrew, ...")
        if name := finish_name(before, tokens, lang, title_words):
            return name
    elif not names:
        names = _names_backward(tokens, m.start, lang)
        appositive = len(names) >= 2  # "Sean Gamble, president and chief executive officer"
        names = names or _names_after_cue(tokens, m.end, lang)
    return finish_name(names, tokens, lang, title_words, appositive)


_LOCATIVES = {("у", "нас"), ("u", "nas"), ("da", "noi")}
_OF_WORDS = {"en": {"of", "at", "for"}, "it": {"di", "del", "della", "dell'", "presso"}}


def _past_of_phrase(tokens: list[L.Token], j: int, lang: str) -> int:
    """ "VP of Support, Daniel Kim", "владелец компании, Виктор Соколов": the comma after a short "of"
    phrase (up to four words), so the name after it is linked; j itself when there is none."""
    if j >= len(tokens):
        return j
    company = C.COMPANY_WORDS.get(lang, set())
    starts = tokens[j].low in _OF_WORDS.get(lang, set()) or tokens[j].key in company or tokens[j].low in company
    if not starts:
        return j
    for k in range(j + 1, min(j + 5, len(tokens))):
        if tokens[k].text == ",":
            return k
        if not tokens[k].is_word:
            return j
    return j


def _names_after_cue(tokens: list[L.Token], j: int, lang: str) -> list[L.Token]:
    lows = [t.low for t in tokens]
    for i in range(j, len(tokens)):
        for cue in C.THIRD_NAME_CUES[lang]:
            if tuple(lows[i : i + len(cue)]) == cue:
                return _names_forward(tokens, i + len(cue), lang)
    return []


def _names_forward(tokens: list[L.Token], j: int, lang: str) -> list[L.Token]:
    names: list[L.Token] = []
    j = _past_honorific(tokens, j, lang)  # "pani Barbara", "la signora Galli", "l'ingegner Sala", "Mr. Lee"
    while j < len(tokens) and len(names) < 3:
        if _initial(tokens, j) and j + 2 < len(tokens) and is_name(tokens[j + 2], lang, tokens):
            names.append(_as_initial(tokens[j]))  # "A. J. Eaker", "Laurans A. Mendelson"
            j += 2
        elif not names and initials(tokens[j]) and j + 1 < len(tokens) and is_name(tokens[j + 1], lang, tokens):
            names.append(tokens[j])  # "ND Maduemezia", "AJ Rice": a first name said as two initials
            j += 1
        elif is_name(tokens[j], lang, tokens):
            names.append(tokens[j])
            j += 1
        else:
            break
    if names and not names[0].capitalised:  # a lower-case name stands alone: "this is dana, the cfo"
        ends = j >= len(tokens) or not tokens[j].is_word or tokens[j].low in _HERE
        return names[:1] if len(names) == 1 and ends else []
    return names


def list_item_name(tokens: list[L.Token], lang: str) -> str | None:
    """ "and Keith Dolliver, Corporate Secretary and Deputy General Counsel": the name opening an item of a list
    of people ("Joining me are A, CEO; B, CFO; and C, ..."), before its comma."""
    k = 0
    while k < len(tokens) and tokens[k].low in C.COORDINATORS:
        k += 1
    names = _names_forward(tokens, k, lang)
    end = k + len(names) + sum(1 for t in names if t.text.endswith(".") and len(t.text) == 2)
    if not names or end >= len(tokens) or tokens[end].text != ",":
        return None
    return finish_name(names, tokens, lang, appositive=len(names) >= 2)


def _initial(tokens: list[L.Token], j: int) -> bool:
    """A capital letter and a dot: a middle name's initial."""
    return (
        0 <= j < len(tokens) - 1 and len(tokens[j].text) == 1 and tokens[j].text.isupper() and tokens[j + 1].text == "."
    )


def _as_initial(tok: L.Token) -> L.Token:
    return L.Token(tok.text + ".", tok.low + ".", tok.key, True, True, False)


def _past_honorific(tokens: list[L.Token], j: int, lang: str) -> int:
    k = j
    while k < len(tokens) and (tokens[k].low in C.DETERMINERS[lang] or tokens[k].low in ("l'", "la", "il")):
        k += 1
    if k >= len(tokens) or tokens[k].low not in C.HONORIFICS[lang] | _TITLES_OF_ADDRESS.get(lang, set()):
        return j
    k += 2 if k + 1 < len(tokens) and tokens[k + 1].text == "." else 1
    return k if k < len(tokens) and is_name(tokens[k], lang, tokens) else j


_TITLES_OF_ADDRESS = {
    "it": {"ingegner", "ingegnere", "avvocato", "avv", "architetto", "professor", "professore", "professoressa"},
    "en": {"mr.", "ms.", "dr.", "prof", "professor", "sir"},
    "ru": {"господину", "госпоже", "господина"},
    "pl": {"panu", "panią", "pani", "pana", "panem"},
}


def names_lead_titles(tokens: list[L.Token], titles: list[TitleMatch], lang: str) -> bool:
    """ "On the call today are Rob Mionis, President and CEO, Mandeep Chawla, CFO, and Todd Cooper, ...": in a
    sentence of two titles or more, the first right after "<Name>," means each name comes before its title."""
    if len(titles) < 2 or titles[0].start < 2 or tokens[titles[0].start - 1].text != ",":
        return False
    return is_name(tokens[titles[0].start - 2], lang, tokens)


def _names_backward(tokens: list[L.Token], i: int, lang: str) -> list[L.Token]:
    j = i - 1
    while j >= 0 and (
        tokens[j].low in C.DETERMINERS[lang]
        or _is_possessive(tokens[j].low, lang)
        or _genitive(tokens[j], lang)
        or tokens[j].low in C.TITLE_MODIFIERS.get(lang, ())  # "Ken Diptee, Executive Director of IR"
        or (tokens[j].capitalised and j >= 1 and _is_possessive(tokens[j - 1].low, lang))  # "our Bank President"
        or unit_before_title(tokens, j, lang)  # "who is our Atlanta market President"
    ):
        j -= 1
    j = past_false_start(tokens, j, lang)  # "Tom Hassfurther, Chief -- Executive Vice President"
    unpunctuated = j < i - 1 and _is_possessive(tokens[j + 1].low, lang) and j >= 0 and is_name(tokens[j], lang)
    unpunctuated = unpunctuated or bare_list_item(tokens, j, i, lang)  # "... and Mike LaBelle Chief Financial Officer"
    if unpunctuated:  # "and Dave Holeman our Chief Financial Officer": the apposition's comma left out
        j += 1
    elif j < 0 or not (tokens[j].text in _APPOSERS or tokens[j].low in C.COPULAS[lang] or serving_as(tokens, j)):
        return []  # "Jane Smith, our CFO", "Jane Smith (CFO)", "Wójcik, to nasz dyrektor"
    names: list[L.Token] = []
    j -= 2 if j >= 1 and tokens[j].low in C.COPULAS[lang] and tokens[j - 1].text == "," else 1
    j = past_serving(tokens, j)  # "Jesse Arenivas, who continues as president of our CO2 business"
    if j >= 1 and tokens[j].low == "who":  # "Laura Gomez, who is our CEO"
        j -= 2 if tokens[j - 1].text == "," else 1
    if j >= 0 and tokens[j].low in _HERE:  # "Priya Raman here, head of finance"
        j -= 1
    while j >= 0 and len(names) < 3:
        if names and _initial(tokens, j - 1):  # "Laurans A. Mendelson", "A. J. Eaker"
            names.insert(0, _as_initial(tokens[j - 1]))
            j -= 2
        elif is_name(tokens[j], lang, tokens) or (names and initials(tokens[j])):
            names.insert(0, tokens[j])  # "ND Maduemezia, Vice President of Investor Relations"
            j -= 1
        else:
            break
    if unpunctuated and len(names) == 1 and j < 0:
        return []  # "Niestety nasz prezes zarządu ...": the sentence's first word, capitalised, is no name
    while j >= 0 and tokens[j].text == ",":
        j -= 1
    if j >= 0 and tokens[j].low in {"thanks", "thank", "grazie", "спасибо", "dzięki", "dziękuję"}:
        return []  # "thanks, Jane, the CFO ..." addresses Jane
    return names


_HERE = {"here", "qui", "tutaj", "tu"}
_APPOSERS = {",", "—", "-", "(", "（"}


def _genitive(tok: L.Token, lang: str) -> bool:
    """ "David Rubin, Flex's Vice President of Investor Relations": a company's possessive before the title."""
    return lang == "en" and tok.capitalised and tok.low.endswith(("'s", "’s")) and len(tok.low) > 3


def _is_possessive(low: str, lang: str) -> bool:
    return any(low in table[lang] for table in (C.POSSESSIVE_OWN, C.POSSESSIVE_OTHER, C.POSSESSIVE_THIRD))


def is_name(tok: L.Token, lang: str, sentence: list[L.Token] | None = None) -> bool:
    """A capitalised word that can be a name; in all-lower-case ASR text, a rare word that can be one."""
    if not tok.capitalised:
        return sentence is not None and lower_case_text(sentence) and L.lower_name(tok.low, lang)
    if tok.text.isupper() or len(tok.text) < 2 or tok.low in C.NOT_NAMES[lang]:
        return False
    return lang != "ru" or L.ru_name(tok.text) is not None


def lower_case_text(tokens: list[L.Token]) -> bool:
    """ASR-style text: nothing capitalised but the first word, acronyms and "I"."""
    return not any(t.capitalised and not t.text.isupper() and t.low not in ("i'm", "i've", "i'll") for t in tokens[1:])


def finish_name(
    names: list[L.Token],
    tokens: list[L.Token],
    lang: str,
    title_words: frozenset[str] | set[str] = frozenset(),
    appositive: bool = False,
) -> str | None:
    """The name as reported: vetted (spaCy for English; a place reading is overruled for a full name in
    apposition to a title), Russian in the nominative, Polish surname endings undone."""
    if not names:
        return None
    if not all(t.capitalised for t in names):  # vetted by lower_name; spaCy cannot judge lower case
        names = [L.Token(t.text.capitalize(), t.low, t.key, t.is_word, True, t.odd) for t in names]
    elif lang == "en" and not _english_person(
        _spaced(tokens, names), [t.text for t in names], set(title_words), appositive
    ):
        return None
    if lang == "ru":
        return L.ru_full_name([t.text for t in names])
    if lang == "pl":
        words = [t.text for t in names]
        if len(words) >= 2 and words[-1].endswith(("skiego", "ckiego")) and words[0].endswith("a"):
            words[0] = words[0][:-1]  # "Jana Kowalskiego", "Tomasza Wiśniewskiego": a man's name in the genitive
        return " ".join(L.pl_name(w) for w in words)
    return " ".join(t.text for t in names)


# ---- self-introductions -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def utterance_self_name(text: str, lang: str) -> str | None:
    """The speaker's own name said in an utterance, if any (cached: identities and titles both ask)."""
    return zh_self_name(text) if lang == "zh" else self_name(L.tokenize(text, lang), lang)


def self_name(tokens: list[L.Token], lang: str) -> str | None:
    """The speaker's own name: "this is Dana Whitfield", "mi chiamo Marco", "меня зовут Ольга", "Dana here"."""
    lows = [t.low for t in tokens]
    for i in range(len(tokens)):
        for cue in C.NAME_CUES[lang]:
            if tuple(lows[i : i + len(cue)]) == cue:
                name = finish_name(_names_forward(tokens, i + len(cue), lang), tokens, lang)
                if name:
                    return name
    for i in range(1, len(tokens)):  # "Dana here", "Priya Raman here, ..."
        if lows[i] in _HERE and is_name(tokens[i - 1], lang, tokens):
            start = i - 1
            while start > 0 and i - start < 3 and is_name(tokens[start - 1], lang, tokens):
                start -= 1
            return finish_name(tokens[start:i], tokens, lang)
    return _greeting_name(tokens, lang)


_YES = {"yes", "yeah", "sì", "si", "да", "tak", "ok"}


def _greeting_name(tokens: list[L.Token], lang: str) -> str | None:
    """ "Dzień dobry, Stanisław Grabowski.", "Да, Игорь Новиков, здравствуйте.": a short turn of nothing but
    greetings and one full name (two or three words; a first name alone is more often the person greeted)."""
    words = [t for t in tokens if t.is_word]
    if not 2 <= len(words) <= 8:
        return None
    names = [t for t in words if t.low not in C.GREETINGS[lang] | _YES]
    if not 2 <= len(names) <= 3 or not all(t.capitalised and is_name(t, lang, tokens) for t in names):
        return None
    first, last = words.index(names[0]), words.index(names[-1])
    return finish_name(names, tokens, lang) if last - first == len(names) - 1 else None


@lru_cache(maxsize=4096)
def _english_doc(text: str) -> Any:
    return get_nlp("en")(text)


def _spaced(tokens: list[L.Token], names: list[L.Token]) -> str:
    """The sentence as spaCy reads it, a name's initials kept whole ("Laurans A. Mendelson")."""
    text = " ".join(t.text for t in tokens)
    for initial in (t.text for t in names if len(t.text) == 2 and t.text.endswith(".")):
        text = text.replace(f" {initial[0]} . ", f" {initial} ")
    return text


def _english_person(text: str, words: list[str], title_words: set[str], places_ok: bool = False) -> bool:
    """spaCy agrees the words are a person: PERSON entity or proper nouns, and no other entity type.

    An entity that swallows the title too ("CFO Jane" as FAC) says nothing about the name, so it is ignored;
    with ``places_ok`` (a full name in apposition to a title) a place reading ("Helen Park" as GPE) or an
    organisation reading of the name words alone ("CFO, Brett Sandercock") does not block either.
    """
    doc = _english_doc(text)
    hits = [t for t in doc if t.text in words]
    kinds = _NON_PERSON - _PLACES if places_ok else _NON_PERSON
    blocking = [e for e in doc.ents if e.label_ in kinds and not title_words & {t.text for t in e}]
    if places_ok:  # "and CFO, Brett Sandercock" read as an organisation: in apposition, a name said alone is a person
        blocking = [e for e in blocking if e.label_ != "ORG" or not {t.text for t in e} <= set(words)]
    if not hits or any(t.i in range(e.start, e.end) for e in blocking for t in hits):
        return False
    return any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in hits)


# ---- a name given in the answer to a question about a title ----------------------------------------

_ANSWER_YES = {"yes", "yeah", "yep", "sì", "si", "certo", "да", "конечно", "tak", "oczywiście"}
_ANSWER_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("that's",), ("that", "is"), ("it's",), ("it", "is"), ("that", "would", "be"), ("that'd", "be"),
           ("she's",), ("he's",)),
    "it": (("è",), ("sarebbe",), ("si", "chiama")),
    "ru": (("это",), ("её", "зовут"), ("ее", "зовут"), ("его", "зовут")),
    "pl": (("to",), ("jest", "to"), ("nazywa", "się")),
}  # fmt: skip
_ZH_ANSWER = re.compile(r"^(?:是的|对|对的|是)[，,]?\s*(?:是|叫|她是|他是)")


def answer_name(text: str, lang: str) -> str | None:
    """ "Yes, that's Olga Morozova", "Да, это Ольга Морозова", "Sì, è Anna Bianchi", "Tak, to Jan Nowak",
    "是的，是王丽": the name an answer gives, when the turn opens with yes and a naming cue (None otherwise)."""
    if lang == "zh":
        m = _ZH_ANSWER.match(text.strip())
        return zh_name_at(text.strip(), m.end()) if m else None
    tokens = L.tokenize(L.sentences(text)[0] if text.strip() else "", lang)
    words = [t.low for t in tokens]
    if not words or words[0] not in _ANSWER_YES:
        return None
    k = 2 if len(words) > 1 and words[1] == "," else 1
    for cue in _ANSWER_CUES.get(lang, ()):
        if tuple(words[k : k + len(cue)]) == cue:
            return finish_name(_names_forward(tokens, k + len(cue), lang), tokens, lang)
    return None
