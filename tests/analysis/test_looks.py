"""A look-alike silences a line only where it beats every risk column by the head's ``look_margin``
(``model/looks.py``), and the trainer raises the look-alike thresholds and the dismiss level until no rule-flagged
risk line of its out-of-fold readings is silenced (``choosing.clear_of_risk``): the twelfth-round head dismissed
"Honestly we are going to cancel the contract, it's too expensive." as a third_party look-alike (p 0.72, threshold
0.60) in tests/cli/test_rules.py::test_test_json_names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import ChurnModel, load_model
from assistant.analysis.model.choosing import GRID, clear_of_risk
from assistant.analysis.model.embedding import get_embedder
from assistant.analysis.model.head import Example, load_head, save_head
from assistant.analysis.model.labelled import COLUMNS
from assistant.analysis.model.looks import LOOK_MARGIN, look_alike, look_alikes
from assistant.analysis.model.reading import Reading
from assistant.analysis.model.training import train
from assistant.analysis.risk import DISMISSED
from assistant.records import Utterance

CANCEL = "Honestly we are going to cancel the contract, it's too expensive."
SUPPLIER = "Our delivery company is raising the price now, very expensive, so we will change for other company."


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    return load_model()


def _head_like_the_twelfth(model: ChurnModel, margin: float) -> ChurnModel:
    """The shipped head with the twelfth-round head's third_party threshold (0.60) and its dismiss level (0.55)."""
    head = model.head
    thresholds = tuple(0.60 if c == "third_party" else head.threshold_of(i) for i, c in enumerate(head.categories))
    return replace(model, head=replace(head, thresholds=thresholds, dismiss=0.55, look_margin=margin, veto=0.0))


def _reading(model: ChurnModel, rows: list[dict[str, float]]) -> Reading:
    probs = np.zeros((len(rows), len(model.head.categories)))
    for i, row in enumerate(rows):
        for name, p in row.items():
            probs[i, model.head.categories.index(name)] = p
    return Reading(probs, probs.copy())


def test_a_plain_cancellation_read_near_a_look_alike_keeps_its_hits_and_a_clear_look_alike_is_dismissed(
    model: ChurnModel,
) -> None:
    lines = [(i, Utterance("c", "customer", i * 5.0, i * 5.0 + 4, text, language="en"), "en")
             for i, text in enumerate([CANCEL, SUPPLIER])]  # fmt: skip
    rows = model.embedder.embed([CANCEL, SUPPLIER])
    # the cancellation read third_party 0.72 with its risk columns just under; the supplier's price rise far apart
    reading = _reading(model, [{"third_party": 0.72, "cancellation": 0.58, "price": 0.50},
                               {"third_party": 0.92, "price": 0.40}])  # fmt: skip
    before = look_alikes(lines, rows, _head_like_the_twelfth(model, 0.0), reading=reading)
    assert sorted(before) == [0, 1]  # the twelfth-round reading: both silenced
    found = look_alikes(lines, rows, _head_like_the_twelfth(model, LOOK_MARGIN), reading=reading)
    assert sorted(found) == [1], found
    assert found[1].startswith(DISMISSED) and "third_party" in found[1]


def test_the_margin_holds_in_both_readings_and_on_the_dismiss_level(model: ChurnModel) -> None:
    head = _head_like_the_twelfth(model, LOOK_MARGIN).head
    third, cancel = head.categories.index("third_party"), head.categories.index("cancellation")
    probs = np.zeros(len(head.categories))
    probs[third], probs[cancel] = 0.90, 0.30
    alone = probs.copy()
    assert look_alike(head, probs, alone) == third
    alone[cancel] = 0.70  # alone, the line is a cancellation nearly as much: kept
    assert look_alike(head, probs, alone) is None
    quiet = replace(head, thresholds=tuple(0.0 if i == third else t for i, t in enumerate(head.thresholds)))
    alone[cancel] = 0.30  # only the dismiss level (0.55) is left: the margin holds there too
    assert look_alike(quiet, probs, alone) == third
    probs[cancel] = alone[cancel] = 0.70
    assert look_alike(quiet, probs, alone) is None


def test_training_raises_look_alike_thresholds_until_no_rule_flagged_risk_line_is_silenced() -> None:
    """Rule-flagged out-of-fold readings: 40 third-party look-alikes at 0.9 (price 0.1) and 60 risks at price 0.9,
    two of them read third_party 0.72 with price 0.3 (a margin of 0.42): the column's 0.60 goes to 0.75, the dismiss
    level from 0.55 to 0.75; a risk line the look-alike beats by less than the margin costs nothing."""
    examples = [Example("them", "en", (), trap="third_party")] * 40 + [Example("risk", "en", ("price",))] * 60
    probs, third, price = np.zeros((100, len(COLUMNS))), COLUMNS.index("third_party"), COLUMNS.index("price")
    probs[:40, third], probs[:40, price], probs[40:, price] = 0.9, 0.1, 0.9
    probs[40:42, third], probs[40:42, price] = 0.72, 0.3
    probs[42, third], probs[42, price] = 0.88, 0.7  # beaten by 0.18 < LOOK_MARGIN: never silenced, costs nothing
    thresholds = tuple(0.6 if c == "third_party" else 0.5 for c in COLUMNS)
    raised, dismiss = clear_of_risk(thresholds, 0.55, probs, probs.copy(), examples)
    assert raised[third] == dismiss == 0.75
    assert raised[:third] == thresholds[:third] and raised[third + 1 :] == thresholds[third + 1 :]
    probs[40, third] = 0.95  # a risk line over the whole grid: the column and the level are off
    raised, dismiss = clear_of_risk(thresholds, 0.55, probs, probs.copy(), examples)
    assert raised[third] == dismiss == 0.0 and max(GRID) < 0.95
    assert clear_of_risk(thresholds, 0.0, probs, probs.copy(), examples)[1] == 0.0  # off stays off


def test_a_risk_line_silenced_in_each_reading_against_its_own_risk_columns_counts() -> None:
    """As ``looks.look_alike`` reads a line: the look-alike above the risk columns of the reading with the turns
    before (0.90 > 0.60 + margin) and above those of the line alone (0.60 > 0.30 + margin), not above the higher of
    the two readings' (0.85)."""
    examples = [Example("them", "en", (), trap="third_party")] * 40 + [Example("risk", "en", ("price",))]
    probs, third, price = np.zeros((41, len(COLUMNS))), COLUMNS.index("third_party"), COLUMNS.index("price")
    probs[:40, third], probs[:40, price] = 0.95, 0.1
    alone = probs.copy()
    probs[40, third], probs[40, price], alone[40, third], alone[40, price] = 0.9, 0.6, 0.6, 0.3
    thresholds = tuple(0.6 if c == "third_party" else 0.5 for c in COLUMNS)
    assert clear_of_risk(thresholds, 0.55, probs, alone, examples)[0][third] == 0.0  # 0.9 is past the grid's 0.90


def test_the_trainer_writes_look_margin_and_the_head_file_keeps_it(model: ChurnModel, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)).astype(np.float32)
    examples = [Example(f"line {i}", "en", ("price",) if x[i, 0] > 0 else (), f"toy:{i}") for i in range(40)]
    trained, _ = train(examples, get_embedder(), vectors=x, before=np.zeros_like(x), ruled=None)
    assert trained.look_margin == LOOK_MARGIN > 0
    save_head(replace(model.head, look_margin=0.3), tmp_path / "head.npz")
    assert load_head(tmp_path / "head.npz").look_margin == 0.3
    assert model.head.look_margin in (0.0, LOOK_MARGIN)  # a head file without the field reads 0
