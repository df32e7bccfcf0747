"""Who is heard on the call: names in speaker labels, self-introductions ("this is Dana Whitfield", "mi chiamo
Marco", "Dana here", a greeting with a full name), and the name an answer gives ("Yes, that's Olga Morozova")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.names import HERE, finish_name, is_name, label_name, names_forward
from assistant.analysis.executives.names_zh import zh_name_at, zh_self_name
from assistant.records import Transcript, Utterance


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
                name = finish_name(names_forward(tokens, i + len(cue), lang), tokens, lang)
                if name:
                    return name
    for i in range(1, len(tokens)):  # "Dana here", "Priya Raman here, ..."
        if lows[i] in HERE and is_name(tokens[i - 1], lang, tokens):
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
            return finish_name(names_forward(tokens, k + len(cue), lang), tokens, lang)
    return None


# ---- a seat said in a speaker label -------------------------------------------------------------------

# words that end an organisation's name, not a person's: "... of the Polar Explorers Association"
_ORG_WORDS = {"association", "museum", "arts", "club", "company", "bank", "council", "institute", "university"} | {
    "committee",
    "foundation",
    "fund",
    "group",
    "union",
    "agency",
    "corporation",
    "plant",
    "farm",
}


def label_seat_name(label: str) -> str | None:
    """ "Director General of the State Hermitage Museum Mikhail Piotrovsky" -> "Mikhail Piotrovsky", "Collective Farm
    Chairman Alexei Lavrinenko" -> "Alexei Lavrinenko": a label of four words or more that says a seat before the
    name (as kremlin.ru labels a speaker's first turn); the name is its last two capitalised words."""
    words = [w.strip(".,") for w in label.split()]
    if len(words) < 4:
        return None
    last = words[-2:]
    if any(not w[:1].isupper() or w.isupper() or w.lower() in _ORG_WORDS for w in last):
        return None
    return " ".join(last) if all(w.replace("-", "").replace("'", "").isalpha() for w in last) else None


def capitals_label_name(tokens: list[L.Token], m: TitleMatch) -> str | None:
    """ "SUNY CFO McLOUGHLIN" -> "McLOUGHLIN", "HESC EXEC VP MAGEE" -> "MAGEE": a label in capitals (as a court
    reporter writes it) that says the seat, after an organisation's acronym or nothing, before one or two words: those
    words are the name (the whole label is none)."""
    letters = [c for t in tokens for c in t.text if c.isalpha()]
    if len(tokens) < 2 or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return None
    after, before = tokens[m.end :], tokens[: m.start]
    acronyms = all(t.is_word and t.text.isupper() and len(t.text) <= 5 for t in before)
    if not acronyms or not 1 <= len(after) <= 2 or not all(t.is_word and t.text[:1].isupper() for t in after):
        return None
    return " ".join(t.text for t in after)


def label_office(tokens: list[L.Token], end: int, start: int, state: Callable[[str], bool]) -> bool:
    """A title that needs context, in such a label, counts with an organisation: "Director of the Pushkin State Museum
    ...", "Gazprom President ..."; never a state's office ("President of Russia Vladimir Putin": ``state`` says so)."""
    if end < len(tokens) and tokens[end].low == "of":
        k = end + 1 + (end + 1 < len(tokens) and tokens[end + 1].low == "the")
        if k < len(tokens) and tokens[k].capitalised:
            return not state(" ".join(t.text for t in tokens[start : k + 1]))
        return False
    return start >= 1 and tokens[start - 1].capitalised and tokens[start - 1].is_word
