"""A seat no longer held: "our former CEO", "Morry was CEO", "He, of course, was the Director of Finance", "бывший
директор", "Jan był prezesem", "We had the CFO", a seat in a list of the speaker's past roles, "前任总经理"; or said to
be empty ("we have no CFO")."""

from __future__ import annotations

from assistant.analysis.executives import cues as C
from assistant.analysis.executives import cues_tenure as T
from assistant.analysis.executives import cues_zh as Z
from assistant.analysis.executives import lang as L
from assistant.analysis.executives.context_of import possessive_side
from assistant.analysis.executives.match import TitleMatch
from assistant.analysis.executives.senses import career_list, had_seat


def former_seat(tokens: list[L.Token], m: TitleMatch, lang: str) -> bool:
    """ "our former CEO", "Morry was CEO", "бывший директор", "Jan był prezesem", "during my time as CFO and COO", "We
    had the CFO", a seat in a list of the speaker's past roles (``senses``): a seat no longer held."""
    lows = [t.low for t in tokens]
    former = T.FORMER.get(lang, set())
    j = m.start
    while j > 0 and (lows[j - 1] in C.DETERMINERS[lang] or possessive_side(lows[j - 1], lang) or lows[j - 1] in former):
        if lows[j - 1] in former:
            return True
        j -= 1
    j = _aside_after(lows, j)  # "David Jones, who was, I think, the Head of Legal"
    for cue in T.PAST_COPULAS.get(lang, set()):
        k = j - len(cue)
        if k >= 1 and tuple(lows[k:j]) == cue:
            s = _past_aside(lows, k - 1)  # "He, of course, was the Director of Finance"
            who = s >= 0 and (lows[s] in _HE_SHE or lows[s] in _I or _who_named(tokens, s))
            if s >= 0 and (L.name_like(tokens[s], lang) or who):
                return True  # "Morry was CEO", "He was the CEO of the bank since the beginning", "I was chairman"
    if had_seat(lows, j, lang) or career_list(lows, m.start, lang):  # "We had the CFO", "including ..., serving as"
        return True
    window = lows[max(0, m.start - 6) : m.start]
    return lang == "en" and (
        any(tuple(window[k : k + 3]) in T.PAST_AS for k in range(len(window)))
        or _as_i_was(lows, m)
        or _yours_once(tokens, m)
        or _left_since(lows, m)
    )


def _yours_once(tokens: list[L.Token], m: TitleMatch) -> bool:
    """ "In April 2004, you became Executive Chairman of ...?", "You were appointed as Director of ...", "Whilst you
    were in your position as Director of Legal": a seat of the one spoken to, said in the past (or supposed: "if you
    were the CEO") right before it (English)."""
    lows = [t.low for t in tokens]
    k, limit = m.start - 1, 8  # past "Corporate Senior Vice President and" to "you became"
    while k >= 1 and limit and (lows[k] in C.DETERMINERS["en"] or lows[k] in _ON_THE_WAY or tokens[k].capitalised):
        k, limit = k - 1, limit - 1
    return k >= 1 and lows[k] in T.PAST_OF_YOU and lows[k - 1] == "you"


# between "you were" and the seat: "appointed as", "in your position as", "made"
_ON_THE_WAY = {"as", "appointed", "made", "named", "in", "your", "position", "role", "post", "then", "and", "&"}


def _left_since(lows: list[str], m: TitleMatch) -> bool:
    """ "Dave Smith (as in the CIO that has just retired from [the Post Office])": a relative clause after the title
    says its holder has left the seat (English)."""
    after = lows[m.end : m.end + 5]
    return bool(after) and after[0] in ("that", "who") and bool(T.LEFT & set(after[1:]))


def _as_i_was(lows: list[str], m: TitleMatch) -> bool:
    """ "as president I was always very attentive", "As CFO, I had to ...": the speaker's seat, said in the past."""
    if "as" not in lows[max(0, m.start - 2) : m.start]:
        return False
    after = [w for w in lows[m.end : m.end + 4] if w != ","]
    return len(after) >= 2 and after[0] == "i" and after[1] in T.PAST_AFTER_I


_HE_SHE = {"he", "she", "lui", "lei", "он", "она", "on", "ona"}
_I = {"i", "io", "я", "ja"}


def _aside_after(lows: list[str], j: int) -> int:
    """Where the copula before the title would end, past an aside between commas right before the seat ("who was, I
    think, the Head of Legal": the place after "was"); ``j`` itself when there is none."""
    if j < 1 or lows[j - 1] != ",":
        return j
    comma = next((k for k in range(j - 2, max(-1, j - 6), -1) if lows[k] == ","), None)
    return comma if comma is not None and comma >= 1 else j


def _who_named(tokens: list[L.Token], s: int) -> bool:
    """ "David Jones, who was ...": a relative "who" after a name and its comma (English)."""
    return tokens[s].low == "who" and s >= 2 and tokens[s - 1].text == "," and L.name_like(tokens[s - 2], "en")


def _past_aside(lows: list[str], s: int) -> int:
    """The subject's place before a past copula, past an aside between commas ("He, of course, was")."""
    if s >= 0 and lows[s] == ",":
        comma = next((k for k in range(s - 1, max(-1, s - 5), -1) if lows[k] == ","), None)
        return comma - 1 if comma is not None else -1
    return s


def zh_former_seat(sentence: str, m: TitleMatch) -> bool:
    """ "前任总经理", "他曾是我们的财务总监": a seat no longer held."""
    before = sentence[: m.start].removesuffix("我们的").removesuffix("公司的")
    return before.endswith(Z.ZH_FORMER)


_HAVE = {"have", "has", "got", "mamy", "ma", "abbiamo", "ha", "есть"}
_NONE = {"нет", "no", "brak", "nessun", "nessuna", "нету"}


def empty_seat(before: list[str], lang: str) -> bool:
    """ "у нас нет гендиректора", "Nie mamy dyrektora finansowego", "we have no CFO": a seat said to be empty
    (``before``: the few words before the title)."""
    if before and before[-1] in _NONE:
        return True
    negated = [i for i, w in enumerate(before) if w in C.NEGATIONS.get(lang, set()) or w.endswith("n't")]
    return any(w in _HAVE for i in negated for w in before[i + 1 :])
