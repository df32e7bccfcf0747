"""Accuracy floors of rules + learned model on text by people outside the team: ``tests/analysis/eval_natcs/`` (200
customer turns of NatCS, role-played insurance and banking service calls, CDLA-Permissive-2.0; English only; labelled
by hand before anything was run on them, see its README).

Scored **once**, after the fourth round's final model (``bench/risk_breakdown.py --corpus tests/analysis/eval_natcs
--lang en``; docs/benchmarks.md). Floors a few points under what was measured; never tune on it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import customer_look_alikes, predict_product

ROOT = Path(__file__).resolve().parents[2]
NATCS = ROOT / "tests" / "analysis" / "eval_natcs"
FLOOR = (0.65, 0.90)  # (precision, recall) of rules + model; once at f948b87: 0.69 / 0.65; after 4b11e46: 0.70 / 0.98
FALSE_ALARMS = 0.22  # share of the 137 no-risk lines flagged; 18/137 (13.1 %) once at f948b87, 27/137 (19.7 %) now


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, NATCS, ("en",))


def test_natcs_floor_of_rules_and_model(rules_eval: ModuleType, predictions: list) -> None:
    risk = rules_eval.score(predictions).risk
    assert risk.tp + risk.fn == 63, risk.as_dict()
    assert risk.precision >= FLOOR[0] and risk.recall >= FLOOR[1], risk.as_dict()


def test_natcs_look_alikes_flagged_at_most(predictions: list) -> None:
    flagged, quiet = customer_look_alikes(predictions)
    assert quiet == 137 and flagged <= FALSE_ALARMS * quiet, f"{flagged}/{quiet} flagged"
