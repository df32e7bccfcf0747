"""Verdicts that teach: confirm or reject a hit, mark a missed line; list them; per-tracker precision; the lines
they add to `assistant model train`."""

from __future__ import annotations

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


def add_missed(app: App, call_id: int, at: float, category: str) -> Verdict:
    """Mark the line at ``at`` seconds of a call as a missed churn risk of ``category``."""
    known = sorted(set(CATEGORIES) | {r.category for r in load_ruleset(app.settings.rules_dir).rules})
    if category not in known:
        raise InputError(f"--category: unknown category {category!r}; use one of {', '.join(known)}")
    return verdicts.mark_missed(app.store, call_id=call_id, at=at, category=category)


def list_verdicts(app: App, call_id: int | None = None) -> list[Verdict]:
    return verdicts.list_verdicts(app.store, call_id=call_id)


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
