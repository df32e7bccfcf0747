"""Verdicts that teach: confirm or reject a hit, mark a missed line; list them; per-tracker precision; the lines
they add to `assistant model train`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.analysis.model.head import Example
from assistant.analysis.model.training import CATEGORIES
from assistant.analysis.rules import load_ruleset
from assistant.errors import InputError
from assistant.records import Hit
from assistant.records.verdicts import TrackerPrecision, Verdict, VerdictKind
from assistant.services.app import App
from assistant.storage import calls, verdicts


def judge(app: App, hit_id: int, verdict: VerdictKind) -> Verdict:
    """Confirm or reject stored hit ``hit_id`` (`assistant hits confirm|reject ID`)."""
    return verdicts.judge_hit(app.store, hit_id=hit_id, verdict=verdict)


def categories(app: App) -> list[str]:
    """Every churn-risk category a line can be marked with: the rules' and the learned model's."""
    return sorted(set(CATEGORIES) | {r.category for r in load_ruleset(app.settings.rules_dir).rules})


def add_missed(app: App, call_id: int, at: float | None, category: str, *, line: int | None = None) -> Verdict:
    """Mark the line at ``at`` seconds (or line number ``line``, 1-based) of a call as a missed churn risk of
    ``category``."""
    known = categories(app)
    if category not in known:
        raise InputError(f"--category: unknown category {category!r}; use one of {', '.join(known)}")
    return verdicts.mark_missed(app.store, call_id=call_id, at=at, line=line, category=category)


def list_verdicts(app: App, call_id: int | None = None) -> list[Verdict]:
    return verdicts.list_verdicts(app.store, call_id=call_id)


@dataclass(frozen=True)
class CallVerdicts:
    """What the call page shows of a call's verdicts: each hit's id and its verdict, the lines marked missed."""

    hit_ids: dict[tuple[int, str, float], int]  # (line index, rule, start rounded to 0.01 s) -> hit id
    judged: Mapping[int, VerdictKind]  # hit id -> confirm | reject
    missed: dict[int, tuple[str, ...]]  # line index -> categories marked missed

    def hit_id(self, hit: Hit) -> int | None:
        return self.hit_ids.get((hit.utterance_index, hit.rule, round(hit.start, 2)))


def call_verdicts(app: App, call_id: int) -> CallVerdicts:
    hits = calls.hits_with_ids(app.store, call_id=call_id)
    ids = {(h.utterance_index, h.rule, round(h.start, 2)): i for i, h in hits}
    found = verdicts.list_verdicts(app.store, call_id=call_id)
    missed: dict[int, set[str]] = {}
    for v in found:
        if v.verdict == "missed":
            missed.setdefault(v.utterance_index, set()).add(v.category)
    judged = {v.hit_id: v.verdict for v in found if v.hit_id is not None and v.verdict != "missed"}
    return CallVerdicts(ids, judged, {i: tuple(sorted(c)) for i, c in missed.items()})


def call_hits(app: App, call_id: int) -> list[tuple[int, Hit]]:
    """The stored hits of a call with their ids (what `hits confirm|reject` take)."""
    return calls.hits_with_ids(app.store, call_id=call_id)


def precision(app: App) -> dict[str, TrackerPrecision]:
    """Measured precision per tracker (rule id or model.<category>) from the verdicts."""
    return verdicts.tracker_precision(app.store)


def training_examples(app: App) -> list[Example]:
    """One training line per judged line: its confirmed and missed categories, or no risk when only rejected."""
    by_line: dict[tuple[int, int], list[Verdict]] = {}
    for v in verdicts.list_verdicts(app.store):
        by_line.setdefault((v.call_id, v.utterance_index), []).append(v)
    examples = []
    for (call_id, index), group in sorted(by_line.items()):
        labels = tuple(sorted({v.category for v in group if v.verdict in ("confirm", "missed")}))
        first = group[0]
        examples.append(Example(first.text, first.language, labels, f"verdict:call {call_id} line {index + 1}"))
    return examples
