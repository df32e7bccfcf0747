"""The learned follow-up (``analysis/model/follow.py``): which lines it learns from, how its level is chosen, how the
head keeps it, and the model hits it adds (or not) on the customer's turn after a risk; and the model's "no risk"
veto chosen by the precision of the rule hits it dismisses (``training.choose_sure_veto``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.analysis.model import ChurnModel, follow
from assistant.analysis.model.classify import Reading, model_hits
from assistant.analysis.model.head import Example, load_head, save_head, train_head
from assistant.analysis.model.training import COLUMNS, choose_sure_veto
from assistant.records import Utterance

RISKS = ("price", "support")


def _call(group: str, turns: list[tuple[str, tuple[str, ...]]]) -> list[Example]:
    """A call's lines, each with the two turns before it; a role "rep" line is the rep's."""
    out = []
    for n, (text, labels) in enumerate(turns):
        role, _, said = text.partition(": ")
        ctx = tuple(t.partition(": ")[2] for t, _ in turns[max(0, n - 2) : n])
        out.append(Example(said, "en", labels, f"c/en.yaml:{n}", context=ctx, group=group, rep=role == "rep"))
    return out


def test_lines_after_a_labelled_risk_of_the_same_call_are_the_ones_it_learns_from() -> None:
    first = _call("c:1", [("customer: the price is too high", ("price",)), ("rep: I see", ()),
                          ("customer: way too high", ("price",)), ("rep: anything else?", ()),
                          ("customer: no, all good", ())])  # fmt: skip
    other = _call("c:2", [("customer: hello", ()), ("rep: the price is too high", ()), ("customer: ok", ())])
    assert follow.previous_risk(first + other) == [-1, -1, 0, -1, 2, -1, -1, -1]  # the rep's line: none
    x = np.eye(8)
    probs = np.zeros((8, 2))
    feats, gold, at, cols = follow.rows(first + other, x, probs, probs, RISKS)
    assert at.tolist() == [2, 4] and gold.tolist() == [True, False] and cols.tolist() == [0, 0]
    assert feats.shape == (2, follow.FEATURES)


def _synthetic(n: int = 400, seed: int = 0) -> tuple[list[Example], np.ndarray, np.ndarray]:
    """Calls of a risk line, the rep's turn, and an answer that goes on with it when it is near it (cosine)."""
    rng = np.random.default_rng(seed)
    examples: list[Example] = []
    rows: list[np.ndarray] = []
    probs: list[list[float]] = []
    for c in range(n):
        base = rng.normal(size=6)
        goes_on = bool(rng.random() < 0.5)
        answer = base + rng.normal(scale=0.3 if goes_on else 3.0, size=6)
        examples += _call(f"s:{c}", [("customer: risk", ("price",)), ("rep: question", ()),
                                     ("customer: answer", ("price",) if goes_on else ())])  # fmt: skip
        rows += [base, rng.normal(size=6), answer]
        probs += [[0.9, 0.0], [0.0, 0.0], [0.2 if goes_on else 0.15, 0.0]]
    return examples, np.array(rows), np.array(probs)


def test_the_follow_up_is_fitted_and_its_level_reaches_the_precision_or_it_is_off() -> None:
    examples, x, probs = _synthetic()
    fold = np.arange(len(examples)) // 3 % 5
    chosen = follow.fit(examples, x, probs, probs, RISKS, (0.5, 0.5), fold, 0.9, seed=7)
    assert len(chosen) == follow.FEATURES + 2 and chosen[0] in follow.LEVELS
    assert chosen[-1] > 0  # nearer the risk turn: more likely it goes on with it
    assert follow.fit(examples, x, probs, probs, RISKS, (0.5, 0.5), fold, 0.9, seed=7) == chosen  # deterministic
    noise = np.random.default_rng(1).normal(size=x.shape)  # nothing to tell them apart: no level is precise enough
    assert follow.fit(examples, noise, probs * 0 + 0.1, probs * 0 + 0.1, RISKS, (0.5, 0.5), fold, 0.9, seed=7) == ()
    assert follow.fit(examples, x, probs, probs, RISKS, (0.5, 0.5), fold, 0.0, seed=7) == ()  # precision 0: off


def _model(follow_: tuple[float, ...]) -> ChurnModel:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(20, 4))
    head = train_head(x, (x[:, :2] > 0).astype(float), ("price", "logistics"))
    head = replace(head, quiet=("logistics",), thresholds=(0.5, 0.9), follow=follow_)
    return ChurnModel(head, embedder=None, path=Path("toy"))  # type: ignore[arg-type]  # vectors and reading given


def test_a_customer_turn_goes_on_with_a_risk_when_the_follow_up_says_so() -> None:
    roles = ["customer", "rep", "customer", "rep", "customer"]
    utts = [Utterance(r, r, i * 5.0, i * 5.0 + 4.0, f"line {i}", language="en") for i, r in enumerate(roles)]  # type: ignore[arg-type]
    lines = [(i, u, "en") for i, u in enumerate(utts)]
    probs = np.array([[0.8, 0.0], [0.0, 0.0], [0.2, 0.0], [0.0, 0.0], [0.2, 0.0]])
    vectors = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [1, 0.1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)
    # the score rises with the cosine to the previous risk turn only: line 2 is near line 0, line 4 far from line 2
    near_only = (0.6, -3.0, 0.0, 0.0, 0.0, 0.0, 6.0)
    hits = model_hits(lines, vectors, _model(near_only), taken={}, blocked=set(), weights={},
                      reading=Reading(probs, probs))  # fmt: skip
    assert [h.utterance_index for h in hits] == [0, 2]
    assert "goes on from the customer's previous turn (price; follow-up 0.9" in hits[1].evidence
    off = model_hits(lines, vectors, _model(()), taken={}, blocked=set(), weights={}, reading=Reading(probs, probs))
    assert [h.utterance_index for h in off] == [0]


def test_the_head_file_keeps_its_follow_up(tmp_path: Path) -> None:
    model = _model((0.65, -1.5, 0.5, 0.25, 1.0, 2.0, 3.0))
    save_head(replace(model.head, embedder="toy"), tmp_path / "head.npz")
    assert load_head(tmp_path / "head.npz").follow == (0.65, -1.5, 0.5, 0.25, 1.0, 2.0, 3.0)
    save_head(replace(model.head, embedder="toy", follow=()), tmp_path / "off.npz")
    assert load_head(tmp_path / "off.npz").follow == ()


def test_the_sure_veto_is_the_highest_level_whose_dismissals_are_no_risk_often_enough() -> None:
    examples = [Example("risk", "en", ("price",))] * 20 + [Example("quiet", "en", ())] * 20
    probs = np.zeros((40, len(COLUMNS)))
    probs[:20, 0] = [0.12] * 2 + [0.9] * 18  # two true risks the model reads at 0.12
    probs[20:, 0] = [0.03] * 10 + [0.5] * 10
    assert choose_sure_veto(probs, probs, examples, 0.9) == 0.1  # 0.15 dismisses the two risks too: 10/12
    assert choose_sure_veto(probs, probs, examples, 0.8) == 0.3  # 10/12 no risk
    assert choose_sure_veto(probs, probs, examples, 0.95) == 0.1
    alone = probs.copy()
    alone[20:, 0] = 0.95  # alone, the quiet lines read as a risk: the veto needs both readings under it
    assert choose_sure_veto(probs, alone, examples, 0.8) == 0.0
