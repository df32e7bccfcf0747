"""Accuracy floors of rules + learned model (what the product does) on the fifteenth held-out corpus (b)
``tests/analysis/eval_heldout14b/``: REAL customers' text — 98 English tweets of customers to the support accounts of
telecoms, ISPs, airlines, shops, delivery apps, game networks and banks (Customer Support on Twitter, ThoughtVector /
Kaggle, CC BY-NC-SA 4.0), with real churn talk ("officially lost me as a customer", "Starting to look around for new
cable and internet provider"); sampled by a fixed rule and hand-labelled for churn risk from the text alone before
anything was run on them (its README and LICENSE.md). No open-licensed real Russian or Chinese customer text was
found, so there is no Russian or Chinese file.

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the fourteenth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout14b --errors``; docs/benchmarks.md, "The fifteenth
held-out corpus (b), scored once: eval_heldout14b"). Each floor is set a few points below the measured figure:
losing precision or recall, or flagging more of its harmless lines, turns this file red. The floors describe
today's product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by them. Do not tune
anything on this corpus.
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
HELDOUT14B = ROOT / "tests" / "analysis" / "eval_heldout14b"
LANGUAGES = ("en",)
LINES = {"en": (98, 62, 36)}  # items, risk, customer no-risk
SOURCES = {"en": {"monalisapatra26/data_visualization": "CC BY-NC-SA 4.0"}}
# in LICENSE.md: the licence notice of the source and its publisher
NOTICES = ("Attribution-NonCommercial-ShareAlike 4.0", "ThoughtVector")
# (precision, recall) floor of rules + model, a few points under what was scored once on main 8e611de (the
# thirteenth-round head, training digest 49ccbe69b448d41a, 19,699 lines, kept this session; rules14's rules, last
# keyword_rules/ commit 6e6acc2): en 0.92 / 0.18 (11 1 51). One risk line is about 1.6 points of recall.
FLOORS = {"en": (0.80, 0.14)}
LEAST = {"en": 55}  # risk lines needed to score the language (62)
# share of the customer no-risk lines flagged, a few points over what was scored once: en 1/36 (2.8 %)
FALSE_ALARMS = {"en": 0.09}


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT14B, LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout14b_floors_of_rules_and_model_on_customer_tweets(
    rules_eval: ModuleType, predictions: list, lang: str
) -> None:
    scores = {lang: rules_eval.score([p for p in predictions if p.item.lang == lang])}
    assert_floors(scores, lang, FLOORS, least=LEAST[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout14b_look_alikes_flagged_at_most(predictions: list, lang: str) -> None:
    flagged, quiet = customer_look_alikes([p for p in predictions if p.item.lang == lang])
    assert quiet == LINES[lang][2] and flagged <= FALSE_ALARMS[lang] * quiet, f"{lang}: {flagged}/{quiet} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout14b_is_real_text_with_its_source_licence_and_genre(lang: str) -> None:
    """Every line names the repository file and commit it was copied from, that source's licence and its genre; ids
    in sample order; each line stands alone (no ctx); a ``distractor:`` is one the trainer's loader accepts, and only
    on a no-risk line."""
    assert_real_lines(HELDOUT14B, lang, LINES[lang], SOURCES[lang])


def test_heldout14b_files_are_the_ones_scored() -> None:
    """The YAML file is byte for byte the writer's, as frozen before scoring (SHA256SUMS beside it), and the licence
    notice of the source sits beside it."""
    assert_files_frozen(HELDOUT14B, LANGUAGES, NOTICES)
