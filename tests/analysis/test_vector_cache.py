"""The trainer's vector cache with the real encoders: each text's row as embedding it alone gives, read back from
the file by a fresh cache without embedding again; a damaged file is set aside and its texts embedded again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import get_embedder
from assistant.analysis.model.vector_cache import VectorCache, file_key

TEXTS = ["Honestly the price is too high for us.", "ok", "Il prezzo è troppo alto.", "我们的预算被砍了", ""]


class Counting:
    """The real embedder, counting the texts it is asked for."""

    def __init__(self) -> None:
        self.inner = get_embedder()
        self.name, self.dims, self.asked = self.inner.name, self.inner.dims, 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.asked += len(texts)
        return self.inner.embed(texts)


def test_rows_are_each_text_embedded_alone_and_come_back_from_the_file(tmp_path: Path) -> None:
    first = Counting()
    rows = VectorCache(first, tmp_path).embed([*TEXTS, TEXTS[0]])
    alone = np.vstack([get_embedder().embed([t]) for t in TEXTS])
    assert np.array_equal(rows[: len(TEXTS)], alone) and np.array_equal(rows[-1], rows[0])
    assert first.asked == len(TEXTS)  # each distinct text once
    together = get_embedder().embed(TEXTS)  # USE's rows move with their batch: why the cache embeds texts alone
    assert not np.array_equal(together, alone)
    again = Counting()
    assert np.array_equal(VectorCache(again, tmp_path).embed(TEXTS[::-1]), alone[::-1]) and again.asked == 0
    added = VectorCache(again, tmp_path).embed(["a new line", TEXTS[1]])
    assert again.asked == 1 and np.array_equal(added[1], alone[1])


def test_a_damaged_file_is_set_aside_and_its_texts_embedded_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = VectorCache(Counting(), tmp_path)
    cache.embed(TEXTS[:2])
    cache.path.write_bytes(b"PK\x03\x04 not a zip")
    fresh = Counting()
    with caplog.at_level(logging.WARNING):
        rows = VectorCache(fresh, tmp_path).embed(TEXTS[:2])
    assert fresh.asked == 2 and np.array_equal(rows, np.vstack([get_embedder().embed([t]) for t in TEXTS[:2]]))
    assert "vector cache is damaged" in caplog.text and cache.path.name in caplog.text
    assert cache.path.with_name(cache.path.name + ".damaged").is_file()


def test_another_encoder_has_a_file_of_its_own() -> None:
    assert file_key("e5-small-q4+use-m3") != file_key("another-encoder")
