"""Accuracy floors of rules + learned model (what the product does) on the seventh held-out corpus
``tests/analysis/eval_heldout6/`` (60 renewal calls written from randomly drawn hidden account states — a third
healthy, a third at risk openly, a third at risk only in hints — the way Whisper transcribes speech; every turn in
order, customer turns labelled; its README and accounts.md).

It was written outside the repository before the sixth round's changes to the rules, the model and its training
data landed, and scored **once**, after that round's final model and rules landed (``bench/model_eval.py`` and
``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout6``; docs/benchmarks.md, "The seventh held-out corpus,
scored once: eval_heldout6"). The floors sit a few points under what was measured, so a change that loses precision
or recall, or lets more look-alikes through, fails here. They record where the product stands, not the goal
(P >= 0.9, R >= 0.85, false alarms <= 5 %). Since the seventh round it is training data of the head (its README):
the floors are in-sample floors and say nothing about new text.
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
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT6 = ROOT / "tests" / "analysis" / "eval_heldout6"
# (precision, recall) floors of rules + model. Scored once at 7ff32e2 (final model 7ff32e2, head digest
# 3aef06c6b89a584d; final rules 8055880): en 0.62/0.45, it 0.61/0.57, ru 0.84/0.52, pl 0.77/0.50, zh 0.76/0.57, all
# 0.71/0.52 (75 31 69), 31/347 customer no-risk turns flagged. IN-SAMPLE since the seventh round (eval_heldout6 is
# training data; its README): the seventh-round head (10,032 lines, digest de64620e49b6abe3) with the rules of
# 537ff4c: en 0.95/0.69, it 0.81/0.57, ru 0.94/0.48, pl 1.00/0.58, zh 1.00/0.75, all 0.94/0.61 (88 6 56), 6/347
# flagged; the floors sit a few points under (the rules still moved that day). Says nothing about new text.
# Chinese recall LOWERED in the eighth round (0.68 -> 0.61), with the reason: the eighth-round head (11,762 lines with
# eval_heldout7a/7b and traindata8's s8 lines, digest c1ae6ccc164cd94d) gives the context reader 0.4 of a line's
# reading instead of half (training.READER, chosen by leave-one-corpus-out over nine corpora: mean 0.783/0.636/11.2 %
# -> 0.810/0.623/8.0 %; docs/benchmarks.md, eighth round), so it recalls fewer of the seen lines whose risk rests on
# the turns before: en 1.00/0.69, it 0.84/0.53, ru 1.00/0.45, pl 0.94/0.62, zh 0.95/0.64, all 0.94/0.58 (84 5 60),
# 5/347 flagged (the seventh-round head with the rules of 0af0755: zh 1.00/0.75, all 0.96/0.61, 4/347). Left out by
# corpus this corpus gains (0.79/0.49 -> 0.79/0.53).
# Precision LOWERED in the ninth round (it 0.74 -> 0.70, pl 0.92 -> 0.86, all 0.89 -> 0.86), with the reason: the
# ninth-round head (13,269 lines with eval_heldout8a/8b and traindata9's s9 lines, digest f948eb3da9aaacce) reads each
# line with the nearest-examples vote at 0.25 (training.VOTE; chosen by leave-one-corpus-out: on eval_context and
# eval_heldout6 left out 0.878/0.530/5.1 % -> 0.888/0.575/5.2 %; docs/benchmarks.md, ninth round), and the thresholds
# chosen on the voted readings are lower (price 0.55 -> 0.45, competitor 0.70 -> 0.40 ...), so it flags a few more
# seen lines falsely: it 0.73/0.53 (16 6 14), pl 0.89/0.62 (16 2 10), all 0.88/0.60 (86 12 58). Left out by corpus
# this corpus gains with the vote (0.82/0.51, 16/347 -> 0.84/0.54, 15/347).
# en precision LOWERED in the tenth round (0.88 -> 0.80), with the reason:
# the tenth-round head (15,539 lines with eval_heldout9a/9b and traindata10's s10 lines, digest 6ccb1a9a623152c8,
# made by `assistant model train --seed 7 --no-verdicts`; the ninth-round design) chose other thresholds on them
# (competitor 0.40 -> 0.55, downgrade 0.75 -> 0.45, champion 0.40 -> 0.30, dismiss 0.50 -> 0.75: rules10's fixes left
# fewer rule false alarms to dismiss; docs/benchmarks.md, tenth round), so it flags a few more seen lines falsely
# (rules of main c9c70c1): en 0.83/0.69 (20 4 9).
# pl recall and zh precision LOWERED in the eleventh round (0.52 -> 0.48, 0.92 -> 0.88), with the reason: the
# eleventh-round head (17,190 lines with eval_heldout10a/10b and traindata11's s11 lines, digest 2651d1dd28d238e7;
# long turns read sentence by sentence, chosen by leave-one-corpus-out; docs/benchmarks.md, eleventh round) chose
# other thresholds (dissatisfaction 0.40 -> 0.65, competitor 0.55 -> 0.65, cancellation 0.45 -> 0.50, champion 0.30 ->
# 0.35 ...): pl 0.93/0.50 (13 1 13), zh 0.90/0.64 (18 2 10): one line each.
# heldout6 pl recall LOWERED in the thirteenth round (0.48 -> 0.44), with the reason: the thirteenth-round head
# (19,699 lines with eval_heldout11a/11b, eval_heldout12a/12b and traindata12's s12/s12n lines, digest
# 49ccbe69b448d41a, made by `assistant model train --seed 7 --no-verdicts`) reads these seen whole calls otherwise
# (thresholds competitor 0.65 -> 0.55, price 0.55 -> 0.65, follow-up 0.95 -> 0.90; docs/benchmarks.md, thirteenth
# round): pl 1.00/0.46 (12 0 14), measured 0.462.
FLOORS = {
    "en": (0.80, 0.62),
    "it": (0.70, 0.50),
    "ru": (0.87, 0.42),
    "pl": (0.86, 0.44),
    "zh": (0.88, 0.61),
    "all": (0.86, 0.56),
}
FALSE_ALARMS = 0.04  # share of the 347 customer no-risk turns flagged; 31/347 (8.9 %) scored once, 6/347 in sample


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    # as scored: each turn after its ctx turns (the bench scripts' transcript), as eval_heldout5's test reads; on this
    # head the reading without the ctx copies gave the same predictions
    return predict_product(rules_eval, model_eval, HELDOUT6)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout6_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=25)


def test_heldout6_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 347, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout6_is_whole_calls_in_order(lang: str) -> None:
    """Twelve calls, one per drawn account (lang01..lang12), each all its turns in order, each turn's ctx the two
    turns before it within the call."""
    assert_whole_calls_in_order(HELDOUT6 / f"{lang}.yaml", [f"{lang}{n:02d}" for n in range(1, 13)], 12, 16)
