"""Accuracy floors of rules + learned model (what the product does) on the fifth held-out corpus
``tests/analysis/eval_heldout4/`` (25 whole renewal calls, every turn in order, customer turns labelled; its README).

It was written outside the repository before the fourth round of model work and scored **once**, after the final
model of that round landed (``bench/model_eval.py`` and ``bench/risk_breakdown.py --corpus
tests/analysis/eval_heldout4``; docs/benchmarks.md, "Churn-risk model, fourth round"). The floors sit a few points
under what was measured, so a change that loses precision or recall, or lets more look-alikes through, fails here.
They record where the product stands, not the goal (P >= 0.9, R >= 0.85, false alarms <= 5 %). Never tune on it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
HELDOUT4 = ROOT / "tests" / "analysis" / "eval_heldout4"
# (precision, recall) floors of rules + model. Scored once at f948b87 (model 3b938aa): en 0.70/0.58, it 0.73/0.51,
# ru 0.78/0.47, pl 0.84/0.55, zh 0.77/0.65, all 0.76/0.55, 34/296 flagged. Lowered on purpose with 4b11e46 (the
# model may no longer silence a keyword rule's hit for "no risk in it": the shipped model had silenced "We're
# moving to HubSpot next quarter"); measured after it, no longer a held-out figure: en 0.65/0.58, it 0.77/0.54,
# ru 0.70/0.50, pl 0.75/0.55, zh 0.70/0.57, all 0.71/0.55, 44/296 flagged (docs/benchmarks.md).
FLOORS = {
    "en": (0.60, 0.53),
    "it": (0.72, 0.49),
    "ru": (0.65, 0.45),
    "pl": (0.70, 0.50),
    "zh": (0.65, 0.52),
    "all": (0.68, 0.52),
}
FALSE_ALARMS = 0.17  # share of the 296 customer no-risk turns flagged; 34/296 (11.5 %) scored once, 44/296 (14.9 %) now


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    from assistant.analysis.model import load_model
    from assistant.analysis.rules import load_ruleset
    from assistant.settings import DEFAULT_RULES_DIR

    # every turn of every call is an item, in order, so the transcript of the items alone already puts each turn
    # after its real turns before (test_heldout4_is_whole_calls_in_order); the scorer's copies of the ctx turns are
    # left out: the same predictions (checked when it was scored), a third of the embedding work
    items = [dataclasses.replace(item, ctx=()) for item in rules_eval.load_corpus(HELDOUT4, extras=False)]
    return model_eval.predict(items, "both", load_ruleset(DEFAULT_RULES_DIR), load_model())


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout4_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    risk = rules_eval.score([p for p in predictions if group in ("all", p.item.lang)]).risk
    precision, recall = FLOORS[group]
    assert risk.tp + risk.fn >= 37, f"{group}: too few risk lines to score ({risk.as_dict()})"
    assert risk.precision >= precision, f"{group}: {risk.as_dict()}"
    assert risk.recall >= recall, f"{group}: {risk.as_dict()}"


def test_heldout4_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    quiet = [p for p in predictions if not p.item.is_risk and p.item.role == "customer"]
    flagged = sum(p.is_risk for p in quiet)
    assert len(quiet) == 296 and flagged <= FALSE_ALARMS * len(quiet), f"{flagged}/{len(quiet)} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout4_is_whole_calls_in_order(lang: str) -> None:
    """Every call is all its turns, numbered 1..n in file order, both roles, each turn's ctx the two turns before
    it: the scorer's transcript then gives each turn its real predecessor."""
    items = yaml.safe_load((HELDOUT4 / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    calls: dict[str, list[dict]] = {}
    for item in items:
        calls.setdefault(item["call"], []).append(item)
    assert list(calls) == [f"{lang}{n}" for n in range(1, 6)], "five calls, each in one block"
    for call, turns in calls.items():
        assert [t["turn"] for t in turns] == list(range(1, len(turns) + 1)), call
        assert 30 <= len(turns) <= 50 and {t["kind"] == "rep" for t in turns} == {True, False}, call
        said = [["rep" if t["kind"] == "rep" else "customer", t["text"]] for t in turns]
        assert all(t["ctx"] == said[max(0, n - 2) : n] for n, t in enumerate(turns)), call
