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
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import procrastinate
from procrastinate.retry import BaseRetryStrategy, RetryDecision

from assistant.errors import JobFailedError
from assistant.services.app import App
from assistant.services.queue import (
    ALERTS,
    DEFAULT,
    DELIVER,
    DELIVER_ALERT,
    EMBED,
    INGEST,
    REANALYZE,
    REFRESH_INDEX,
    enqueue_task,
    metadata_of,
    resolve_media,
)

if TYPE_CHECKING:
    from procrastinate.job_context import JobContext
    from procrastinate.jobs import Job

    from assistant.pipeline import Ingestor, IngestResult


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


class RetryAt(Exception):
    """The job's work asks to be tried again at ``when`` (an alert whose receiver was down: the outbox
    counts its attempts and decides when to give up)."""

    def __init__(self, message: str, when: datetime) -> None:
        super().__init__(message)
        self.when = when


class Retry(BaseRetryStrategy):
    """Retry unexpected failures a few times with a growing wait; a JobFailedError fails the job at once;
    RetryAt runs it again when it says."""

    def __init__(self, max_attempts: int = 3) -> None:
        self.max_attempts = max_attempts

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, RetryAt):
            return RetryDecision(retry_at=exception.when)
        if isinstance(exception, JobFailedError) or job.attempts + 1 >= self.max_attempts:
            return None
        return RetryDecision(retry_in={"seconds": 5 * 2**job.attempts})


@dataclass
class Attempt:
    """One attempt of a job in progress: the worker's runtime and, once ``done``, what it produced."""

    runtime: Runtime
    result: dict[str, Any] | None = None

    def done(self, summary: str, **result: Any) -> dict[str, Any]:
        """The attempt's result (kept with the attempt in ``job_run``, shown by `jobs list|show`): a one-line
        ``summary`` and the values it is made of."""
        self.result = {"summary": summary, **result}
        return self.result


@contextmanager
def _attempt(context: JobContext) -> Iterator[Attempt]:
    """The worker's runtime, with this attempt recorded in ``job_run``: its error if it fails, its result if
    it succeeds (written with its end, in one transaction)."""
    from assistant.storage import jobs

    runtime: Runtime = context.additional_context["runtime"]
    job = context.job
    assert job.id is not None
    run = jobs.start_attempt(runtime.app.store, job_id=job.id, task=job.task_name, worker=runtime.name)
    attempt = Attempt(runtime)
    try:
        yield attempt
    except BaseException as exc:
        jobs.finish_attempt(runtime.app.store, run, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    jobs.finish_attempt(runtime.app.store, run, result=attempt.result)


# ---- ingest ---------------------------------------------------------------------------------------------


def ingest_file(
    context: JobContext, path: str, metadata: dict[str, Any], force: bool = False, replace: int | None = None
) -> dict[str, Any]:
    """Transcribe (or import) and analyse one file and store it as a call; the delivery job of each alert it
    raises is queued in the call's own transaction (``App``'s store hook)."""
    from assistant.services.ingest import ingest_files

    with _attempt(context) as attempt:
        runtime = attempt.runtime
        source = resolve_media(runtime.app, path, worker=runtime.name)
        replaces = {source: replace} if replace is not None else None
        ingested = ingest_files(
            runtime.app, [source], options=metadata_of(metadata), force=force, deliver=False,
            ingestor=runtime.ingestor(), replaces=replaces, refresh_index=False,
        )  # fmt: skip
        result = ingested[0]
        if result.status == "failed":
            raise JobFailedError(result.message)
        if result.status in ("stored", "replaced"):  # one refresh job waits at most: it indexes every new call
            enqueue_task(runtime.app, REFRESH_INDEX, lock=REFRESH_INDEX)
        return attempt.done(_ingest_summary(result), status=result.status, call_id=result.call_id,
                            alerts=result.alerts, message=result.message, file=source.name)  # fmt: skip


def _ingest_summary(result: IngestResult) -> str:
    if result.status == "skipped":
        return f"skipped: {result.message}"
    alerts = f"{result.alerts} alert{'s' * (result.alerts != 1)} raised"
    return f"call {result.call_id} {result.status} ({result.message}; {alerts})"


# ---- alerts ---------------------------------------------------------------------------------------------


def deliver_alert(context: JobContext, alert_id: int) -> dict[str, Any]:
    """Send one alert (its idempotency key lets the receiver drop a repeat after a worker died mid-send);
    a receiver that is down: again when the outbox's backoff says; refused for good: the job fails."""
    from assistant.services.alerts import deliver_one_queued

    with _attempt(context) as attempt:
        done = deliver_one_queued(attempt.runtime.app, alert_id)
        if done is None:
            return attempt.done(f"alert {alert_id}: nothing to do (sent already, or deleted)", alert_id=alert_id)
        if done.outcome == "retry" and done.next_attempt_at is not None:
            raise RetryAt(f"alert {alert_id}: {done.detail}", done.next_attempt_at)
        if done.outcome == "failed":
            raise JobFailedError(f"alert {alert_id}: {done.detail}")
        return attempt.done(f"alert {alert_id} {done.outcome}: {done.detail}", alert_id=alert_id,
                            outcome=done.outcome, detail=done.detail)  # fmt: skip


def deliver_alerts(context: JobContext) -> dict[str, Any]:
    """A delivery job for every pending alert that has none waiting (jobs queued by older versions)."""
    from assistant.services.alerts import deliver

    with _attempt(context) as attempt:
        queued = len(deliver(attempt.runtime.app))
        return attempt.done(f"{queued} alert deliveries queued", queued=queued)


# ---- reanalysis ---------------------------------------------------------------------------------------------


def reanalyze(context: JobContext, call_ids: list[int] | None = None, force: bool = False) -> dict[str, Any]:
    """Apply the rules in effect (on this worker) to stored calls; their new alerts' delivery jobs are queued in
    each call's transaction. Calls that fail fail the job with their reasons (the others are done)."""
    from assistant.services.rules import reanalyze_calls

    with _attempt(context) as attempt:
        results, _ = reanalyze_calls(attempt.runtime.app, call_ids, force=force, send=False)
        failed = [f"call {r.call_id}: {r.message}" for r in results if r.status == "failed"]
        if failed:
            raise JobFailedError(f"{len(failed)} of {len(results)} calls failed: " + "; ".join(failed)[:1500])
        changed = [r.call_id for r in results if r.status == "updated"]
        return attempt.done(f"{len(changed)} of {len(results)} calls changed", updated=len(changed),
                            calls=len(results), changed=changed[:1000])  # fmt: skip


# ---- search index and embeddings ----------------------------------------------------------------------------


def refresh_index(context: JobContext) -> dict[str, Any]:
    """Bring the search index up to date with every call stored so far (queued after imports, one at a time)."""
    from assistant.services.search import refresh

    with _attempt(context) as attempt:
        indexed = refresh(attempt.runtime.app)
        return attempt.done(f"{indexed} rows indexed for search", indexed=indexed)


def embed_calls(context: JobContext, call_ids: list[int] | None = None, every: bool = False) -> dict[str, Any]:
    """Store the sentence embeddings of the given calls (None: the calls due, or every call); failures fail
    the job with their reasons, the other calls are done."""
    from assistant.services.churn_model import calls_to_embed
    from assistant.services.churn_model import embed_calls as embed

    with _attempt(context) as attempt:
        app = attempt.runtime.app
        results = list(embed(app, calls_to_embed(app, call_ids, every=every)))
        failed = [f"call {r.call_id}: {r.message}" for r in results if r.status == "failed"]
        if failed:
            raise JobFailedError(f"{len(failed)} of {len(results)} calls failed: " + "; ".join(failed)[:1500])
        return attempt.done(f"{len(results)} calls embedded", embedded=len(results))


def register(app: procrastinate.App, *, max_attempts: int = 3) -> None:
    """Register every task on ``app`` (a fresh Task per app: procrastinate renames the tasks it copies)."""
    retry = Retry(max_attempts)
    app.task(name=INGEST, queue=DEFAULT, pass_context=True, retry=retry)(ingest_file)
    app.task(name=DELIVER, queue=ALERTS, pass_context=True, retry=retry)(deliver_alerts)
    app.task(name=DELIVER_ALERT, queue=ALERTS, pass_context=True, retry=retry)(deliver_alert)
    app.task(name=REANALYZE, queue=DEFAULT, pass_context=True, retry=retry)(reanalyze)
    app.task(name=REFRESH_INDEX, queue=DEFAULT, pass_context=True, retry=retry)(refresh_index)
    app.task(name=EMBED, queue=DEFAULT, pass_context=True, retry=retry)(embed_calls)
