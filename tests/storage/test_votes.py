"""The churn-risk model's stored votes on both backends: float64 round trip in the analysis's transaction, per head
version, corrupt ones left out, replaced by the next reading's, gone with the call and with a re-ingest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from assistant.records import Analysis, CallMetadata, RiskReport, SourceFile, Transcript, Utterance
from assistant.records.votes import ModelVotes
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.storage.votes import decode, load_votes

HEAD, COLUMNS = "0123456789ab", 4


def _save(store: Store, name: str = "a", replace: int | None = None) -> int:
    lines = (Utterance("customer", "customer", 0.0, 1.0, "the price is too high"),)
    transcript = Transcript(utterances=lines, language="en", duration=1.0, source_kind="vtt")
    source = SourceFile(Path(f"/calls/{name}.vtt"), name * 64, 10)
    return calls.save_call(store, source=source, transcript=transcript, metadata=CallMetadata(), replace=replace)


def _analysis() -> Analysis:
    return Analysis((), (), RiskReport(0.0, "low"), rules_version="test")


def _votes(seed: int = 1, n: int = 3, head: str = HEAD) -> ModelVotes:
    rows = np.random.default_rng(seed).random((n, COLUMNS))
    return ModelVotes(head, {f"{seed:02d}{i:030d}": row for i, row in enumerate(rows)})


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM model_vote")).scalar_one())


def test_votes_round_trip_bit_for_bit_with_the_analysis_under_their_head(store: Store) -> None:
    call_id = _save(store)
    votes = _votes()
    calls.save_analysis(store, call_id=call_id, analysis=_analysis(), votes=votes)
    found = load_votes(store, call_id=call_id, head=HEAD, columns=COLUMNS)
    assert found.head == HEAD and set(found.votes) == set(votes.votes)
    assert all(np.array_equal(found.votes[k], v) and found.votes[k].dtype == np.float64 for k, v in votes.votes.items())
    assert load_votes(store, call_id=call_id, head="another head", columns=COLUMNS).votes == {}
    assert load_votes(store, call_id=call_id, head=HEAD, columns=COLUMNS + 1).votes == {}  # another head's columns


def test_a_new_reading_replaces_the_calls_votes_and_leaves_other_calls_alone(store: Store) -> None:
    first, second = _save(store, "a"), _save(store, "b")
    calls.save_analysis(store, call_id=first, analysis=_analysis(), votes=_votes(1))
    calls.save_analysis(store, call_id=second, analysis=_analysis(), votes=_votes(2))
    calls.save_analysis(store, call_id=first, analysis=_analysis(), votes=_votes(3, n=2, head="fedcba987654"))
    assert load_votes(store, call_id=first, head=HEAD, columns=COLUMNS).votes == {}
    assert len(load_votes(store, call_id=first, head="fedcba987654", columns=COLUMNS).votes) == 2
    assert len(load_votes(store, call_id=second, head=HEAD, columns=COLUMNS).votes) == 3
    calls.save_analysis(store, call_id=second, analysis=_analysis())  # no new vote read: the stored ones stay
    assert len(load_votes(store, call_id=second, head=HEAD, columns=COLUMNS).votes) == 3


def test_votes_go_with_the_call_and_with_a_reingest(store: Store) -> None:
    call_id = _save(store)
    calls.save_analysis(store, call_id=call_id, analysis=_analysis(), votes=_votes())
    assert _save(store, replace=call_id) == call_id  # --force: a new transcript, its lines' votes are not known
    assert _count(store) == 0
    calls.save_analysis(store, call_id=call_id, analysis=_analysis(), votes=_votes())
    calls.delete_call(store, call_id=call_id)
    assert _count(store) == 0


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"\x00" * 8 * (COLUMNS - 1),
        np.array([0.1, np.nan, 0.2, 0.3]).tobytes(),
        np.array([0.1, 1.5, 0.2, 0.3]).tobytes(),
        np.array([0.1, -0.5, 0, 0]).tobytes(),
    ],
)
def test_a_corrupt_vote_is_left_out_and_the_others_are_read(store: Store, blob: bytes) -> None:
    call_id = _save(store)
    calls.save_analysis(store, call_id=call_id, analysis=_analysis(), votes=_votes())
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE model_vote SET vote = :v WHERE id = (SELECT min(id) FROM model_vote)"), {"v": blob})
    assert decode(blob, COLUMNS) is None
    assert len(load_votes(store, call_id=call_id, head=HEAD, columns=COLUMNS).votes) == 2
