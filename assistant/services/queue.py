"""The job queue's use cases: enqueue files for workers, list / show / retry / cancel jobs, and what a
worker needs (where a queued file is on this machine, whether the schema is current).

Files are queued with their path relative to ``media_root`` when they lie under it (every machine mounts the
shared folder at its own ``media_root``), else absolute. Each file is queued once per content: the job's
queueing lock is the file's SHA-256, so queueing a file again while its job waits is refused ("already
queued"), and a job that runs twice stores one call (ingest skips known content).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import JobError, JobFailedError, MediaMissingError
from assistant.records import CallMetadata
from assistant.records.jobs import JobInfo
from assistant.redact import mask_url
from assistant.services.app import App
from assistant.settings import Settings

if TYPE_CHECKING:
    import procrastinate
    from procrastinate.types import JSONValue

JOB_STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted")
ENDED = ("succeeded", "failed", "cancelled", "aborted")
TRANSCRIBE = "transcribe"  # recordings: minutes of CPU (or a GPU) each
DEFAULT = "default"  # transcript imports, reanalysis, search index refresh
ALERTS = "alerts"  # alert delivery (network)
QUEUES = (TRANSCRIBE, DEFAULT, ALERTS)
NAMESPACE = "assistant"
INGEST, DELIVER = f"{NAMESPACE}:ingest_file", f"{NAMESPACE}:deliver_alerts"
DELIVER_ALERT = f"{NAMESPACE}:deliver_alert"
REANALYZE, REFRESH_INDEX = f"{NAMESPACE}:reanalyze", f"{NAMESPACE}:refresh_index"
EMBED = f"{NAMESPACE}:embed_calls"


def conninfo(settings: Settings) -> str:
    """The libpq URL of the settings' database; JobError unless it is PostgreSQL."""
    from assistant.storage.db import libpq_url

    url = libpq_url(settings.db_url)
    if url is None:
        raise JobError(
            f"the job queue needs a PostgreSQL database; database_url is {mask_url(settings.db_url)} "
            "(set ASSISTANT_DATABASE_URL=postgresql+psycopg://user:password@host/db, see docs/deploy.md)"
        )
    return url


def _procrastinate() -> Any:
    try:
        import procrastinate
    except ImportError as exc:  # the postgres extra is not installed
        raise JobError("the job queue needs: pip install 'renewal-assistant[postgres]'") from exc
    return procrastinate


def queue_app(settings: Settings) -> procrastinate.App:
    """A procrastinate App on the settings' database (not opened). Jobs are deferred by task name, so
    enqueuing needs no task code; the worker (assistant.jobs) registers the tasks."""
    procrastinate = _procrastinate()
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(settings), kwargs={"connect_timeout": 10})
    return procrastinate.App(connector=connector)


@contextmanager
def opened(app: App) -> Iterator[procrastinate.App]:
    """The queue, open for deferring and managing jobs. The store is opened first: an unreachable database
    is one StorageError naming its URL (password masked), and the schema (the queue's tables included) is
    brought up to date."""
    app.store  # noqa: B018
    with queue_app(app.settings).open() as jobs:
        yield jobs


def transactional_app(settings: Settings) -> procrastinate.App:
    """A procrastinate App that defers jobs on a connection it is given (never opened: no pool of its own),
    inside the caller's transaction."""
    procrastinate = _procrastinate()
    return procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=conninfo(settings)))


def uses_queue(settings: Settings) -> bool:
    """Whether work goes through the job queue (the ``job_queue`` setting, which needs PostgreSQL)."""
    return settings.job_queue


def metadata_json(meta: CallMetadata) -> dict[str, Any]:
    """Call metadata as job arguments (JSON)."""
    out: dict[str, Any] = {}
    for name, value in vars(meta).items():
        if value is not None:
            out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def metadata_of(args: dict[str, Any]) -> CallMetadata:
    """Job arguments back to call metadata."""
    values: dict[str, Any] = dict(args)
    if values.get("recorded_at"):
        values["recorded_at"] = datetime.fromisoformat(values["recorded_at"])
    if values.get("renewal_date"):
        values["renewal_date"] = date.fromisoformat(values["renewal_date"])
    return CallMetadata(**values)


def queue_for(path: Path) -> str:
    from assistant.pipeline import AUDIO_SUFFIXES

    return TRANSCRIBE if path.suffix.lower() in AUDIO_SUFFIXES else DEFAULT


@dataclass(frozen=True)
class Enqueued:
    path: Path
    job_id: int | None  # None: the same content already waits in the queue
    queue: str
    message: str
    content_hash: str = ""


# ---- media paths ----------------------------------------------------------------------------------------


def stored_path(app: App, path: Path) -> str:
    """How a file is named in a job (and later in the database): its media store name, relative to
    media_root when inside it."""
    return app.store.media.name(path)


def resolve_media(app: App, name: str, *, worker: str = "this machine") -> Path:
    """The file a job names, on this machine; JobFailedError (naming the file, media_root and worker) when
    it is absent."""
    try:
        return app.store.media.local(name)
    except MediaMissingError as exc:
        raise JobFailedError(
            f"file not found on worker {worker}: {exc}; `assistant jobs retry` once it is back"
        ) from exc


# ---- enqueue --------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def enqueue_files(
    app: App,
    files: list[Path],
    *,
    options: CallMetadata | None = None,
    force: bool = False,
    replaces: Mapping[Path, int] | None = None,
) -> list[Enqueued]:
    """Queue one ingest job per file (recordings on the ``transcribe`` queue, transcripts on ``default``).
    ``replaces``: file → id of the stored call it supersedes (the watcher's completed upload)."""
    from procrastinate.exceptions import AlreadyEnqueued

    out: list[Enqueued] = []
    with opened(app) as jobs:
        for path in files:
            queue, digest = queue_for(path), _sha256(path)
            key = f"ingest:{digest}"
            task = jobs.configure_task(INGEST, allow_unknown=True, queue=queue, lock=key, queueing_lock=key)
            meta = metadata_json(options or CallMetadata())
            args: dict[str, Any] = {"path": stored_path(app, path), "metadata": meta, "force": force}
            if (replace := (replaces or {}).get(path)) is not None:
                args["replace"] = replace
            try:
                job_id = task.defer(**args)
                out.append(Enqueued(path, job_id, queue, f"queued as job {job_id} on '{queue}'", digest))
            except AlreadyEnqueued:
                out.append(Enqueued(path, None, queue, "already queued (the same content waits for a worker)", digest))
    return out


def enqueue_task(
    app: App, task: str, *, queue: str = DEFAULT, lock: str | None = None, **args: JSONValue
) -> int | None:
    """Queue one job of ``task`` with ``args``; with ``lock`` at most one such job waits (None: one already
    waits, and will do this work too) and one runs at a time."""
    from procrastinate.exceptions import AlreadyEnqueued

    with opened(app) as jobs:
        deferrer = jobs.configure_task(task, allow_unknown=True, queue=queue, lock=lock, queueing_lock=lock)
        try:
            job_id: int = deferrer.defer(**args)
        except AlreadyEnqueued:
            return None
    return job_id


def enqueue_reanalysis(app: App, call_ids: list[int] | None, *, force: bool = False) -> int:
    """Queue the reanalysis of the given calls (None: every stored call) on ``default``; the job's id."""
    ids: list[JSONValue] | None = list(call_ids) if call_ids is not None else None
    job_id = enqueue_task(app, REANALYZE, call_ids=ids, force=force)
    assert job_id is not None  # no queueing lock: always queued
    return job_id


def enqueue_embeddings(app: App, call_ids: list[int] | None, *, every: bool = False) -> int | None:
    """Queue the embedding of the given calls (None: those due, or ``every`` call, decided when it runs)."""
    ids: list[JSONValue] | None = list(call_ids) if call_ids else None
    return enqueue_task(app, EMBED, call_ids=ids, every=every, lock=None if ids else f"{EMBED}:{every}")


def job_for_content(app: App, content_hash: str) -> JobInfo | None:
    """The newest ingest job of a file with this content (None: never queued)."""
    from assistant.storage import jobs

    found = jobs.list_jobs(app.store, lock=f"ingest:{content_hash}", limit=1)
    return found[0] if found else None


# ---- list, show, retry, cancel ---------------------------------------------------------------------------


def list_jobs(app: App, *, status: str | None = None, queue: str | None = None, limit: int = 50) -> list[JobInfo]:
    from assistant.storage import jobs

    if status is not None and status not in JOB_STATUSES:
        raise JobError(f"status: {status!r} is not one of {', '.join(JOB_STATUSES)}")
    if queue is not None and queue not in QUEUES:
        raise JobError(f"queue: {queue!r} is not one of {', '.join(QUEUES)}")
    return jobs.list_jobs(app.store, status=status, queue=queue, limit=limit)


def get_job(app: App, job_id: int) -> JobInfo:
    from assistant.storage import jobs

    found = jobs.list_jobs(app.store, job_id=job_id, limit=1)
    if not found:
        raise JobError(f"job {job_id}: no such job (`assistant jobs list` shows them)")
    return found[0]


def retry_job(app: App, job_id: int) -> JobInfo:
    """Run a failed (or cancelled / aborted) job again, now."""
    job = get_job(app, job_id)
    if job.status not in ("failed", "cancelled", "aborted"):
        raise JobError(f"job {job_id} is {job.status}; only failed, cancelled or aborted jobs can be retried")
    with opened(app) as jobs:
        jobs.job_manager.retry_job_by_id(job_id, retry_at=datetime.now().astimezone())
    return get_job(app, job_id)


def cancel_job(app: App, job_id: int) -> JobInfo:
    """Cancel a job waiting in the queue (a running one is asked to abort and stops at its next check)."""
    job = get_job(app, job_id)
    with opened(app) as jobs:
        done = jobs.job_manager.cancel_job_by_id(job_id, abort=job.status == "doing")
    if not done:
        raise JobError(f"job {job_id} is {job.status}; only waiting (todo) or running jobs can be cancelled")
    return get_job(app, job_id)


# ---- alert delivery jobs --------------------------------------------------------------------------------


def alert_jobs(settings: Settings) -> Callable[[Any, list[int]], None]:
    """The store's ``on_new_alerts`` hook with a queue: one delivery job per new alert, deferred on the
    connection of the transaction that stores the alert (both are committed, or neither)."""
    deferrer = transactional_app(settings)

    def defer(connection: Any, alert_ids: list[int]) -> None:
        for alert_id in alert_ids:
            _alert_task(deferrer, alert_id, connection=connection).defer(alert_id=alert_id)

    return defer


def _alert_task(app: procrastinate.App, alert_id: int, **options: Any) -> Any:
    key = f"alert:{alert_id}"
    return app.configure_task(DELIVER_ALERT, allow_unknown=True, queue=ALERTS, lock=key, queueing_lock=key, **options)


def defer_pending_alerts(app: App, now: Collection[int] = ()) -> list[tuple[int, str, str, int, str]]:
    """A delivery job for every pending alert that has none waiting (alerts stored before the queue was
    configured, or re-queued by `alerts retry`); the waiting job of an alert in ``now`` (`alerts retry ID`)
    runs now instead of at its scheduled retry. (alert id, policy, channel, attempts, what was done)."""
    from procrastinate.exceptions import AlreadyEnqueued

    from assistant.storage import jobs as job_rows
    from assistant.storage import outbox

    out: list[tuple[int, str, str, int, str]] = []
    with opened(app) as jobs:
        for alert_id, policy, channel, attempts in outbox.pending(app.store):
            try:
                done = f"delivery job {_alert_task(jobs, alert_id).defer(alert_id=alert_id)}"
            except AlreadyEnqueued:
                moved = job_rows.run_now(app.store, lock=f"alert:{alert_id}") if alert_id in now else None
                done = f"delivery job {moved} brought forward to now" if moved else "a job waits already"
            out.append((alert_id, policy, channel, attempts, done))
    return out
