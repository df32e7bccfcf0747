"""False-alarm ceilings of rules + learned model (what the product does) on the sixteenth held-out corpus (b)
``tests/analysis/eval_heldout15b/``: REAL text full of churn's trigger words where nobody leaves a supplier — New
Zealand Hansard speech turns (public domain), the Parallel UD news and Wikipedia sentences in en / pl / ru / zh
(CC BY-SA), Venice Italian Treebank prose (CC BY-NC-SA 3.0) and the Hong Kong Legislative Council record and student
films (CC BY-SA 4.0); 347 lines, 346 of them no risk (a third party's price, contract or leaving; a trigger word in
another sense — a parliamentary Bill, "charged with", "costituzione", "счёт"; the speaker's own results; a complaint
procedure; a neutral tariff question; a denial of leaving), sampled by a fixed rule and hand-labelled from the text
alone before anything was run on them (its README and LICENSE.md).

Its writer had it ready outside the repository before reading the rule or model code and before running anything
on it; it was scored a single time once the fifteenth round's head and rules were on main
(``bench/risk_breakdown.py --corpus tests/analysis/eval_heldout15b --errors``; docs/benchmarks.md, "The sixteenth
held-out corpus (b), scored once: eval_heldout15b"). With one risk line there is no precision or recall to hold:
each ceiling is the share of harmless lines flagged, a few points over the measured figure, per language and per
kind of look-alike; flagging more of them turns this file red. The ceilings describe today's product; the goal
(false alarms <= 5 %) is not met by all of them. Do not tune anything on this corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.analysis.conftest import (
    assert_files_frozen,
    assert_real_lines,
    corpus_items,
    customer_look_alikes,
    predict_product,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT15B = ROOT / "tests" / "analysis" / "eval_heldout15b"
LANGUAGES = ("en", "it", "pl", "ru", "zh")
LINES = {"en": (77, 0, 77), "it": (80, 0, 80), "pl": (58, 0, 58), "ru": (80, 0, 80), "zh": (52, 1, 51)}
PUD = "UniversalDependencies/UD_{}-PUD"
SOURCES = {
    "en": {"edithatogo/corpus-nz-hansard": "public domain", PUD.format("English"): "CC BY-SA 3.0"},
    "it": {"UniversalDependencies/UD_Italian-VIT": "CC BY-NC-SA 3.0"},
    "pl": {PUD.format("Polish"): "CC BY-SA 4.0"},
    "ru": {PUD.format("Russian"): "CC BY-SA 3.0"},
    "zh": {"UniversalDependencies/UD_Chinese-HK": "CC BY-SA 4.0", PUD.format("Chinese"): "CC BY-SA 3.0"},
}
# in LICENSE.md: the licence notice of each source
NOTICES = (
    "no copyright exists in New Zealand Parliamentary Debates/Hansard",
    "Attribution-ShareAlike 3.0",
    "Attribution-ShareAlike 4.0",
    "Attribution-NonCommercial-ShareAlike 3.0",
)
# share of each language's no-risk lines flagged, a few points over what was scored once on main 05a4f63 (the
# thirteenth-round head, training digest 49ccbe69b448d41a; rules15's rules, RULES_DONE f9b9352): en 11/77 = 14.3 %,
# it 7/80 = 8.8 %, pl 4/58 = 6.9 %, ru 12/80 = 15.0 %, zh 3/51 = 5.9 % (all 37/346 = 10.7 %). One line is 1.2-2 points.
FALSE_ALARMS = {"en": 0.18, "it": 0.12, "pl": 0.11, "ru": 0.19, "zh": 0.10}
# the same per kind of look-alike (``distractor:``), all languages together: (lines, ceiling); scored third_party
# 24/166, word_sense 9/157, metrics 3/7, logistics 0/4, topic 0/5, hedge 0/2, denial 1/5
KINDS = {"third_party": (166, 0.18), "word_sense": (157, 0.09), "metrics": (7, 0.58), "logistics": (4, 0.25),
         "topic": (5, 0.2), "hedge": (2, 0.5), "denial": (5, 0.4)}  # fmt: skip


@pytest.fixture(scope="module")
def predictions(rules_eval: ModuleType, model_eval: ModuleType) -> list:
    return predict_product(rules_eval, model_eval, HELDOUT15B, LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout15b_trigger_word_lines_flagged_at_most(predictions: list, lang: str) -> None:
    flagged, quiet = customer_look_alikes([p for p in predictions if p.item.lang == lang])
    assert quiet == LINES[lang][2] and flagged <= FALSE_ALARMS[lang] * quiet, f"{lang}: {flagged}/{quiet} flagged"


def test_heldout15b_flagged_per_kind_of_look_alike_at_most(predictions: list) -> None:
    """Each kind of harmless line (a third party's words, another sense, own results, a procedure, a neutral tariff
    question, a hedge, a denial) flagged at most its ceiling, all languages together."""
    kinds = {(lang, n): item.get("distractor", "") for lang in LANGUAGES
             for n, item in enumerate(corpus_items(HELDOUT15B, lang), 1)}  # fmt: skip
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for p in predictions:
        if not p.item.is_risk:
            kind = kinds[(p.item.lang, p.item.number)]
            total[kind] += 1
            flagged[kind] += p.is_risk
    assert dict(total) == {kind: lines for kind, (lines, _) in KINDS.items()}
    over = {k: f"{flagged[k]}/{lines}" for k, (lines, ceiling) in KINDS.items() if flagged[k] > ceiling * lines}
    assert not over, f"kinds over their ceiling: {over}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout15b_is_real_text_with_its_source_licence_and_genre(lang: str) -> None:
    """Every line names the repository file and commit it was copied from, that source's licence and its genre; ids
    in sample order; each line stands alone (no ctx); a ``distractor:`` is one the trainer's loader accepts, and only
    on a no-risk line."""
    assert_real_lines(HELDOUT15B, lang, LINES[lang], SOURCES[lang])


def test_heldout15b_files_are_the_ones_scored() -> None:
    """The YAML files are byte for byte the writer's, as frozen before scoring (SHA256SUMS beside them), and the
    licence notices of the sources sit beside them."""
    assert_files_frozen(HELDOUT15B, LANGUAGES, NOTICES)
