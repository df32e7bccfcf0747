# ruff: noqa: E501  (the pattern tables below are data: one construction per line reads best)
"""What the rest of the turn says about a match (issue 10 §5, rules9): the sentences the customer says right after
the one that holds it.

    later_in_turn("Ah, we'll have to cancel that, sorry.", " Can we push it to October?", "en", "cancellation")
    # -> "meeting logistics: rescheduled after it: 'can we push it to'"

- **a cancellation rescheduled**: a match whose clause names no contract, followed in the same turn by a new time
  ("Can we push it to October?", "Facciamo la settimana dopo?", "Może w czwartek?", "давайте перенесём на
  среду", "时间另行通知", "改天再约") — a meeting called off, not the contract;
- **a disclaimer in the next sentence** (past a backchannel such as "Tak tak."): "... czekamy na serwis od dwóch
  tygodni. Tak tak. Ale to nie wasza sprawa.", "It's our plumber, sorry. That's not your problem." — the sentence opens with "that" / "to" / "это" / "questo" / "这" (or
  "but that"), pointing back to what was just said (never for a champion, never when the sentence with the match
  names the vendor: "your support is slow, but that's not your fault personally" stays).

Each returns why, or ``""``; the hit is kept, negated, with the reason in its evidence.
"""

from __future__ import annotations

import re

from assistant.analysis.parties import contract_named
from assistant.analysis.senses import DISCLAIMER, names_vendor

_RESCHEDULE = {
    "en": r"\b(push (it|that|this)( \w+)? (to|back|out)|move (it|that|this)( \w+)? (to|back)|reschedul\w*|rebook\w*|another (day|date|time|week|slot)|new (date|time|slot)|pick (it|that|this) up\b|(can|could|shall|should) we (do|have|make) (it|that|this)\b[^.!?]{0,25}\b(on|in|next|after) (a |the )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|january|february|march|april|may|june|july|august|september|october|november|december))",
    "it": r"\b(spost\w*|rimand\w*|rinvi\w*|nuova data|un'altra data|un altro giorno|(facciamo|ci vediamo|sentiamoci) (la settimana|il mese|lunedì|martedì|mercoledì|giovedì|venerdì))",
    "ru": r"(перен[её]с\w*|перенос\w*|другой день|другую дату|новую дату|другое время|в другой раз|давайте (в|на) (понедельник|вторник|среду|четверг|пятницу|следующ))",
    "pl": r"\b(przełoż\w*|przesuń\w*|przesun\w*|nowy termin\w*|nowym terminem|now[ąy] dat\w*|inny termin|innym terminie|(może|to może) w (poniedziałek|wtorek|środę|czwartek|piątek|przyszłym))",
    "zh": r"(改期|改到|另行通知|再约|延期到|推到|挪到|换个时间|改天)",
}
# A sentence that points back to what was just said: "that" / "to" / "это" / "questo" / "这" first (after "but").
_POINTS_BACK = {
    "en": r"^\W*(but |and )?(that|this|it)('s| is| has|'s got)?\b",
    "it": r"^\W*(ma |e )?(questo|quello|ciò|lì)\b",
    "ru": r"^\W*(но |а |и )?(это|то)\b",
    "pl": r"^\W*(ale |a |i )?(to|tu|tutaj)\b",
    "zh": r"^\W*(不过|但是|但)?(这|那|这个|那个)",
}
_NEXT_SENTENCES = 2  # how many sentences after the match a reschedule may come in
_BACKCHANNEL_WORDS = 2  # "Tak tak.", "Yeah, yeah.": skipped on the way to the sentence that points back


def later_in_turn(sentence: str, after: str, lang: str, category: str) -> str:
    """Why the rest of the turn (``after``: the text after the match's sentence) says the match in ``sentence`` is
    no risk of ``category``, or ``""``."""
    if not after.strip():
        return ""
    if category == "cancellation" and lang in _RESCHEDULE:
        found = _rescheduled(sentence, after, lang)
        if found:
            return f"meeting logistics: rescheduled after it: {found!r}"
    if category != "champion" and lang in _POINTS_BACK:
        found = _disclaimed_next(sentence, after, lang)
        if found:
            return f"the customer says it is unrelated: {found!r}"
    return ""


def _rescheduled(sentence: str, after: str, lang: str) -> str:
    """A new time asked for in the next sentences, the match's sentence naming no contract."""
    if contract_named(sentence.lower(), lang):
        return ""
    window = " ".join(_sentences(after)[:_NEXT_SENTENCES]).lower()
    found = re.search(_RESCHEDULE[lang], window)
    return found.group(0).strip() if found else ""


def _disclaimed_next(sentence: str, after: str, lang: str) -> str:
    """The next sentence points back and disclaims it ("Ale to nie wasza sprawa."), the match's sentence not naming
    the vendor."""
    following = [s for s in _sentences(after) if len(s.split()) > _BACKCHANNEL_WORDS][:1]
    if not following or names_vendor(sentence.lower(), lang):
        return ""
    text = following[0].lower()
    if not re.search(_POINTS_BACK[lang], text):
        return ""
    found = re.search(DISCLAIMER[lang], text)
    return found.group(0).strip() if found else ""


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?。！？…])\s*", text) if s.strip()]
