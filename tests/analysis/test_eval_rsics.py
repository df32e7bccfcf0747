"""Accuracy floors of rules + learned model on text by real customers: ``tests/analysis/eval_rsics/`` (150 requests
typed into a US telecom provider's live customer-service virtual agent, RSiCS dataset 4, ODbL 1.0; English only;
labelled by hand before anything was run on them, see its README).

Scored **once**, after the fifth round's final model (``bench/risk_breakdown.py --corpus tests/analysis/eval_rsics
--lang en``; docs/benchmarks.md). Training data since the sixth round (its README): in-sample floors.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import assert_look_alikes_at_most, predict_product

ROOT = Path(__file__).resolve().parents[2]
RSICS = ROOT / "tests" / "analysis" / "eval_rsics"
# (precision, recall) of rules + model; 0.69 / 0.37 (22 10 38) scored once at 3e3d9c3; left out of training
# (bench/model_loco.py, fifth round's design): 0.76 / 0.42; sixth-round head, trained on it: 0.71 / 0.53 (32 13 28)
FLOOR = (0.66, 0.48)
# share of the 90 no-risk lines flagged: 10/90 (11.1 %) scored once; 13/90 (14.4 %) in sample with the sixth-round
# head (its complexity column reads "how do I ..." requests: 5 of the 13). Unchanged ceiling, not raised
FALSE_ALARMS = 0.15


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, RSICS, ("en",))


def test_rsics_floor_of_rules_and_model(rules_eval: ModuleType, predictions: list) -> None:
    risk = rules_eval.score(predictions).risk
    assert risk.tp + risk.fn == 60, risk.as_dict()
    assert risk.precision >= FLOOR[0] and risk.recall >= FLOOR[1], risk.as_dict()


def test_rsics_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 90, FALSE_ALARMS)
