"""Accuracy floors of rules + learned model (what the product does) on the eleventh session's held-out corpus (a)
``tests/analysis/eval_heldout11a/`` (500 customer turns in en/it/ru/pl/zh written to persona cards drawn at random
with a fixed seed: the customer's role, the industry, the account's hidden state (healthy, or at risk with one of the
eleven categories), the register (formal, casual, blunt, sarcastic, indirect-polite, rambling, terse, emotional) and,
for healthy cards, a trap (own metrics, a third party, a denial, a fixed problem, meeting logistics, another word
sense, praise naming a competitor or support, a harmless speculation); each after the rep's turn before it; the label
is the card's; its README).

Its writer drew the cards and wrote the turns outside the repository before reading the rule or model code and
before running anything on it; it was scored a single time once the eleventh round's final head and rules were on
main (``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout11a --errors``; docs/benchmarks.md, "The twelfth
held-out corpus (a), scored once: eval_heldout11a"). Each floor is set a few points below the measured figure: losing
precision or recall, or flagging more no-risk turns, turns this file red. The floors describe today's product, not
the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Do not tune anything on this corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import (
    LANGUAGES,
    assert_floors,
    assert_look_alikes_at_most,
    assert_recall_per_tag,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT11A = ROOT / "tests" / "analysis" / "eval_heldout11a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main b2108ef
# (eleventh-round head: 17,190 lines, training digest 2651d1dd28d238e7; rules d87d8a4): en 0.79/0.94 (45 12 3), it
# 0.87/0.83 (40 6 8), ru 0.77/0.90 (37 11 4), pl 0.88/0.97 (35 5 1), zh 0.82/0.90 (37 8 4), all 0.82/0.91 (194 42 20).
# 36-48 risk lines a language: one line is 2-3 points of recall
FLOORS = {
    "en": (0.74, 0.89),
    "it": (0.82, 0.78),
    "ru": (0.72, 0.85),
    "pl": (0.82, 0.91),
    "zh": (0.77, 0.85),
    "all": (0.79, 0.88),
}
FALSE_ALARMS = 0.17  # share of the 286 no-risk turns flagged; 42/286 (14.7 %) scored once
# recall of the risk turns of each register (all languages, 22-37 lines a register): formal 36/37, sarcastic
# 25/28, terse 25/28, indirect 25/27, blunt 21/25, rambling 22/24, emotional 21/23, casual 19/22
REGISTER_RECALL = {"formal": 0.92, "sarcastic": 0.82, "terse": 0.82, "indirect": 0.85, "blunt": 0.76,
                   "rambling": 0.83, "emotional": 0.82, "casual": 0.77}  # fmt: skip
RISK_LINES = {"en": 48, "it": 48, "ru": 41, "pl": 36, "zh": 41}  # drawn: P(at risk) = 0.45
TRAP_KINDS = {"denial": "neg", "metrics": "sense", "third_party": "sense", "logistics": "sense", "word_sense": "sense",
              "resolved": "ok", "praise": "ok", "hypothetical": "ok"}  # fmt: skip
CARDS_DIGEST = "2ce03286e51c8f769b68932b2fc1abe0daf2a2e77e60d93877b331a323fd9d4c"  # cards.tsv, saved before writing


def items_of(lang: str) -> list[dict]:
    return yaml.safe_load((HELDOUT11A / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT11A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout11a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=RISK_LINES.get(group, sum(RISK_LINES.values())))


def test_heldout11a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 286, FALSE_ALARMS)


def test_heldout11a_recall_per_register(predictions: list) -> None:
    """Risk turns caught per register, all languages together (sarcasm and indirect refusals apart from plain talk)."""
    assert_recall_per_tag(predictions, HELDOUT11A, "register", REGISTER_RECALL, 214)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout11a_items_are_the_drawn_cards(lang: str) -> None:
    """One item a card, in card order: the register, role and industry are the card's, a risk card is kind pos with
    its one category, a healthy card a no-risk line whose distractor is its trap (kind from the trap); every item
    follows the rep's turn."""
    cards = [line.split("\t") for line in (HELDOUT11A / "cards.tsv").read_text(encoding="utf-8").splitlines()]
    cards = [c for c in cards if c[0].startswith(lang)]
    items = items_of(lang)
    assert [i["id"] for i in items] == [c[0] for c in cards] == [f"{lang}{n:03d}" for n in range(1, 101)]
    for item, (_, role, industry, register, state) in zip(items, cards, strict=True):
        assert (item["role"], item["industry"], item["register"]) == (role, industry, register), item["id"]
        assert item["ctx"][-1][0] == "rep" and item["source"] == "written" and item["licence"], item["id"]
        if state.startswith("none:"):
            trap = state.removeprefix("none:")
            assert (item["kind"], item["labels"], item["distractor"]) == (TRAP_KINDS[trap], [], trap), item["id"]
        else:
            assert (item["kind"], item["labels"]) == ("pos", [state]) and "distractor" not in item, item["id"]
    assert sum(i["kind"] == "pos" for i in items) == RISK_LINES[lang]


def test_heldout11a_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring, and the cards are the ones saved
    before any turn was written (SHA256SUMS beside them; the cards' digest from the writer's cards.SHA256)."""
    sums = dict(reversed(line.split()) for line in (HELDOUT11A / "SHA256SUMS").read_text().splitlines())
    for lang in LANGUAGES:
        assert sums[f"{lang}.yaml"] == hashlib.sha256((HELDOUT11A / f"{lang}.yaml").read_bytes()).hexdigest(), lang
    assert hashlib.sha256((HELDOUT11A / "cards.tsv").read_bytes()).hexdigest() == CARDS_DIGEST
