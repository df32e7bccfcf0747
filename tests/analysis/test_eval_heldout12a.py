"""Accuracy floors of rules + learned model (what the product does) on the twelfth session's held-out corpus (a)
``tests/analysis/eval_heldout12a/`` (500 customer turns in en/it/ru/pl/zh spoken by second-language speakers, as
international renewals sound: items drawn at random with a fixed seed: the speaker's first language (never the
target: an Italian, Hindi or Chinese speaker in English, a Romanian or Albanian speaker in Italian, a Ukrainian, Kazakh
or Chinese speaker in Russian, a Ukrainian or German speaker in Polish, a Japanese or Korean speaker in Mandarin ...),
the proficiency (beginner, intermediate, fluent with slips), the account's hidden state (healthy, or at risk with one
of the eleven categories) and, for healthy items, a trap (own metrics, a third party, a denial, a fixed problem,
meeting logistics, another word sense, praise naming a competitor or support, a harmless speculation); each after the
rep's turn before it, written with the first language's interference (calques, false friends, lost cases and aspect,
measure-word and word-order slips, a code word now and then); the label is the draw's; its README).

Its writer drew the items and wrote the turns outside the repository before reading the rule or model code and
before running anything on it; it was scored a single time once the twelfth round's final head and rules were on
main (``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout12a --errors``; docs/benchmarks.md, "The
thirteenth held-out corpus (a), scored once: eval_heldout12a"). Each floor is set a few points below the measured
figure: losing precision or recall, or flagging more no-risk turns, turns this file red. The floors describe today's
product, not the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Do not tune anything on this corpus.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    LANGUAGES,
    assert_drawn_label,
    assert_frozen,
    assert_group_floors,
    assert_look_alikes_at_most,
    assert_recall_per_tag,
    corpus_items,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT12A = ROOT / "tests" / "analysis" / "eval_heldout12a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main a76f5fd (eleventh-round
# head: 17,190 lines, training digest 2651d1dd28d238e7; rules12's rules): en 0.845/0.96 (49 9 2), it 0.90/0.96 (43 5 2),
# ru 0.89/1.00 (50 6 0), pl 0.98/0.98 (45 1 1), zh 0.85/0.97 (35 6 1), all 0.89/0.97 (222 27 6).
# 36-51 risk lines a language: one line is 2-3 points of recall
FLOORS = {
    "en": (0.80, 0.92),
    "it": (0.85, 0.91),
    "ru": (0.85, 0.96),
    "pl": (0.93, 0.93),
    "zh": (0.80, 0.94),
    "all": (0.87, 0.95),
}
FALSE_ALARMS = 0.12  # share of the 272 no-risk turns flagged; 27/272 (9.9 %) scored once
# recall of the risk turns of each proficiency (all languages, 75-77 lines each): beginner 75/77, intermediate 76/76,
# fluent_slips 71/75
PROFICIENCY_RECALL = {"beginner": 0.93, "intermediate": 0.96, "fluent_slips": 0.91}
RISK_LINES = {"en": 51, "it": 45, "ru": 50, "pl": 46, "zh": 36}  # drawn: P(at risk) = 0.45
FIRST_LANGUAGES = {
    "en": {"italian", "chinese", "hindi", "german", "portuguese_br", "spanish", "french"},
    "it": {"english", "romanian", "albanian", "spanish", "german"},
    "ru": {"ukrainian", "kazakh", "chinese", "uzbek", "english", "armenian"},
    "pl": {"ukrainian", "english", "german", "russian", "belarusian"},
    "zh": {"english", "russian", "japanese", "korean", "vietnamese"},
}
TRAP_KINDS = {"denial": "neg", "metrics": "sense", "third_party": "sense", "logistics": "sense", "word_sense": "sense",
              "resolved": "ok", "praise": "ok", "hypothetical": "ok"}  # fmt: skip
ITEMS_DIGEST = "745957dd95a3c469a2a9e4fa957e4a75e6dee5b55cb70ae5a1c576d74fac7977"  # items.tsv, saved before writing


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT12A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout12a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    assert_group_floors(rules_eval, predictions, group, FLOORS, RISK_LINES)


def test_heldout12a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 272, FALSE_ALARMS)


def test_heldout12a_recall_per_proficiency(predictions: list) -> None:
    """Risk turns caught per proficiency, all languages together (a beginner's broken sentences apart from a fluent
    speaker's slips)."""
    assert_recall_per_tag(predictions, HELDOUT12A, "proficiency", PROFICIENCY_RECALL, 228)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout12a_items_are_the_drawn_ones(lang: str) -> None:
    """One item a draw, in draw order: the first language (never the target), proficiency and industry are the
    draw's, a risk item is kind pos with its one category, a healthy item a no-risk line whose distractor is its
    trap (kind from the trap); every item follows the rep's turn."""
    drawn = [line.split("\t") for line in (HELDOUT12A / "items.tsv").read_text(encoding="utf-8").splitlines()]
    drawn = [d for d in drawn if d[0].startswith(lang)]
    items = corpus_items(HELDOUT12A, lang)
    assert [i["id"] for i in items] == [d[0] for d in drawn] == [f"{lang}{n:03d}" for n in range(1, 101)]
    for item, (_, first, level, industry, state) in zip(items, drawn, strict=True):
        assert (item["first_language"], item["proficiency"], item["industry"]) == (first, level, industry), item["id"]
        assert first in FIRST_LANGUAGES[lang] and level in PROFICIENCY_RECALL, item["id"]
        assert_drawn_label(item, state, TRAP_KINDS)
    assert sum(i["kind"] == "pos" for i in items) == RISK_LINES[lang]


def test_heldout12a_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring, and the draw is the one saved before
    any turn was written (SHA256SUMS beside them; the draw's digest from the writer's items.SHA256)."""
    assert_frozen(HELDOUT12A, {"items.tsv": ITEMS_DIGEST})
