"""Accuracy floors of rules + learned model (what the product does) on the fourteenth held-out corpus (b)
``tests/analysis/eval_heldout13b/``: REAL customers' text — 100 Italian reviews of products bought online (ATE_ABSITA,
EVALITA 2020, CC BY-NC-ND 4.0: the first Italian words of paying customers in the project) and 96 English sentences of
consumers' complaints to the CFPB about their banks, card issuers, lenders and debt collectors (Consumer Complaint
Database narratives, CC0 1.0); sampled by a fixed rule and hand-labelled for churn risk from the text alone before
anything was run on them (its README and LICENSE.md). No open-licensed real Russian customer text was found, so
there is no Russian file.

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the thirteenth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout13b --errors``; docs/benchmarks.md, "The fourteenth
held-out corpus (b), scored once: eval_heldout13b"). Each floor is set a few points below the measured figure:
losing precision or recall on either language, or flagging more of its harmless lines, turns this file red. The
floors describe today's product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by
them. Do not tune anything on this corpus.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    assert_files_frozen,
    assert_floors,
    assert_real_lines,
    customer_look_alikes,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT13B = ROOT / "tests" / "analysis" / "eval_heldout13b"
LANGUAGES = ("it", "en")
LINES = {"it": (100, 36, 64), "en": (96, 57, 39)}  # items, risk, customer no-risk
SOURCES = {
    "it": {"marcogdepinto/Sentiment_Analysis_On_Product_User_Reviews": "CC BY-NC-ND 4.0"},
    "en": {"aravindsriraj/Data-Science-Task---Consumer-Complaints": "CC0 1.0"},
}
# in LICENSE.md: the licence notice of each source
NOTICES = ("Attribution-NonCommercial-NoDerivatives 4.0", "CC0 1.0", "RELEASE POLICY")
# (precision, recall) floor of rules + model, a few points under what was scored once on main 2d1b2e7 (the
# thirteenth-round head, training digest 49ccbe69b448d41a, 19,699 lines; rules13's rules): it 0.75 / 0.58 (21 7 15),
# en 0.70 / 0.25 (14 6 43). One risk line is about 3 points of it recall, 2 of en recall.
FLOORS = {"it": (0.65, 0.50), "en": (0.60, 0.20)}
LEAST = {"it": 30, "en": 50}  # risk lines needed to score a language (it 36, en 57)
# share of each language's customer no-risk lines flagged, a few points over what was scored once: it 7/64 (10.9 %),
# en 6/39 (15.4 %)
FALSE_ALARMS = {"it": 0.15, "en": 0.21}


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT13B, LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout13b_floors_of_rules_and_model_on_customer_lines(
    rules_eval: ModuleType, predictions: list, lang: str
) -> None:
    scores = {lang: rules_eval.score([p for p in predictions if p.item.lang == lang])}
    assert_floors(scores, lang, FLOORS, least=LEAST[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout13b_look_alikes_flagged_at_most(predictions: list, lang: str) -> None:
    flagged, quiet = customer_look_alikes([p for p in predictions if p.item.lang == lang])
    assert quiet == LINES[lang][2] and flagged <= FALSE_ALARMS[lang] * quiet, f"{lang}: {flagged}/{quiet} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout13b_is_real_text_with_its_source_licence_and_genre(lang: str) -> None:
    """Every line names the repository file and commit it was copied from, that source's licence and its genre; ids
    in sample order; each line stands alone (no ctx); a ``distractor:`` is one the trainer's loader accepts, and only
    on a no-risk line."""
    assert_real_lines(HELDOUT13B, lang, LINES[lang], SOURCES[lang])


def test_heldout13b_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring (SHA256SUMS beside them), and the
    licence notices of the sources sit beside them."""
    assert_files_frozen(HELDOUT13B, LANGUAGES, NOTICES)
