"""Accuracy floors of rules + learned model (what the product does) on ``tests/analysis/eval_heldout3/`` (contrast
pairs in multi-turn call excerpts, see its README).

It was written before the third round of model work and scored **once** as a held-out set after it (rules + model
0.76 / 0.68, 22.7 % false alarms; docs/benchmarks.md, "Churn-risk model, third round"). Since the fourth round it is
**training data** (seen): the floors below are in-sample and sit a few points under what the fourth-round head
reaches on the lines it learned (each language P 0.94-0.98, R 1.00; 9 of 220 no-risk lines flagged). They catch a
change that stops the product from using what it was taught (the turns before a line included); they say nothing
about new text. The held-out scoring moved to a corpus kept outside the repository.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import LANGUAGES, assert_floors

ROOT = Path(__file__).resolve().parents[2]
HELDOUT3 = ROOT / "tests" / "analysis" / "eval_heldout3"
# (precision, recall) floors of rules + model, in-sample since the fourth round: measured en 0.98/1.00,
# it 0.94/1.00, ru 0.98/1.00, pl 0.98/1.00, zh 0.94/1.00, all 0.96/1.00 (held out in the third: all 0.76/0.68).
# LOWERED in the fifth round, with the reason: the fifth-round head (trained on 6,214 lines, 2,730 of them with the
# turns before, incl. eval_heldout4's whole calls) fits these contrast-pair excerpts less closely in sample: en
# 0.92/0.80, it 1.00/0.76, ru 0.92/0.82, pl 0.95/0.78, zh 0.90/0.82, all 0.94/0.80, 12/220 flagged. Most of the
# recall lost is implicit dissatisfaction said after the customer's own complaint (dissatisfaction 0.09 in sample):
# the context reader, reading the earlier complaint at half weight, puts the line under the 0.50 threshold (the
# line alone: 0.93). Chosen anyway because grouped 5-fold CV of the same design on all the lines favours the reader
# (risk P / R, model alone: with the reader 0.92 / 0.51, lines with context 0.90 / 0.57; the line alone 0.90 / 0.55,
# with context 0.85 / 0.45); docs/benchmarks.md, fifth round.
# Recall of it, pl, zh and all LOWERED in the eighth round (0.72 -> 0.66, 0.74 -> 0.68, 0.78 -> 0.74, 0.76 -> 0.72; zh
# measured just under 0.78), with the reason: the eighth-round head (11,762 lines with eval_heldout7a/7b and
# traindata8's s8 lines, digest c1ae6ccc164cd94d) gives the context reader 0.4 of a line's reading instead of half
# (training.READER, chosen by leave-one-corpus-out over nine corpora: mean 0.783/0.636/11.2 % -> 0.810/0.623/8.0 %;
# docs/benchmarks.md, eighth round), so it recalls fewer of the seen lines whose risk rests on the turns before: en
# 0.94/0.76, it 0.89/0.69, ru 0.97/0.82, pl 0.91/0.71, zh 0.95/0.78, all 0.93/0.75 (169 12 56), 12/205 flagged (rules
# of 0af0755).
# it precision and the false alarms LOWERED in the tenth round (0.88 -> 0.83; 0.08 -> 0.10), with the reason:
# the tenth-round head (15,539 lines with eval_heldout9a/9b and traindata10's s10 lines, digest 6ccb1a9a623152c8,
# made by `assistant model train --seed 7 --no-verdicts`; the ninth-round design) chose other thresholds on them
# (competitor 0.40 -> 0.55, downgrade 0.75 -> 0.45, champion 0.40 -> 0.30, dismiss 0.50 -> 0.75: rules10's fixes left
# fewer rule false alarms to dismiss; docs/benchmarks.md, tenth round), so it flags a few more seen lines falsely
# (rules of main c9c70c1): it 0.86/0.80 (36 6 9), 19/220 no-risk lines flagged.
# all precision LOWERED in the eleventh round (0.90 -> 0.88), with the reason: the eleventh-round head (17,190 lines
# with eval_heldout10a/10b and traindata11's s11 lines, digest 2651d1dd28d238e7; long turns read sentence by sentence,
# chosen by leave-one-corpus-out: 0.788/0.642/14.3 % -> 0.797/0.656/13.8 % over 10a, 10b, 9a, 9b; docs/benchmarks.md,
# eleventh round) chose other thresholds (dissatisfaction 0.40 -> 0.65, competitor 0.55 -> 0.65, complexity 0.35 ->
# 0.40, adoption 0.40 -> 0.35, payment 0.35 -> 0.30 ...): all 0.90/0.80 (179 20 46), measured 0.8995.
# ru recall LOWERED in the thirteenth round (0.78 -> 0.76), with the reason: the thirteenth-round head (19,699 lines
# with eval_heldout11a/11b, eval_heldout12a/12b and traindata12's s12/s12n lines, digest 49ccbe69b448d41a, made by
# `assistant model train --seed 7 --no-verdicts`) reads these seen lines otherwise (thresholds competitor 0.65 ->
# 0.55, price 0.55 -> 0.65, follow-up level 0.95 -> 0.90; docs/benchmarks.md, thirteenth round): two
# competitor/price lines the eleventh-round head caught only by the follow-up (0.96 >= 0.95) are no hit, one
# dissatisfaction line is: ru 0.90/0.78 (35 4 10), measured 0.778.
FLOORS = {
    "en": (0.88, 0.75),
    "it": (0.83, 0.66),
    "ru": (0.88, 0.76),
    "pl": (0.88, 0.68),
    "zh": (0.86, 0.74),
    "all": (0.88, 0.72),
}
FALSE_ALARMS = 0.10  # measured 19 of 220 no-risk lines (8.6 %) in the tenth round, 12 in the fifth, 50 held out


@pytest.fixture(scope="module")
def both(rules_eval: ModuleType) -> tuple[dict, tuple[int, int]]:
    spec = importlib.util.spec_from_file_location("model_eval", ROOT / "bench" / "model_eval.py")
    assert spec is not None and spec.loader is not None
    model_eval = importlib.util.module_from_spec(spec)
    sys.modules["model_eval"] = model_eval
    spec.loader.exec_module(model_eval)
    from assistant.analysis.model import load_model
    from assistant.analysis.rules import load_ruleset
    from assistant.settings import DEFAULT_RULES_DIR

    items = rules_eval.load_corpus(HELDOUT3, extras=False)
    preds = model_eval.predict(items, "both", load_ruleset(DEFAULT_RULES_DIR), load_model())
    scores = {lang: rules_eval.score([p for p in preds if p.item.lang == lang]) for lang in LANGUAGES}
    scores["all"] = rules_eval.score(preds)
    return scores, model_eval.false_alarms(preds)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout3_floors_of_rules_and_model(both: tuple[dict, tuple[int, int]], group: str) -> None:
    assert_floors(both[0], group, FLOORS)


def test_heldout3_look_alikes_flagged_at_most(both: tuple[dict, tuple[int, int]]) -> None:
    flagged, quiet = both[1]
    assert quiet == 220 and flagged <= FALSE_ALARMS * quiet, f"{flagged}/{quiet} no-risk lines flagged"
