"""What every web process shares through the database (storage.web_state), on SQLite and PostgreSQL: sign-in
attempts counted per key and expiring, several processes (stores) counting at once, and background jobs."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from assistant.errors import NotFoundError, TooManyAttemptsError
from assistant.services.auth import LoginLimiter
from assistant.settings import Settings
from assistant.storage import web_state
from assistant.storage.db import Store


def test_attempts_are_counted_per_key_within_the_window_and_old_ones_deleted(store: Store) -> None:
    web_state.add_attempt(store, keys=("user:ann", "addr:10.0.0.1"), at=100.0, since=0.0)
    ids = web_state.add_attempt(store, keys=("user:ann",), at=200.0, since=0.0)
    keys = ("user:ann", "addr:10.0.0.1", "user:bob")
    counts = {c.key: (c.count, c.oldest) for c in web_state.count_attempts(store, keys=keys, since=50.0)}
    assert counts == {"user:ann": (2, 100.0), "addr:10.0.0.1": (1, 100.0)}
    assert [(c.key, c.count) for c in web_state.count_attempts(store, keys=("user:ann",), since=150.0)] == [
        ("user:ann", 1)
    ]
    web_state.add_attempt(store, keys=("user:carl",), at=300.0, since=150.0)  # attempts at 100 are deleted now
    assert [c.count for c in web_state.count_attempts(store, keys=("user:ann", "addr:10.0.0.1"), since=0.0)] == [1]
    web_state.forget_attempts(store, ids=ids)
    assert web_state.count_attempts(store, keys=("user:ann",), since=0.0) == []


def test_processes_counting_at_once_never_let_more_than_the_limit_through(settings: Settings, store: Store) -> None:
    """Four stores (as four web processes would hold) on one database, 24 wrong sign-ins at once."""
    stores = [store] + [Store.open(settings) for _ in range(3)]
    limiter, through, refused = LoginLimiter(attempts=5, window=60), [], []
    barrier = threading.Barrier(24)

    def attempt(n: int) -> None:
        barrier.wait()
        try:
            through.append(limiter.begin(stores[n % 4], "user:ann", f"addr:10.0.0.{n}"))
        except TooManyAttemptsError:
            refused.append(n)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for extra in stores[1:]:
        extra.close()
    assert len(through) <= 5 and len(through) + len(refused) == 24  # fewer may pass in a burst, never more
    counted = web_state.count_attempts(store, keys=("user:ann",), since=0.0)
    assert [c.count for c in counted] == ([len(through)] if through else [])  # refused attempts are not counted
    for _ in range(5 - len(through)):  # one at a time, the rest of the limit passes, then no more
        limiter.begin(store, "user:ann", "addr:10.0.1.1")
    with pytest.raises(TooManyAttemptsError):
        limiter.begin(store, "user:ann", "addr:10.0.1.2")


def test_a_job_is_stored_updated_and_read_back(store: Store) -> None:
    job = web_state.add_job(store, kind="upload", owner="rita", runner="web-1:42")
    assert job.status == "queued" and job.items == () and job.started_at.tzinfo is not None
    ended = datetime.now(UTC)
    done = replace(job, status="done", done=2, total=2, message="2 stored", finished_at=ended,
                   items=({"file": "a.vtt", "status": "stored", "call_id": 7},))  # fmt: skip
    web_state.save_job(store, done)
    read, runner, heartbeat = web_state.get_job(store, job_id=job.id)
    assert read == replace(done, started_at=read.started_at, finished_at=read.finished_at)
    assert read.finished_at is not None and abs((read.finished_at - ended).total_seconds()) < 1
    assert runner == "web-1:42" and abs((datetime.now(UTC) - heartbeat).total_seconds()) < 60
    assert web_state.prune_jobs(store, before=ended - timedelta(seconds=5)) == 0
    assert web_state.prune_jobs(store, before=ended + timedelta(seconds=5)) == 1
    with pytest.raises(NotFoundError, match=f"no job {job.id}"):
        web_state.get_job(store, job_id=job.id)
