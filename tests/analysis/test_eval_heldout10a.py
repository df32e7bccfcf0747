"""Accuracy floors of rules + learned model (what the product does) on the tenth session's held-out corpus (a)
``tests/analysis/eval_heldout10a/`` (500 customer turns in en/it/ru/pl/zh at the two ends of turn length, each after
the rep's turn before it: 50 long turns a language, 60-158 words wandering over several topics, in which at most one
clause is a churn risk (buried, at the end, conditional or implicit) or the risk words play another role; and 50
turns of 1-6 words whose meaning rests on the rep's question ("Too much." after a quote, "Not really." after "are you
using the dashboards?"), half of the no-risk ones the same words after a look-alike question; its README).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the tenth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout10a --errors``; docs/benchmarks.md, "The eleventh
held-out corpus (a), scored once: eval_heldout10a"). Each floor is set a few points below the measured figure:
losing precision or recall, or flagging more no-risk turns, turns this file red. The floors describe today's
product, not the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Do not tune anything on this corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import LANGUAGES, assert_floors, assert_look_alikes_at_most, predict_product

ROOT = Path(__file__).resolve().parents[2]
HELDOUT10A = ROOT / "tests" / "analysis" / "eval_heldout10a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main 39c806a (tenth-round
# head: file version 6dd866784633, training digest 6ccb1a9a623152c8, 15,539 lines; rules as on that main): en 0.57/0.62
# (25 19 15), it 0.57/0.57 (23 17 17), ru 0.66/0.68 (27 14 13), pl 0.61/0.70 (28 18 12), zh 0.67/0.72 (29 14 11), all
# 0.62/0.66 (132 82 68); 82/300 no-risk turns flagged. 40 risk lines a language: one line is 2.5 points of recall
FLOORS = {
    "en": (0.52, 0.57),
    "it": (0.52, 0.52),
    "ru": (0.61, 0.62),
    "pl": (0.56, 0.65),
    "zh": (0.62, 0.67),
    "all": (0.59, 0.63),
}
FALSE_ALARMS = 0.30  # share of the 300 no-risk turns flagged; 82/300 (27.3 %) scored once
# recall of the 100 long and the 100 short risk turns (all languages), and the share of each length's 150 no-risk
# turns flagged: scored once long 85/100 caught, 63/150 flagged; short 47/100 caught, 19/150 flagged
LENGTH_RECALL = {"long": 0.81, "short": 0.43}
LENGTH_FALSE_ALARMS = {"long": 0.45, "short": 0.16}
LONG = {"metrics": 5, "third_party": 6, "logistics": 4, "word_sense": 4, "denial": 4, "resolved": 3, "praise": 2,
        "topic": 2}  # fmt: skip
SHORT = {"context": 12, "smalltalk": 4, "denial": 6, "resolved": 2, "praise": 3, "metrics": 1, "third_party": 1,
         "logistics": 1}  # fmt: skip
SHAPES = {"long": {"buried": 12, "conditional": 3, "implicit": 3, "plain": 2},
          "short": {"short-elliptical": 16, "conditional": 2, "implicit": 1, "plain": 1}}  # fmt: skip


def items_of(lang: str) -> list[dict]:
    return yaml.safe_load((HELDOUT10A / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT10A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout10a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=40)


def test_heldout10a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 300, FALSE_ALARMS)


@pytest.mark.parametrize("length", ["long", "short"])
def test_heldout10a_long_and_short_turns_apart(predictions: list, length: str) -> None:
    """Recall over the 100 risk turns and false alarms over the 150 no-risk turns of one length (all languages)."""
    lengths = {(lang, n): i["length"] for lang in LANGUAGES for n, i in enumerate(items_of(lang), 1)}
    group = [p for p in predictions if lengths[(p.item.lang, p.item.number)] == length]
    risk = [p.is_risk for p in group if p.item.is_risk]
    quiet = [p.is_risk for p in group if not p.item.is_risk]
    assert (len(risk), len(quiet)) == (100, 150)
    assert sum(risk) >= LENGTH_RECALL[length] * 100, f"{length}: {sum(risk)}/100 risk turns caught"
    assert sum(quiet) <= LENGTH_FALSE_ALARMS[length] * 150, f"{length}: {sum(quiet)}/150 no-risk turns flagged"


def test_risk_breakdown_reads_length_and_shape(rules_eval: ModuleType, risk_breakdown: ModuleType) -> None:
    """The breakdown's length rows count this corpus's tags: with nothing flagged every risk turn is a miss, per
    length and per length and shape, and no no-risk turn is flagged."""
    items = rules_eval.load_corpus(HELDOUT10A, LANGUAGES, extras=False)
    raw = risk_breakdown.tags(HELDOUT10A, LANGUAGES)
    rows = risk_breakdown.breakdown([rules_eval.Prediction(i, ()) for i in items], raw)
    by_title = {row.split(":")[0]: row for row in rows}
    missed = by_title["missed by length (risk lines missed / risk lines)"]
    assert missed.endswith("long 100/100 = 100%, short 100/100 = 100%")
    assert "long/buried 60/60 = 100%" in by_title["missed by length/shape"]
    assert "short/short-elliptical 80/80 = 100%" in by_title["missed by length/shape"]
    assert "long 0/150 = 0%" in by_title["flagged by length (no-risk customer lines flagged / lines)"]
    assert "short/context 0/59 = 0%" in by_title["flagged by length/distractor"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout10a_is_fifty_long_and_fifty_short_turns_per_language(lang: str) -> None:
    """100 written customer turns a language after the rep's turn (or rep, customer, rep): 50 long (60-200 words,
    zh: characters / 2) and 50 short (1-6 words), 20 risk turns of each length, the same mix of shapes and
    distractor kinds in every language (zh: one short look-alike is small talk instead of a context twin)."""
    items = items_of(lang)
    assert [i["id"] for i in items] == [f"{lang}{n:03d}" for n in range(1, 101)]
    assert all(i["source"] == "written" and i["licence"] and len(i["ctx"]) in (1, 3) for i in items)
    assert all(i["ctx"][-1][0] == "rep" and ("distractor" in i) == (i["kind"] != "pos") for i in items)
    for length, (low, high) in {"long": (60, 200), "short": (1, 6)}.items():
        group = [i for i in items if i["length"] == length]
        assert len(group) == 50 and all(low <= i["words"] <= high for i in group)
        assert Counter(i["shape"] for i in group if i["kind"] == "pos") == SHAPES[length]
    distractors = {"long": LONG, "short": SHORT if lang != "zh" else {**SHORT, "context": 11, "smalltalk": 5}}
    for length, expected in distractors.items():
        assert Counter(i["distractor"] for i in items if i["length"] == length and "distractor" in i) == expected
