"""The job queue's use cases: enqueue files for workers, list / show / retry / cancel jobs, and what a
worker needs (where a queued file is on this machine, whether the schema is current).

Files are queued with their path relative to ``media_root`` when they lie under it (every machine mounts the
shared folder at its own ``media_root``), else absolute. Each file is queued once per content: the job's
queueing lock is the file's SHA-256, so queueing a file again while its job waits is refused ("already
queued"), and a job that runs twice stores one call (ingest skips known content).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import JobError, JobFailedError
from assistant.records import CallMetadata
from assistant.records.jobs import JobInfo
from assistant.redact import mask_url
from assistant.services.app import App
from assistant.settings import Settings

if TYPE_CHECKING:
    import procrastinate

JOB_STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted")
TRANSCRIBE = "transcribe"  # recordings: minutes of CPU (or a GPU) each
DEFAULT = "default"  # transcript imports
ALERTS = "alerts"  # alert delivery (network)
QUEUES = (TRANSCRIBE, DEFAULT, ALERTS)
NAMESPACE = "assistant"
INGEST, DELIVER = f"{NAMESPACE}:ingest_file", f"{NAMESPACE}:deliver_alerts"


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


def queue_app(settings: Settings) -> procrastinate.App:
    """A procrastinate App on the settings' database (not opened). Jobs are deferred by task name, so
    enqueuing needs no task code; the worker (assistant.jobs) registers the tasks."""
    try:
        import procrastinate
    except ImportError as exc:  # the postgres extra is not installed
        raise JobError("the job queue needs: pip install 'renewal-assistant[postgres]'") from exc
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(settings), kwargs={"connect_timeout": 10})
    return procrastinate.App(connector=connector)


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


# ---- media paths ----------------------------------------------------------------------------------------


def stored_path(app: App, path: Path) -> str:
    """How a file is named in a job (and later in the database): relative to media_root when inside it."""
    absolute = path.resolve()
    root = app.settings.media_root
    if root is not None and absolute.is_relative_to(root.resolve()):
        return absolute.relative_to(root.resolve()).as_posix()
    return str(absolute)


def resolve_media(app: App, name: str, *, worker: str = "this machine") -> Path:
    """The file a job names, on this machine; JobFailedError (naming the file and worker) when it is absent."""
    path = Path(name)
    if not path.is_absolute():
        if app.settings.media_root is None:
            raise JobFailedError(
                f"{name}: a path relative to media_root, but media_root is not set on worker {worker} "
                "(set ASSISTANT_MEDIA_ROOT to the shared folder's mount point)"
            )
        path = app.settings.media_root / path
    if not path.is_file():
        raise JobFailedError(
            f"{path}: file not found on worker {worker} (moved or deleted, or the shared folder is not mounted "
            "there); `assistant jobs retry` once it is back"
        )
    return path


# ---- enqueue --------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def enqueue_files(
    app: App, files: list[Path], *, options: CallMetadata | None = None, force: bool = False
) -> list[Enqueued]:
    """Queue one ingest job per file (recordings on the ``transcribe`` queue, transcripts on ``default``)."""
    from procrastinate.exceptions import AlreadyEnqueued

    out: list[Enqueued] = []
    app.store  # noqa: B018  (opening the store brings the schema, the queue's tables included, up to date)
    with queue_app(app.settings).open() as jobs:
        for path in files:
            queue, digest = queue_for(path), _sha256(path)
            task = jobs.configure_task(
                INGEST, allow_unknown=True, queue=queue, lock=f"ingest:{digest}", queueing_lock=f"ingest:{digest}"
            )
            try:
                job_id = task.defer(
                    path=stored_path(app, path), metadata=metadata_json(options or CallMetadata()), force=force
                )
                out.append(Enqueued(path, job_id, queue, f"queued as job {job_id} on '{queue}'"))
            except AlreadyEnqueued:
                out.append(Enqueued(path, None, queue, "already queued (the same content waits for a worker)"))
    return out


# ---- list, show, retry, cancel ---------------------------------------------------------------------------


def list_jobs(app: App, *, status: str | None = None, queue: str | None = None, limit: int = 50) -> list[JobInfo]:
    from assistant.storage import jobs

    if status is not None and status not in JOB_STATUSES:
        raise JobError(f"status: {status!r} is not one of {', '.join(JOB_STATUSES)}")
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
    with queue_app(app.settings).open() as jobs:
        jobs.job_manager.retry_job_by_id(job_id, retry_at=datetime.now().astimezone())
    return get_job(app, job_id)


def cancel_job(app: App, job_id: int) -> JobInfo:
    """Cancel a job waiting in the queue (a running one is asked to abort and stops at its next check)."""
    job = get_job(app, job_id)
    with queue_app(app.settings).open() as jobs:
        done = jobs.job_manager.cancel_job_by_id(job_id, abort=job.status == "doing")
    if not done:
        raise JobError(f"job {job_id} is {job.status}; only waiting (todo) or running jobs can be cancelled")
    return get_job(app, job_id)


def next_alert_attempt(app: App) -> datetime | None:
    """When the alert outbox next has a retry due (None: nothing pending)."""
    from assistant.storage import outbox

    return outbox.next_due(app.store)
