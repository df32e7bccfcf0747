"""Accuracy floors of rules + learned model (what the product does) on the eighth session's held-out corpus (b)
``tests/analysis/eval_heldout8b/`` (240 typed messages from customers to a vendor in it/ru/pl/zh — tickets, e-mails,
chat, replies to a renewal reminder, survey comments, contact forms — one per seeded card; WRITTEN, because no
open-licensed real customer text in these languages was found; its README says what was searched and why none of
it is used).

Its writer had it ready outside the repository before any eighth-round change to rules, model or training lines
landed; it was scored a single time once that round's final head and rules were on main (with the functions
``bench/model_eval.py`` and ``bench/risk_breakdown.py`` use; docs/benchmarks.md, "The ninth held-out corpus (b),
scored once: eval_heldout8b"). Each floor is set slightly below the measured figure: losing precision or recall, or
flagging more of the harmless messages, turns this file red. The floors describe today's product; the goal (P >= 0.9,
R >= 0.85 per language, false alarms <= 5 %) is not met by them. Do not tune anything on this corpus.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import assert_floors, assert_look_alikes_at_most, predict_product

ROOT = Path(__file__).resolve().parents[2]
HELDOUT8B = ROOT / "tests" / "analysis" / "eval_heldout8b"
LANGUAGES = ("it", "ru", "pl", "zh")
# (precision, recall) floors of rules + model, a few points under what was scored once on main 0482699 (final model
# 0482699, head version e7219316eafe; final rules d992cdf): it 0.88/0.70 (14 2 6), ru 0.94/0.85 (17 1 3),
# pl 0.59/0.50 (10 7 10), zh 0.72/0.90 (18 7 2), all 0.78/0.74 (59 17 21); 17/160 no-risk messages flagged.
# 20 risk lines a language: one line is 5 points of recall
FLOORS = {
    "it": (0.82, 0.65),
    "ru": (0.89, 0.80),
    "pl": (0.53, 0.45),
    "zh": (0.67, 0.85),
    "all": (0.74, 0.70),
}
FALSE_ALARMS = 0.13  # share of the 160 no-risk messages flagged; 17/160 (10.6 %) scored once


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT8B, LANGUAGES)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout8b_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=20)


def test_heldout8b_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 160, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout8b_is_sixty_written_messages_per_language(lang: str) -> None:
    """60 messages (20 risk) a language, each alone (no ctx), marked as written with its licence, channel and
    vendor tags, ids in draw order."""
    items = yaml.safe_load((HELDOUT8B / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in items] == [f"{lang}{n:02d}" for n in range(1, 61)]
    assert sum(i["kind"] in ("pos", "hyp") for i in items) == 20
    assert all(i["source"] == "written" and i["licence"] and i["channel"] and i["vendor"] for i in items)
    assert not any("ctx" in i for i in items)
