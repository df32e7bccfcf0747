"""What the job queue's jobs did: ``job_run`` rows (one per attempt: worker, times, error) beside
procrastinate's own ``procrastinate_jobs`` (state, attempts, queue, arguments), read together for
`assistant jobs list|show`. PostgreSQL only: procrastinate is the queue (assistant.jobs)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlmodel import col, func, select

from assistant.errors import StorageError
from assistant.records.jobs import JobAttempt, JobInfo
from assistant.storage.db import Store
from assistant.storage.tables import JobRun, utcnow


def start_attempt(store: Store, *, job_id: int, task: str, worker: str) -> int:
    """Record that ``worker`` started the job's next attempt (numbered after its recorded ones: 1, 2, 3 … also
    after `jobs retry`, where the queue's own count skips one); returns the run's id."""
    with store.transaction() as session:
        done = session.exec(select(func.max(JobRun.attempt)).where(JobRun.job_id == job_id)).one()
        run = JobRun(job_id=job_id, task=task, attempt=int(done or 0) + 1, worker=worker, status="doing")
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def finish_attempt(
    store: Store, run_id: int, *, error: str | None = None, result: dict[str, Any] | None = None
) -> None:
    """The attempt ended: succeeded with ``result`` (what it produced, kept as JSON), or failed with ``error``;
    its status, end time and result are written together."""
    with store.transaction() as session:
        run = session.get(JobRun, run_id)
        if run is not None:
            run.status, run.error, run.finished_at = ("failed" if error else "succeeded"), error, utcnow()
            run.result = None if error or result is None else json.dumps(result, default=str, sort_keys=True)


def mark_lost(store: Store, job_id: int, *, reason: str) -> None:
    """The job's unfinished attempts ended with their worker (killed, machine lost): say so."""
    with store.transaction() as session:
        runs = session.exec(select(JobRun).where(JobRun.job_id == job_id, JobRun.status == "doing")).all()
        for run in runs:
            run.status, run.error, run.finished_at = "lost", reason, utcnow()


def run_now(store: Store, *, lock: str) -> int | None:
    """The waiting job with this queueing lock runs now rather than at its scheduled time (a retry scheduled
    later, brought forward by hand); its id, or None when no job waits."""
    _require_postgres(store)
    with store.transaction() as session:
        found = session.execute(text(
            "UPDATE procrastinate_jobs SET scheduled_at = now() WHERE queueing_lock = :lock AND status = 'todo' "
            "RETURNING id"), {"lock": lock}).scalar()  # fmt: skip
    return None if found is None else int(found)


_JOBS = """
SELECT j.id, j.queue_name, j.task_name, j.status, j.attempts, j.args, j.scheduled_at, j.lock,
    (SELECT min(e.at) FROM procrastinate_events e WHERE e.job_id = j.id AND e.type = 'deferred') AS deferred_at
FROM procrastinate_jobs j
WHERE (CAST(:status AS text) IS NULL OR j.status::text = :status)
  AND (CAST(:queue AS text) IS NULL OR j.queue_name = :queue)
  AND (CAST(:id AS bigint) IS NULL OR j.id = :id)
  AND (CAST(:lock AS text) IS NULL OR j.lock = :lock)
ORDER BY j.id DESC LIMIT :limit
"""


def _require_postgres(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        raise StorageError(
            f"the job queue needs PostgreSQL; {store.masked_url} is {store.engine.dialect.name} "
            "(set database_url to postgresql://...)"
        )


def list_jobs(
    store: Store,
    *,
    status: str | None = None,
    queue: str | None = None,
    job_id: int | None = None,
    lock: str | None = None,
    limit: int = 50,
) -> list[JobInfo]:
    """The newest jobs (optionally of one status / queue / lock), each with its attempts."""
    _require_postgres(store)
    params = {"status": status, "queue": queue, "id": job_id, "lock": lock, "limit": limit}
    with store.read() as session:
        rows = session.execute(text(_JOBS), params).all()
        ids = [r.id for r in rows]
        runs = session.exec(select(JobRun).where(col(JobRun.job_id).in_(ids)).order_by(col(JobRun.id))).all()
    by_job: dict[int, list[JobAttempt]] = {}
    for run in runs:
        by_job.setdefault(run.job_id, []).append(_attempt(run))
    return [_info(r, tuple(by_job.get(r.id, ()))) for r in rows]


def _attempt(run: JobRun) -> JobAttempt:
    result = _result(run)
    return JobAttempt(run.attempt, run.worker, run.status, run.error, run.started_at, run.finished_at, result)


def _result(run: JobRun) -> dict[str, Any] | None:
    """The attempt's stored result (an unreadable one is said so, never raised: the listing must show)."""
    if not run.result:
        return None
    try:
        value = json.loads(run.result)
    except ValueError:
        return {"unreadable": run.result[:200]}
    return value if isinstance(value, dict) else {"value": value}


def _info(row: Any, attempts: tuple[JobAttempt, ...]) -> JobInfo:
    args = row.args if isinstance(row.args, dict) else json.loads(row.args or "{}")
    return JobInfo(
        id=int(row.id),
        queue=row.queue_name,
        task=row.task_name,
        status=str(row.status),
        attempts=int(row.attempts),
        args=args,
        scheduled_at=row.scheduled_at,
        deferred_at=row.deferred_at,
        runs=attempts,
    )
