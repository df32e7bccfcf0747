"""The fifth session's training lines (tests/analysis/model_train/s5_<lang>.yaml): they load through the trainer's
own loader, are among what `assistant model train` reads, and keep the shape they were written to have (short
exchanges with their real turns before, contrast pairs whose two sides differ only in the question before)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.analysis.model.head import Example
from assistant.analysis.model.training import CATEGORIES, default_corpora, load_examples

FOLDER = Path(__file__).resolve().parent / "model_train"
HELDOUT4 = Path(__file__).resolve().parent / "eval_heldout4"
S5_LANGUAGES = ("en", "it", "ru", "pl", "zh")
PAIRS_AT_LEAST = 12


def _raw(lang: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((FOLDER / f"s5_{lang}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == lang
    return list(data["items"])


def _examples(lang: str) -> list[Example]:
    return [e for e in load_examples([FOLDER]) if e.source.startswith(f"model_train/s5_{lang}.yaml:")]


@pytest.mark.parametrize("lang", S5_LANGUAGES)
def test_lines_load_through_the_trainers_loader_with_known_categories(lang: str) -> None:
    examples = _examples(lang)
    assert 110 <= len(examples) <= 180
    assert {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) for e in examples)
    risk = [e for e in examples if e.labels]
    assert 0.4 <= len(risk) / len(examples) <= 0.7  # both sides well represented
    assert {c for e in risk for c in e.labels} >= set(CATEGORIES) - {"payment"}
    assert all(e.context for e in examples)  # every line is said after real turns


@pytest.mark.parametrize("lang", S5_LANGUAGES)
def test_items_are_exchanges_with_one_to_three_turns_of_both_roles(lang: str) -> None:
    items = _raw(lang)
    assert all(1 <= len(item["ctx"]) <= 3 for item in items)
    assert {role for item in items for role, _ in item["ctx"]} == {"rep", "customer"}
    for item in items:
        risk = item["kind"] in ("pos", "hyp")
        assert bool(item["labels"]) == risk, item["text"]  # a risk has a category, a no-risk line none
    texts = Counter(item["text"] for item in items if not item.get("pair"))
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("lang", S5_LANGUAGES)
def test_contrast_pairs_are_one_answer_after_two_questions_one_side_a_risk(lang: str) -> None:
    sides: dict[str, list[dict[str, Any]]] = {}
    for item in _raw(lang):
        if item.get("pair"):
            sides.setdefault(str(item["pair"]), []).append(item)
    assert len(sides) >= PAIRS_AT_LEAST
    for pair, both in sides.items():
        assert len(both) == 2, f"{pair}: a pair has exactly two sides"
        a, b = both
        assert a["text"] == b["text"] and a["ctx"] != b["ctx"], pair
        assert sorted(bool(s["labels"]) for s in (a, b)) == [False, True], pair
    groups = Counter(e.group for e in _examples(lang) if e.group)
    assert set(groups.values()) == {2}  # the trainer keeps each pair (and only it) in one fold
    assert all(g.startswith(f"model_train:s5{lang}-") for g in groups)  # no clash with other files' ids


def test_the_trainer_reads_them_and_they_repeat_no_line_of_the_scored_corpora() -> None:
    trained = Counter(e.source.split(":")[0] for e in load_examples(default_corpora()))
    assert all(trained[f"model_train/s5_{lang}.yaml"] >= 110 for lang in S5_LANGUAGES)
    scored = {str(item["text"]) for path in HELDOUT4.glob("*.yaml")
              for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]}  # fmt: skip
    assert [item["text"] for lang in S5_LANGUAGES for item in _raw(lang) if item["text"] in scored] == []
