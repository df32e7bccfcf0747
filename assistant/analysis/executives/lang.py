"""Language helpers for executive detection: tokens, match keys, inflection and name forms.

The cue-word tables of each language live in ``cues``. A token's ``key``
is what title phrases are compared on: English drops plural and possessive ``s``; Italian and Polish
strip inflection endings (a light stemmer, applied to both the phrase and the transcript); Russian uses
the pymorphy3 lemma of ``nlp.russian_morphology`` (adjective reading first, so "главного" and "главный"
agree). Chinese is matched on characters elsewhere and never tokenised here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis.executives.cues import GREETINGS, NOT_NAMES
from assistant.analysis.nlp import (
    common_english_words,
    italian_function_words,
    lemma_of,
    russian_morphology,
    strip_ending,
)

LANGUAGES: tuple[str, ...] = ("en", "it", "ru", "pl", "zh")

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*|[^\w\s]")
# "C.F.O." / "C. F. O." -> "CFO"; Whisper writes acronyms this way.
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.\s?){2,5})(?=[^A-Za-z]|$)")
# a sentence ends at . ! ? ; but not after a courtesy abbreviation ("Mr. Dave Fildes", "dott. Ricci")
_SENTENCE = re.compile(  # not after a title of address or an initial ("Laurans A. Mendelson")
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bdott\.)(?<!\bsig\.)(?<!\bing\.)(?<!\b[A-ZА-ЯЁŁŚŻ]\.)"
    r"(?<=[.!?;])\s+"
    r"|(?<=[。！？；])"
)

_IT_ENDINGS = ("io", "ia", "ie", "i", "o", "a", "e")
_PL_ENDINGS = tuple(
    sorted(
        [
            "owie",
            "ami",
            "ach",
            "ego",
            "emu",
            "iem",
            "ymi",
            "imi",
            "ych",
            "ich",
            "owi",
            "ów",
            "om",
            "em",
            "ie",
            "ze",
            "zy",
            "ej",
            "ym",
            "im",
            "ą",
            "ę",
            "a",
            "e",
            "i",
            "o",
            "u",
            "y",
        ],
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written (after acronym normalisation)
    low: str
    key: str
    is_word: bool  # starts with a letter
    capitalised: bool  # starts with a capital letter
    odd: bool  # looks like a garbled acronym: "RC.fo", "C-F-O", two capitals, a single letter


def _token(text: str, lang: str) -> Token:
    first = text[:1]
    word = first.isalpha()
    odd = (
        word
        and len(text) <= 5
        and (len(text) == 1 or sum(c.isupper() for c in text) >= 2 or "." in text or "-" in text)
    )
    return Token(text, text.lower(), key(text, lang), word, word and first.isupper(), odd)


def normalise_acronyms(text: str) -> str:
    """Join dotted or spaced-out acronyms: "C.F.O." -> "CFO", "C. E. O." -> "CEO"."""
    return _DOTTED.sub(lambda m: re.sub(r"[.\s]", "", m.group(1)) + " ", text).replace("  ", " ")


def sentences(text: str) -> list[str]:
    """Split at sentence ends; a piece starting in lower case ("ds. zakupów", "e.g. our") rejoins the last."""
    out: list[str] = []
    for piece in (p.strip() for p in _SENTENCE.split(normalise_acronyms(text))):
        if out and piece[:1].islower() and not out[-1].endswith(";"):  # "; and Keith Dolliver, ...": a list item
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def tokenize(text: str, lang: str) -> list[Token]:
    tokens: list[Token] = []
    for raw in _TOKEN.findall(text):
        for part in _split_elision(raw, lang):
            tokens.append(_token(part, lang))
    return tokens


def _split_elision(raw: str, lang: str) -> list[str]:
    """Italian "dell'amministratore" -> ["dell'", "amministratore"]; other languages keep the token."""
    if lang == "it" and re.search(r"['’]\w", raw):
        head, _, tail = re.split(r"(['’])", raw, maxsplit=1)
        return [head + "'", tail]
    return [raw.rstrip(".") or raw]


@lru_cache(maxsize=100_000)
def key(word: str, lang: str) -> str:
    low = word.lower().replace("’", "'").replace("ё", "е")
    if lang == "ru":
        return _ru_lemma(low)
    if lang == "pl":
        return _strip(low, _PL_ENDINGS, alternate=True)
    if lang == "it":
        return _strip(low, _IT_ENDINGS)
    return _en_key(low)


def _en_key(low: str) -> str:
    if low.startswith("co-") and low[3:].isalpha():  # "Co-Chief Executive Officer", "Co-President": the same seat
        low = low[3:]
    if low.endswith("'s"):
        low = low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _strip(low: str, endings: tuple[str, ...], alternate: bool = False) -> str:
    if alternate and len(low) > 4 and low.endswith(("ek", "ec")):
        return low[:-2] + low[-1]
    return strip_ending(low, endings)


@lru_cache(maxsize=50_000)
def _ru_lemma(low: str) -> str:
    if not re.search(r"[а-я]", low):
        return low
    parses = russian_morphology().parse(low)
    adjective = next((p for p in parses if p.tag.POS == "ADJF"), None)
    return (adjective or parses[0]).normal_form.replace("ё", "е")


@lru_cache(maxsize=10_000)
def ru_name(word: str) -> str | None:
    """The nominative of a Russian first name or surname ("Ольгой" -> "Ольга"), None if not a name."""
    names = [p for p in russian_morphology().parse(word) if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if any("nomn" in p.tag.grammemes for p in names):  # "Петрова" is a nominative before a genitive
        return word[:1].upper() + word[1:]
    if names:
        nominative = names[0].inflect({"nomn"})  # keeps the gender: "Ивановой" -> "Иванова"
        return str(nominative.word if nominative else names[0].normal_form).capitalize()
    return None if russian_morphology().word_is_known(word) else word


def ru_full_name(words: list[str]) -> str:
    """A Russian name in the nominative, the surname agreeing with the first name's gender
    ("Сергея Смирнова" -> "Сергей Смирнов", "Ольгой Петровой" -> "Ольга Петрова")."""
    first = [p for p in russian_morphology().parse(words[0]) if "Name" in p.tag.grammemes]
    gender = first[0].tag.gender if first else None
    out = []
    for word in words:
        surnames = [p for p in russian_morphology().parse(word) if "Surn" in p.tag.grammemes and p.tag.gender == gender]
        if gender and surnames and first[0].tag.case != "nomn":
            nominative = surnames[0].inflect({"nomn"})
            out.append(str(nominative.word).capitalize() if nominative else word)
        else:
            out.append(ru_name(word) or word)
    return " ".join(out)


def name_like(tok: Token, lang: str) -> bool:
    """A capitalised word that is no acronym and no known non-name ("Dana", not "CFO", "Mr")."""
    return tok.capitalised and not tok.text.isupper() and tok.low not in NOT_NAMES[lang]


def ru_person(low: str) -> bool:
    """A Russian first name, surname or patronymic, whatever its case ("ольга", "сергея")."""
    return any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in russian_morphology().parse(low)[:3])


def ru_organisation(low: str) -> bool:
    """A known organisation name ("газпрома", "яндекса")."""
    return "Orgn" in russian_morphology().parse(low)[0].tag.grammemes


_EN_ADVERB_ENDINGS = ("ally", "ously", "ively", "ently", "antly", "fully", "ingly", "edly", "ately", "ibly", "ably")


@lru_cache(maxsize=4096)
def lower_name(low: str, lang: str) -> bool:
    """Could this lower-case word (as ASR writes names: "this is dana") be a first name?"""
    if not low.isalpha() or len(low) < 3 or low in NOT_NAMES.get(lang, ()) or low in GREETINGS.get(lang, ()):
        return False
    if lang == "en":  # an adverb is no name: "as CEO, traditionally, I'm ..."
        return low not in common_english_words() and not low.endswith(_EN_ADVERB_ENDINGS)
    if lang == "it":
        return low not in italian_function_words()
    if lang == "ru":
        return ru_person(low)
    if lang != "pl" or low.endswith(("ć", "ę", "ą", "łem", "łam", "owy", "owa", "sz")):
        return False
    return len(low) < 5 or not low.endswith(("am", "em", "amy", "emy", "imy"))  # "jako prezes uważam": a verb


# third-person and past endings of Polish verbs ("podpisze", "zatwierdza", "decyduje", "podpisał"), none a name's
_PL_VERB_ENDINGS = ("uje", "aje", "eje", "ie", "ze", "ce", "że", "dza", "ła", "ło", "ił", "ał", "ył", "li", "ły", "wi")


def predicate_verb(low: str, lang: str) -> bool:
    """A lower-case word right after a title that reads as the sentence's verb, not a name: Italian "firma",
    "decide" (the lemma table reads a verb in the third person), Polish "podpisze", "zatwierdza" (a verb ending),
    Russian a verb to pymorphy3. English asks ``lower_name`` (common words) already."""
    if lang == "it":
        lemma = lemma_of(low, "it")
        return lemma != low and lemma.endswith(("are", "ere", "ire", "rre")) and low.endswith(("a", "e", "à", "no"))
    if lang == "pl":
        return low.endswith(_PL_VERB_ENDINGS) and not low.endswith(("ski", "cki", "dzki"))
    if lang == "ru":
        return any("VERB" in p.tag.grammemes for p in russian_morphology().parse(low)[:1])
    return False


def ru_first_person(low: str) -> bool:
    """A Russian first-person verb form: "скажу", "считаю", "могу"."""
    return any({"VERB", "1per"} <= set(p.tag.grammemes) for p in russian_morphology().parse(low)[:2])


def ru_genitive_noun(low: str) -> bool:
    """A Russian noun in the genitive: "квартиры", "фильма" ("владелец квартиры" is not a company owner)."""
    parse = russian_morphology().parse(low)[0]
    return {"NOUN", "gent"} <= set(parse.tag.grammemes) and "Name" not in parse.tag.grammemes


def pl_name(word: str) -> str:
    """Undo the commonest Polish surname inflections: "Kowalskim" -> "Kowalski", "Nowak" stays."""
    for end, base in (("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"), ("ckim", "cki")):
        if word.endswith(end):
            return word[: -len(end)] + base
    for end, base in (("ską", "ska"), ("skiej", "ska"), ("cką", "cka")):
        if word.endswith(end):
            return word[: -len(end)] + base
    if word.endswith("ę") and len(word) > 3:  # a woman's first name in the accusative: "Annę" -> "Anna"
        return word[:-1] + "a"
    return word[:-3] if word.endswith("owi") and len(word) > 6 else word  # "panu Wójcikowi" -> "Wójcik"


def script_language(text: str) -> str:
    """Guess the language from the script when the transcript does not say."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    if re.search(r"[а-яА-ЯёЁ]", text):
        return "ru"
    if re.search(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]", text):
        return "pl"
    return "en"
