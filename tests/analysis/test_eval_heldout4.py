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
    assert_look_alikes_at_most,
    assert_whole_calls_in_order,
    predict_product,
    predict_rules_alone,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT4 = ROOT / "tests" / "analysis" / "eval_heldout4"
# (precision, recall) floors of rules + model, IN-SAMPLE since the fifth round (eval_heldout4 is training data; its
# README). Held out once at f948b87 (model 3b938aa): all 0.76/0.55, 34/296 flagged; 4b11e46 (no "no risk" veto of a
# rule hit): all 0.71/0.55, 44/296. Fifth-round head, trained on it: en 0.98/0.89, it 0.97/0.86, ru 1.00/0.89,
# pl 0.97/0.92, zh 0.94/0.86, all 0.97/0.89, 5/296 flagged (docs/benchmarks.md, fifth round). Says nothing about
# new text. LOWERED in the sixth round (recall of it, ru, zh, all), with the reason: the sixth-round head (9,060
# lines, with traindata6b's contrast pairs: the same answer after two questions, the same word about us and others)
# needs higher thresholds to keep 0.90 precision out of fold (price 0.50 -> 0.80, cancellation 0.45 -> 0.90,
# dissatisfaction 0.50 -> 0.70), so it recalls less of these seen calls: it 1.00/0.76, ru 1.00/0.82, zh 0.97/0.76,
# all 0.98/0.81 (158 3 37), 3 flagged. The design was not changed for it: left out by corpus (bench/model_loco.py),
# what new text sees, the fifth round's design stayed the best of this round's candidates (docs/benchmarks.md).
# English recall LOWERED in the seventh round (0.84 -> 0.77), with the reason: the seventh-round head adds
# eval_heldout6's 948 turns of whole calls (two thirds no risk: healthy calls that go on in risk-like words), and
# recalls fewer of these seen English lines (with the rules of 537ff4c: en 0.95/0.84 with the sixth-round head,
# 0.97/0.80 with the seventh's; all 0.99/0.81 -> 0.99/0.80, 2 flagged both). Left out by corpus the new lines help
# (LOCO mean of the six other corpora 0.817/0.703/11.6 % -> 0.840/0.691/9.5 %; docs/benchmarks.md, seventh round).
# Recall LOWERED in the eighth round (en 0.77 -> 0.68, it 0.70 -> 0.67, ru 0.76 -> 0.73, pl 0.86 -> 0.71, zh 0.70 ->
# 0.67, all 0.76 -> 0.69), with the reason: the eighth-round head (11,762 lines with eval_heldout7a/7b and
# traindata8's s8 lines, digest c1ae6ccc164cd94d) gives the context reader 0.4 of a line's reading instead of half
# (training.READER, chosen by leave-one-corpus-out over nine corpora: mean 0.783/0.636/11.2 % -> 0.810/0.623/8.0 %;
# docs/benchmarks.md, eighth round), so it recalls fewer of the seen lines whose risk rests on the turns before: en
# 0.97/0.71, it 1.00/0.70, ru 1.00/0.76, pl 1.00/0.74, zh 1.00/0.70, all 0.99/0.72 (141 1 54), 1/296 flagged (the
# seventh-round head with the same rules of 0af0755: all 0.99/0.80 (156 2 39)). Left out by corpus, what a new writer
# sees, this corpus gains (recall 0.62 -> 0.67 at 0.95 precision).
# it recall LOWERED in the thirteenth round (0.67 -> 0.60), with the reason: the thirteenth-round head (19,699 lines
# with eval_heldout11a/11b, eval_heldout12a/12b and traindata12's s12/s12n lines, digest 49ccbe69b448d41a, made by
# `assistant model train --seed 7 --no-verdicts`) reads these seen lines otherwise (thresholds competitor 0.65 ->
# 0.55, price 0.55 -> 0.65, follow-up level 0.95 -> 0.90; docs/benchmarks.md, thirteenth round): three model-only
# competitor lines (the eleventh-round head read them at 0.64-0.65) are no hit: it 1.00/0.62 (23 0 14), measured
# 0.622.
FLOORS = {
    "en": (0.92, 0.68),
    "it": (0.92, 0.60),
    "ru": (0.94, 0.73),
    "pl": (0.92, 0.71),
    "zh": (0.89, 0.67),
    "all": (0.93, 0.69),
}
FALSE_ALARMS = 0.04  # in-sample: 5/296 (1.7 %) customer no-risk turns flagged; held out once: 34/296 (11.5 %)
# The keyword rules alone (sessions 5 and 6, tuned on this corpus): P 0.94 / R 0.42, 5/296 customer no-risk turns
# flagged (session 5: 0.89 / 0.42, 10/296; before it: 0.68 / 0.27, 25/296).
RULES_FLOOR = (0.90, 0.38)
RULES_FALSE_ALARMS = 0.03


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    # every turn of every call is an item, in order (test_heldout4_is_whole_calls_in_order): the ctx copies are left
    # out, a third of the embedding work. The same predictions as the scoring scripts' on the fourth round's head,
    # not on the fifth's (on eval_heldout5 that reading gave 0.74 / 0.48 against 0.75 / 0.56): in-sample floors only
    return predict_product(rules_eval, model_eval, HELDOUT4, drop_ctx=True)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout4_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=37)


def test_heldout4_rules_alone_floor_and_look_alikes(rules_eval: ModuleType) -> None:
    preds = predict_rules_alone(rules_eval, HELDOUT4)
    risk = rules_eval.score(preds).risk
    assert risk.precision >= RULES_FLOOR[0] and risk.recall >= RULES_FLOOR[1], risk.as_dict()
    assert_look_alikes_at_most(preds, 296, RULES_FALSE_ALARMS)


def test_heldout4_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 296, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout4_is_whole_calls_in_order(lang: str) -> None:
    """Five calls, every call all its turns in order, each turn's ctx the two turns before it."""
    assert_whole_calls_in_order(HELDOUT4 / f"{lang}.yaml", [f"{lang}{n}" for n in range(1, 6)], 30, 50)
