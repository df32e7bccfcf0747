"""Stored utterance embeddings on both backends: float16 round trip in the call's transaction, problems named
(missing rows, another model's vectors, corrupt bytes), library counts, replace and delete; the sentence vectors of
long turns with them, found by text and model only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from assistant.errors import StorageError
from assistant.records import Analysis, CallMetadata, RiskReport, SourceFile, Transcript, Utterance
from assistant.records.embeddings import Embeddings, SentenceVectors
from assistant.records.votes import ModelVotes
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.storage.embeddings import (
    calls_due,
    decode,
    embedding_status,
    encode,
    load_embeddings,
    load_reading,
    load_sentences,
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


def _sentences(*pairs: tuple[int, str], seed: int = 3) -> SentenceVectors:
    return SentenceVectors(tuple(i for i, _ in pairs), tuple(t for _, t in pairs), _vectors(len(pairs), seed))


def _wanted(found: SentenceVectors) -> SentenceVectors:
    return SentenceVectors(found.utterances, found.texts)


def test_sentence_vectors_are_stored_with_the_call_and_found_by_text_and_model(store: Store) -> None:
    said = _sentences((1, "We opened a depot."), (1, "Finance froze all new spend."), (2, "The team is happy."))
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3), said))
    found = load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=_wanted(said))
    assert (found.utterances, found.texts) == (said.utterances, said.texts)
    assert np.array_equal(found.vectors, said.vectors.astype(np.float16).astype(np.float32))
    cut_otherwise = SentenceVectors(
        (1, 1, 2), ("We opened a depot. Finance froze all new spend.", "x", "The team is happy.")
    )
    assert load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=cut_otherwise).texts == (
        "The team is happy.",)  # fmt: skip
    elsewhere = SentenceVectors((2,), ("We opened a depot.",))  # the same text in another utterance: not this one's
    assert len(load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=elsewhere)) == 0
    assert len(load_sentences(store, call_id=call_id, model="another-encoder", dims=DIMS, wanted=_wanted(said))) == 0
    assert len(load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS * 2, wanted=_wanted(said))) == 0


def test_a_corrupt_sentence_vector_is_missing_not_read(store: Store) -> None:
    said = _sentences((0, "One sentence here."), (0, "And another one."))
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3), said))
    with store.engine.begin() as conn:
        first = "(SELECT min(id) FROM sentence_embedding)"
        conn.execute(text(f"UPDATE sentence_embedding SET vector = :v WHERE id = {first}"), {"v": b"\x00\x01"})
    assert load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=_wanted(said)).texts == (
        "And another one.",)  # fmt: skip


def test_sentence_vectors_are_replaced_with_the_lines_and_deleted_with_the_call(store: Store) -> None:
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3), _sentences((0, "Old cut."), (0, "Old cut two."))))
    new = _sentences((0, "New cut."), seed=4)
    save_embeddings(store, call_id=call_id, embeddings=Embeddings(MODEL, _vectors(3), new))
    assert _sentence_count(store) == 1
    assert load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=_wanted(new)).texts == ("New cut.",)
    source = SourceFile(Path("/calls/a.vtt"), "a" * 64, 10)
    calls.save_call(store, source=source, transcript=_transcript(4), metadata=CallMetadata(), replace=call_id)
    assert _sentence_count(store) == 0
    other = _save(store, 2, "b", Embeddings(MODEL, _vectors(2), new))
    calls.delete_call(store, call_id=other)
    assert _sentence_count(store) == 0


def test_sentence_vectors_that_do_not_fit_are_refused_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(StorageError, match=r"1 sentences of utterances \[7\]"):
        _save(store, embeddings=Embeddings(MODEL, _vectors(3), _sentences((7, "No such line."))))
    wrong = SentenceVectors((0, 1), ("One.", "Two."), _vectors(3))
    with pytest.raises(StorageError, match=r"sentence vectors of shape \(3, 8\)"):
        _save(store, embeddings=Embeddings(MODEL, _vectors(3), wrong))
    assert calls.call_ids(store) == [] and _sentence_count(store) == 0


def _sentence_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sentence_embedding")).scalar_one())


def test_load_reading_reads_what_the_three_loaders_read_in_one_go(store: Store) -> None:
    """``load_reading`` (what a reanalysis reads besides the transcript) is ``load_embeddings``, ``load_sentences``
    and ``votes.load_votes`` of the same call, one read: the same vectors, sentences and votes bit for bit; another
    call's rows never come with them; no head asked, no votes read."""
    said = _sentences((1, "We opened a depot."), (1, "Finance froze all new spend."), (2, "The team is happy."))
    other = _save(store, 2, "b", Embeddings(MODEL, _vectors(2, seed=9), _sentences((1, "We opened a depot."), seed=8)))
    call_id = _save(store, embeddings=Embeddings(MODEL, _vectors(3), said))
    head, columns = "0123456789ab", 4
    votes = ModelVotes(head, {f"{i:032d}": np.random.default_rng(i).random(columns) for i in range(3)})
    calls.save_analysis(store, call_id=call_id, analysis=Analysis((), (), RiskReport(0.0, "low"), "t"), votes=votes)
    wanted = SentenceVectors((1, 1, 2, 0), (*said.texts, "Not stored."))
    read = load_reading(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=wanted, head=head, columns=columns)
    lines = load_embeddings(store, call_id=call_id, model=MODEL, dims=DIMS)
    assert np.array_equal(read.lines.vectors, lines.vectors) and read.lines.problem == lines.problem == ""
    one_by_one = load_sentences(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=wanted)
    assert (read.sentences.utterances, read.sentences.texts) == (one_by_one.utterances, one_by_one.texts) == (
        said.utterances, said.texts)  # fmt: skip
    assert np.array_equal(read.sentences.vectors, one_by_one.vectors)
    assert read.votes is not None and read.votes.head == head and set(read.votes.votes) == set(votes.votes)
    assert all(np.array_equal(read.votes.votes[k], v) for k, v in votes.votes.items())
    assert load_reading(store, call_id=call_id, model=MODEL, dims=DIMS, wanted=wanted).votes is None
    stale = load_reading(store, call_id=call_id, model="another-encoder", dims=DIMS, wanted=wanted, head="f" * 12,
                         columns=columns)  # fmt: skip
    assert stale.lines.vectors is None and "another-encoder" in stale.lines.problem
    assert len(stale.sentences) == 0 and stale.votes is not None and stale.votes.votes == {}
    theirs = load_reading(store, call_id=other, model=MODEL, dims=DIMS, wanted=wanted, head=head, columns=columns)
    assert theirs.lines.vectors.shape == (2, DIMS) and theirs.sentences.texts == ("We opened a depot.",)
    assert theirs.votes is not None and theirs.votes.votes == {}
