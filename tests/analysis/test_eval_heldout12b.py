"""Accuracy floors of rules + learned model (what the product does) on the thirteenth held-out corpus (b)
``tests/analysis/eval_heldout12b/``: REAL text — 96 Polish sentences of PolEmo 2.0 (patients' online reviews of
doctors and clinics, the first real Polish customer words of the project, and medical news), 97 English sentences of
UD English-EWT (customers' reviews of local businesses; Enron e-mails and newsgroup posts with risk words in other
roles), 80 Russian sentences of UD Russian-Taiga and -GSD and 80 spoken Italian units of KIParla KIP with risk words
in other roles; sampled by a fixed rule and hand-labelled for churn risk from the text alone before anything was run
on them (its README and LICENSE.md).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the twelfth round's final head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout12b --errors``; docs/benchmarks.md, "The thirteenth
held-out corpus (b), scored once: eval_heldout12b"). Each floor is set a few points below the measured figure:
losing precision or recall on the Polish or English customer lines, or flagging more of the harmless lines of any
language, turns this file red. Russian has no risk line and Italian one, so only their false alarms have a floor.
The floors describe today's product; the goal (P >= 0.9, R >= 0.85 per language, false alarms <= 5 %) is not met by
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
HELDOUT12B = ROOT / "tests" / "analysis" / "eval_heldout12b"
LANGUAGES = ("pl", "en", "ru", "it")
LINES = {"pl": (96, 45, 51), "en": (97, 16, 81), "ru": (80, 0, 77), "it": (80, 1, 79)}  # items, risk, customer no-risk
SOURCES = {
    "pl": {"JakubJP/PJATK_ZUM": "PolEmo 2.0"},
    "en": {"UniversalDependencies/UD_English-EWT": "CC BY-SA 4.0"},
    "ru": {
        "UniversalDependencies/UD_Russian-Taiga": "CC BY-SA 4.0",
        "UniversalDependencies/UD_Russian-GSD": "CC BY-SA 4.0",
    },
    "it": {"KIParla/KIP": "CC BY-NC-SA 4.0"},
}
# in LICENSE.md: the licence notice of each source
NOTICES = ("Attribution-ShareAlike 4.0", "Attribution-NonCommercial-ShareAlike 4.0", "PolEmo 2.0")
# (precision, recall) floor of rules + model, a few points under what was scored once on main a76f5fd (the
# eleventh-round head, training digest 2651d1dd28d238e7, 17,190 lines; rules12's rules): pl 0.57 / 0.18 (8 6 37),
# en 0.44 / 0.25 (4 5 12). One risk line is about 2 points of pl recall, 6 of en recall.
FLOORS = {"pl": (0.48, 0.15), "en": (0.35, 0.18)}
LEAST = {"pl": 40, "en": 15}  # risk lines needed to score a language (pl 45, en 16)
# share of each language's customer no-risk lines flagged, a few points over what was scored once: pl 6/51 (11.8 %),
# en 5/81 (6.2 %), ru 10/77 (13.0 %), it 6/79 (7.6 %)
FALSE_ALARMS = {"pl": 0.16, "en": 0.10, "ru": 0.17, "it": 0.11}


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT12B, LANGUAGES)


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_heldout12b_floors_of_rules_and_model_on_customer_lines(
    rules_eval: ModuleType, predictions: list, lang: str
) -> None:
    scores = {lang: rules_eval.score([p for p in predictions if p.item.lang == lang])}
    assert_floors(scores, lang, FLOORS, least=LEAST[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout12b_look_alikes_flagged_at_most(predictions: list, lang: str) -> None:
    flagged, quiet = customer_look_alikes([p for p in predictions if p.item.lang == lang])
    assert quiet == LINES[lang][2] and flagged <= FALSE_ALARMS[lang] * quiet, f"{lang}: {flagged}/{quiet} flagged"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout12b_is_real_text_with_its_source_licence_and_genre(lang: str) -> None:
    """Every line names the repository file and commit it was copied from, that source's licence and its genre; ids
    in sample order; each line stands alone (no ctx); a ``distractor:`` is one the trainer's loader accepts, and only
    on a no-risk line."""
    assert_real_lines(HELDOUT12B, lang, LINES[lang], SOURCES[lang])


def test_heldout12b_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring (SHA256SUMS beside them), and the
    licence notices of the sources sit beside them."""
    assert_files_frozen(HELDOUT12B, LANGUAGES, NOTICES)
