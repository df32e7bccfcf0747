"""Accuracy floors of rules + learned model (what the product does) on the ninth held-out corpus
``tests/analysis/eval_heldout8a/`` (30 renewal / QBR / check-in calls, 6 per language, written clean and then damaged
by a seeded script the way Whisper + diarization deliver them: punctuation and capitals partly or wholly lost, turns
split mid-sentence, turns merged, words at a boundary given to the other speaker, rep backchannels inside customer
turns, numbers as words, mishearings; the damaged turns labelled; its README; ``clean/`` the same calls undamaged).

It was written outside the repository before the eighth round's changes to the rules, the model and its training
data landed, and scored **once**, after that round's final model and rules landed (the functions of
``bench/model_eval.py`` and ``bench/risk_breakdown.py``; docs/benchmarks.md, "The ninth held-out corpus, scored
once: eval_heldout8a"). The floors sit a few points under what was measured, so a change that loses precision or
recall, or lets more look-alikes through, fails here. They record where the product stands, not the goal
(P >= 0.9, R >= 0.85, false alarms <= 5 %). Never tune on it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import (
    LANGUAGES,
    assert_floors,
    assert_look_alikes_at_most,
    assert_whole_calls_in_order,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT8A = ROOT / "tests" / "analysis" / "eval_heldout8a"
DAMAGE = {"split", "merge", "boundary", "backchannel", "mishearing", "numbers", "punct_partial", "punct_none"}
# (precision, recall) floors of rules + model, a few points under what was scored once on main 0482699 (final model
# 0482699, head digest c1ae6ccc164cd94d, 11,762 training lines; final rules d992cdf): en 1.00/0.44, it 0.88/0.32,
# ru 0.82/0.50, pl 0.71/0.28, zh 0.72/0.62, all 0.81/0.43 (42 10 55), 10/172 customer no-risk turns flagged. 18-22
# risk lines a language: one line moves a language's recall about 5 points, so each floor allows about one line worse.
FLOORS = {
    "en": (0.85, 0.38),
    "it": (0.75, 0.27),
    "ru": (0.72, 0.44),
    "pl": (0.60, 0.22),
    "zh": (0.66, 0.55),
    "all": (0.76, 0.40),
}
FALSE_ALARMS = 0.08  # share of the 172 customer no-risk turns flagged; 10/172 (5.8 %) scored once


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    # as scored: each turn after its ctx turns (the bench scripts' transcript), as eval_heldout7a's test reads
    return predict_product(rules_eval, model_eval, HELDOUT8A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout8a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=18)


def test_heldout8a_customer_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 172, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout8a_is_six_damaged_calls_in_order(lang: str) -> None:
    """Six calls (lang1 ... lang6), each all its turns in order, each turn's ctx the two damaged turns before it
    within its call; every turn says what was done to it, from the damage script's kinds only; the clean calls
    before the damage (clean/) are the same six calls."""
    calls = [f"{lang}{n}" for n in range(1, 7)]
    assert_whole_calls_in_order(HELDOUT8A / f"{lang}.yaml", calls, 12, 21)
    assert_whole_calls_in_order(HELDOUT8A / "clean" / f"{lang}.yaml", calls, 12, 20)
    items = yaml.safe_load((HELDOUT8A / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    assert all(set(item["damage"]) <= DAMAGE for item in items)
    assert sum(bool(item["damage"]) for item in items) > len(items) / 2
