"""Accuracy floors of rules + learned model (what the product does) on the fifth held-out corpus
``tests/analysis/eval_heldout4/`` (25 whole renewal calls, every turn in order, customer turns labelled; its README).

It was written outside the repository before the fourth round of model work and scored **once**, after the final
model of that round landed (``bench/model_eval.py`` and ``bench/risk_breakdown.py --corpus
tests/analysis/eval_heldout4``; docs/benchmarks.md, "Churn-risk model, fourth round"). The floors sit a few points
under what was measured, so a change that loses precision or recall, or lets more look-alikes through, fails here.
They record where the product stands, not the goal (P >= 0.9, R >= 0.85, false alarms <= 5 %). Never tune on it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    LANGUAGES,
    assert_floors,
    assert_whole_calls_in_order,
    customer_look_alikes,
    predict_product,
)

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
    # every turn of every call is an item, in order (test_heldout4_is_whole_calls_in_order): the ctx copies are left
    # out, the same predictions (checked when it was scored), a third of the embedding work
    return predict_product(rules_eval, model_eval, HELDOUT4, drop_ctx=True)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout4_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=37)


def test_heldout4_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    flagged, quiet = customer_look_alikes(predictions)
    assert quiet == 296 and flagged <= FALSE_ALARMS * quiet, f"{flagged}/{quiet} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout4_is_whole_calls_in_order(lang: str) -> None:
    """Five calls, every call all its turns in order, each turn's ctx the two turns before it."""
    assert_whole_calls_in_order(HELDOUT4 / f"{lang}.yaml", [f"{lang}{n}" for n in range(1, 6)], 30, 50)
