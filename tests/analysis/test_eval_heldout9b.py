"""Accuracy floors of rules + learned model (what the product does) on the ninth session's held-out corpus (b)
``tests/analysis/eval_heldout9b/`` (500 customer turns in en/it/ru/pl/zh written as contrast sets: 50 minimal pairs a
language, each a risk line and a twin that keeps most of its words or its topic but is no risk — the customer's own
metrics, a third party, meeting logistics, another word sense, a denial, a past and fixed problem, an "if" that
threatens nothing, praise naming support or the champion, a neutral line on the same topic; each turn after the
turn before it; its README).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the ninth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout9b --system both --errors``; docs/benchmarks.md, "The
tenth held-out corpus (b), scored once: eval_heldout9b"). Each floor is set slightly below the measured figure:
losing precision or recall, or flagging more of the no-risk twins, turns this file red. The floors describe today's
product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by them. Do not tune anything
on this corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import LANGUAGES, assert_floors, assert_look_alikes_at_most, predict_product

ROOT = Path(__file__).resolve().parents[2]
HELDOUT9B = ROOT / "tests" / "analysis" / "eval_heldout9b"
# (precision, recall) floors of rules + model, about 5 points under what was scored once on main 07f2a6f (final model
# 74abff3, head file version b176f58c2cf7, training digest f948eb3da9aaacce): en 0.75/0.90 (45 15 5), it 0.70/0.74
# (37 16 13), ru 0.75/0.76 (38 13 12), pl 0.79/0.84 (42 11 8), zh 0.77/0.82 (41 12 9), all 0.75/0.81 (203 67 47);
# 67/250 no-risk twins flagged. 50 risk lines a language: one line is 2 points of recall
FLOORS = {
    "en": (0.70, 0.85),
    "it": (0.64, 0.69),
    "ru": (0.69, 0.71),
    "pl": (0.74, 0.78),
    "zh": (0.72, 0.76),
    "all": (0.70, 0.76),
}
FALSE_ALARMS = 0.29  # share of the 250 no-risk twins flagged; 67/250 (26.8 %) scored once
DISTRACTORS = {
    "metrics": 6, "third_party": 6, "logistics": 5, "word_sense": 6, "denial": 6,
    "resolved": 5, "hypothetical": 5, "praise": 5, "topic": 5, "context": 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT9B)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout9b_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=50)


def test_heldout9b_no_risk_twins_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 250, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout9b_is_fifty_contrast_pairs_per_language(lang: str) -> None:
    """100 written turns a language in 50 pairs (one risk line, one no-risk twin, side by side), each turn after
    one turn before it, every no-risk twin tagged with its distractor kind, the same mix in every language."""
    items = yaml.safe_load((HELDOUT9B / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in items] == [f"{lang}{n:03d}" for n in range(1, 101)]
    pairs = [items[n : n + 2] for n in range(0, 100, 2)]
    assert [p[0]["pair"] for p in pairs] == [f"{lang}-p{n:02d}" for n in range(1, 51)]
    assert all(a["pair"] == b["pair"] and (a["kind"] == "pos") != (b["kind"] == "pos") for a, b in pairs)
    assert all(i["source"] == "written" and i["licence"] and len(i["ctx"]) == 1 for i in items)
    assert all(("distractor" in i) == (i["kind"] != "pos") for i in items)
    assert Counter(i["distractor"] for i in items if "distractor" in i) == DISTRACTORS
