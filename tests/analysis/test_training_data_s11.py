"""The eleventh session's training lines (tests/analysis/model_train/s11_<lang>.yaml, traindata11), written for the
weak spots measured on eval_heldout10a/10b: they load through the trainer's own loader, are about half risk, keep the
shapes they were written for (short answers after the rep's question, verdicts, uninstalling, rivals, round-up
sentences) beside as many look-alikes, and repeat or come near no line of another corpus."""

from __future__ import annotations

from collections import Counter

import pytest
from rapidfuzz import fuzz, process

from assistant.analysis.model.training import CATEGORIES, load_examples
from tests.analysis.test_training_data import (
    FOLDER,
    S10_SCORED,
    _examples,
    _raw,
    _shapes_and_looks,
    _trained_and_repeated,
    _well_formed,
)

S11_LANGUAGES = ("en", "it", "ru", "pl", "zh")
S11_RISK_SHAPES = ("short", "short_conditional", "verdict", "uninstall", "rival", "buried")
S11_LOOKS = ("short_twin", "denial", "review_ok", "roundup")
S11_SCORED = (*S10_SCORED, "eval_heldout10a", "eval_heldout10b")
SHORT = ("short", "short_conditional", "short_twin")


def _words(text: str, lang: str) -> int:
    return len(text) // 2 if lang == "zh" else len(text.split())


@pytest.mark.parametrize("lang", S11_LANGUAGES)
def test_s11_lines_load_through_the_trainers_loader_about_half_risk(lang: str) -> None:
    examples = _examples(lang, "s11")
    assert 120 <= len(examples) <= 220
    assert {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) for e in examples)
    assert 0.40 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.60
    per_category = Counter(c for e in examples for c in e.labels)
    assert per_category["dissatisfaction"] >= 15 and per_category["competitor"] >= 12, per_category
    assert per_category["cancellation"] >= 10, per_category
    traps = Counter(e.trap for e in examples)
    assert traps["third_party"] >= 8 and traps["word_sense"] >= 8 and traps["own_metrics"] >= 3, traps
    _well_formed(_raw(lang, "s11"))


@pytest.mark.parametrize("lang", S11_LANGUAGES)
def test_s11_has_the_shapes_and_look_alikes_it_was_written_for(lang: str) -> None:
    items = _raw(lang, "s11")
    shapes, looks = _shapes_and_looks(items)
    assert set(shapes) == set(S11_RISK_SHAPES) and min(shapes.values()) >= 6, shapes
    assert shapes["short"] + shapes["short_conditional"] >= 30 and shapes["short_conditional"] >= 8, shapes
    assert set(looks) == set(S11_LOOKS) and looks["short_twin"] >= 20 and looks["denial"] >= 15, looks
    for item in items:  # a short answer (risk or not) rests on the rep's question: it is the turn just before
        if item.get("shape") in SHORT or item.get("look") in SHORT:
            assert item["ctx"][-1][0] == "rep" and _words(item["text"], lang) <= 10, item["text"]
        if item.get("look") == "denial" and item.get("ctx"):  # a denial answers a question about a risk
            assert item["kind"] == "neg" and item["ctx"][-1][0] == "rep", item["text"]


def test_s11_is_trained_on_and_repeats_no_line_of_another_corpus() -> None:
    assert _trained_and_repeated("s11", S11_LANGUAGES, S11_SCORED) == []


def test_s11_comes_near_no_line_of_a_scored_corpus() -> None:
    """No paraphrase of a scored line either (eval_heldout10a/10b included): rapidfuzz's ratio to every scored line
    of the same language < 85."""
    near = []
    for lang in S11_LANGUAGES:
        scored = [e.text for name in S11_SCORED for e in load_examples([FOLDER.parent / name]) if e.language == lang]
        for item in _raw(lang, "s11"):
            hit = process.extractOne(str(item["text"]), scored, scorer=fuzz.ratio, score_cutoff=85)
            near += [(item["text"], hit[0])] if hit else []
    assert near == []
