"""Concepts: one term from each of two or three groups, near each other in one clause.

    concepts:
      en:
        - [[price, pricing, cost, quote], [expensive, steep, "too much", "go up"]]
        - {groups: [[renew], [not, "won't"]], ordered: true, reach: 3, name: not renew}

A concept matches when a term of every group appears within ``reach`` words of the others (words that
are not part of a term; default the rule's ``reach``, 6; Chinese counts two characters per word), with
no punctuation between them, in any order unless ``ordered: true``. Terms match by lemma like phrase
words ("quote" catches "quoted", "go up" catches "went up"); a term may have several words (matched
next to each other) or be ``{competitor}``. A negation word between the terms ("the price is *not* a
problem") makes the hit negated; a term that carries its own negation ("not", "can't afford") is never
cancelled by one, as with phrases.

Compiled per ruleset and language into one index: matching form → terms, so each word of a call is
looked up once; the few concepts with a term present are then combined.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any

from assistant.analysis.budget import UNLIMITED, Budget
from assistant.analysis.negation import ZH_NOT_NEGATIONS
from assistant.analysis.phrases import (
    GAP_NEGATIONS,
    OPTIONAL_WORDS,
    Candidate,
    Piece,
    Slot,
    compile_phrase,
    scan_index,
)
from assistant.analysis.ruleset import Concept, Rule, RuleSet
from assistant.yamlfile import LineDict, Problems, check_fields

CONCEPT_FIELDS = ("groups", "ordered", "reach", "name", "commas")
MIN_GROUPS, MAX_GROUPS = 2, 3
MAX_REACH = 12
_ZH_CHARS_PER_WORD = 2
_MAX_OCCURRENCES = 8  # per group and utterance: enough to find the closest pair, never combinatorial
_ZH_NEGATIONS = "不没别未无"
# Inside one sentence a concept may cross a comma ("our champion, sarah, she left"), never a sentence end
# or a word that opens a contrasting clause ("the price is fine *but* support is slow").
SOFT_STOPS = frozenset(",，、…-–—")
CLAUSE_STARTERS = {
    "en": {"but", "however", "although", "though", "whereas", "otherwise"},
    "it": {"ma", "però", "tuttavia", "invece", "mentre", "sennò", "altrimenti"},
    "ru": {"но", "однако", "зато", "хотя", "а", "иначе"},
    "pl": {"ale", "jednak", "lecz", "natomiast", "chociaż", "choć", "zaś", "inaczej"},
    "zh": {"但", "却"},  # one character a piece: 但(是), 却
}

# ---- parsing (called by schema.parse_rule) -------------------------------------------------------


def parse_concepts(items: Any, lang: str, line: int, where: str, problems: Problems) -> tuple[Concept, ...]:
    """The concepts of one language of a rule; problems recorded as file:line."""
    if not isinstance(items, list) or not items:
        problems.add(where, line, f"concepts.{lang} must be a non-empty list of concepts like [[price], [steep]]")
        return ()
    lines = getattr(items, "lines", [line] * len(items))
    parsed = (_concept(item, ln, lang, where, problems) for item, ln in zip(items, lines, strict=True))
    return tuple(c for c in parsed if c is not None)


def _concept(item: Any, line: int, lang: str, where: str, problems: Problems) -> Concept | None:
    options: dict[str, Any] | None = {}
    if isinstance(item, LineDict):
        check_fields(item, CONCEPT_FIELDS, where, problems)
        options = _options(item, lang, where, problems)
        if options is None:
            return None
        line, item = item.line_of("groups"), item.get("groups")
    if not isinstance(item, list) or not MIN_GROUPS <= len(item) <= MAX_GROUPS:
        count = len(item) if isinstance(item, list) else 0
        example = "[[price, cost], [steep, 'too much']]"
        message = f"a concept is 2 or 3 term groups like {example}, got {count}"
        problems.add(where, line, f"concepts.{lang}: {message} (a single group is a list of phrases: use 'phrases')")
        return None
    groups = [_group(g, line, lang, where, problems) for g in item]
    if any(g is None for g in groups):
        return None
    return Concept(tuple(g for g in groups if g is not None), **(options or {}))


def _options(item: LineDict, lang: str, where: str, problems: Problems) -> dict[str, Any] | None:
    options: dict[str, Any] = {}
    if "ordered" in item:
        if item["ordered"] not in (True, False):
            problems.add(where, item.line_of("ordered"), f"concepts.{lang}: 'ordered' must be true or false")
            return None
        options["ordered"] = item["ordered"]
    if "reach" in item:
        reach = item["reach"]
        if isinstance(reach, bool) or not isinstance(reach, int) or not 0 <= reach <= MAX_REACH:
            problems.add(where, item.line_of("reach"), f"concepts.{lang}: 'reach' must be a whole number "
                         f"from 0 to {MAX_REACH}, got {reach!r}")  # fmt: skip
            return None
        options["reach"] = reach
    if "name" in item:
        options["name"] = str(item["name"]).strip()
    if "commas" in item:
        if item["commas"] not in (True, False):
            problems.add(where, item.line_of("commas"), f"concepts.{lang}: 'commas' must be true or false")
            return None
        options["commas"] = item["commas"]
    return options


def _group(group: Any, line: int, lang: str, where: str, problems: Problems) -> tuple[str, ...] | None:
    line = getattr(group, "line", line)
    if not isinstance(group, list) or not group:
        problems.add(where, line, f"concepts.{lang}: empty term group; write at least one term, e.g. [price, cost]")
        return None
    terms = []
    for term in group:
        if isinstance(term, dict) and len(term) == 1 and next(iter(term.values())) is None:
            slot = "{" + str(next(iter(term))) + "}"
            problems.add(where, line, f'concepts.{lang}: write {slot} in quotes: "{slot}" (unquoted it is a mapping)')
            return None
        text = " ".join(str(term).split()) if isinstance(term, str | int | float) and not isinstance(term, bool) else ""
        error = _too_broad(text, lang)
        if error:
            problems.add(where, line, f"concepts.{lang}: {error}")
            return None
        terms.append(text)
    return tuple(terms)


def _too_broad(text: str, lang: str) -> str:
    if not text:
        return "empty term in a group; write the word, or delete it"
    words = {w.lower() for w in text.split()}
    if lang != "zh" and len(text) < 2:
        return f"term {text!r} is a single letter: it would match almost anything; write a word"
    if words <= OPTIONAL_WORDS.get(lang, set()):
        return f"term {text!r} is only an article or possessive: it would match almost anything"
    return ""


# ---- compiling -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    concept: int  # position in ConceptIndex.concepts
    group: int
    text: str
    slots: tuple[Slot, ...]
    negated: bool


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    label: str
    size: int  # number of groups
    ordered: bool
    reach: int  # pieces (words; Chinese characters) allowed outside the terms
    commas: bool = True  # may cross a comma inside one sentence


@dataclass(frozen=True)
class ConceptIndex:
    concepts: tuple[Compiled, ...]
    index: dict[str, tuple[Term, ...]]


def compile_concepts(ruleset: RuleSet, lang: str) -> ConceptIndex:
    concepts: list[Compiled] = []
    index: dict[str, list[Term]] = {}
    per_word = _ZH_CHARS_PER_WORD if lang == "zh" else 1
    for rule in ruleset.rules:
        tight = replace(rule, gap=0)
        for concept in rule.concepts.get(lang, ()):
            reach = (rule.reach if concept.reach is None else concept.reach) * per_word
            position = len(concepts)
            compiled = Compiled(rule, concept.label, len(concept.groups), concept.ordered, reach, concept.commas)
            concepts.append(compiled)
            for g, group in enumerate(concept.groups):
                for text in group:
                    phrase = compile_phrase(tight, text, lang)
                    term = Term(position, g, text, phrase.slots, phrase.negated)
                    for key in phrase.slots[0].keys if phrase.slots else ():
                        index.setdefault(key, []).append(term)
    return ConceptIndex(tuple(concepts), {k: tuple(v) for k, v in index.items()})


# ---- matching ------------------------------------------------------------------------------------

Occurrence = tuple[int, int, Term]  # first piece, last piece, term


def concept_candidates(
    items: list[Piece], text: str, lang: str, compiled: ConceptIndex, budget: Budget = UNLIMITED
) -> list[Candidate]:
    """One candidate per concept found in the utterance (its closest combination of terms)."""
    found = _occurrences(items, compiled, budget)
    result = []
    stops = _Stops(items, lang) if found else None
    for position, groups in found.items():
        concept = compiled.concepts[position]
        if len(groups) < concept.size or stops is None:
            continue
        best = _closest(groups, concept, stops)
        if best is not None:
            negated = _negated_term_over(best, groups)
            result.append(_candidate(best, concept, items, text, lang, negated))
    return result


def _occurrences(items: list[Piece], compiled: ConceptIndex, budget: Budget) -> dict[int, dict[int, list[Occurrence]]]:
    found: dict[int, dict[int, list[Occurrence]]] = {}
    for term, first, last in scan_index(items, compiled.index, budget):
        occurrences = found.setdefault(term.concept, {}).setdefault(term.group, [])
        if len(occurrences) < _MAX_OCCURRENCES:
            occurrences.append((first, last, term))
    return found


class _Stops:
    """Where a concept's search stops: prefix counts of hard stops (sentence ends, clause-starting
    conjunctions) and of all stops (commas too), so a span is checked in O(1)."""

    def __init__(self, items: list[Piece], lang: str) -> None:
        starters = CLAUSE_STARTERS.get(lang, set())
        self.hard, self.any = [0], [0]
        for piece in items:
            soft = piece.barrier and piece.text in SOFT_STOPS
            hard = (piece.barrier and not soft) or (not piece.barrier and piece.text.lower() in starters)
            self.hard.append(self.hard[-1] + hard)
            self.any.append(self.any[-1] + (hard or soft))

    def blocked(self, first: int, last: int, commas: bool) -> bool:
        counts = self.hard if commas else self.any
        return counts[last + 1] - counts[first] > 0


def _closest(groups: dict[int, list[Occurrence]], concept: Compiled, stops: _Stops) -> tuple[Occurrence, ...] | None:
    best: tuple[tuple[bool, int], tuple[Occurrence, ...]] | None = None
    for combo in itertools.product(*(groups[g] for g in sorted(groups))):
        ordered = sorted(combo, key=lambda o: o[0])
        if concept.ordered and [o[2].group for o in ordered] != sorted(o[2].group for o in ordered):
            continue
        if any(b[0] <= a[1] for a, b in itertools.pairwise(ordered)):
            continue  # overlapping terms
        first, last = ordered[0][0], ordered[-1][1]
        outside = (last - first + 1) - sum(o[1] - o[0] + 1 for o in ordered)
        if outside > concept.reach or _blocked(ordered, stops, concept.commas):
            continue
        rank = (not any(o[2].negated for o in ordered), outside)  # a self-negated term ("no answer") first
        if best is None or rank < best[0]:
            best = (rank, tuple(ordered))
    return best[1] if best else None


def _blocked(ordered: list[Occurrence], stops: _Stops, commas: bool) -> bool:
    """A stop between two neighbouring terms (a conjunction that is itself a term does not count)."""
    return any(stops.blocked(a[1] + 1, b[0] - 1, commas) for a, b in itertools.pairwise(ordered) if b[0] > a[1] + 1)


def _negated_term_over(combo: tuple[Occurrence, ...], groups: dict[int, list[Occurrence]]) -> bool:
    """A term that carries its own negation ("can't point to") overlaps the match: never cancelled by it."""
    first, last = combo[0][0], combo[-1][1]
    return any(t.negated and a <= last and first <= b for occ in groups.values() for a, b, t in occ)


def _candidate(
    combo: tuple[Occurrence, ...], concept: Compiled, items: list[Piece], text: str, lang: str, negated_term: bool
) -> Candidate:
    start, end = items[combo[0][0]].start, items[combo[-1][1]].end
    terms = tuple(text[items[a].start : items[b].end] for a, b, _ in combo)
    inside = {k for a, b, _ in combo for k in range(a, b + 1)}
    gap = [items[k].text for k in range(combo[0][0], combo[-1][1] + 1) if k not in inside]
    negated_by = "" if negated_term else gap_negation(gap, lang)
    return Candidate(concept.rule, concept.label, start, end, text[start:end], "concept",
                     negated_phrase=negated_term, terms=terms, negated_by=negated_by)  # fmt: skip


def gap_negation(words: list[str], lang: str) -> str:
    """A negation among the words between the terms ("price is *not* a problem")."""
    if lang == "zh":
        gap = "".join(words)
        for compound in ZH_NOT_NEGATIONS:
            gap = gap.replace(compound, " ")
        return next((ch for ch in gap if ch in _ZH_NEGATIONS), "")
    cues = GAP_NEGATIONS.get(lang, set())
    return next((w for w in words if w.lower() in cues), "")
