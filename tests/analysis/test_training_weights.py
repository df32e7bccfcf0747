"""Writer weighting in training (``training.writer``, ``training.writer_weights``, ``train_head(weights=...)``): each
writer's lines can weigh the same in all, however many lines each wrote (issue 10, eighth round)."""

from __future__ import annotations

import numpy as np

from assistant.analysis.model.head import Example, train_head
from assistant.analysis.model.labelled import writer, writer_weights


def _line(source: str) -> Example:
    return Example("a line", "en", (), source)


def test_writer_is_the_corpus_folder_or_the_model_train_batch() -> None:
    assert writer(_line("eval_heldout6/en.yaml:3")) == "eval_heldout6"
    assert writer(_line("model_train/s6a_it.yaml:12")) == "model_train/s6a"
    assert writer(_line("model_train/context_zh.yaml:1")) == "model_train/context"
    assert writer(_line("model_train/en.yaml:4")) == "model_train/base"
    assert writer(_line("verdict:call 3 line 4")) == "verdict"


def test_every_writer_weighs_the_same_at_power_one_and_the_mean_stays_one() -> None:
    lines = [_line("big/en.yaml:1")] * 30 + [_line("small/en.yaml:1")] * 10
    w = writer_weights(lines, power=1.0)
    assert w is not None and np.isclose(w.mean(), 1.0)
    assert np.isclose(w[:30].sum(), w[30:].sum())  # 30 lines of one writer weigh what 10 of the other do
    half = writer_weights(lines, power=0.5)
    assert half is not None and w[30] > half[30] > half[0] > w[0] - 1e-12
    assert writer_weights(lines, power=0.0) is None  # off: every line 1


def test_a_row_of_weight_zero_is_not_learned_from() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 6))
    y = (x[:, :1] > 0).astype(float)
    noise = np.vstack([x, rng.normal(size=(10, 6))])
    flipped = np.vstack([y, 1 - (noise[40:, :1] > 0)])
    plain = train_head(x, y, ("up",), seed=1)
    weighted = train_head(noise, flipped, ("up",), seed=1, weights=np.r_[np.ones(40), np.zeros(10)])
    moved = train_head(noise, flipped, ("up",), seed=1)
    far = np.abs(weighted.probabilities(x) - plain.probabilities(x)).max()
    assert far < np.abs(moved.probabilities(x) - plain.probabilities(x)).max()
