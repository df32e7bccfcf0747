"""Accuracy floors of rules + learned model (what the product does) on the fourteenth session's held-out corpus (a)
``tests/analysis/eval_heldout14a/`` (500 customer turns in en/it/ru/pl/zh in the trade vocabulary of ten customers'
industries, where churn's trigger words are the subject matter: items drawn at random with a fixed seed: the industry
(telecom, e-commerce / retail, logistics, healthcare, education, banking / fintech, manufacturing, marketing agency,
HR / payroll, IT security / cloud hosting), the product the vendor sells them, the speaker's role (user, champion,
manager, procurement, finance, executive, it_admin), the account's hidden state (healthy, or at risk with one of the
eleven categories, said in the trade's words) and, for healthy items, a trap: the customer's own business in trade
words (its own subscriber churn, order cancellations, returns, terminated carriers, closed accounts: ~40 % of the
traps), a third party, a denial, a fixed problem, meeting logistics, another word sense, praise naming a competitor or
support, a harmless speculation, and this corpus's product feature named by a trigger word ("Carrier Termination",
«Отмена заказа», 项目终止); each after the rep's turn before it; the label is the draw's; its README).

Drawn and written outside the repository by this session's held-out writer, who had read no rule or model code and
run nothing on it, then frozen (sha256) and scored exactly once after the fourteenth round's final head and rules had
landed (``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout14a --errors``; docs/benchmarks.md, "The
fifteenth held-out corpus (a), scored once: eval_heldout14a"). The floors sit a few points under what that scoring
measured, so a drop in precision or recall, or more no-risk turns flagged, fails here; they record today's product,
not the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Tune nothing on this corpus.
"""

from __future__ import annotations

from collections import Counter
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
HELDOUT14A = ROOT / "tests" / "analysis" / "eval_heldout14a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main 8e611de (thirteenth-round
# head: 19,699 lines, training digest 49ccbe69b448d41a; rules14's rules): en 0.85/0.98 (44 8 1), it 0.93/0.89 (42 3 5),
# ru 0.85/0.95 (40 7 2), pl 0.80/0.88 (43 11 6), zh 0.79/0.98 (44 12 1), all 0.839/0.934 (213 41 15).
# 42-49 risk lines a language: one line is 2 points of recall
FLOORS = {
    "en": (0.80, 0.93),
    "it": (0.88, 0.85),
    "ru": (0.80, 0.90),
    "pl": (0.74, 0.83),
    "zh": (0.73, 0.93),
    "all": (0.81, 0.91),
}
FALSE_ALARMS = 0.18  # share of the 272 no-risk turns flagged; 41/272 (15.1 %) scored once
OWN_BUSINESS_FLAGGED = 0.20  # share of the 102 own-business (metrics) turns flagged; 15/102 scored once
# recall of the risk turns of each industry (all languages, 15-30 lines each), scored once: telecom 24/24, logistics
# 23/23, banking 29/30, manufacturing 25/27, healthcare 23/25, HR 21/23, e-commerce 21/23, IT security 18/20,
# education 16/18, marketing agency 13/15
INDUSTRY_RECALL = {"telecom": 0.90, "e-commerce / retail": 0.82, "logistics": 0.90, "healthcare": 0.83,
                   "education": 0.77, "banking / fintech": 0.90, "manufacturing": 0.85, "marketing agency": 0.72,
                   "HR / payroll": 0.82, "IT security / cloud hosting": 0.80}  # fmt: skip
RISK_LINES = {"en": 45, "it": 47, "ru": 42, "pl": 49, "zh": 45}  # drawn: P(at risk) = 0.45
ROLES = {"user", "champion", "manager", "procurement", "finance", "executive", "it_admin"}
# the drawn trap -> (kind, distractor): a feature named by a trigger word is another sense of the word
TRAPS = {"denial": ("neg", "denial"), "metrics": ("sense", "metrics"), "third_party": ("sense", "third_party"),
         "logistics": ("sense", "logistics"), "word_sense": ("sense", "word_sense"),
         "feature": ("sense", "word_sense"), "resolved": ("ok", "resolved"), "praise": ("ok", "praise"),
         "hypothetical": ("ok", "hypothetical")}  # fmt: skip
ITEMS_DIGEST = "9054867af7b3747b3d03a455aa4d601a4c72fff087dd2152bd5b2cab8ecc5a83"  # items.tsv, saved before writing


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT14A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout14a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    assert_group_floors(rules_eval, predictions, group, FLOORS, RISK_LINES)


def test_heldout14a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    """The customer's own churn, cancellations and terminations, and features named by trigger words, are among the
    272 no-risk turns."""
    assert_look_alikes_at_most(predictions, 272, FALSE_ALARMS)


def test_heldout14a_own_business_in_trade_words_flagged_at_most(predictions: list) -> None:
    """The customer's own business in its trade's churn words (a telecom's subscriber churn, a shop's order
    cancellations, a haulier's terminated carriers, a bank's closed accounts): 102 turns, at most the share scored
    once flagged."""
    kinds = {(lang, n): item.get("trap_kind") for lang in LANGUAGES
             for n, item in enumerate(corpus_items(HELDOUT14A, lang), 1)}  # fmt: skip
    own = [p for p in predictions if kinds[(p.item.lang, p.item.number)] == "metrics"]
    flagged = sum(p.is_risk for p in own)
    assert len(own) == 102 and flagged <= OWN_BUSINESS_FLAGGED * len(own), f"{flagged}/{len(own)} flagged"


def test_heldout14a_recall_per_industry(predictions: list) -> None:
    """Risk turns caught per industry, all languages together."""
    assert_recall_per_tag(predictions, HELDOUT14A, "industry", INDUSTRY_RECALL, 228)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout14a_items_are_the_drawn_ones(lang: str) -> None:
    """One item a draw, in draw order: industry, product and speaker's role are the draw's, a risk item is kind pos
    with its one category, a healthy item a no-risk line whose trap_kind is its trap (kind and distractor from the
    trap); every item follows the rep's turn."""
    drawn = [line.split("\t") for line in (HELDOUT14A / "items.tsv").read_text(encoding="utf-8").splitlines()]
    drawn = [d for d in drawn if d[0].startswith(lang)]
    items = corpus_items(HELDOUT14A, lang)
    assert [i["id"] for i in items] == [d[0] for d in drawn] == [f"{lang}{n:03d}" for n in range(1, 101)]
    kinds = {distractor: kind for kind, distractor in TRAPS.values()}
    for item, (_, industry, product, role, state) in zip(items, drawn, strict=True):
        assert (item["industry"], item["product"], item["speaker_role"]) == (industry, product, role), item["id"]
        assert industry in INDUSTRY_RECALL and role in ROLES, item["id"]
        trap = state.removeprefix("none:") if state.startswith("none:") else None
        assert_drawn_label(item, f"none:{TRAPS[trap][1]}" if trap else state, kinds)
        assert item.get("trap_kind") == trap and (trap is None or item["kind"] == TRAPS[trap][0]), item["id"]
    assert sum(i["kind"] == "pos" for i in items) == RISK_LINES[lang]


def test_heldout14a_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring, and the draw is the one saved before
    any turn was written (SHA256SUMS beside them; the draw's digest from the writer's items.SHA256)."""
    assert_frozen(HELDOUT14A, {"items.tsv": ITEMS_DIGEST})


def test_heldout14a_is_read_by_the_trainers_loader_features_as_another_word_sense() -> None:
    """The corpus can join the training lines as it is: the trainer's loader reads all 500 turns, the own-business
    turns in the own-metrics look-alike column and the features named by trigger words in the word-sense one."""
    from assistant.analysis.model.labelled import load_examples

    examples = load_examples([HELDOUT14A])
    assert len(examples) == 500
    assert sum(bool(e.labels) for e in examples) == sum(RISK_LINES.values())
    by_text = {e.text: e for e in examples}
    raw = [i for lang in LANGUAGES for i in corpus_items(HELDOUT14A, lang)]
    columns = Counter((i["trap_kind"], by_text[i["text"]].trap) for i in raw if i.get("trap_kind"))
    assert columns[("metrics", "own_metrics")] == 102 and columns[("feature", "word_sense")] == 23, columns
