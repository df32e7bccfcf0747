"""Whether a sentence says people are on the call: a hand-over or a presence cue ("joining me on the call today are",
"passo la parola a", "和我一起的有"), not negated; "joined us ... from ADP" is a hire, not presence."""

from __future__ import annotations

import re

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_presence as P
from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.handover import is_handover, zh_is_handover


def says_present(lows: list[str], lang: str) -> bool:
    """A hand-over or a presence cue ("joining me on the call today are"), not negated."""
    if any(w in C.NEGATIONS[lang] or w.endswith("n't") for w in lows):
        return False
    joined = " " + " ".join(lows) + " "
    joined = _HIRED.sub(" ", joined)  # "Garry ... joined us most recently from ADP": joined the company, not the call
    return is_handover(lows, lang) or any(f" {' '.join(cue)} " in joined for cue in P.PRESENCE_CUES[lang])


_HIRED = re.compile(r" (?:has |have |just )?joined us(?: [\w'-]+){0,4} from ")


def present_later(sentences: list[str], lang: str) -> list[bool]:
    """Per piece of a list cut by ";": a later piece of the same list says it is on the call ("A, group president,
    poultry; ...; and D, group president, international, will join the live Q&A session")."""
    ends = [s.endswith((";", "；")) for s in sentences]
    out = [False] * len(sentences)
    seen = False
    for k in range(len(sentences) - 1, -1, -1):
        out[k] = ends[k] and seen
        seen = seen and ends[k]
        if ends[k] or (k > 0 and ends[k - 1]):  # a piece of a list
            seen = seen or _list_piece_present(sentences[k], lang)
    return out


def _list_piece_present(sentence: str, lang: str) -> bool:
    if lang == "zh":
        return zh_says_present(sentence)
    return says_present([t.low for t in L.tokenize(sentence, lang)], lang)


def zh_says_present(sentence: str) -> bool:
    """A hand-over or a presence cue ("和我一起的有", "也在线"), not negated."""
    negated = any(n in sentence for n in Z.ZH_NEGATIONS)
    return not negated and (zh_is_handover(sentence) or any(c in sentence for c in Z.ZH_PRESENCE))
