"""The churn-risk model's stored votes: per call, the nearest-examples vote of each line and sentence its last
reading read (``analysis/model/vote.py``), under the version of the head that read them.

Written by reanalysis in the analysis's transaction (``calls.save_analysis``) when it read a vote anew; read back by
the next reanalysis of the call (``load_votes``: those of the asked head alone, sound and of the asked length), which
takes them instead of reading the head's examples again. Deleted with the call, replaced when a call is re-ingested.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from assistant.records.votes import ModelVotes
from assistant.storage.db import Store
from assistant.storage.tables import ModelVote

FLOAT64 = np.dtype("<f8")


def add_votes(session: Session, call_id: int, votes: ModelVotes) -> None:
    """Replace the call's stored votes with ``votes``."""
    session.execute(delete(ModelVote).where(col(ModelVote.call_id) == call_id))
    rows = [
        {"call_id": call_id, "head": votes.head, "row_key": key, "vote": np.asarray(v, dtype=FLOAT64).tobytes()}
        for key, v in votes.votes.items()
    ]
    if rows:
        session.execute(insert(ModelVote), rows)


def load_votes(store: Store, *, call_id: int, head: str, columns: int) -> ModelVotes:
    """The call's stored votes of ``head``: those ``columns`` values long, finite and in [0, 1] (a corrupt one is
    left out: its row is read anew)."""
    with store.read() as session:
        return stored_votes(session, call_id, head, columns)


def stored_votes(session: Session, call_id: int, head: str, columns: int) -> ModelVotes:
    """``load_votes`` in ``session``: one query of plain rows."""
    query = sa_select(col(ModelVote.row_key), col(ModelVote.vote)).where(
        col(ModelVote.call_id) == call_id, col(ModelVote.head) == head
    )
    found = ((key, decode(blob, columns)) for key, blob in session.execute(query))
    return ModelVotes(head, {key: v for key, v in found if v is not None})


def decode(blob: bytes | memoryview, columns: int) -> np.ndarray | None:
    """The vote in ``blob``; None when it does not hold ``columns`` values, each finite and in [0, 1]."""
    data = bytes(blob)
    if columns <= 0 or len(data) != columns * FLOAT64.itemsize:
        return None
    vote = np.frombuffer(data, dtype=FLOAT64).astype(np.float64)
    return vote if (np.isfinite(vote) & (vote >= 0) & (vote <= 1)).all() else None
