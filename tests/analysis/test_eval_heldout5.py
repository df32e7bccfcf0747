"""Accuracy floors of rules + learned model (what the product does) on the sixth held-out corpus
``tests/analysis/eval_heldout5/`` (150 call excerpts written from randomly drawn scenario cards, the way Whisper
transcribes speech; every turn in order, customer turns labelled; its README).

It was written outside the repository before the fifth round's changes to the rules, the model and its training data
landed, and scored **once**, after that round's final model and rules landed (``bench/model_eval.py`` and
``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout5``; docs/benchmarks.md, "The sixth held-out corpus,
scored once: eval_heldout5"). The floors sit a few points under what was measured, so a change that loses precision
or recall, or lets more look-alikes through, fails here. They record where the product stands, not the goal
(P >= 0.9, R >= 0.85, false alarms <= 5 %). Never tune on it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    LANGUAGES,
    assert_floors,
    assert_look_alikes_at_most,
    assert_whole_calls_in_order,
    predict_product,
    predict_rules_alone,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT5 = ROOT / "tests" / "analysis" / "eval_heldout5"
# (precision, recall) floors of rules + model, a few points under what was scored once at 3e3d9c3 (model 7c19fc0,
# rules 2309bb5): en 0.74/0.50, it 0.86/0.56, ru 0.74/0.46, pl 0.84/0.68, zh 0.56/0.58, all 0.75/0.56 (100 33 80),
# 33/291 customer no-risk turns flagged.
FLOORS = {
    "en": (0.69, 0.45),
    "it": (0.80, 0.51),
    "ru": (0.69, 0.41),
    "pl": (0.79, 0.62),
    "zh": (0.50, 0.53),
    "all": (0.72, 0.52),
}
FALSE_ALARMS = 0.14  # share of the 291 customer no-risk turns flagged; 33/291 (11.3 %) scored once
# The keyword rules alone, IN-SAMPLE since the sixth session (rules6 read this corpus's rule false alarms and wrote
# general constructions for them, docs/benchmarks.md 'Rules, sixth session'): 0.82 / 0.25, 10/291 flagged (scored
# once at 3e3d9c3: 0.65 / 0.25, 24/291).
RULES_FLOOR = (0.78, 0.24)
RULES_FALSE_ALARMS = 0.045


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    # as scored: each turn after its ctx turns (the bench scripts' transcript). Not with the ctx copies left out, as
    # eval_heldout4's test does: on this head that reading differs (0.74 / 0.48, 30/291 flagged; docs/benchmarks.md)
    return predict_product(rules_eval, model_eval, HELDOUT5)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout5_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=26)


def test_heldout5_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 291, FALSE_ALARMS)


def test_heldout5_floors_of_the_rules_alone(rules_eval: ModuleType) -> None:
    preds = predict_rules_alone(rules_eval, HELDOUT5)
    risk = rules_eval.score(preds).risk
    assert risk.precision >= RULES_FLOOR[0] and risk.recall >= RULES_FLOOR[1], risk.as_dict()
    assert_look_alikes_at_most(preds, 291, RULES_FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout5_is_whole_excerpts_in_order(lang: str) -> None:
    """Thirty excerpts, one per scenario card (lang01..lang30), each all its turns in order, each turn's ctx the two
    turns before it within the excerpt."""
    assert_whole_calls_in_order(HELDOUT5 / f"{lang}.yaml", [f"{lang}{n:02d}" for n in range(1, 31)], 4, 10)
