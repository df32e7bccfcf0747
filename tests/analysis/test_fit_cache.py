"""The trainer's fit cache: a fit read back is the fit made, bit for bit; any input changed is another key; a damaged
file is fitted again."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model.fit_cache import FitCache, inputs_key
from assistant.analysis.model.head import Head, train_head

X = np.random.default_rng(0).normal(size=(80, 6))
Y = np.stack([X[:, 0] > 0, X[:, 1] > 0.3], axis=1).astype(float)
ROWS = np.arange(80) % 5 != 0


def _fit(calls: list[int]) -> Head:
    calls.append(1)
    head = train_head(X[ROWS], Y[ROWS], ("a", "b"), seed=7, epochs=60, threshold=0.3)
    return replace(head, reader=train_head(np.hstack([X, X])[ROWS], Y[ROWS], ("a", "b"), seed=7, epochs=60))


def test_a_fit_read_back_is_the_fit_made(tmp_path: Path) -> None:
    key, calls = inputs_key([X, Y], [7, "constants"]), []
    made = FitCache(tmp_path, key).fitted(ROWS, lambda: _fit(calls))
    read = FitCache(tmp_path, key).fitted(ROWS, lambda: _fit(calls))
    assert calls == [1] and read.categories == made.categories and read.threshold == made.threshold == 0.3
    assert made.reader is not None and read.reader is not None
    for a, b in ((made, read), (made.reader, read.reader)):
        assert all(np.array_equal(getattr(a, n), getattr(b, n)) for n in ("weights", "bias", "center", "scale"))
        assert b.weights.dtype == np.float64
    FitCache(tmp_path, key).fitted(~ROWS, lambda: _fit(calls))  # other rows: another fit
    FitCache(None, key).fitted(ROWS, lambda: _fit(calls))  # no folder: always fitted
    assert calls == [1, 1, 1]


def test_any_input_changed_is_another_key() -> None:
    key = inputs_key([X, Y], [7, "constants"])
    nudged = X.copy()
    nudged[3, 2] = np.nextafter(nudged[3, 2], 1.0)  # one bit of one vector: the fit differs (training is chaotic)
    assert len({key, inputs_key([nudged, Y], [7, "constants"]), inputs_key([X, Y], [8, "constants"]),
                inputs_key([X, Y.astype(np.float32)], [7, "constants"])}) == 4  # fmt: skip


def test_a_damaged_fit_is_fitted_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    key, calls = inputs_key([X], []), []
    FitCache(tmp_path, key).fitted(ROWS, lambda: _fit(calls))
    (path,) = tmp_path.glob("fit-*.npz")
    path.write_bytes(b"PK\x03\x04 not a zip")
    with caplog.at_level(logging.WARNING):
        FitCache(tmp_path, key).fitted(ROWS, lambda: _fit(calls))
    assert calls == [1, 1] and "cached fit cannot be read" in caplog.text and path.name in caplog.text
