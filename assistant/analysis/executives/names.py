"""People's names: which words can be one, and a name as reported.

Names are capitalised words next to a title or after a self-introduction cue (``names_linked``,
``names_self``). English candidates are vetted with spaCy (a proper noun or a PERSON entity, never an
organisation or place); Russian ones with pymorphy3 (a known first name / surname, or an unknown word), and
put in the nominative; Polish surnames lose their commonest case endings. A sentence adverb that opens the
sentence ("Additionally", "Inoltre", "Ponadto") is no first name. Chinese names are a common surname plus one
or two characters (``names_zh``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.speech import initials
from assistant.analysis.nlp import get_nlp

_GENERIC_LABEL = re.compile(
    r"^(rep|customer|unknown|agent|client|caller|callee|host|guest|speaker|spk|participant|user|interviewer|witness)"
    r"[\s_#-]*\w{0,3}$|^[\W\d_]*$|^s\d+$",
    re.IGNORECASE,
)
_HONORIFIC_LABEL = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|professor|prof|the)\.?\s+)+", re.I)
_PLACES = {"GPE", "LOC", "FAC"}
_NON_PERSON = {"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "DATE", "TIME", "EVENT", "MONEY", "WORK_OF_ART"}


def label_name(label: str) -> str | None:
    """ "Jane Smith (CFO)" -> "Jane Smith", "Mr Graham Russell" -> "Graham Russell", "MS. AGU" -> "AGU" (a courtesy
    title is no part of a name); generic labels ("rep", "SPEAKER_01", "customer 2", "The Witness") -> None."""
    said = re.split(r"\s*[(\[,|]\s*|\s+[-–—]\s+", label.strip(), maxsplit=1)[0].strip()
    text = _HONORIFIC_LABEL.sub("", said).strip()
    short_caps = text.isupper() and len(text) <= 6 and text == said  # "REP", "CUST"; "MS. AGU" is a surname
    if not text or _GENERIC_LABEL.match(text) or short_caps:
        return None
    if re.search(r"[\u4e00-\u9fff]", text):
        return text if 2 <= len(text) <= 4 and text[0] in Z.ZH_SURNAMES else None
    words = text.split()
    return text if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) else None


# ---- reading a name forward -------------------------------------------------------------------------

HERE = {"here", "qui", "tutaj", "tu"}


def names_forward(tokens: list[L.Token], j: int, lang: str) -> list[L.Token]:
    names: list[L.Token] = []
    j = past_honorific(tokens, j, lang)  # "pani Barbara", "la signora Galli", "l'ingegner Sala", "Mr. Lee"
    while j < len(tokens) and len(names) < 3:
        if initial_dot(tokens, j) and j + 2 < len(tokens) and is_name(tokens[j + 2], lang, tokens):
            names.append(as_initial(tokens[j]))  # "A. J. Eaker", "Laurans A. Mendelson"
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
        ends = j >= len(tokens) or not tokens[j].is_word or tokens[j].low in HERE
        return names[:1] if len(names) == 1 and ends else []
    return names


def initial_dot(tokens: list[L.Token], j: int) -> bool:
    """A capital letter and a dot: a middle name's initial."""
    return (
        0 <= j < len(tokens) - 1 and len(tokens[j].text) == 1 and tokens[j].text.isupper() and tokens[j + 1].text == "."
    )


def as_initial(tok: L.Token) -> L.Token:
    return L.Token(tok.text + ".", tok.low + ".", tok.key, True, True, False)


def past_honorific(tokens: list[L.Token], j: int, lang: str) -> int:
    k = j
    while k < len(tokens) and (tokens[k].low in C.DETERMINERS[lang] or tokens[k].low in ("l'", "la", "il")):
        k += 1
    if k >= len(tokens) or tokens[k].low not in C.HONORIFICS[lang] | _TITLES_OF_ADDRESS.get(lang, set()):
        return j
    k += 2 if k + 1 < len(tokens) and tokens[k + 1].text == "." else 1
    return k if k < len(tokens) and is_name(tokens[k], lang, tokens) else j


_TITLES_OF_ADDRESS = {
    "it": {"ingegner", "ingegnere", "avvocato", "avv", "architetto", "professor", "professore", "professoressa"},
    "en": {"mr.", "ms.", "dr.", "mrs.", "mr", "ms", "mrs", "dr", "prof", "professor", "sir"},  # "a Mr Jonathan Salem"
    "ru": {"господину", "госпоже", "господина"},
    "pl": {"panu", "panią", "pani", "pana", "panem"},
}


def is_name(tok: L.Token, lang: str, sentence: list[L.Token] | None = None) -> bool:
    """A capitalised word that can be a name; in all-lower-case ASR text, a rare word that can be one."""
    if not tok.capitalised:
        return sentence is not None and lower_case_text(sentence) and L.lower_name(tok.low, lang)
    if tok.text.isupper() or len(tok.text) < 2 or tok.low in C.NOT_NAMES[lang]:
        return False
    return lang != "ru" or L.ru_name(tok.text) is not None


def lower_case_text(tokens: list[L.Token]) -> bool:
    """ASR-style text: nothing capitalised but acronyms and "I". A sentence whose first word is capitalised is cased
    text, whose writer would capitalise a name too: "Il nostro direttore finanziario firma." has no name in it."""
    cased = bool(tokens) and tokens[0].capitalised and not tokens[0].text.isupper()
    return not cased and not any(
        t.capitalised and not t.text.isupper() and t.low not in ("i'm", "i've", "i'll") for t in tokens[1:]
    )


_COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}


def finish_name(
    names: list[L.Token],
    tokens: list[L.Token],
    lang: str,
    title_words: frozenset[str] | set[str] = frozenset(),
    appositive: bool = False,
) -> str | None:
    """The name as reported: vetted (spaCy for English; a place reading is overruled for a full name in
    apposition to a title), Russian in the nominative, Polish surname endings undone."""
    if len(names) >= 2 and _sentence_adverb(names[0], tokens, names, lang):
        names = names[1:]  # "Additionally Mark Ross, our CFO", "Ponadto Jan Kowalski, dyrektor finansowy"
    while lang == "en" and len(names) >= 2 and names[0].low.rstrip(".") in _COURTESY:
        names = names[1:]  # "Mr Lee, our CFO", "Ms Antonova, director of ...": a courtesy title is no part of a name
    if not names or (lang == "en" and all(t.low in C.SEAT_WORDS for t in names)):
        return None  # "he was called Managing Director": a seat, not a name
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
        if len(words) >= 2 and words[-1].endswith(("skiemu", "ckiemu")) and words[0].endswith("owi"):
            words[0] = words[0][:-3]  # "panu Janowi Kowalskiemu": in the dative
        if len(words) >= 2 and words[-1].endswith(("skim", "ckim")) and words[0].endswith("em"):
            words[0] = words[0][:-2]  # "z Janem Kowalskim": in the instrumental
        return " ".join(L.pl_name(w) for w in words)
    return " ".join(t.text for t in names)


# sentence adverbs, connectives and verbs of presenting that open a sentence capitalised before a name (Italian: also
# any "-mente"; Polish: also "-owo", "-ście"; English asks spaCy's tagger; Russian's pymorphy3 knows them already)
_SENTENCE_ADVERBS = {
    "it": {"inoltre", "infine", "poi", "dunque", "tuttavia", "pertanto", "infatti", "invece", "intanto", "ancora"}
    | {"oggi", "ora", "adesso", "purtroppo", "comunque", "altresì", "insomma", "peraltro", "oltretutto", "ieri"}
    | {"domani", "già", "sempre", "dopo", "prima", "anzi", "oppure", "pure", "soprattutto"},
    "pl": {"ponadto", "również", "także", "natomiast", "jednak", "jednakże", "niestety", "obecnie", "wreszcie"}
    | {"ostatecznie", "teraz", "dziś", "dzisiaj", "potem", "zatem", "dlatego", "wtedy", "wówczas", "tymczasem"}
    | {"ponownie", "zwłaszcza", "szczególnie", "wcześniej", "później", "wczoraj", "jutro", "oraz", "albo", "lub"}
    | {"jednocześnie", "równocześnie", "naturalnie", "właśnie", "dalej", "dopiero", "już", "jeszcze", "poza"}
    | {"przedstawiam", "zapraszam", "pozdrawiam", "proszę", "oto"},  # "Przedstawiam Jana Kowalskiego."
}
_ADVERB_ENDINGS = {"it": ("mente",), "pl": ("owo", "ście")}
_NOT_NAME_TAGS = {"ADV", "SCONJ", "CCONJ", "INTJ"}


def _sentence_adverb(tok: L.Token, tokens: list[L.Token], names: list[L.Token], lang: str) -> bool:
    """The first of the words read as a name is a sentence adverb ("Additionally", "Inoltre", "Ponadto"), so the
    name is the words after it."""
    if lang == "en":
        doc = _english_doc(_spaced(tokens, names))
        return next((t.pos_ in _NOT_NAME_TAGS for t in doc if t.text == tok.text), False)
    endings = _ADVERB_ENDINGS.get(lang, ())
    return tok.low in _SENTENCE_ADVERBS.get(lang, set()) or (len(tok.low) > 6 and tok.low.endswith(endings))


def person_entity(names: list[L.Token], tokens: list[L.Token]) -> bool:
    """spaCy reads every one of the words as part of a PERSON entity (English), stricter than ``finish_name``'s
    vetting: for a name looked for far from its title ("Kevin Blair, who was recently named President of Synovus,
    adding to his responsibilities as COO": Kevin Blair, not Synovus)."""
    doc = _english_doc(_spaced(tokens, names))
    words = {t.text for t in names}
    hits = [t for t in doc if t.text in words]
    return bool(hits) and all(t.ent_type_ == "PERSON" for t in hits)


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
    with ``places_ok`` (a full name in apposition to a title) a place or nationality reading ("Helen Park" as GPE,
    "Natalya Korolkova" as NORP) or an organisation reading of the name words alone ("CFO, Brett Sandercock") does
    not block either.
    """
    doc = _english_doc(text)
    hits = _said_at(doc, words) or [t for t in doc if t.text in words]
    kinds = _NON_PERSON - _PLACES - {"NORP"} if places_ok else _NON_PERSON  # "Natalya Korolkova" read as NORP
    blocking = [e for e in doc.ents if e.label_ in kinds and not title_words & {t.text for t in e}]
    if places_ok:  # "and CFO, Brett Sandercock" read as an organisation: in apposition, a name said alone is a person
        blocking = [e for e in blocking if e.label_ != "ORG" or not {t.text for t in e} <= set(words)]
    if not hits or any(t.i in range(e.start, e.end) for e in blocking for t in hits):
        return False
    return any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in hits)


def _said_at(doc: Any, words: list[str]) -> list[Any]:
    """The tokens where the name is said, the first run of its words in order ("This is Robert Chen, president of Chen
    Logistics": the name's "Chen", not the company's)."""
    n = len(words)
    for i in range(len(doc) - n + 1):
        if [t.text for t in doc[i : i + n]] == words:
            return list(doc[i : i + n])
    return []
