"""Accuracy floors of the default churn-risk rules on the fresh, independent corpus ``tests/analysis/eval_fresh/``.

That corpus was written by another helper, without seeing the rules, and scored **once**, after the concept
rules were tuned on ``tests/analysis/eval/`` (docs/benchmarks.md, "Rule accuracy": P 0.90 / R 0.57 overall).
The floors sit a few points below what was measured, so a rule edit that loses recall or lets false alarms
in fails here. They record where the rules stand on unseen phrasing, not the goal (P ≥ 0.9, R ≥ 0.85).
It was scored twice that way; the third recall round then used it as tuning data (with ``--errors``), so its
numbers are now training scores and the floors guard against regressions only. The honest measure of new
phrasing moved to ``tests/analysis/eval_fresh2/`` (``test_eval_fresh2.py``).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import LANGUAGES, assert_floors

ROOT = Path(__file__).resolve().parents[2]
FRESH = ROOT / "tests" / "analysis" / "eval_fresh"
# (precision, recall) floors; first measured once: en 0.92/0.63, it 0.90/0.46, ru 0.90/0.59, pl 0.89/0.56, zh 0.90/0.63;
# after the comma-aware concepts and the extra2 tuning, measured once: en 0.92/0.64, it 0.92/0.56, ru 0.91/0.68,
# pl 0.90/0.61, zh 0.91/0.68, all 0.91/0.64
# The third recall round then tuned on this corpus (it is tuning data from then on: a training score, 2026-11-22):
# en 0.95/0.98, it 0.95/1.00, ru 0.94/0.98, pl 0.97/0.95, zh 0.98/1.00, all 0.96/0.98. Floors only ever rise.
FLOORS = {
    "en": (0.90, 0.93),
    "it": (0.88, 0.95),
    "ru": (0.88, 0.93),
    "pl": (0.88, 0.90),
    "zh": (0.90, 0.95),
    "all": (0.92, 0.94),
}

pytestmark = pytest.mark.skipif(
    not all((FRESH / f"{lang}.yaml").is_file() for lang in LANGUAGES),
    reason=f"the fresh corpus {FRESH} (en/it/ru/pl/zh.yaml) is not in this checkout",
)


@pytest.fixture(scope="module")
def fresh(rules_eval: ModuleType) -> dict:
    return rules_eval.evaluate("all", corpus=FRESH)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_fresh_corpus_floors(fresh: dict, group: str) -> None:
    assert_floors(fresh, group, FLOORS)


def test_fresh_hypotheticals_are_mostly_flagged(fresh: dict) -> None:
    scores = fresh["all"]
    assert scores.hyp_fired and scores.hyp_flagged >= 0.8 * scores.hyp_fired  # measured 25 of 29, then 43 of 48
    # its "hyp" lines that conditional.mood reads as threats count at full weight (issue 10 §5)
    assert scores.threat_fired and scores.threat_full >= 0.9 * scores.threat_fired
    assert scores.plain_flagged <= 0.05 * scores.plain_fired  # measured 3 of 139
