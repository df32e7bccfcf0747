"""Accuracy floors of rules + learned model (what the product does) on the thirteenth session's held-out corpus (a)
``tests/analysis/eval_heldout13a/`` (500 customer turns in en/it/ru/pl/zh that say renewal risk, or its absence,
indirectly, in the politeness of each culture: items drawn at random with a fixed seed: the directness (explicit,
hinted, deeply indirect), the register (casual, corporate, procurement/legal: clauses, notice periods, tenders, budget
lines), the speaker's role (user, champion, manager, procurement, finance, executive), the account's hidden state
(healthy, or at risk with one of the eleven categories) and, for healthy items, a trap (own metrics, a third party, a
denial, a fixed problem, meeting logistics, another word sense, praise naming a competitor or support, a harmless
speculation, and this corpus's two: a polite hedge with no risk behind it, a routine procurement or legal step on a
renewal going ahead); each after the rep's turn before it, written as people in that culture talk (Chinese
face-saving 再研究研究, Russian understatement, Italian courtesy, Polish Pan/Pani formality); the label is the draw's;
its README).

Drawn and written outside the repository by this session's held-out writer, who had read no rule or model code and
run nothing on it, then frozen (sha256) and scored exactly once after the thirteenth round's final head and rules had
landed (``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout13a --errors``; docs/benchmarks.md, "The
fourteenth held-out corpus (a), scored once: eval_heldout13a"). The floors sit a few points under what that scoring
measured, so a drop in precision or recall, or more no-risk turns flagged, fails here; they record today's product,
not the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %). Tune nothing on this corpus.
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
HELDOUT13A = ROOT / "tests" / "analysis" / "eval_heldout13a"
# (precision, recall) floors of rules + model, a few points under what was scored once on main 2d1b2e7 (thirteenth-round
# head: 19,699 lines, training digest 49ccbe69b448d41a; rules13's rules): en 0.70/0.77 (30 13 9), it 0.81/0.73
# (30 7 11), ru 0.93/0.80 (41 3 10), pl 0.68/0.76 (28 13 9), zh 0.69/0.64 (27 12 15), all 0.765/0.743 (156 48 54).
# 37-51 risk lines a language: one line is 2-3 points of recall
FLOORS = {
    "en": (0.64, 0.71),
    "it": (0.75, 0.68),
    "ru": (0.88, 0.76),
    "pl": (0.62, 0.70),
    "zh": (0.63, 0.59),
    "all": (0.73, 0.71),
}
FALSE_ALARMS = 0.19  # share of the 290 no-risk turns flagged; 48/290 (16.6 %) scored once
# recall of the risk turns of each directness / register (all languages, 65-75 lines each), scored once: explicit
# 63/66, hinted 65/75, deeply_indirect 28/69; casual 51/70, corporate 52/65, procurement_legal 53/75
DIRECTNESS_RECALL = {"explicit": 0.90, "hinted": 0.82, "deeply_indirect": 0.35}
REGISTER_RECALL = {"casual": 0.67, "corporate": 0.74, "procurement_legal": 0.65}
RISK_LINES = {"en": 39, "it": 41, "ru": 51, "pl": 37, "zh": 42}  # drawn: P(at risk) = 0.45
ROLES = {"user", "champion", "manager", "procurement", "finance", "executive"}
TRAP_KINDS = {"denial": "neg", "metrics": "sense", "third_party": "sense", "logistics": "sense", "word_sense": "sense",
              "resolved": "ok", "praise": "ok", "hypothetical": "ok", "hedge": "ok", "procurement": "ok"}  # fmt: skip
ITEMS_DIGEST = "a2cb72fdfec2de36bacf69391ae26d215c6a5a70341d1f1e940d50e392f7e648"  # items.tsv, saved before writing


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT13A)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout13a_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    assert_group_floors(rules_eval, predictions, group, FLOORS, RISK_LINES)


def test_heldout13a_no_risk_turns_flagged_at_most(predictions: list) -> None:
    """The polite hedges and routine procurement steps are among the 290 no-risk turns."""
    assert_look_alikes_at_most(predictions, 290, FALSE_ALARMS)


@pytest.mark.parametrize(("key", "floors"), [("directness", DIRECTNESS_RECALL), ("register", REGISTER_RECALL)])
def test_heldout13a_recall_per_directness_and_register(predictions: list, key: str, floors: dict) -> None:
    """Risk turns caught per directness (the deeply indirect apart from the explicit) and per register, all
    languages together."""
    assert_recall_per_tag(predictions, HELDOUT13A, key, floors, 210)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout13a_items_are_the_drawn_ones(lang: str) -> None:
    """One item a draw, in draw order: directness, register, speaker's role and industry are the draw's, a risk item
    is kind pos with its one category, a healthy item a no-risk line whose distractor is its trap (kind from the
    trap); every item follows the rep's turn."""
    drawn = [line.split("\t") for line in (HELDOUT13A / "items.tsv").read_text(encoding="utf-8").splitlines()]
    drawn = [d for d in drawn if d[0].startswith(lang)]
    items = corpus_items(HELDOUT13A, lang)
    assert [i["id"] for i in items] == [d[0] for d in drawn] == [f"{lang}{n:03d}" for n in range(1, 101)]
    for item, (_, directness, register, role, industry, state) in zip(items, drawn, strict=True):
        tags = (item["directness"], item["register"], item["speaker_role"], item["industry"])
        assert tags == (directness, register, role, industry), item["id"]
        assert directness in DIRECTNESS_RECALL and register in REGISTER_RECALL and role in ROLES, item["id"]
        assert_drawn_label(item, state, TRAP_KINDS)
    assert sum(i["kind"] == "pos" for i in items) == RISK_LINES[lang]


def test_heldout13a_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring, and the draw is the one saved before
    any turn was written (SHA256SUMS beside them; the draw's digest from the writer's items.SHA256)."""
    assert_frozen(HELDOUT13A, {"items.tsv": ITEMS_DIGEST})


def test_heldout13a_is_read_by_the_trainers_loader_hedges_and_procurement_steps_with_no_look_alike_column() -> None:
    """The corpus can join the training lines as it is: the trainer's loader accepts its two new ``distractor:`` kinds
    (a polite hedge, a routine procurement step: no risk, no look-alike column) beside the older ones."""
    from assistant.analysis.model.labelled import load_examples

    examples = load_examples([HELDOUT13A])
    assert len(examples) == 500
    assert sum(bool(e.labels) for e in examples) == sum(RISK_LINES.values())
    new_kinds = [i for lang in LANGUAGES for i in corpus_items(HELDOUT13A, lang)
                 if i.get("distractor") in ("hedge", "procurement")]  # fmt: skip
    assert len(new_kinds) > 50
    texts = {i["text"] for i in new_kinds}
    read = [e for e in examples if e.text in texts]
    assert len(read) == len(new_kinds) and all(not e.labels and e.trap == "" for e in read)
