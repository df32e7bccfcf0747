"""The fifth session's training lines (tests/analysis/model_train/s5_<lang>.yaml): they load through the trainer's
own loader, are among what `assistant model train` reads, and keep the shape they were written to have (short
exchanges with their real turns before, contrast pairs whose two sides differ only in the question before)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from rapidfuzz import fuzz, process

from assistant.analysis.model.head import Example
from assistant.analysis.model.training import CATEGORIES, TRAPS, default_corpora, load_examples

FOLDER = Path(__file__).resolve().parent / "model_train"
HELDOUT4 = Path(__file__).resolve().parent / "eval_heldout4"
S5_LANGUAGES = ("en", "it", "ru", "pl", "zh")
PAIRS_AT_LEAST = 12


def _raw(lang: str, series: str = "s5") -> list[dict[str, Any]]:
    data = yaml.safe_load((FOLDER / f"{series}_{lang}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == lang
    return list(data["items"])


def _examples(lang: str, series: str = "s5") -> list[Example]:
    return [e for e in load_examples([FOLDER]) if e.source.startswith(f"model_train/{series}_{lang}.yaml:")]


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


# --- the sixth session's no-risk side and contrast pairs (model_train/s6b_<lang>.yaml, traindata6b) ---
S6B_LANGUAGES = ("en", "it", "ru", "pl", "zh")
S6B_TRAPS = ("word_sense", "third_party", "metrics", "logistics")
SCORED = ("eval_heldout4", "eval_heldout5", "eval_rsics")


def _s6b_sides(lang: str, kind: str) -> dict[str, list[dict[str, Any]]]:
    """Pairs by id: ``c`` = one answer after two different turns before, ``w`` = one risk word, us vs. others."""
    sides: dict[str, list[dict[str, Any]]] = {}
    for item in _raw(lang, "s6b"):
        if str(item.get("pair", "")).startswith(f"s6b{lang}-{kind}"):
            sides.setdefault(str(item["pair"]), []).append(item)
    return sides


@pytest.mark.parametrize("lang", S6B_LANGUAGES)
def test_s6b_lines_load_through_the_trainers_loader_mostly_no_risk(lang: str) -> None:
    examples = [e for e in load_examples([FOLDER]) if e.source.startswith(f"model_train/s6b_{lang}.yaml:")]
    assert 120 <= len(examples) <= 220
    assert {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) and e.context for e in examples)
    assert 0.1 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.25  # the no-risk side, mostly
    traps = Counter(e.trap for e in examples)
    assert all(traps[TRAPS[t]] >= 6 for t in S6B_TRAPS), traps  # each look-alike column taught
    items = _raw(lang, "s6b")
    assert all(1 <= len(item["ctx"]) <= 3 for item in items)
    assert {role for item in items for role, _ in item["ctx"]} == {"rep", "customer"}
    assert all(bool(item["labels"]) == (item["kind"] in ("pos", "hyp")) for item in items)
    kinds = Counter(item["kind"] for item in items)
    assert kinds["ok"] >= 50 and kinds["neg"] >= 8
    texts = Counter(item["text"] for item in items if not str(item.get("pair", "")).startswith(f"s6b{lang}-c"))
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("lang", S6B_LANGUAGES)
def test_s6b_contrast_pairs_one_answer_after_two_turns_and_one_word_about_us_or_others(lang: str) -> None:
    answers, words = _s6b_sides(lang, "c"), _s6b_sides(lang, "w")
    assert len(answers) >= 20 and len(words) >= 6
    for pair, both in {**answers, **words}.items():
        assert len(both) == 2, f"{pair}: a pair has exactly two sides"
        assert sorted(bool(s["labels"]) for s in both) == [False, True], pair
    for pair, (a, b) in answers.items():
        assert a["text"] == b["text"] and a["ctx"] != b["ctx"], pair
    for pair, (a, b) in words.items():
        assert a["text"] != b["text"] and a["ctx"] == b["ctx"], pair
        assert next(s for s in (a, b) if not s["labels"]).get("trap") in S6B_TRAPS, pair
    groups = Counter(e.group for e in load_examples([FOLDER]) if e.source.startswith(f"model_train/s6b_{lang}.yaml:"))
    assert {n for g, n in groups.items() if g} == {2}  # each pair (and only it) kept in one fold


@pytest.mark.parametrize("lang", S6B_LANGUAGES)
def test_s6b_healthy_turns_after_a_risk_said_earlier_keep_that_turn_before(lang: str) -> None:
    moved_on = [item for item in _raw(lang, "s6b") if item.get("shape") == "moved_on"]
    assert len(moved_on) >= 10
    assert all(item["kind"] == "ok" and not item["labels"] for item in moved_on)
    assert all(any(role == "customer" for role, _ in item["ctx"]) for item in moved_on)  # the earlier risk turn


def test_s6b_is_trained_on_and_repeats_no_line_of_another_corpus() -> None:
    trained = Counter(e.source.split(":")[0] for e in load_examples(default_corpora()))
    assert all(trained[f"model_train/s6b_{lang}.yaml"] >= 120 for lang in S6B_LANGUAGES)
    ours = {str(item["text"]) for lang in S6B_LANGUAGES for item in _raw(lang, "s6b")}
    # s6a (the risk side) was written at the same time by another writer: a short answer both wrote is no copy
    mine_or_concurrent = ("model_train/s6b_", "model_train/s6a_")
    others = {e.text for e in load_examples(default_corpora()) if not e.source.startswith(mine_or_concurrent)}
    scored = {e.text for name in SCORED for e in load_examples([FOLDER.parent / name])}
    assert sorted(ours & (others | scored)) == []


# --- the sixth session's risk-side lines (tests/analysis/model_train/s6a_<lang>.yaml, traindata6a) -------------------
S6A_SHAPES = ("implicit", "typed", "followup", "situation", "event", "indirect", "process", "unlisted", "numbers",
              "conditional", "speculation", "long")  # fmt: skip
S6A_LANGUAGES = S5_LANGUAGES


@pytest.mark.parametrize("lang", S6A_LANGUAGES)
def test_s6a_lines_are_risks_of_known_categories_said_after_real_turns(lang: str) -> None:
    examples = _examples(lang, "s6a")
    assert 110 <= len(examples) <= 180
    assert {e.language for e in examples} == {lang}
    assert all(e.labels and set(e.labels) <= set(CATEGORIES) for e in examples)  # the risk side only
    assert {c for e in examples for c in e.labels} == set(CATEGORIES)  # every category, payment included
    assert all(e.context and not e.trap for e in examples)
    items = _raw(lang, "s6a")
    assert all(item["kind"] in ("pos", "hyp") and item["shape"] in S6A_SHAPES for item in items)
    assert all(1 <= len(item["ctx"]) <= 3 for item in items)
    assert {role for item in items for role, _ in item["ctx"]} == {"rep", "customer"}
    assert [t for t, n in Counter(item["text"] for item in items).items() if n > 1] == []


@pytest.mark.parametrize("lang", S6A_LANGUAGES)
def test_s6a_has_the_shapes_it_was_written_for(lang: str) -> None:
    shapes = Counter(item["shape"] for item in _raw(lang, "s6a"))
    assert shapes["implicit"] + shapes["typed"] + shapes["long"] >= 35  # dissatisfaction said without a risk word
    assert shapes["followup"] >= 20 and shapes["typed"] >= 10
    assert shapes["speculation"] >= 4 and shapes["conditional"] >= 4
    kinds = Counter((item["kind"], item["shape"]) for item in _raw(lang, "s6a"))
    assert kinds[("hyp", "speculation")] == shapes["speculation"]  # speculation is softer, threats are not
    assert kinds[("pos", "conditional")] == shapes["conditional"]


@pytest.mark.parametrize("lang", S6A_LANGUAGES)
def test_s6a_follow_ups_carry_a_risk_the_customer_said_before(lang: str) -> None:
    items = _raw(lang, "s6a")
    for item in items:
        if item["shape"] == "followup":  # the customer's earlier turn is in ctx, a risk of the same category
            assert any(role == "customer" for role, _ in item["ctx"]), item["text"]
    calls: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if item.get("call"):
            calls.setdefault(str(item["call"]), []).append(item)
    assert len(calls) >= 3
    for call, turns in calls.items():
        assert call.startswith(f"s6a-{lang}-") and len(turns) >= 2, call
        for before, after in pairwise(turns):  # each later turn is said after the earlier one
            assert [["customer", before["text"]]] == [list(t) for t in after["ctx"] if t[1] == before["text"]], call
            assert set(after["labels"]) & set(before["labels"]), call
    groups = Counter(e.group for e in _examples(lang, "s6a") if e.group)
    assert set(groups) == {f"model_train:{c}" for c in calls}  # the trainer keeps a call in one fold


def test_s6a_is_read_by_the_trainer_and_repeats_no_scored_or_earlier_line() -> None:
    trained = Counter(e.source.split(":")[0] for e in load_examples(default_corpora()))
    assert all(trained[f"model_train/s6a_{lang}.yaml"] >= 110 for lang in S6A_LANGUAGES)
    root = FOLDER.parent
    scored = {str(item["text"]) for name in SCORED for path in (root / name).glob("*.yaml")
              for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]}  # fmt: skip
    # s6b (the no-risk side, written at the same time) is left out: a short answer both writers wrote, each after its
    # own turns before, is no copy
    others = ("model_train/s6a_", "model_train/s6b_")
    earlier = {e.text for e in load_examples(default_corpora()) if not e.source.startswith(others)}
    texts = [str(item["text"]) for lang in S6A_LANGUAGES for item in _raw(lang, "s6a")]
    assert [t for t in texts if t in scored or t in earlier] == []


# --- the eighth session's lines (tests/analysis/model_train/s8_<lang>.yaml, traindata8): twins by shape -------------
S8_LANGUAGES = S5_LANGUAGES
S8_RISK_SHAPES = ("end_user", "to_colleague", "followup", "hint", "earlier")
S8_LOOKS = ("own_system", "colleague_ok", "moved_on", "hint_ok", "earlier_fixed")
S8_SCORED = ("eval_heldout4", "eval_heldout5", "eval_rsics", "eval_heldout6", "eval_heldout7a", "eval_heldout7b")


@pytest.mark.parametrize("lang", S8_LANGUAGES)
def test_s8_lines_load_through_the_trainers_loader_about_two_fifths_risk(lang: str) -> None:
    examples = _examples(lang, "s8")
    assert 100 <= len(examples) <= 160
    assert {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) and e.context for e in examples)
    assert 0.33 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.47
    items = _raw(lang, "s8")
    assert all(1 <= len(item["ctx"]) <= 3 for item in items)
    assert all(bool(item["labels"]) == (item["kind"] in ("pos", "hyp")) for item in items)
    assert [t for t, n in Counter(item["text"] for item in items).items() if n > 1] == []


@pytest.mark.parametrize("lang", S8_LANGUAGES)
def test_s8_each_risk_shape_has_healthy_lines_of_the_same_shape(lang: str) -> None:
    items = _raw(lang, "s8")
    shapes, looks = _shapes_and_looks(items)
    assert set(shapes) == set(S8_RISK_SHAPES) and min(shapes.values()) >= 8, shapes
    assert set(looks) == set(S8_LOOKS) and min(looks.values()) >= 5, looks
    assert all(item["labels"] for item in items if item.get("shape"))  # a shape is a risk line's
    assert not any(item["labels"] for item in items if item.get("look"))  # a look is a healthy line's
    for item in items:  # a follow-up and a healthy turn after a risk: the earlier customer-side turn is before it
        if item.get("shape") == "followup" or item.get("look") == "moved_on":
            assert any(role == "customer" for role, _ in item["ctx"]), item["text"]


@pytest.mark.parametrize("lang", S8_LANGUAGES)
def test_s8_third_parties_and_own_business_are_many_different_counterparties(lang: str) -> None:
    traps = Counter(e.trap for e in _examples(lang, "s8"))
    assert traps["third_party"] >= 20 and traps["own_metrics"] >= 6 and traps["word_sense"] >= 5, traps
    texts = [str(i["text"]) for i in _raw(lang, "s8") if i.get("trap") == "third_party"]
    contexts = [str(i["ctx"][-1][1]) for i in _raw(lang, "s8") if i.get("trap") == "third_party"]
    assert len(set(contexts)) >= len(contexts) - 1  # one situation a line, not one question asked twenty times
    assert len(set(texts)) == len(texts)


def _trained_and_repeated(series: str, languages: tuple[str, ...], scored_corpora: tuple[str, ...]) -> list[str]:
    """Asserts the trainer reads each of the series' files (100 lines or more); returns the series' texts that repeat
    a line of another training corpus or of a scored one."""
    trained = Counter(e.source.split(":")[0] for e in load_examples(default_corpora()))
    assert all(trained[f"model_train/{series}_{lang}.yaml"] >= 100 for lang in languages)
    ours = {str(item["text"]) for lang in languages for item in _raw(lang, series)}
    others = {e.text for e in load_examples(default_corpora()) if not e.source.startswith(f"model_train/{series}_")}
    scored = {e.text for name in scored_corpora for e in load_examples([FOLDER.parent / name])}
    return sorted(ours & (others | scored))


def test_s8_is_trained_on_and_repeats_no_line_of_another_corpus() -> None:
    assert _trained_and_repeated("s8", S8_LANGUAGES, S8_SCORED) == []


# --- the ninth session's lines (tests/analysis/model_train/s9_<lang>.yaml, traindata9): eval_heldout8a/8b's weak spots
S9_LANGUAGES = ("en", "it", "ru", "pl", "zh")
S9_RISK_SHAPES = ("implicit", "open", "unlisted", "followup", "hint", "split", "conditional", "numbers", "situation")
S9_LOOKS = ("denial", "praise", "vendor_named", "moved_on", "split_head", "split_tail")
S9_SCORED = (*S8_SCORED, "eval_heldout8a", "eval_heldout8b")


def _shapes_and_looks(items: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """How many lines of each risk ``shape`` and of each no-risk ``look`` a series' file has."""
    shapes = Counter(str(item["shape"]) for item in items if item.get("shape"))
    return shapes, Counter(str(item["look"]) for item in items if item.get("look"))


def _well_formed(items: list[dict[str, Any]]) -> None:
    """The checks every series from s9 on shares: labels only on risk kinds, no text twice, 1-3 turns before where
    there are any, a shape only on risk lines and a look only on no-risk ones, denials ``kind: neg``, and a follow-up
    or a healthy turn after a risk with the earlier customer turn before it."""
    assert all(bool(item["labels"]) == (item["kind"] in ("pos", "hyp")) for item in items)
    assert [t for t, n in Counter(item["text"] for item in items).items() if n > 1] == []
    assert all(1 <= len(item["ctx"]) <= 3 for item in items if item.get("ctx"))
    assert all(item["labels"] for item in items if item.get("shape"))  # a shape is a risk line's
    assert not any(item["labels"] for item in items if item.get("look"))  # a look is a no-risk line's
    assert all(item["kind"] == "neg" for item in items if item.get("look") == "denial")
    for item in items:
        if item.get("shape") == "followup" or item.get("look") == "moved_on":  # the earlier risk turn is before it
            assert any(role == "customer" for role, _ in item["ctx"]), item["text"]


@pytest.mark.parametrize("lang", S9_LANGUAGES)
def test_s9_lines_load_through_the_trainers_loader_with_many_look_alikes(lang: str) -> None:
    examples = _examples(lang, "s9")
    assert 100 <= len(examples) <= 200
    assert {e.language for e in examples} == {lang}
    assert all(set(e.labels) <= set(CATEGORIES) for e in examples)
    assert 0.35 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.55  # as many look-alikes as risks
    per_category = Counter(c for e in examples for c in e.labels)
    assert per_category["dissatisfaction"] >= 15 and per_category["competitor"] >= 10, per_category
    traps = Counter(e.trap for e in examples)
    assert traps["third_party"] >= 8 and traps["own_metrics"] >= 6 and traps["logistics"] >= 6, traps
    assert traps["word_sense"] >= 6, traps
    items = _raw(lang, "s9")
    _well_formed(items)
    typed = [item for item in items if not item.get("ctx")]  # a typed message: no turn before
    assert len(typed) >= 35 and len(items) - len(typed) >= 60


@pytest.mark.parametrize("lang", S9_LANGUAGES)
def test_s9_has_the_risk_shapes_and_the_look_alikes_it_was_written_for(lang: str) -> None:
    items = _raw(lang, "s9")
    shapes, looks = _shapes_and_looks(items)
    assert set(S9_RISK_SHAPES) <= set(shapes) and min(shapes[s] for s in S9_RISK_SHAPES) >= 3, shapes
    assert set(S9_LOOKS) <= set(looks) and looks["denial"] >= 8 and looks["praise"] >= 8, looks
    _well_formed(items)
    for item in items:
        if item.get("shape") == "split" or item.get("look") == "split_tail":  # the cut sentence's first half
            assert item["ctx"][-1][0] == "customer", item["text"]


def test_s9_is_trained_on_and_repeats_no_line_of_another_corpus() -> None:
    assert _trained_and_repeated("s9", S9_LANGUAGES, S9_SCORED) == []


# --- the tenth session's lines (tests/analysis/model_train/s10_<lang>.yaml, traindata10): eval_heldout9a/9b's weak spot
S10_LANGUAGES = ("en", "it", "ru", "pl", "zh")
S10_RISK_SHAPES = ("defect_story", "plan", "followup", "hint", "unlisted", "adoption", "champion", "conditional")
S10_LOOKS = ("denial", "fixed", "praise", "moved_on")
S10_SCORED = (*S9_SCORED, "eval_heldout9a", "eval_heldout9b")


@pytest.mark.parametrize("lang", S10_LANGUAGES)
def test_s10_lines_load_through_the_trainers_loader_half_risk_half_look_alikes(lang: str) -> None:
    examples = _examples(lang, "s10")
    assert 130 <= len(examples) <= 220
    assert {e.language for e in examples} == {lang}
    assert 0.40 <= sum(bool(e.labels) for e in examples) / len(examples) <= 0.60
    per_category = Counter(c for e in examples for c in e.labels)
    assert per_category["dissatisfaction"] >= 15 and per_category["downgrade"] >= 12, per_category
    traps = Counter(e.trap for e in examples)
    assert traps["third_party"] >= 15 and traps["own_metrics"] >= 8 and traps["word_sense"] >= 8, traps
    _well_formed(_raw(lang, "s10"))


@pytest.mark.parametrize("lang", S10_LANGUAGES)
def test_s10_has_the_risk_shapes_and_the_look_alikes_it_was_written_for(lang: str) -> None:
    items = _raw(lang, "s10")
    shapes, looks = _shapes_and_looks(items)
    assert set(shapes) == set(S10_RISK_SHAPES) and min(shapes.values()) >= 3, shapes
    assert set(looks) == set(S10_LOOKS) and looks["denial"] >= 8 and looks["fixed"] >= 8, looks
    assert looks["praise"] >= 8 and looks["moved_on"] >= 5, looks


def test_s10_is_trained_on_and_repeats_no_line_of_another_corpus() -> None:
    assert _trained_and_repeated("s10", S10_LANGUAGES, S10_SCORED) == []


def test_s10_comes_near_no_line_of_a_scored_corpus() -> None:
    """No paraphrase of a scored line either: rapidfuzz's ratio to every scored line of the same language < 85."""
    near = []
    for lang in S10_LANGUAGES:
        scored = [e.text for name in S10_SCORED for e in load_examples([FOLDER.parent / name]) if e.language == lang]
        for item in _raw(lang, "s10"):
            hit = process.extractOne(str(item["text"]), scored, scorer=fuzz.ratio, score_cutoff=85)
            near += [(item["text"], hit[0])] if hit else []
    assert near == []


def test_no_two_near_same_training_lines_after_the_same_turns_disagree_on_risk() -> None:
    """Across every file here (all series): two lines of one language within rapidfuzz ratio 90 of each other, after
    the same turns before, are both risks or both not, unless they are the two sides of one contrast pair."""
    examples = load_examples([FOLDER])
    clashes = []
    for lang in sorted({e.language for e in examples}):
        group = [e for e in examples if e.language == lang]
        texts = [e.text for e in group]
        near = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=90)
        for i, j in zip(*near.nonzero(), strict=True):
            a, b = group[i], group[j]
            paired = bool(a.group) and a.group == b.group
            if i < j and a.context == b.context and bool(a.labels) != bool(b.labels) and not paired:
                clashes.append((a.source, b.source))
    assert clashes == []
