"""Stored utterance embeddings: one compact float16 vector per utterance, with the id of the model that made it;
and the vectors of the sentences of long customer turns, which the churn-risk model reads one by one.

Written in the call's own transaction at ingest (``calls.save_call``), again by reanalysis when the stored
ones were missing or of another model, and by ``assistant model embed``; the sentence vectors always with the
utterance vectors, in the same transaction. Read back whole per call for reanalysis (``load_embeddings``: vectors
only when every line has a sound one of the asked model, never a mix of models; ``load_sentences``: the sound
sentence vectors of the asked model, by the text they embed, which the reader matches against its own cut),
counted per model (``embedding_status``), and as one matrix by meaning search (``search/vectors.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from assistant.errors import StorageError
from assistant.records.embeddings import (
    NO_SENTENCES,
    Embeddings,
    EmbeddingStatus,
    SentenceVectors,
    StoredEmbeddings,
    StoredReading,
)
from assistant.storage.db import Store
from assistant.storage.tables import Call, SentenceEmbedding, Utterance, UtteranceEmbedding
from assistant.storage.votes import stored_votes

FLOAT16 = np.dtype("<f2")
REBUILD = "assistant model embed"


def encode(vectors: np.ndarray) -> list[bytes]:
    """Each row as little-endian float16 bytes (2 bytes per dimension)."""
    return [row.tobytes() for row in np.asarray(vectors, dtype=np.float32).astype(FLOAT16)]


def decode(blob: bytes | memoryview, dims: int) -> np.ndarray | None:
    """The float32 vector of ``blob``; None when its length does not hold ``dims`` values or it is not finite."""
    data = bytes(blob)
    if dims <= 0 or len(data) != dims * FLOAT16.itemsize:
        return None
    vector = np.frombuffer(data, dtype=FLOAT16).astype(np.float32)
    return vector if np.isfinite(vector).all() else None


def text_hash(text: str) -> str:
    """The key of a sentence's stored vector: SHA-256 of its text (hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_embeddings(session: Session, call_id: int, utterance_ids: Sequence[int], embeddings: Embeddings) -> None:
    """Replace the call's embeddings with ``embeddings`` (one row per id of ``utterance_ids``, in order), and its
    sentence vectors with ``embeddings.sentences``."""
    vectors = np.asarray(embeddings.vectors)
    if vectors.ndim != 2 or len(vectors) != len(utterance_ids):
        raise StorageError(f"call {call_id}: {len(utterance_ids)} utterances but embeddings of shape {vectors.shape}")
    session.execute(delete(UtteranceEmbedding).where(col(UtteranceEmbedding.call_id) == call_id))
    rows = [
        {"utterance_id": uid, "call_id": call_id, "model": embeddings.model, "dims": embeddings.dims, "vector": blob}
        for uid, blob in zip(utterance_ids, encode(vectors), strict=True)
    ]
    if rows:
        session.execute(insert(UtteranceEmbedding), rows)
    _add_sentences(session, call_id, utterance_ids, embeddings)


def _add_sentences(session: Session, call_id: int, utterance_ids: Sequence[int], embeddings: Embeddings) -> None:
    found = embeddings.sentences
    session.execute(delete(SentenceEmbedding).where(col(SentenceEmbedding.call_id) == call_id))
    if not len(found):
        return
    vectors = np.asarray(found.vectors)
    if vectors.shape != (len(found), embeddings.dims) or not all(0 <= i < len(utterance_ids) for i in found.utterances):
        raise StorageError(f"call {call_id}: {len(found)} sentences of utterances {sorted(set(found.utterances))}, "
                           f"sentence vectors of shape {vectors.shape}, {len(utterance_ids)} utterances")  # fmt: skip
    rows = [
        {"utterance_id": utterance_ids[i], "call_id": call_id, "model": embeddings.model, "dims": embeddings.dims,
         "text_hash": text_hash(t), "vector": blob}
        for i, t, blob in zip(found.utterances, found.texts, encode(vectors), strict=True)
    ]  # fmt: skip
    session.execute(insert(SentenceEmbedding), rows)


def utterance_ids(session: Session, call_id: int) -> list[int]:
    """The ids of the call's utterances, in the call's order (the rows its embeddings go with)."""
    query = sa_select(col(Utterance.id)).where(col(Utterance.call_id) == call_id).order_by(col(Utterance.idx))
    return [i for i in session.execute(query).scalars() if i is not None]


def save_embeddings(store: Store, *, call_id: int, embeddings: Embeddings) -> None:
    """Store a call's embeddings in their own transaction (``assistant model embed``)."""
    with store.transaction() as session:
        if session.get(Call, call_id) is None:
            raise StorageError(f"no call with id {call_id} (see `assistant calls list`)")
        add_embeddings(session, call_id, utterance_ids(session, call_id), embeddings)


def load_embeddings(store: Store, *, call_id: int, model: str, dims: int) -> StoredEmbeddings:
    """The call's vectors, one row per utterance in order, when each is a sound ``dims``-long one of ``model``;
    else no vectors and the problem, naming the call and the command that rebuilds them."""
    with store.read() as session:
        return stored_lines(session, call_id, utterance_ids(session, call_id), model, dims)


def load_reading(
    store: Store, *, call_id: int, model: str, dims: int, wanted: SentenceVectors, head: str = "", columns: int = 0
) -> StoredReading:
    """``load_embeddings``, ``load_sentences`` of the ``wanted`` sentences and, given a ``head``, ``votes.load_votes``
    of the call in one read (its utterance ids read once): what a reanalysis reads besides the transcript."""
    with store.read() as session:
        ids = utterance_ids(session, call_id)
        lines = stored_lines(session, call_id, ids, model, dims)
        sentences = stored_sentences(session, call_id, ids, model, dims, wanted)
        votes = stored_votes(session, call_id, head, columns) if head else None
    return StoredReading(lines, sentences, votes)


def stored_lines(session: Session, call_id: int, ids: Sequence[int], model: str, dims: int) -> StoredEmbeddings:
    """``load_embeddings`` in ``session``, the call's utterance ids (in order) given: one query of plain rows."""
    columns = (col(UtteranceEmbedding.utterance_id), col(UtteranceEmbedding.model), col(UtteranceEmbedding.dims),
               col(UtteranceEmbedding.vector))  # fmt: skip
    query = sa_select(*columns).where(col(UtteranceEmbedding.call_id) == call_id)
    rows = {r.utterance_id: r for r in session.execute(query)}
    problem = _problem(ids, rows, model, dims)
    if problem:
        return StoredEmbeddings(None, f"call {call_id}: {problem}; `{REBUILD} {call_id}` rebuilds them")
    vectors = [decode(rows[i].vector, dims) for i in ids]
    sound = [v for v in vectors if v is not None]
    if len(sound) < len(vectors):
        bad = next(n for n, v in enumerate(vectors, 1) if v is None)
        return StoredEmbeddings(None, f"call {call_id}: corrupt embedding of utterance {bad}; "
                                      f"`{REBUILD} {call_id}` rebuilds them")  # fmt: skip
    return StoredEmbeddings(np.vstack(sound) if sound else np.zeros((0, dims), np.float32))


def load_sentences(store: Store, *, call_id: int, model: str, dims: int, wanted: SentenceVectors) -> SentenceVectors:
    """Those of the ``wanted`` sentences (utterance index and text; no vectors) whose vector the call has stored,
    made by ``model``, ``dims`` long and sound, with their vectors: the others are missing (never another model's)."""
    if not len(wanted):
        return NO_SENTENCES
    with store.read() as session:
        return stored_sentences(session, call_id, utterance_ids(session, call_id), model, dims, wanted)


def stored_sentences(
    session: Session, call_id: int, ids: Sequence[int], model: str, dims: int, wanted: SentenceVectors
) -> SentenceVectors:
    """``load_sentences`` in ``session``, the call's utterance ids (in order) given: one query of plain rows."""
    if not len(wanted):
        return NO_SENTENCES
    columns = (col(SentenceEmbedding.utterance_id), col(SentenceEmbedding.text_hash), col(SentenceEmbedding.vector))
    query = sa_select(*columns).where(
        col(SentenceEmbedding.call_id) == call_id, col(SentenceEmbedding.model) == model,
        col(SentenceEmbedding.dims) == dims,
    )  # fmt: skip
    rows = {(r.utterance_id, r.text_hash): r.vector for r in session.execute(query)}
    found = [(i, t, decode(rows[key], dims)) for i, t in zip(wanted.utterances, wanted.texts, strict=True)
             if i < len(ids) and (key := (ids[i], text_hash(t))) in rows]  # fmt: skip
    sound = [(i, t, v) for i, t, v in found if v is not None]
    if not sound:
        return NO_SENTENCES
    indices, texts, vectors = zip(*sound, strict=True)
    return SentenceVectors(tuple(indices), tuple(texts), np.vstack(vectors))


def _problem(ids: Sequence[int], rows: Mapping[int, Any], model: str, dims: int) -> str:
    missing = sum(i not in rows for i in ids)
    if missing:
        return f"{missing} of {len(ids)} utterances have no stored embedding"
    others = sorted({r.model for r in rows.values() if r.model != model})
    if others:
        return f"embeddings made by {', '.join(others)}, not by the current model {model}"
    if any(r.dims != dims for r in rows.values()):
        return f"embeddings of another size than {dims}"
    return ""


def embedding_status(store: Store, *, model: str) -> EmbeddingStatus:
    """Counts over the whole library: current, stale (per other model) and missing embeddings."""
    with store.read() as session:
        total = int(session.exec(select(func.count()).select_from(Utterance)).one())
        per_model = session.exec(
            select(UtteranceEmbedding.model, func.count()).group_by(col(UtteranceEmbedding.model))
        ).all()
        counts = {str(m): int(n) for m, n in per_model}
        current = counts.pop(model, 0)
        due = len(calls_due(store, model=model, session=session))
    return EmbeddingStatus(model, total, current, counts, total - current - sum(counts.values()), due)


def calls_due(store: Store, *, model: str, session: Session | None = None) -> list[int]:
    """Ids of the calls with an utterance that has no embedding of ``model`` (none, or another model's)."""
    if session is None:
        with store.read() as own:
            return calls_due(store, model=model, session=own)
    current = select(UtteranceEmbedding.utterance_id).where(UtteranceEmbedding.model == model)
    query = select(Utterance.call_id).where(col(Utterance.id).not_in(current)).distinct()
    return sorted(int(i) for i in session.exec(query).all())


def calls_with_long_lines(store: Store, *, longer_than: int) -> list[int]:
    """Ids of the calls with a line not said by the rep of more than ``longer_than`` characters: those whose turns
    the churn-risk model may read sentence by sentence (a turn of more than N words has more than 2N characters)."""
    with store.read() as session:
        query = select(Utterance.call_id).where(Utterance.role != "rep", func.length(Utterance.text) > longer_than)
        return sorted(int(i) for i in session.exec(query.distinct()).all())
