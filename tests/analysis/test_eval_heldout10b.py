"""Accuracy floors of rules + learned model (what the product does) on the eleventh held-out corpus (b)
``tests/analysis/eval_heldout10b/`` (291 Google Play reviews written by REAL users of six service apps — Royal Mail
and the NHS App in English, IO and Immuni in Italian, Госуслуги Москвы and Моя Москва in Russian — copied from the
public repository iivanoo/covid-apps-observer under its MIT licence, every review of two reports a language,
hand-labelled for churn risk from the text alone before anything was run on them; its README and LICENSE.md).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the tenth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout10b --errors``; docs/benchmarks.md, "The eleventh
held-out corpus (b), scored once: eval_heldout10b"). Each floor is set a few points below the measured figure:
losing precision or recall, or flagging more of the harmless reviews, turns this file red. The floors describe
today's product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by them. Do not tune
anything on this corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import assert_floors, assert_look_alikes_at_most, predict_product

ROOT = Path(__file__).resolve().parents[2]
HELDOUT10B = ROOT / "tests" / "analysis" / "eval_heldout10b"
LANGUAGES = ("en", "it", "ru")
APPS = {
    "en": ("com.royalmail.app.droid", "com.nhs.online.nhsonline"),
    "it": ("it.pagopa.io.app", "it.ministerodellasalute.immuni"),
    "ru": ("ru.altarix.mos.pgu", "ru.mos.app"),
}
REVIEWS = {"en": (98, 42), "it": (96, 40), "ru": (97, 57)}  # (reviews, risk lines) a language
# (precision, recall) floors of rules + model, a few points under what was scored once on main 39c806a (head file
# version 6dd866784633, training digest 6ccb1a9a623152c8, 15,539 lines; rules f126fba): en 0.75/0.71 (30 10 12),
# it 0.68/0.43 (17 8 23), ru 0.83/0.33 (19 4 38), all 0.75/0.47 (66 22 73); 22/152 no-risk reviews flagged.
# 40-57 risk lines a language: one line is about 2 points of recall
FLOORS = {
    "en": (0.68, 0.64),
    "it": (0.60, 0.37),
    "ru": (0.74, 0.29),
    "all": (0.70, 0.43),
}
FALSE_ALARMS = 0.17  # share of the 152 no-risk reviews flagged; 22/152 (14.5 %) scored once


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT10B, LANGUAGES)


@pytest.mark.parametrize("group", [*LANGUAGES, "all"])
def test_heldout10b_floors_of_rules_and_model(rules_eval: ModuleType, predictions: list, group: str) -> None:
    scores = {group: rules_eval.score([p for p in predictions if group in ("all", p.item.lang)])}
    assert_floors(scores, group, FLOORS, least=40)


def test_heldout10b_look_alikes_flagged_at_most(predictions: list) -> None:
    assert_look_alikes_at_most(predictions, 152, FALSE_ALARMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout10b_is_real_reviews_of_two_apps_with_their_source(lang: str) -> None:
    """Every review names its app (one of the language's two), its star rating, its date and the repository file
    and commit it was copied from, under the MIT licence; ids in report order; each review stands alone (no ctx)."""
    items = yaml.safe_load((HELDOUT10B / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    assert (len(items), sum(i["kind"] in ("pos", "hyp") for i in items)) == REVIEWS[lang]
    numbers = [int(i["id"].removeprefix(lang)) for i in items]
    assert numbers == sorted(set(numbers)) and all(1 <= n <= 100 for n in numbers)
    assert {i["app"] for i in items} == set(APPS[lang])
    assert all(i["source"].startswith("iivanoo/covid-apps-observer@") and i["app"] in i["source"] for i in items)
    assert all(i["licence"].startswith("MIT") and 1 <= i["stars"] <= 5 and i["date"] for i in items)
    assert not any("ctx" in i for i in items)


def test_heldout10b_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring (SHA256SUMS beside them)."""
    sums = dict(reversed(line.split()) for line in (HELDOUT10B / "SHA256SUMS").read_text().splitlines())
    for lang in LANGUAGES:
        digest = hashlib.sha256((HELDOUT10B / f"{lang}.yaml").read_bytes()).hexdigest()
        assert sums[f"{lang}.yaml"] == digest, lang
    assert "MIT License" in (HELDOUT10B / "LICENSE.md").read_text(encoding="utf-8")
