"""The queue's tasks: plain functions that call the services layer, nothing else.

Each runs in a worker thread with the worker's ``Runtime`` (its App and one Ingestor per thread, so the
Whisper model loads once per thread, not per job). Every attempt is recorded in ``job_run`` (worker, times,
error). A ``JobFailedError`` (the file vanished, the file is not a call) fails the job at once with that
reason; anything else (database down, a crash) is retried up to ``job_max_attempts``. A worker killed
mid-job leaves nothing half-stored (one transaction per call) and its job is retried by another worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.retry import BaseRetryStrategy, RetryDecision

from assistant.errors import JobFailedError
from assistant.services.app import App
from assistant.services.queue import ALERTS, DEFAULT, DELIVER, INGEST, metadata_of, next_alert_attempt, resolve_media

if TYPE_CHECKING:
    from procrastinate.job_context import JobContext
    from procrastinate.jobs import Job

    from assistant.pipeline import Ingestor


@dataclass
class Runtime:
    """What a worker process shares between its jobs."""

    app: App
    name: str
    _local: threading.local = field(default_factory=threading.local)

    def ingestor(self) -> Ingestor:
        if getattr(self._local, "ingestor", None) is None:
            from assistant.services.ingest import new_ingestor

            self._local.ingestor = new_ingestor(self.app)
        return self._local.ingestor


class Retry(BaseRetryStrategy):
    """Retry unexpected failures a few times with a growing wait; a JobFailedError fails the job at once."""

    def __init__(self, max_attempts: int = 3) -> None:
        self.max_attempts = max_attempts

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, JobFailedError) or job.attempts + 1 >= self.max_attempts:
            return None
        return RetryDecision(retry_in={"seconds": 5 * 2**job.attempts})


@contextmanager
def _attempt(context: JobContext) -> Iterator[Runtime]:
    """The worker's runtime, with this attempt recorded in ``job_run`` (and its error, if it fails)."""
    from assistant.storage import jobs

    runtime: Runtime = context.additional_context["runtime"]
    job = context.job
    assert job.id is not None
    run = jobs.start_attempt(
        runtime.app.store, job_id=job.id, task=job.task_name, attempt=job.attempts + 1, worker=runtime.name
    )
    try:
        yield runtime
    except BaseException as exc:
        jobs.finish_attempt(runtime.app.store, run, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    jobs.finish_attempt(runtime.app.store, run)


# ---- ingest ---------------------------------------------------------------------------------------------


def ingest_file(context: JobContext, path: str, metadata: dict[str, Any], force: bool = False) -> dict[str, Any]:
    """Transcribe (or import) and analyse one file, store it as a call, then queue the alert delivery."""
    from assistant.services.ingest import ingest_files

    with _attempt(context) as runtime:
        source = resolve_media(runtime.app, path, worker=runtime.name)
        ingested = ingest_files(
            runtime.app, [source], options=metadata_of(metadata), force=force, deliver=False,
            ingestor=runtime.ingestor(),
        )  # fmt: skip
        result = ingested[0]
        if result.status == "failed":
            raise JobFailedError(result.message)
        _after_ingest(context)
        return {"status": result.status, "call_id": result.call_id, "message": result.message}


def _after_ingest(context: JobContext) -> None:
    """Queue the alert delivery (also when the call was already stored: a retried job after a crash)."""
    context.app.configure_task(DELIVER, queue=ALERTS).defer()


# ---- alerts ---------------------------------------------------------------------------------------------


def deliver_alerts(context: JobContext) -> dict[str, Any]:
    """Send the alerts that are due (the outbox's lease and idempotency key keep each one to one send)."""
    from assistant.services.alerts import deliver

    with _attempt(context) as runtime:
        outcomes = [d.outcome for d in deliver(runtime.app)]
        later = next_alert_attempt(runtime.app)
        if later is not None:  # a receiver was down: come back when the outbox says the next try is due
            later_task = context.app.configure_task(
                DELIVER, queue=ALERTS, schedule_at=later, queueing_lock="deliver_alerts_later"
            )
            with suppress(AlreadyEnqueued):  # a later round is already scheduled
                later_task.defer()
        return {"sent": outcomes.count("sent"), "attempted": len(outcomes)}


def register(app: procrastinate.App, *, max_attempts: int = 3) -> None:
    """Register every task on ``app`` (a fresh Task per app: procrastinate renames the tasks it copies)."""
    retry = Retry(max_attempts)
    app.task(name=INGEST, queue=DEFAULT, pass_context=True, retry=retry)(ingest_file)
    app.task(name=DELIVER, queue=ALERTS, lock="deliver_alerts", pass_context=True, retry=retry)(deliver_alerts)
