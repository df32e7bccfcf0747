"""The fifteenth session's training lines (tests/analysis/model_train/s15_<lang>.yaml, model15): the registers the
product was nearly silent on (eval_heldout13b's reviews, eval_heldout14b's support tweets): short typed posts to a
support account and app-store style reviews, with @handles, emoji, URLs and stars, risk beside hard no-risk lines of
the same register. They load through the trainer's own loader, are about half risk, are typed (no turns before), and
repeat or come near no line of another corpus in tests/analysis."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rapidfuzz import fuzz, process

from assistant.analysis.model.training import CATEGORIES, default_corpora, load_examples
from tests.analysis.test_training_data import FOLDER, _examples, _raw, _well_formed

S15_LANGUAGES = ("en", "it", "ru", "pl", "zh")
REGISTERS = ("tweet", "review")
LOOKS = ("praise", "resolved", "question")


@pytest.mark.parametrize("lang", S15_LANGUAGES)
def test_s15_lines_load_through_the_trainers_loader_about_half_risk(lang: str) -> None:
    examples = _examples(lang, "s15")
    assert 45 <= len(examples) <= 120 and {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) for e in examples)
    assert 0.40 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.65
    per_category = Counter(c for e in examples for c in e.labels)
    assert per_category["dissatisfaction"] >= 10 and per_category["support"] >= 4, per_category
    assert per_category["cancellation"] >= 4 and per_category["price"] >= 4, per_category
    traps = Counter(e.trap for e in examples)
    assert traps["third_party"] >= 3 and traps["word_sense"] >= 2, traps
    assert not any(e.context for e in examples)  # typed posts: nothing said before them


@pytest.mark.parametrize("lang", S15_LANGUAGES)
def test_s15_items_are_well_formed_in_both_registers_with_the_marks_of_typed_posts(lang: str) -> None:
    items = _raw(lang, "s15")
    _well_formed(items)
    registers = Counter(str(item["register"]) for item in items)
    assert set(registers) == set(REGISTERS) and min(registers.values()) >= 10, registers
    texts = [str(item["text"]) for item in items]
    assert sum("@" in t for t in texts) >= 4 and sum("https://" in t for t in texts) >= 1
    assert sum(bool(re.search("[\U0001f300-\U0001faff\u2b50\u2600-\u27bf]", t)) for t in texts) >= 10
    looks = Counter(str(item["look"]) for item in items if item.get("look"))
    assert set(LOOKS) <= set(looks) and looks["praise"] >= 5 and looks["resolved"] >= 4, looks
    for register in REGISTERS:  # each register has both sides
        kinds = {bool(item["labels"]) for item in items if item["register"] == register}
        assert kinds == {True, False}, register


def test_s15_is_trained_on_and_comes_near_no_line_of_another_corpus() -> None:
    """Read by ``assistant model train``; no line within rapidfuzz ratio 85 of a line of any other corpus in
    tests/analysis (training or scored) of the same language: written for this file, not copied or paraphrased."""
    trained = Counter(e.source.split(":")[0] for e in load_examples(default_corpora()))
    assert all(trained[f"model_train/s15_{lang}.yaml"] >= 45 for lang in S15_LANGUAGES)
    folders = [
        p
        for p in FOLDER.parent.iterdir()
        if p.is_dir() and p.name.startswith(("eval", "model_train")) and not p.name.startswith("eval_exec")
    ]
    others = [e for e in load_examples(folders) if not e.source.startswith("model_train/s15_")]
    near = []
    for lang in S15_LANGUAGES:
        pool = [e.text for e in others if e.language == lang]
        for item in _raw(lang, "s15"):
            hit = process.extractOne(str(item["text"]), pool, scorer=fuzz.ratio, score_cutoff=85)
            near += [(item["text"], hit[0])] if hit else []
    assert near == []
