"""Hand-overs: "I'll turn the call over to Dana Whitfield, CCO of Brightline", "Mandeep, over to you",
"passo la parola a Paolo Marini", "передаю слово Дмитрию Волкову", "przekazuję głos panu Wójcikowi", "下面请赵总来说".

A hand-over puts the person named on the call (a title in the same sentence is someone present, even
"<title> of <Company>", which is otherwise someone in the news), and it says who speaks next: on a shared
channel (a stereo side or a voice that holds several people) the lines after it are that person's until
someone else is handed the floor or introduces themselves (``turns``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.names import label_name
from assistant.analysis.executives.names_self import Identity
from assistant.analysis.executives.names_zh import zh_name_at
from assistant.records import Transcript, Utterance

# the words right before the person handed the floor ("over to" needs a verb of handing before it)
HANDOVER_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("over", "to"),
        ("hand", "it", "to"),
        ("pass", "it", "to"),
        ("floor", "to"),
        ("introduce",),
        ("you", "may", "begin"),
        ("please", "go", "ahead"),
        ("please", "begin"),
    ),
    "it": (("la", "parola", "a"), ("la", "parola", "al"), ("la", "parola", "alla"), ("cedo", "a"), ("passo", "a")),
    "ru": (("передаю", "слово"), ("даю", "слово"), ("предоставляю", "слово"), ("слово", "передаётся")),
    "pl": (("przekazuję", "głos"), ("oddaję", "głos"), ("głos", "ma"), ("głos", "zabierze")),
}
_HANDING = {"turn", "turning", "hand", "handing", "pass", "passing", "now", "it", "call", "conference"}
# "Mandeep, over to you", "Anat, a te", "Дмитрий, вам слово", "Panie Tomaszu, proszę"
_TO_YOU: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("over", "to", "you"), ("go", "ahead"), ("the", "floor", "is", "yours")),
    "it": (("a", "te"), ("a", "lei"), ("prego",)),
    "ru": (("вам", "слово"), ("тебе", "слово"), ("прошу",)),
    "pl": (("proszę",), ("oddaję", "głos")),
}
_TITLE_WORDS = {"vice", "president", "chief", "officer", "director", "head", "ceo", "cfo", "investor", "relations"}
_TITLE_LINKS = {"of", "and", "&", "for"}
_ZH_CUES = ("下面请", "下面有请", "有请", "交给", "请", "欢迎")
_SKIP = {"the", "our", "my", "mr", "mrs", "ms", "dr", ".", "il", "la", "al", "alla", "signor", "signora", "dottor"} | {
    "dottoressa", "pan", "pani", "panu", "господину", "госпоже", "нашему", "нашей", "naszemu", "naszej"
}  # fmt: skip


def handover_identities(transcript: Transcript, language: Callable[[Utterance, Transcript], str]) -> list[Identity]:
    """The person a turn hands the floor to ("passo la parola a Paolo Marini"), heard in the turn after it
    (when that turn is someone else's label, or the labels are shared channels)."""
    utts = transcript.utterances
    found = []
    for index, (utt, nxt) in enumerate(pairwise(utts)):
        handed = handover_target(utt.text, language(utt, transcript))
        if handed and (nxt.speaker != utt.speaker or label_name(utt.speaker) is None):
            found.append(Identity(handed, index + 1, nxt))
    return found


def is_handover(lows: list[str], lang: str) -> bool:
    """A hand-over cue anywhere in a tokenised sentence (a presence cue for the titles in it)."""
    joined = " " + " ".join(lows) + " "
    for cue in HANDOVER_CUES.get(lang, ()):
        if f" {' '.join(cue)} " in joined and any(_cue_at(lows, i, cue, lang) for i in range(len(lows))):
            return True
    return False


def _cue_at(lows: list[str], i: int, cue: tuple[str, ...], lang: str) -> bool:
    if tuple(lows[i : i + len(cue)]) != cue:
        return False
    return lang != "en" or cue != ("over", "to") or bool(_HANDING & set(lows[max(0, i - 5) : i]))


def zh_is_handover(sentence: str) -> bool:
    return any(c in sentence for c in _ZH_CUES[:4])


@lru_cache(maxsize=4096)
def handover_target(text: str, lang: str) -> str | None:
    """The person an utterance hands the floor to, as said ("Rob", "Paolo Marini", "赵总"), or None
    (cached: detection and line attribution both ask; most turns are ruled out by a substring test)."""
    if lang == "zh":
        return _zh_target(text)
    low = text.lower()
    if not any(" ".join(cue) in low for cue in (*HANDOVER_CUES.get(lang, ()), *_TO_YOU.get(lang, ()))):
        return None
    for sentence in reversed(L.sentences(text)):  # the last hand-over in the turn wins
        tokens = L.tokenize(sentence, lang)
        name = _after_cue(tokens, lang) or _vocative(tokens, lang)
        if name:
            return name
    return None


def _after_cue(tokens: list[L.Token], lang: str) -> str | None:
    lows = [t.low for t in tokens]
    for cue in HANDOVER_CUES.get(lang, ()):
        for i in range(len(lows) - len(cue) + 1):
            if _cue_at(lows, i, cue, lang):
                name = _names_at(tokens, i + len(cue), lang)
                if name:
                    return name
    return None


def _vocative(tokens: list[L.Token], lang: str) -> str | None:
    """ "Mandeep, over to you." / "Elon?": a name alone before a to-you cue."""
    lows = [t.low for t in tokens]
    for cue in _TO_YOU.get(lang, ()):
        for i in range(len(lows) - len(cue) + 1):
            if tuple(lows[i : i + len(cue)]) == cue and i >= 2 and tokens[i - 1].text == ",":
                return _names_back(tokens, i - 2, lang)
    return None


def _names_at(tokens: list[L.Token], j: int, lang: str) -> str | None:
    """The first run of name words after j, past honorifics and a title ("the Vice President of Investor
    Relations, Mr. Dave Fildes"), within fourteen tokens."""
    stop = min(len(tokens), j + 14)
    while j < stop:
        while j < stop and (tokens[j].low in _SKIP or tokens[j].text == ","):
            j += 1
        words: list[L.Token] = []
        while j < stop and len(words) < 3 and _name_word(tokens[j], lang):
            words.append(tokens[j])
            j += 1
        if words and not {t.low for t in words} & _TITLE_WORDS:
            return _nominative([t.text for t in words], lang)
        if not words and (j >= stop or tokens[j].low not in _TITLE_LINKS):
            return None
        j += 0 if words else 1
    return None


def _names_back(tokens: list[L.Token], j: int, lang: str) -> str | None:
    words: list[str] = []
    while j >= 0 and len(words) < 3 and _name_word(tokens[j], lang):
        words.insert(0, tokens[j].text)
        j -= 1
    return _nominative(words, lang) if j < 0 or not tokens[j].is_word else None


def _name_word(tok: L.Token, lang: str) -> bool:
    return tok.capitalised and not tok.text.isupper() and tok.low not in C.NOT_NAMES[lang] | {"operator", "everyone"}


def _nominative(words: list[str], lang: str) -> str | None:
    if not words:
        return None
    if lang == "ru":
        return L.ru_full_name(words)
    if lang == "pl":
        return " ".join(L.pl_name(w) for w in words)
    return " ".join(words)


def _zh_target(text: str) -> str | None:
    for cue in _ZH_CUES:
        for m in re.finditer(cue, text):
            name = zh_name_at(text, m.end())
            if name:
                return name
            if text[m.end() : m.end() + 2][-1:] == "总":
                return text[m.end() : m.end() + 2]
    return None
