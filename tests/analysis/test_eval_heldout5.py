"""Accuracy floors of rules + learned model (what the product does) on the sixth held-out corpus
``tests/analysis/eval_heldout5/`` (150 call excerpts written from randomly drawn scenario cards, the way Whisper
transcribes speech; every turn in order, customer turns labelled; its README).

It was written outside the repository before the fifth round's changes to the rules, the model and its training data
landed, and scored **once**, after that round's final model and rules landed (``bench/model_eval.py`` and
``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout5``; docs/benchmarks.md, "The sixth held-out corpus,
scored once: eval_heldout5"). Training data since the sixth round (its README): the floors are in-sample floors a few
points under what the head trained on it scores, so a change that loses what was learned fails here; they say nothing
about new text (bench/model_loco.py leaves it out to measure that).
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
# (precision, recall) floors of rules + model, IN-SAMPLE since the sixth round (eval_heldout5 is training data; its
# README). Scored once at 3e3d9c3 (model 7c19fc0, rules 2309bb5): en 0.74/0.50, it 0.86/0.56, ru 0.74/0.46,
# pl 0.84/0.68, zh 0.56/0.58, all 0.75/0.56 (100 33 80), 33/291 customer no-risk turns flagged. Left out of training
# (bench/model_loco.py, the fifth round's design, rules of a74a8f0): 0.81 / 0.62, 27/291. Sixth-round head, trained
# on it: en 0.85/0.68, it 0.97/0.81, ru 0.94/0.78, pl 1.00/0.85, zh 0.73/0.73, all 0.91/0.78 (140 14 40), 14/291
# flagged. Says nothing about new text. Seventh-round head (10,032 lines with eval_heldout6), rules of 537ff4c:
# en 0.88/0.68, it 0.97/0.81, ru 0.93/0.73 (27 2 10), pl 0.97/0.82, zh 0.76/0.73, all 0.91/0.76 (137 13 43), 13/291.
# Russian recall LOWERED 0.73 -> 0.70, with the reason: 27 of its 37 risk lines (0.7297) is one line under the old
# floor; the head that adds eval_heldout6's whole calls recalls one Russian line fewer of this seen corpus, while
# left out by corpus it does better on it (LOCO 0.80/0.64, 29/291 -> 0.86/0.67, 20/291; docs/benchmarks.md).
# Recall LOWERED in the eighth round (en 0.63 -> 0.59, it 0.76 -> 0.67, ru 0.70 -> 0.54, pl 0.80 -> 0.59 and its
# precision 0.95 -> 0.92, zh 0.68 -> 0.62, all 0.73 -> 0.60), with the reason: the eighth-round head (11,762 lines
# with eval_heldout7a/7b and traindata8's s8 lines, digest c1ae6ccc164cd94d) gives the context reader 0.4 of a line's
# reading instead of half (training.READER, chosen by leave-one-corpus-out over nine corpora: mean 0.783/0.636/11.2 %
# -> 0.810/0.623/8.0 %; docs/benchmarks.md, eighth round), so it recalls fewer of the seen lines whose risk rests on
# the turns before (these excerpts are built around such turns): en 0.88/0.62, it 0.97/0.70, ru 0.95/0.57, pl
# 0.96/0.62, zh 0.77/0.65, all 0.91/0.63 (114 11 66), 11/291 flagged (the seventh-round head with the same rules of
# 0af0755: 0.91/0.76 (137 13 43), 13/291). Left out by corpus this corpus moves 0.85/0.66, 21 flagged -> 0.86/0.64,
# 19.
# Italian precision LOWERED in the ninth round (0.92 -> 0.89), with the reason: the ninth-round head (13,269 lines
# with eval_heldout8a/8b and traindata9's s9 lines, digest f948eb3da9aaacce) reads each line with the nearest-examples
# vote at 0.25 (training.VOTE; chosen by leave-one-corpus-out: on eval_context and eval_heldout6 left out
# 0.878/0.530/5.1 % -> 0.888/0.575/5.2 %; docs/benchmarks.md, ninth round), and the thresholds chosen on the voted
# readings are lower (price 0.55 -> 0.45, competitor 0.70 -> 0.40 ...), so it flags a few more seen lines falsely: it
# 0.91/0.72 (31 3 12).
# en and zh recall LOWERED in the thirteenth round (en 0.59 -> 0.57, zh 0.62 -> 0.60), with the reason: the
# thirteenth-round head (19,699 lines with eval_heldout11a/11b, eval_heldout12a/12b and traindata12's s12/s12n
# lines, digest 49ccbe69b448d41a, made by `assistant model train --seed 7 --no-verdicts`) reads these seen lines
# otherwise (thresholds competitor 0.65 -> 0.55, price 0.55 -> 0.65, follow-up level 0.95 -> 0.90;
# docs/benchmarks.md, thirteenth round): one model-only competitor line each (the eleventh-round head read them at
# 0.59 and 0.65) is no hit: en 0.87/0.59 (20 3 14), zh 0.80/0.62 (16 4 10), measured 0.588 and 0.615.
FLOORS = {
    "en": (0.80, 0.57),
    "it": (0.89, 0.67),
    "ru": (0.89, 0.54),
    "pl": (0.95, 0.59),
    "zh": (0.68, 0.60),
    "all": (0.86, 0.60),
}
FALSE_ALARMS = 0.07  # in-sample: 14/291 (4.8 %) customer no-risk turns flagged; 33/291 (11.3 %) scored once
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
