"""Find rule hits in a transcript: lemma phrases (with small gaps), token patterns, fuzzy windows.

Per language, a ruleset compiles once (cached by its content) into:

- a phrase index: the matching forms (``nlp.py``) of each phrase's first word → phrases. A phrase matches
  when its words follow each other with at most ``rule.gap`` extra words between them and no clause
  punctuation; Chinese is matched character by character inside a word (so jieba's segmentation of a
  phrase and of a call never have to agree) with a few characters allowed between words.
  A hand-written index instead of spaCy's PhraseMatcher: it allows the gaps ("too *damn* expensive",
  "not *going to* renew") and the two keys per Polish word (lemma or light stem).
- concepts (``concepts.py``): a term from each of 2-3 groups near each other, one index of terms;
- a spaCy ``Matcher`` for the token patterns of power users (``LEMMA`` means our matching form);
- ``{competitor}`` slots: competitor names (exact or, for long names, fuzzy) collapse to one token first;
- fuzzy windows (rapidfuzz ``ratio`` on n-word windows, never on a whole utterance) for rules with ``fuzzy``.

``candidates(doc, lang, ruleset)`` returns every raw match of one utterance; ``analyze`` (in
``__init__``) turns them into ``records.Hit`` with speaker, window, exclusion and negation applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from spacy.matcher import Matcher
from spacy.tokens import Doc

from assistant.analysis.budget import UNLIMITED, Budget
from assistant.analysis.concepts import ConceptIndex, compile_concepts, concept_candidates, gap_negation
from assistant.analysis.nlp import get_fast_nlp, lemma_of
from assistant.analysis.phrases import (
    CHAR_CONTINUES,
    COMPETITOR_KEY,
    GAP_NEGATIONS,
    NEGATION_WORDS,
    Candidate,
    Phrase,
    Piece,
    Slot,
    compile_phrase,
    extend_slots,
    phrase_slots,
    scan_index,
    text_pieces,
)
from assistant.analysis.ruleset import COMPETITOR_SLOT, Rule, RuleSet

FREE_WORD_ORDER = ("ru", "pl")  # two-word phrases match in either order
_MIN_FUZZY_CHARS = 5


@dataclass
class Compiled:
    lang: str
    index: dict[str, list[Phrase]]
    exclude_index: dict[str, list[Phrase]]
    matcher: Matcher | None
    fuzzy: list[tuple[Phrase, int]]
    competitors: list[tuple[str, tuple[Slot, ...]]]
    competitor_fuzzy: int | None
    rules: dict[str, Rule]
    concepts: ConceptIndex


# ---- compiling ---------------------------------------------------------------------------------


_COMPILED: dict[tuple[str, str], tuple[tuple[object, ...], Compiled]] = {}


def compile_rules(ruleset: RuleSet, lang: str) -> Compiled:
    """The matchers of ``ruleset`` for ``lang``, built once per ruleset content and language.

    Looked up by version, then checked against the rules, competitors and fuzzy level themselves: a copy of a
    ruleset with other rules but the same version (``dataclasses.replace``) gets matchers of its own. For the
    same loaded ruleset the check is cheap (equal tuples of the same objects compare by identity)."""
    key = (ruleset.version, lang)
    content = (ruleset.rules, ruleset.competitors, ruleset.competitor_fuzzy)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] != content:
        if len(_COMPILED) >= 32:
            _COMPILED.clear()
        cached = _COMPILED[key] = (content, _compile(ruleset, lang))
    return cached[1]


def _compile(ruleset: RuleSet, lang: str) -> Compiled:
    index: dict[str, list[Phrase]] = {}
    exclude_index: dict[str, list[Phrase]] = {}
    fuzzy: list[tuple[Phrase, int]] = []
    for rule in ruleset.rules:
        for text in rule.phrases.get(lang, ()):
            phrase = compile_phrase(rule, text, lang)
            _add(index, phrase)
            if lang in FREE_WORD_ORDER and len(phrase.slots) == 2 and COMPETITOR_SLOT not in text:
                _add(index, _reversed(phrase))
            if rule.fuzzy and lang != "zh" and COMPETITOR_SLOT not in text and len(text) >= _MIN_FUZZY_CHARS:
                fuzzy.append((phrase, rule.fuzzy))
        for text in rule.exclude.get(lang, ()):
            _add(exclude_index, compile_phrase(rule, text, lang))
    names = [
        (name, tuple(phrase_slots(name, lang, 0, lemmatise=False))) for c in ruleset.competitors for name in c.names
    ]
    names.sort(key=lambda item: -len(item[1]))
    rules = {rule.id: rule for rule in ruleset.rules}
    matcher = _patterns(ruleset, lang)
    concepts = compile_concepts(ruleset, lang)
    return Compiled(lang, index, exclude_index, matcher, fuzzy, names, ruleset.competitor_fuzzy, rules, concepts)


def _add(index: dict[str, list[Phrase]], phrase: Phrase) -> None:
    if phrase.slots:
        for key in phrase.slots[0].keys:
            index.setdefault(key, []).append(phrase)


def _reversed(phrase: Phrase) -> Phrase:
    """A two-word phrase in the other order: "отменить подписку" → "подписку отменить"."""
    first, second = phrase.slots
    return Phrase(phrase.rule, phrase.text, (Slot(second.keys, 0), Slot(first.keys, second.gap)), phrase.negated)


def _patterns(ruleset: RuleSet, lang: str) -> Matcher | None:
    found = [(rule.id, rule.patterns[lang]) for rule in ruleset.rules if rule.patterns.get(lang)]
    if not found:
        return None
    matcher = Matcher(get_fast_nlp(lang).vocab)
    for rule_id, patterns in found:
        matcher.add(rule_id, [[_lemma_values(dict(t), lang) for t in p] for p in patterns])
    return matcher


def _lemma_values(token: dict[str, Any], lang: str) -> dict[str, Any]:
    """``LEMMA`` values in a pattern become matching forms, so users may write any inflection."""
    for key, value in token.items():
        if key.upper() == "LEMMA":
            if isinstance(value, str):
                token[key] = lemma_of(value, lang)
            elif isinstance(value, dict):
                token[key] = {op: [lemma_of(v, lang) for v in vs] if isinstance(vs, list) else vs
                              for op, vs in value.items()}  # fmt: skip
    return token


# ---- the text as pieces ------------------------------------------------------------------------


def pieces(doc: Doc, lang: str, compiled: Compiled) -> list[Piece]:
    """The utterance as pieces, with competitor names collapsed to one ``{competitor}`` piece each."""
    items = [Piece(p.keys - {CHAR_CONTINUES}, p.text, p.start, p.end, p.barrier) for p in text_pieces(doc, lang)]
    if not compiled.competitors:
        return items
    spans = _competitor_spans(items, compiled)
    for first, last in sorted(spans, reverse=True):
        text = doc.text[items[first].start : items[last].end]
        merged = Piece(frozenset({COMPETITOR_KEY, text.lower()}), text, items[first].start, items[last].end)
        items[first : last + 1] = [merged]
    return items


def _competitor_spans(items: list[Piece], compiled: Compiled) -> list[tuple[int, int]]:
    taken: set[int] = set()
    spans: list[tuple[int, int]] = []
    present = set().union(*(p.keys for p in items))
    for _name, slots in compiled.competitors:  # longest names first
        if not slots or not slots[0].keys & present:
            continue
        for first, last in _find(items, slots):
            if not taken & set(range(first, last + 1)):
                spans.append((first, last))
                taken.update(range(first, last + 1))
    if compiled.competitor_fuzzy:
        spans.extend(_fuzzy_competitors(items, compiled, taken))
    return spans


def _fuzzy_competitors(items: list[Piece], compiled: Compiled, taken: set[int]) -> list[tuple[int, int]]:
    names = [n.lower() for n, _ in compiled.competitors if len(n.replace(" ", "")) >= _MIN_FUZZY_CHARS + 1]
    if not names:
        return []
    shortest, longest = min(map(len, names)) - 3, max(map(len, names)) + 3
    windows = [w for w in _windows(items, (1, 2)) if shortest <= len(w[2]) <= longest]
    if not windows:
        return []
    cutoff = compiled.competitor_fuzzy
    scores = process.cdist([w[2] for w in windows], names, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
    found: list[tuple[int, int]] = []
    for wi in sorted(set(scores.nonzero()[0])):
        first, last, _ = windows[wi]
        if not taken & set(range(first, last + 1)):
            found.append((first, last))
            taken.update(range(first, last + 1))
    return found


def _windows(items: list[Piece], sizes: tuple[int, ...]) -> Iterator[tuple[int, int, str]]:
    for first in range(len(items)):
        for size in sizes:
            last = first + size - 1
            if last < len(items) and not any(p.barrier for p in items[first : last + 1]):
                yield first, last, " ".join(p.text.lower() for p in items[first : last + 1])


# ---- finding -----------------------------------------------------------------------------------


def _find(items: list[Piece], slots: tuple[Slot, ...] | list[Slot]) -> Iterator[tuple[int, int]]:
    if not slots:
        return
    for first, piece in enumerate(items):
        if not piece.barrier and piece.keys & slots[0].keys:
            last = extend_slots(items, first, slots)
            if last is not None:
                yield first, last


@dataclass(frozen=True)
class Veto:
    """An exclusion's match: the rule it vetoes, its span, and the span its gap skipped (empty without a gap)."""

    rule_id: str
    start: int
    end: int
    gap_start: int = 0
    gap_end: int = 0

    def covers(self, start: int, end: int) -> bool:
        """Whether a match ``[start, end)`` of the rule is vetoed: it overlaps the exclusion and does not end in
        the words the exclusion's gap stepped over."""
        return self.start < end and start < self.end and not self.gap_start < end <= self.gap_end


def candidates(
    doc: Doc, lang: str, compiled: Compiled, budget: Budget = UNLIMITED
) -> tuple[list[Candidate], list[Veto]]:
    """Every match of one utterance, and the exclusion matches (``Veto``: rule id, span, skipped gap) that veto them.

    Raises ``OverBudget`` when ``budget`` is spent (checked between stages and inside their loops)."""
    items = pieces(doc, lang, compiled)
    text = doc.text
    found = [
        Candidate(p.rule, p.text, items[a].start, items[b].end, text[items[a].start : items[b].end], "lemma",
                  negated_phrase=p.negated)
        for p, a, b in scan_index(items, compiled.index, budget)
        if p.negated or not _negation_in_gap(items, a, b, lang, p.text)
    ]  # fmt: skip
    found += concept_candidates(items, text, lang, compiled.concepts, budget)
    found += _pattern_candidates(doc, compiled, budget)
    budget.check()
    exact = {c.rule.id for c in found}
    found += [c for c in _fuzzy_candidates(items, text, compiled) if c.rule.id not in exact]
    vetoes = [
        Veto(p.rule.id, items[a].start, items[b].end, *_skipped(items, a, b, len(p.slots)))
        for p, a, b in scan_index(items, compiled.exclude_index, budget)
    ]
    return found, vetoes


def _skipped(items: list[Piece], first: int, last: int, slots: int) -> tuple[int, int]:
    """The characters an exclusion's gap may have skipped (between its first and last piece), or an empty span when
    its words stand together: a candidate ending in there is one the exclusion stepped over ("cancel [the contract
    after] the meeting" vetoes no cancellation of the contract)."""
    if last - first + 1 <= slots:
        return (0, 0)
    return (items[first].end, items[last].start)


def _negation_in_gap(items: list[Piece], first: int, last: int, lang: str, phrase: str = "") -> bool:
    """A negation among the words a gap skipped ("price is *not* a problem"): the phrase is not said.

    Chinese pieces are characters: a negation among the characters the phrase does not hold ("账号不减" for the
    phrase "账号减", "预算没被砍" for "预算被砍") negates the word after it, as between a concept's terms.
    """
    if lang == "zh":
        gap = [items[k].text for k in range(first + 1, last)]
        for ch in phrase:
            if ch in gap:
                gap.remove(ch)
        return bool(gap_negation(gap, lang))
    words = GAP_NEGATIONS.get(lang, set())
    return any(items[k].text.lower() in words for k in range(first + 1, last))


def _pattern_candidates(doc: Doc, compiled: Compiled, budget: Budget) -> list[Candidate]:
    if compiled.matcher is None:
        return []
    found = []
    for match_id, start, end in _pattern_matches(doc, compiled.matcher, budget):
        rule = compiled.rules[doc.vocab.strings[match_id]]
        span = doc[start:end]
        negated = any(t.lemma_ in NEGATION_WORDS[compiled.lang] for t in span)
        found.append(Candidate(rule, "pattern", span.start_char, span.end_char, span.text, "pattern",
                               negated_phrase=negated))  # fmt: skip
    return found


_WINDOW, _OVERLAP = 200, 40  # tokens: a long utterance is matched in overlapping windows


def _pattern_matches(doc: Doc, matcher: Matcher, budget: Budget) -> list[tuple[int, int, int]]:
    """The matcher's matches; a long utterance in overlapping windows, the budget checked between them.

    A match is at most ``cost.MAX_PATTERN_TOKENS`` tokens plus one unbounded repeat, so a match shorter
    than the overlap is found whole in some window; longer ones are found up to the window's edge."""
    if len(doc) <= _WINDOW:
        return [(m, s, e) for m, s, e in matcher(doc)]
    found: set[tuple[int, int, int]] = set()
    for first in range(0, len(doc) - _OVERLAP, _WINDOW - _OVERLAP):
        budget.check()
        found.update((m, first + s, first + e) for m, s, e in matcher(doc[first : first + _WINDOW]))
    return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _fuzzy_candidates(items: list[Piece], text: str, compiled: Compiled) -> list[Candidate]:
    if not compiled.fuzzy:
        return []
    sizes = sorted({n for p, _ in compiled.fuzzy for n in _sizes(p)})
    windows = list(_windows(items, tuple(sizes)))
    if not windows:
        return []
    choices = [p.text.lower() for p, _ in compiled.fuzzy]
    cutoff = min(threshold for _, threshold in compiled.fuzzy)
    scores = process.cdist([w[2] for w in windows], choices, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
    found: list[Candidate] = []
    for wi, ci in zip(*scores.nonzero(), strict=True):
        phrase, threshold = compiled.fuzzy[ci]
        score = float(scores[wi, ci])
        first, last, _ = windows[wi]
        if score >= threshold and len(windows[wi][2].split()) in _sizes(phrase):
            s, e = items[first].start, items[last].end
            found.append(Candidate(phrase.rule, phrase.text, s, e, text[s:e], "fuzzy", score, phrase.negated))
    return found


def _sizes(phrase: Phrase) -> set[int]:
    n = len(phrase.slots)
    return {max(1, n - 1), n, n + 1}
