"""Shared by the accuracy tests: the scorer ``bench/rules_eval.py`` (loaded once) and the floor check."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from assistant.analysis import analyze
from assistant.analysis.rules import RuleSet, load_ruleset
from assistant.records import Hit, Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR, Settings

BENCH = Path(__file__).resolve().parents[2] / "bench" / "rules_eval.py"
LANGUAGES = ("en", "it", "ru", "pl", "zh")


def _bench_module(name: str) -> ModuleType:
    """bench/<name>.py as a module (the benchmarks are scripts, not part of the package), importable by name."""
    spec = importlib.util.spec_from_file_location(name, BENCH.parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rules_eval() -> ModuleType:
    """bench/rules_eval.py as a module."""
    return _bench_module("rules_eval")


@pytest.fixture(scope="session")
def model_eval(rules_eval: ModuleType) -> ModuleType:
    """bench/model_eval.py as a module (rules, model and both on a labelled corpus)."""
    return _bench_module("model_eval")


@pytest.fixture(scope="session")
def risk_breakdown(model_eval: ModuleType) -> ModuleType:
    """bench/risk_breakdown.py as a module (after rules_eval and model_eval, which it imports)."""
    return _bench_module("risk_breakdown")


def assert_floors(scores: dict[str, Any], group: str, floors: dict[str, tuple[float, float]], least: int = 40) -> None:
    """Churn-risk precision and recall of ``group`` (a language or "all") at least its (precision, recall) floor,
    on enough risk lines (``least``) to mean something."""
    precision, recall = floors[group]
    risk = scores[group].risk
    assert risk.tp + risk.fn >= least, f"{group}: too few risk lines to score ({risk.as_dict()})"
    assert risk.precision >= precision, f"{group}: {risk.as_dict()}"
    assert risk.recall >= recall, f"{group}: {risk.as_dict()}"


def assert_group_floors(
    rules_eval: ModuleType, predictions: Sequence[Any], group: str, floors: dict, risk_lines: dict[str, int]
) -> None:
    """``assert_floors`` on the predictions of one language of a drawn corpus (or "all"), each language's drawn
    number of risk lines (``risk_lines``) the least to score."""
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, floors, least=risk_lines.get(group, sum(risk_lines.values())))


def corpus_items(folder: Path, lang: str) -> list[dict]:
    """The raw items of one language file of a corpus folder."""
    return yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]


def assert_drawn_label(item: dict, state: str, trap_kinds: dict[str, str]) -> None:
    """A drawn item's label is its draw's: ``state`` a category (kind pos with that one label, no distractor) or
    ``none:<trap>`` (no labels, the trap as distractor, the kind ``trap_kinds`` gives it); it follows the rep's turn
    and was written here."""
    assert item["ctx"][-1][0] == "rep" and item["source"] == "written" and item["licence"], item["id"]
    if state.startswith("none:"):
        trap = state.removeprefix("none:")
        assert (item["kind"], item["labels"], item["distractor"]) == (trap_kinds[trap], [], trap), item["id"]
    else:
        assert (item["kind"], item["labels"]) == ("pos", [state]) and "distractor" not in item, item["id"]


def predict_product(
    rules_eval: ModuleType,
    model_eval: ModuleType,
    folder: Path,
    languages: Sequence[str] = LANGUAGES,
    *,
    drop_ctx: bool = False,
) -> list[Any]:
    """Rules + learned model (what the product does) on every item of a labelled corpus folder. ``drop_ctx`` for
    corpora of whole calls, every turn an item in order: the items alone already put each turn after its real turns
    before, so the scorer's copies of the ``ctx`` turns only add embedding work (the same predictions)."""
    from assistant.analysis.model import load_model
    from assistant.analysis.rules import load_ruleset
    from assistant.settings import DEFAULT_RULES_DIR

    items = rules_eval.load_corpus(folder, languages, extras=False)
    if drop_ctx:
        items = [dataclasses.replace(item, ctx=()) for item in items]
    return model_eval.predict(items, "both", load_ruleset(DEFAULT_RULES_DIR), load_model())


def customer_look_alikes(predictions: Sequence[Any]) -> tuple[int, int]:
    """(flagged, lines) over the customer's no-risk lines (the rep's lines can never be flagged)."""
    quiet = [p for p in predictions if not p.item.is_risk and p.item.role == "customer"]
    return sum(p.is_risk for p in quiet), len(quiet)


def assert_real_lines(folder: Path, lang: str, lines: tuple[int, int, int], sources: dict[str, str]) -> None:
    """A corpus of real lines (eval_heldout12b/13b): every line names the repository file and commit it was copied
    from, that source's licence and its genre; ids in sample order; each line stands alone (no ctx); a
    ``distractor:`` is one the trainer's loader accepts, and only on a no-risk line. ``lines``: (items, risk lines,
    customer no-risk lines)."""
    from assistant.analysis.model.labelled import DISTRACTORS

    items = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    assert (len(items), sum(i["kind"] in ("pos", "hyp") for i in items)) == lines[:2]
    numbers = [int(i["id"].removeprefix(lang)) for i in items]
    assert numbers == sorted(set(numbers)) and all(1 <= n <= 100 for n in numbers)
    for item in items:
        assert item["licence"].startswith(sources[item["source"].split("@")[0]]), item["id"]
        assert "ctx" not in item and item["text"].strip() and item["genre"], item["id"]
        assert item.get("distractor", "") in DISTRACTORS, item["id"]
        assert not (item["kind"] in ("pos", "hyp") and "distractor" in item), item["id"]
    assert {i["source"].split("@")[0] for i in items} == set(sources)


def assert_files_frozen(folder: Path, languages: Sequence[str], notices: Sequence[str]) -> None:
    """The YAML files of a held-out corpus are byte for byte its writer's, as frozen before scoring (SHA256SUMS
    beside them), and the licence notices of its sources sit beside them (LICENSE.md)."""
    sums = dict(reversed(line.split()) for line in (folder / "SHA256SUMS").read_text().splitlines())
    for lang in languages:
        assert sums[f"{lang}.yaml"] == hashlib.sha256((folder / f"{lang}.yaml").read_bytes()).hexdigest(), lang
    licences = (folder / "LICENSE.md").read_text(encoding="utf-8")
    for notice in notices:
        assert notice in licences, notice


def predict_rules_alone(rules_eval: ModuleType, folder: Path, languages: Sequence[str] = LANGUAGES) -> list[Any]:
    """The shipped keyword rules alone on every item of a labelled corpus folder."""
    from assistant.analysis.rules import load_ruleset
    from assistant.settings import DEFAULT_RULES_DIR

    return rules_eval.predict(rules_eval.load_corpus(folder, languages, extras=False), load_ruleset(DEFAULT_RULES_DIR))


def assert_recall_per_tag(
    predictions: Sequence[Any], folder: Path, key: str, floors: dict[str, float], risk: int
) -> None:
    """Risk turns caught per value of an item tag (``register``, ``proficiency``), all languages together: exactly the
    values of ``floors`` over ``risk`` risk turns, each value's recall at least its floor."""
    tags = {
        (lang, n): item[key]
        for lang in LANGUAGES
        for n, item in enumerate(yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))["items"], 1)
    }
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p in predictions:
        if p.item.is_risk:
            tag = tags[(p.item.lang, p.item.number)]
            total[tag] += 1
            caught[tag] += p.is_risk
    assert set(total) == set(floors) and sum(total.values()) == risk, dict(total)
    low = {t: f"{caught[t]}/{total[t]}" for t in floors if caught[t] < floors[t] * total[t]}
    assert not low, f"{key} values under their floor: {low}"


def assert_frozen(folder: Path, digests: dict[str, str]) -> None:
    """A held-out corpus as scored: its five YAML files byte for byte those its writer froze (the folder's
    SHA256SUMS), and each file of ``digests`` (a draw saved before any turn was written) the sha256 recorded then."""
    sums = dict(reversed(line.split()) for line in (folder / "SHA256SUMS").read_text().splitlines())
    for lang in LANGUAGES:
        assert sums[f"{lang}.yaml"] == hashlib.sha256((folder / f"{lang}.yaml").read_bytes()).hexdigest(), lang
    for name, digest in digests.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def assert_look_alikes_at_most(predictions: Sequence[Any], lines: int, share: float) -> None:
    """Exactly ``lines`` customer no-risk lines, at most ``share`` of them flagged."""
    flagged, quiet = customer_look_alikes(predictions)
    assert quiet == lines and flagged <= share * quiet, f"{flagged}/{quiet} flagged"


def assert_whole_calls_in_order(path: Path, calls: Sequence[str], shortest: int, longest: int) -> None:
    """The file holds ``calls`` in that order, each in one block of all its turns numbered 1..n (``shortest`` to
    ``longest`` of them, both roles), each turn's ctx the two turns before it in its call: the scorer's transcript
    then gives each turn its real predecessor."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    by_call: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_call.setdefault(item["call"], []).append(item)
    assert list(by_call) == list(calls), "each call in one block, in order"
    for call, turns in by_call.items():
        assert [t["turn"] for t in turns] == list(range(1, len(turns) + 1)), call
        assert shortest <= len(turns) <= longest and {t["kind"] == "rep" for t in turns} == {True, False}, call
        said = [["rep" if t["kind"] == "rep" else "customer", t["text"]] for t in turns]
        assert all(t["ctx"] == said[max(0, n - 2) : n] for n, t in enumerate(turns)), call


@pytest.fixture(scope="session")
def shipped_rules() -> RuleSet:
    """The rules in ``keyword_rules/``, loaded once."""
    return load_ruleset(DEFAULT_RULES_DIR)


def line_hits(text: str, lang: str, ruleset: RuleSet) -> list[Hit]:
    """The hits of one customer line, analysed alone with the rules only (no learned model)."""
    call = Transcript((Utterance("customer", "customer", 0.0, 8.0, text),), lang, 10.0, "vtt")
    return list(analyze(call, ruleset, settings=Settings(churn_model=False)).hits)


def call_hits(turns: Sequence[tuple[str, str]], lang: str, ruleset: RuleSet) -> list[Hit]:
    """The hits of a short call of (role, text) turns, analysed with the rules only (no learned model)."""
    utterances = tuple(
        Utterance(role, role, i * 10.0, i * 10.0 + 8.0, text)  # type: ignore[arg-type]
        for i, (role, text) in enumerate(turns)
    )
    call = Transcript(utterances, lang, len(turns) * 10.0, "vtt")
    return list(analyze(call, ruleset, settings=Settings(churn_model=False)).hits)


def negated_because(text: str, lang: str, ruleset: RuleSet, category: str, why: str) -> None:
    """The line holds a hit of ``category`` (the rule's words are there: without the construction it would be a
    risk), and every such hit is negated with ``why`` in its evidence."""
    hits = [h for h in line_hits(text, lang, ruleset) if h.category == category]
    assert hits, f"the rules no longer match {text!r}: the test needs a line they match"
    assert all(h.negated and why in h.evidence for h in hits), [(h.matched, h.evidence) for h in hits]


def still_a_risk(text: str, lang: str, ruleset: RuleSet, category: str) -> None:
    """The line holds a live hit of ``category``."""
    hits = line_hits(text, lang, ruleset)
    assert [h for h in hits if h.category == category and not h.negated], hits
