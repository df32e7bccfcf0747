"""Phrases and the text they are matched against, as pieces with matching keys (below matching and concepts).

``compile_phrase(rule, text, lang)`` turns a phrase into slots (one per word; one per character inside
Chinese words; articles and possessives left out when gaps are allowed); ``text_pieces(doc, lang)`` turns
a document into pieces with the same keys (lower case, matching form; Polish light stem too);
``extend_slots`` follows a phrase's slots from a first piece. ``Candidate`` is a raw match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from assistant.analysis.budget import UNLIMITED, Budget
from assistant.analysis.nlp import ZH_NOT_NEGATIONS, get_fast_nlp
from assistant.analysis.ruleset import COMPETITOR_SLOT, Rule

COMPETITOR_KEY = "\x00competitor"
NEGATION_WORDS = {
    "en": {"not", "no", "never", "nobody", "nothing", "neither", "nor", "without", "none"},
    "it": {"non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla", "né", "senza"},
    "ru": {"не", "нет", "никогда", "ни", "без", "нельзя"},
    "pl": {"nie", "nigdy", "żaden", "żadna", "żadne", "żadnych", "bez", "ani"},
    "zh": {"不", "没", "没有", "别", "不会", "不要", "未", "无", "不想", "从不", "绝不", "不再"},
}
GAP_NEGATIONS = {lang: words | {"n't", "n’t"} for lang, words in NEGATION_WORDS.items() if lang != "zh"}
OPTIONAL_WORDS = {
    "en": {"the", "a", "an", "our", "your", "my", "their", "this", "that", "these", "those", "his", "her", "its"},
    "it": {"il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'", "nostro", "vostro", "questo"},
    "ru": {"наш", "ваш", "этот", "мой", "свой"},
    "pl": {"nasz", "wasz", "ten", "ta", "to", "mój", "swój"},
    "zh": {"的"},
}
_ZH_LINK_GAP = 2  # extra characters allowed between two words of a Chinese phrase, per unit of rule.gap
_BARRIERS = set('.,;:!?…。，、！？；：()[]"')


@dataclass(frozen=True)
class Slot:
    keys: frozenset[str]
    gap: int  # extra tokens allowed before this slot


@dataclass(frozen=True)
class Phrase:
    rule: Rule
    text: str
    slots: tuple[Slot, ...]
    negated: bool  # the phrase holds its own negation ("not renew"): never cancelled by one


@dataclass(frozen=True)
class Piece:
    """One unit of the text being matched: a token, a Chinese character, or a whole competitor name."""

    keys: frozenset[str]
    text: str
    start: int  # character offsets in the utterance
    end: int
    barrier: bool = False


@dataclass(frozen=True)
class Candidate:
    rule: Rule
    phrase: str
    start: int  # character offsets in the utterance
    end: int
    matched: str
    how: str  # "lemma" | "pattern" | "fuzzy" | "concept"
    score: float = 100.0
    negated_phrase: bool = False
    terms: tuple[str, ...] = ()  # a concept's matched terms, in text order
    negated_by: str = ""  # a negation between a concept's terms


def compile_phrase(rule: Rule, text: str, lang: str) -> Phrase:
    slots: list[Slot] = []
    for i, part in enumerate(text.split(COMPETITOR_SLOT)):
        if i:
            slots.append(Slot(frozenset({COMPETITOR_KEY}), rule.gap if slots else 0))
        slots.extend(phrase_slots(part, lang, rule.gap if slots else 0, lemmatise=True, gap=rule.gap))
    negation = NEGATION_WORDS[lang]
    negated = _zh_negated(text) if lang == "zh" else any(k in negation for s in slots for k in s.keys)
    return Phrase(rule, text, tuple(slots), negated)


def _zh_negated(text: str) -> bool:
    """A Chinese phrase that holds its own negation ("不续", "没人用"); 别 in 别家 / 别的 (other) and the other
    look-alikes of ``nlp.ZH_NOT_NEGATIONS`` are none ("换别家" is negated by "不会" before it)."""
    for compound in ZH_NOT_NEGATIONS:
        text = text.replace(compound, " ")
    return any(ch in "不没别未无" for ch in text)


def phrase_slots(text: str, lang: str, first_gap: int, *, lemmatise: bool, gap: int = 0) -> list[Slot]:
    """The slots of a phrase: one per word (one per character inside Chinese words). Articles and
    possessives ("the", "our", "il", "наш") are left out when gaps are allowed and two or more other
    words remain: any word may stand there."""
    slots: list[Slot] = []
    pieces = [p for p in text_pieces(get_fast_nlp(lang)(text), lang, lemmatise) if not p.barrier]
    optional = OPTIONAL_WORDS.get(lang, set()) if gap and lemmatise else set()
    kept = [p for p in pieces if not p.keys & optional]
    if len(kept) < 2:  # "your competitors" must not shrink to "competitors"
        kept = pieces
    skipped = 0
    for piece in pieces:
        if piece not in kept:
            skipped += 1
            continue
        word_start = CHAR_CONTINUES not in piece.keys
        between = (gap * _ZH_LINK_GAP if lang == "zh" else gap) + skipped if word_start else 0
        slots.append(Slot(piece.keys - {CHAR_CONTINUES}, first_gap if not slots else between))
        skipped = 0
    return slots


CHAR_CONTINUES = "\x00cont"  # marks a Chinese character that continues a word (no gap before it)


def text_pieces(doc: Doc, lang: str, lemmatise: bool = True) -> Iterator[Piece]:
    for token in doc:
        if token.is_space:
            continue
        text = token.text
        if text in _BARRIERS or (token.is_punct and text not in "'’-"):
            yield Piece(frozenset(), text, token.idx, token.idx + len(text), barrier=True)
        elif lang == "zh" and any(_is_cjk(ch) for ch in text):
            for n, ch in enumerate(text):
                keys = {ch} if n == 0 else {ch, CHAR_CONTINUES}
                yield Piece(frozenset(keys), ch, token.idx + n, token.idx + n + 1)
        else:
            keys = {token.lower_, token.lemma_} if lemmatise else {token.lower_}
            if lang == "pl" and lemmatise:
                keys.add(token.norm_)
            yield Piece(frozenset(keys), text, token.idx, token.idx + len(text))


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def extend_slots(items: list[Piece], first: int, slots: tuple[Slot, ...] | list[Slot]) -> int | None:
    at = first
    for slot in slots[1:]:
        for k in range(at + 1, min(len(items), at + 2 + slot.gap)):
            if items[k].barrier:
                return None
            if items[k].keys & slot.keys:
                at = k
                break
        else:
            return None
    return at


class Indexed(Protocol):
    @property
    def slots(self) -> tuple[Slot, ...]: ...


Entry = TypeVar("Entry", bound=Indexed)


def scan_index(
    items: list[Piece], index: Mapping[str, Sequence[Entry]], budget: Budget = UNLIMITED
) -> Iterator[tuple[Entry, int, int]]:
    """``(entry, first piece, last piece)`` for every indexed phrase or term found in ``items``; each
    piece is looked up once by its keys (the index maps a first slot's keys to entries)."""
    for first, piece in enumerate(items):
        if piece.barrier:
            continue
        budget.check()
        tried: set[int] = set()
        for key in piece.keys:
            for entry in index.get(key, ()):
                if id(entry) not in tried:
                    tried.add(id(entry))
                    last = extend_slots(items, first, entry.slots)
                    if last is not None:
                        yield entry, first, last
