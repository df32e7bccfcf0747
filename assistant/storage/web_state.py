"""What every web process shares (migration 0017): sign-in attempts counted by the limiter, and the progress of
the web app's background jobs, so that several processes (or machines) behind one address agree on both.

Sign-in attempts are one row each, inserted and committed before they are counted: of two processes counting at
once, the later one sees both rows, so never more than the limit get through. Old rows go as new ones come.
A job's row is written by the process that runs it (``runner``), which renews ``heartbeat`` while it runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import col, select

from assistant.errors import NotFoundError
from assistant.records.web import JobState
from assistant.storage.db import Store
from assistant.storage.tables import LoginAttempt, WebJob, utcnow

# ---- sign-in attempts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptCount:
    key: str
    count: int  # attempts within the window, this one included
    oldest: float  # when the oldest of them was made (epoch seconds)


def add_attempt(store: Store, *, keys: tuple[str, ...], at: float, since: float) -> list[int]:
    """Count one attempt against each key (committed at once); attempts made at or before ``since`` are
    deleted. The new rows' ids."""
    with store.transaction() as session:
        session.execute(sa.delete(LoginAttempt).where(col(LoginAttempt.at) <= since))
        rows = [LoginAttempt(key=key, at=at) for key in keys]
        session.add_all(rows)
        session.flush()
        return [int(row.id or 0) for row in rows]


def count_attempts(store: Store, *, keys: tuple[str, ...], since: float) -> list[AttemptCount]:
    """How many attempts each key has after ``since`` (keys with none are left out)."""
    query = (
        select(LoginAttempt.key, sa.func.count(), sa.func.min(LoginAttempt.at))
        .where(col(LoginAttempt.key).in_(keys), col(LoginAttempt.at) > since)
        .group_by(LoginAttempt.key)
    )
    with store.read() as session:
        return [AttemptCount(key, int(n), float(oldest)) for key, n, oldest in session.exec(query)]


def forget_attempts(store: Store, *, ids: list[int], keys: tuple[str, ...] = ()) -> None:
    """Uncount the attempts ``ids`` (refused, or the password was right) and every attempt against ``keys``."""
    with store.transaction() as session:
        session.execute(sa.delete(LoginAttempt).where(col(LoginAttempt.id).in_(ids) | col(LoginAttempt.key).in_(keys)))


# ---- background jobs of the web app ------------------------------------------------------------------------


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _job(row: WebJob) -> JobState:
    assert row.id is not None
    return JobState(row.id, row.kind, row.owner, row.status, row.done, row.total, row.message,
                    tuple(json.loads(row.items)), _aware(row.started_at) or utcnow(),
                    _aware(row.finished_at))  # fmt: skip


def add_job(store: Store, *, kind: str, owner: str, runner: str) -> JobState:
    with store.transaction() as session:
        row = WebJob(kind=kind, owner=owner, status="queued", runner=runner)
        session.add(row)
        session.flush()
        return _job(row)


def save_job(store: Store, state: JobState) -> None:
    """Write a job's progress as its runner sees it (and renew its heartbeat)."""
    values = {"status": state.status, "done": state.done, "total": state.total, "message": state.message,
              "items": json.dumps(state.items, default=str), "finished_at": state.finished_at,
              "heartbeat": utcnow()}  # fmt: skip
    with store.transaction() as session:
        session.execute(sa.update(WebJob).where(col(WebJob.id) == state.id).values(**values))


def beat(store: Store, *, ids: list[int]) -> None:
    """The runner is alive: renew the heartbeat of its jobs ``ids``."""
    with store.transaction() as session:
        session.execute(sa.update(WebJob).where(col(WebJob.id).in_(ids)).values(heartbeat=utcnow()))


def get_job(store: Store, *, job_id: int) -> tuple[JobState, str, datetime]:
    """A job, the process that runs it and its last heartbeat; NotFoundError when there is no such job."""
    with store.read() as session:
        row = session.get(WebJob, job_id)
        if row is None:
            raise NotFoundError(f"no job {job_id} (jobs are kept for 7 days after they end)")
        return _job(row), row.runner, _aware(row.heartbeat) or utcnow()


def prune_jobs(store: Store, *, before: datetime) -> int:
    """Delete jobs that ended before ``before``; how many."""
    with store.transaction() as session:
        ended = col(WebJob.finished_at) < before
        return int(session.execute(sa.delete(WebJob).where(ended)).rowcount or 0)  # type: ignore[attr-defined]
