"""Accuracy floors of rules + learned model (what the product does) on the eighth held-out corpus
``tests/analysis/eval_heldout7a/`` (25 accounts followed over a year, three calls each — kick-off, mid-year QBR,
renewal — 75 calls, each its own call, written the way Whisper transcribes speech; later calls refer back to earlier
ones the product never hears; every turn in order, customer turns labelled; its README and journeys.md).

It was written outside the repository before the seventh round's changes to the rules, the model and its training
data landed, and scored **once**, after that round's final model and rules landed (the functions of
``bench/model_eval.py`` and ``bench/risk_breakdown.py``; docs/benchmarks.md, "The eighth held-out corpus, scored
once: eval_heldout7a"). The floors sit a few points under what was measured, so a change that loses precision or
recall, or lets more look-alikes through, fails here. They record where the product stands, not the goal
(P >= 0.9, R >= 0.85, false alarms <= 5 %). Since the eighth round it is training data of the head (its README):
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
HELDOUT7A = ROOT / "tests" / "analysis" / "eval_heldout7a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main 504abb8 (final model
# 34192b7, head digest de64620e49b6abe3; final rules 455a01d): en 0.67/0.67, it 0.69/0.45, ru 0.83/0.56, pl 0.69/0.61,
# zh 0.83/0.56, all 0.73/0.57 (52 19 40), 19/240 customer no-risk turns flagged. 18-20 risk lines a language: one line
# moves a language's recall 5-6 points, so each floor allows about one line worse. RAISED to IN-SAMPLE floors in the
# eighth round (eval_heldout7a is training data; its README): the eighth-round head (11,762 lines, digest
# c1ae6ccc164cd94d) with the rules of 0af0755: en 0.86/0.67, it 0.82/0.70, ru 0.83/0.56, pl 0.87/0.72, zh 0.92/0.67,
# all 0.86/0.66 (61 10 31), 10/240 flagged. Left out by corpus (bench/model_loco.py): 0.73/0.67, 23/240.
# en and all precision LOWERED in the tenth round (0.80 -> 0.68, 0.83 -> 0.80), with the reason:
# the tenth-round head (15,539 lines with eval_heldout9a/9b and traindata10's s10 lines, digest 6ccb1a9a623152c8,
# made by `assistant model train --seed 7 --no-verdicts`; the ninth-round design) chose other thresholds on them
# (competitor 0.40 -> 0.55, downgrade 0.75 -> 0.45, champion 0.40 -> 0.30, dismiss 0.50 -> 0.75: rules10's fixes left
# fewer rule false alarms to dismiss; docs/benchmarks.md, tenth round), so it flags a few more seen lines falsely
# (rules of main c9c70c1): en
# 0.72/0.72 (13 5 5), all 0.83/0.73 (67 14 25).
# it precision, zh and all recall LOWERED in the thirteenth round (it 0.76 -> 0.73, zh 0.61 -> 0.53, all 0.62 ->
# 0.60), with the reason: the thirteenth-round head (19,699 lines with eval_heldout11a/11b, eval_heldout12a/12b and
# traindata12's s12/s12n lines, digest 49ccbe69b448d41a, made by `assistant model train --seed 7 --no-verdicts`)
# reads these seen whole calls otherwise (thresholds competitor 0.65 -> 0.55, price 0.55 -> 0.65, follow-up 0.95 ->
# 0.90; docs/benchmarks.md, thirteenth round): it 0.75/0.60 (12 4 8), zh 1.00/0.56 (10 0 8), all 0.84/0.62 (57 11
# 35), measured 0.750, 0.556 and 0.6196.
FLOORS = {
    "en": (0.68, 0.61),
    "it": (0.73, 0.58),
    "ru": (0.77, 0.50),
    "pl": (0.70, 0.66),  # LOWERED 0.81 -> 0.70, see below
    "zh": (0.86, 0.53),
    "all": (0.80, 0.60),
}
# pl precision LOWERED 0.81 -> 0.70 (lead, after the round): a look-alike now silences a rule hit only at p >= 0.5
# (looks.DISMISS_AT_LEAST; the head's level 0.40 dismissed "we are going to cancel the contract, it's too
# expensive" as another word sense), so two Polish rule false alarms the head dismissed at 0.40-0.50 stand again:
# pl 0.74/0.78 (14 5 4).
FALSE_ALARMS = 0.06  # share of the 240 customer no-risk turns flagged; 19/240 (7.9 %) scored once, 10/240 in sample


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    # as scored: each turn after its ctx turns (the bench scripts' transcript), as eval_heldout6's test reads
    return predict_product(rules_eval, model_eval, HELDOUT7A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout7a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=18)


def test_heldout7a_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 240, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout7a_is_three_calls_per_account_in_order(lang: str) -> None:
    """Fifteen calls, three per drawn account (lang1-1 kick-off, lang1-2 QBR, lang1-3 renewal, ... lang5-3), each all
    its turns in order, each turn's ctx the two turns before it within that call (never an earlier call's)."""
    calls = [f"{lang}{account}-{n}" for account in range(1, 6) for n in range(1, 4)]
    assert_whole_calls_in_order(HELDOUT7A / f"{lang}.yaml", calls, 6, 12)
