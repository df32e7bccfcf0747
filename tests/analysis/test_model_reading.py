"""How the churn-risk head's readings become model hits: the context reader never lowering a category the line alone
is sure of (``head.combine``), a category carried over from the customer's previous turn (``Head.carry``), and the
rules' pass shared by several heads (``rule_pass`` / ``with_learned``, what bench/model_loco.py scores with)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis import find_hits, rule_pass, with_learned
from assistant.analysis.model import ChurnModel, load_model
from assistant.analysis.model.classify import Reading, model_hits
from assistant.analysis.model.head import combine, load_head, save_head, train_head
from assistant.analysis.rules import load_ruleset
from assistant.errors import HeadError
from assistant.records import Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR


def test_the_reader_may_raise_never_lower_a_column_the_line_alone_is_sure_of() -> None:
    alone = np.array([[0.80, 0.20, 0.90], [0.60, 0.10, 0.10]])
    reader = np.array([[0.00, 0.90, 0.00], [0.00, 0.90, 0.90]])
    risk = np.array([True, True, False])  # the third column is a look-alike: always the mean
    assert np.allclose(combine(alone, reader, 0.0, risk), (alone + reader) / 2)
    sure = combine(alone, reader, 0.7, risk)
    assert np.allclose(sure, [[0.80, 0.55, 0.45], [0.30, 0.50, 0.50]])  # 0.60 alone is not sure at 0.7: the mean


def test_the_readers_share_weighs_the_line_alone_against_the_reader(tmp_path: Path) -> None:
    alone, reader = np.array([[0.1, 0.8]]), np.array([[0.9, 0.0]])
    risk = np.array([True, True])
    assert np.allclose(combine(alone, reader, 0.0, risk, 0.25), [[0.3, 0.6]])
    rng = np.random.default_rng(2)
    x = rng.normal(size=(30, 4))
    head = replace(train_head(x, (x[:, :1] > 0).astype(float), ("price",)), embedder="toy")
    head = replace(head, reader=replace(train_head(np.hstack([x, x]), (x[:, 1:2] > 0).astype(float), ("price",))))
    before = rng.normal(size=(30, 4))
    half, quarter = head.readings(x, before)[0], replace(head, reader_share=0.25).readings(x, before)[0]
    alone_p = head.readings(x)[0]
    assert np.allclose(quarter - alone_p, (half - alone_p) / 2)  # half as far from the line alone
    save_head(replace(head, reader_share=0.25), tmp_path / "head.npz")
    assert load_head(tmp_path / "head.npz").reader_share == 0.25
    save_head(head, tmp_path / "mean.npz")
    assert load_head(tmp_path / "mean.npz").reader_share == 0.5


def test_head_file_keeps_its_sure_and_carry_levels(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 6))
    y = np.stack([x[:, 0] > 0, x[:, 1] > 0], axis=1).astype(float)
    head = replace(train_head(x, y, ("price", "logistics")), embedder="toy", quiet=("logistics",), sure=0.7, carry=0.2)
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert (loaded.sure, loaded.carry) == (0.7, 0.2)
    save_head(replace(head, sure=0.0, carry=0.0), tmp_path / "plain.npz")
    assert (load_head(tmp_path / "plain.npz").sure, load_head(tmp_path / "plain.npz").carry) == (0.0, 0.0)


def _toy_model(carry: float) -> ChurnModel:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(20, 4))
    head = train_head(x, (x[:, :2] > 0).astype(float), ("price", "logistics"))
    head = replace(head, quiet=("logistics",), thresholds=(0.5, 0.9), carry=carry)
    return ChurnModel(head, embedder=None, path=Path("toy"))  # type: ignore[arg-type]  # vectors and reading given


def _lines(roles: list[str]) -> list[tuple[int, Utterance, str]]:
    utts = [Utterance(r, r, i * 5.0, i * 5.0 + 4.0, f"line {i}", language="en") for i, r in enumerate(roles)]  # type: ignore[arg-type]
    return [(i, u, "en") for i, u in enumerate(utts)]


def test_a_category_goes_on_from_the_customers_previous_turn() -> None:
    lines = _lines(["customer", "rep", "customer", "rep", "rep", "rep", "customer", "customer", "rep", "customer"])
    price = [0.80, 0.0, 0.30, 0.0, 0.0, 0.0, 0.30, 0.10, 0.0, 0.30]
    probs = np.array([[p, 0.0] for p in price])
    reading = Reading(probs, probs)
    vectors = np.zeros((len(lines), 4))

    def hits_of(carry: float) -> list:
        return model_hits(lines, vectors, _toy_model(carry), taken={}, blocked=set(), weights={}, reading=reading,
                          said={7: {"price"}})  # fmt: skip

    hits = hits_of(0.25)
    # 0: over the threshold; 2: carried from 0 (two turns back); 6: its previous customer turn is 4 back: no;
    # 7: under the carry level; 9: carried from 7, whose price is a rule's (``said``)
    assert [h.utterance_index for h in hits] == [0, 2, 9]
    assert "previous turn" in hits[1].evidence and "previous turn" not in hits[0].evidence
    assert [h.utterance_index for h in hits_of(0.0)] == [0]


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    return load_model()


def test_one_rule_pass_read_by_the_model_gives_the_product_hits(model: ChurnModel) -> None:
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    turns = [("rep", "How is the rollout going?"), ("customer", "Honestly the new version is a disgrace."),
             ("rep", "Sorry to hear that. Which part?"), ("customer", "We are moving to HubSpot next quarter."),
             ("customer", "The price went up twelve percent, that is not something we can do.")]  # fmt: skip
    utts = tuple(Utterance(r, r, i * 5.0, i * 5.0 + 4.0, t, language="en") for i, (r, t) in enumerate(turns))  # type: ignore[arg-type]
    call = Transcript(utts, "en", 25.0, "vtt")
    ruled = rule_pass(call, ruleset)
    assert with_learned(call, ruleset, ruled, model=model) == find_hits(call, ruleset, model=model)
    assert with_learned(call, ruleset, ruled) == find_hits(call, ruleset)
    assert {h.utterance_index for h in find_hits(call, ruleset)} == {h.utterance_index for h in ruled.hits}


def test_a_hidden_layer_learns_what_a_line_cannot_and_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(300, 5))
    y = np.stack([(x[:, 0] * x[:, 1]) > 0, x[:, 2] > 0], axis=1).astype(float)  # the first column: no line splits it
    linear = train_head(x, y, ("a", "b"), l2=1e-3)
    deep = train_head(x, y, ("a", "b"), l2=1e-3, hidden=16, epochs=600)
    again = train_head(x, y, ("a", "b"), l2=1e-3, hidden=16, epochs=600)
    assert deep.hidden_weights is not None and again.hidden_weights is not None
    assert np.array_equal(deep.hidden_weights, again.hidden_weights) and np.array_equal(deep.weights, again.weights)
    right = lambda head: ((head.probabilities(x)[:, 0] >= 0.5) == (y[:, 0] > 0)).mean()  # noqa: E731
    assert right(linear) < 0.7 < 0.9 < right(deep)
    reader = train_head(np.hstack([x, x]), y, ("a", "b"), hidden=8, epochs=50)
    head = replace(deep, embedder="toy", reader=reader, sure=0.6)
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert loaded.hidden_weights is not None and loaded.reader is not None and loaded.reader.hidden_weights is not None
    assert np.allclose(loaded.probabilities(x, x), head.probabilities(x, x), atol=1e-4)
    assert np.allclose(loaded.readings(x, x)[1], deep.probabilities(x), atol=1e-4)


def test_a_hidden_layer_that_does_not_fit_the_head_is_corrupt(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 4))
    head = replace(train_head(x, (x[:, :2] > 0).astype(float), ("a", "b"), hidden=6, epochs=20), embedder="toy")
    save_head(head, tmp_path / "head.npz")
    with np.load(tmp_path / "head.npz") as data:
        arrays = {name: data[name] for name in data.files}
    arrays["hidden_bias"] = np.zeros(5, dtype=np.float32)
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(HeadError, match=r"bad\.npz.*hidden layer does not match.*assistant model train"):
        load_head(tmp_path / "bad.npz")
