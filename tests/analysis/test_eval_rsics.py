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
# Recall LOWERED in the eighth round (0.48 -> 0.38), with the reason: the eighth-round head (11,762 lines with
# eval_heldout7a/7b and traindata8's s8 lines, digest c1ae6ccc164cd94d) gives the context reader 0.4 of a line's
# reading instead of half (training.READER, chosen by leave-one-corpus-out over nine corpora: mean 0.783/0.636/11.2 %
# -> 0.810/0.623/8.0 %; docs/benchmarks.md, eighth round), so it recalls fewer of the seen lines whose risk rests on
# the turns before and its thresholds by cross-validation are higher (support 0.65, dissatisfaction 0.60): 0.81/0.42
# (25 6 35), 6/90 flagged. Left out by corpus: 0.74/0.43, 9/90.
FLOOR = (0.66, 0.38)
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
