"""Stored utterance embeddings on both backends: float16 round trip in the call's transaction, problems named
(missing rows, another model's vectors, corrupt bytes), library counts, replace and delete."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from assistant.errors import StorageError
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.records.embeddings import Embeddings
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.storage.embeddings import (
    calls_due,
    decode,
    embedding_status,
    encode,
    load_embeddings,
    save_embeddings,
)

MODEL, DIMS = "test-encoder-1", 8


def _transcript(n: int) -> Transcript:
    lines = tuple(Utterance("customer", "customer", i, i + 1.0, f"line {i}") for i in range(n))
    return Transcript(utterances=lines, language="en", duration=float(n), source_kind="vtt")


def _vectors(n: int, seed: int = 1) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, DIMS)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _save(store: Store, n: int = 3, name: str = "a", embeddings: Embeddings | None = None) -> int:
    source = SourceFile(Path(f"/calls/{name}.vtt"), name * 64, 10)
    return calls.save_call(store, source=source, transcript=_transcript(n), metadata=CallMetadata(),
                           embeddings=embeddings)  # fmt: skip


def test_vectors_round_trip_as_float16_with_the_call(store: Store) -> None:
    vectors = _vectors(3)
    call_id = _save(store, embeddings=Embeddings(MODEL, vectors))
    found = load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS)
    assert found.problem == ""
    assert found.vectors.shape == (3, DIMS)
    assert np.allclose(found.vectors, vectors, atol=1e-3)
    assert np.array_equal(found.vectors, vectors.astype(np.float16).astype(np.float32))
    with store.engine.connect() as conn:
        sizes = conn.execute(text("SELECT length(vector) FROM utterance_embedding")).scalars().all()
    assert sizes == [DIMS * 2] * 3


def test_a_call_without_embeddings_is_named_with_the_command(store: Store) -> None:
    call_id = _save(store)
    found = load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS)
    assert found.vectors is None
    assert "3 of 3 utterances have no stored embedding" in found.problem
    assert f"assistant model embed {call_id}" in found.problem
    assert calls_due(store, model=MODEL) == [call_id]


def test_another_models_vectors_are_reported_never_mixed(store: Store) -> None:
    call_id = _save(store, embeddings=Embeddings("old-encoder", _vectors(3)))
    found = load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS)
    assert found.vectors is None and "made by old-encoder, not by the current model test-encoder-1" in found.problem
    status = embedding_status(store, model=MODEL)
    assert (status.current, status.stale, status.missing, status.calls_due) == (0, {"old-encoder": 3}, 0, 1)
    save_embeddings(store, call_id=call_id, embeddings=Embeddings(MODEL, _vectors(3, seed=2)))
    assert load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS).vectors is not None
    assert embedding_status(store, model=MODEL).stale == {}
    assert calls_due(store, model=MODEL) == []


def test_corrupt_bytes_are_named(store: Store) -> None:
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3)))
    with store.engine.begin() as conn:
        last = "(SELECT max(id) FROM utterance_embedding)"
        conn.execute(text(f"UPDATE utterance_embedding SET vector = :v WHERE id = {last}"), {"v": b"\x00\x01\x02"})
    found = load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS)
    assert found.vectors is None and "corrupt embedding of utterance 3" in found.problem
    assert decode(b"\x00" * 5, 2) is None
    assert decode(encode(np.array([[np.inf, 0.0]]))[0], 2) is None


def test_the_wrong_number_of_rows_is_refused_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(StorageError, match="3 utterances but embeddings of shape"):
        _save(store, embeddings=Embeddings(MODEL, _vectors(2)))
    assert calls.call_ids(store) == []


def test_replacing_or_deleting_a_call_takes_its_embeddings_along(store: Store) -> None:
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3)))
    other = _save(store, 2, "b", Embeddings(MODEL, _vectors(2)))
    source = SourceFile(Path("/calls/a.vtt"), "a" * 64, 10)
    calls.save_call(store, source=source, transcript=_transcript(4), metadata=CallMetadata(), replace=call_id)
    assert "4 of 4 utterances have no stored embedding" in load_embeddings(
        store, call_id=call_id, model=MODEL, dims=DIMS).problem  # fmt: skip
    calls.delete_call(store, call_id=other)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM utterance_embedding")).scalar_one() == 0
    with pytest.raises(StorageError, match="no call with id 99"):
        save_embeddings(store, call_id=99, embeddings=Embeddings(MODEL, _vectors(1)))
