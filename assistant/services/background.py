"""Work the web app runs in the background with progress: ingesting uploaded files, and reanalysing every
stored call after a rule change. Each is a function of ``Progress`` for ``Jobs.start``. With a job queue
(``job_queue``) the work is queued for the workers and these functions follow the queued jobs' state
(waiting, running on which worker, stored as which call, failed with which reason) until they end."""

from __future__ import annotations

import re
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from assistant.alerts.policies import load_policies
from assistant.analysis.rules import load_ruleset
from assistant.errors import InputError, JobError
from assistant.pipeline import IngestResult, is_ingestible
from assistant.reanalysis import reanalyze
from assistant.records import CallMetadata
from assistant.services.alerts import deliver
from assistant.services.app import App
from assistant.services.calls import call_ids, find_call
from assistant.services.ingest import IngestHooks, ingest_files
from assistant.services.jobs import Progress
from assistant.services.queue import (
    ENDED,
    Enqueued,
    enqueue_files,
    enqueue_reanalysis,
    get_job,
    job_for_content,
    uses_queue,
)

MAX_UPLOAD_BYTES = 2_000_000_000


def _safe_name(name: str) -> str:
    base = re.sub(r"[^\w.\- ]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[:150] or "upload"


def upload_root(app: App) -> Path:
    """Where uploads are kept: with a queue, the shared folder (media_root) the workers read; else data_dir."""
    root = app.settings.media_root if uses_queue(app.settings) else None
    return root or app.settings.data_dir


def save_uploads(app: App, uploads: Iterable[tuple[str, BinaryIO]]) -> list[Path]:
    """Copy uploaded files into a fresh folder under ``<data_dir>/uploads`` (names made safe); a file of a kind
    the assistant cannot ingest is refused by name before anything is processed."""
    files = [(name, handle) for name, handle in uploads]
    for name, _ in files:
        if not is_ingestible(Path(_safe_name(name))):
            raise InputError(f"{name}: not a recording or transcript the assistant reads (audio, .vtt, .srt, .json)")
    folder = upload_root(app) / "uploads" / secrets.token_hex(6)
    folder.mkdir(parents=True)
    paths = []
    for name, handle in files:
        target = folder / _safe_name(name)
        with target.open("wb") as out:
            shutil.copyfileobj(handle, out, 1 << 20)
        paths.append(target)
    return paths


def _item(r: IngestResult) -> dict[str, object]:
    line = f"{r.path.name}: {r.message}" if r.message else r.path.name
    return {"file": r.path.name, "status": r.status, "call_id": r.call_id, "message": line}


def ingest_uploads(app: App, files: list[Path], metadata: CallMetadata, progress: Progress) -> str:
    """Ingest uploaded files one by one (a bad file gets its one-line reason; the others go on)."""
    hooks = IngestHooks(
        start=progress.total,
        progress=lambda path, done: progress.advance(done, f"processing {path.name}"),
        result=lambda r: progress.item(**_item(r)),
    )
    results = ingest_files(app, files, options=metadata, hooks=hooks)
    stored = sum(r.status in ("stored", "replaced") for r in results)
    failed = sum(r.status == "failed" for r in results)
    return f"{stored} stored, {failed} failed, {len(results) - stored - failed} skipped"


def reanalyze_all(app: App, progress: Progress) -> str:
    """Apply the rules in effect to every stored call, one at a time with progress; then send due alerts."""
    ruleset = load_ruleset(app.settings.rules_dir)
    policies = load_policies(app.settings.alerts_path)
    ids = call_ids(app)
    progress.total(len(ids))
    changed = 0
    for n, result in enumerate(reanalyze(app.store, app.settings, ruleset, ids, policies=policies), start=1):
        changed += result.status == "updated"
        progress.item(call_id=result.call_id, status=result.status, message=result.message)
        progress.advance(n, f"call {result.call_id}: {result.status}")
    deliver(app)
    return f"{changed} of {len(ids)} calls changed with rules version {ruleset.version}"


# ---- with a job queue: enqueue, then follow -----------------------------------------------------------------


def queue_uploads(app: App, files: list[Path], metadata: CallMetadata, progress: Progress, poll: float = 1.0) -> str:
    """Queue uploaded files for the workers and follow their jobs until each has ended."""
    queued = enqueue_files(app, files, options=metadata)
    progress.total(len(queued))
    while True:
        items = [_queued_item(app, q) for q in queued]
        progress.items(items)
        ended = sum(bool(i["ended"]) for i in items)
        progress.advance(ended, f"{ended} of {len(items)} queued file(s) done")
        if ended == len(items):
            break
        time.sleep(poll)
    stored = sum(i["status"] in ("stored", "replaced") for i in items)
    skipped = sum(i["status"] == "skipped" for i in items)
    done = [
        f"{stored} stored",
        *([f"{skipped} already stored"] if skipped else []),
        f"{len(items) - stored - skipped} failed",
    ]
    return f"{', '.join(done)} (by the workers; see `assistant jobs list`)"


def _queued_item(app: App, q: Enqueued) -> dict[str, object]:
    """One queued file as the upload page shows it: its job's state, its call once stored."""
    job = job_for_content(app, q.content_hash)
    name = q.path.name
    if job is None or job.status == "todo":
        return {"file": name, "status": "queued", "call_id": None, "message": f"{name}: waiting for a worker",
                "ended": False}  # fmt: skip
    base = {"file": name, "job": job.id, "worker": job.worker, "ended": job.status in ENDED}
    if job.status == "doing":
        return {**base, "status": "running", "call_id": None, "message": f"{name}: job {job.id} on {job.worker}"}
    if job.status != "succeeded":
        return {**base, "status": "failed", "call_id": None, "message": f"{name}: {job.outcome or job.status}"}
    result = job.result or {}  # a job run by an older worker kept no result: the call is found by its content
    found = result.get("call_id") or find_call(app, q.content_hash)
    said = result.get("summary") or f"stored by job {job.id}"
    return {**base, "status": str(result.get("status", "stored")), "call_id": found, "alerts": result.get("alerts"),
            "message": f"{name}: {said}"}  # fmt: skip


def queue_reanalysis(app: App, progress: Progress, poll: float = 1.0) -> str:
    """Queue the reanalysis of every stored call after a rule change and follow its job."""
    ruleset = load_ruleset(app.settings.rules_dir)  # a broken folder stops it here, before anything is queued
    job_id = enqueue_reanalysis(app, None)
    progress.total(1)
    while (job := get_job(app, job_id)).status not in ENDED:
        where = f"running on {job.worker}" if job.status == "doing" else "waiting for a worker"
        progress.advance(0, f"reanalysis job {job_id} {where}")
        time.sleep(poll)
    progress.advance(1, f"reanalysis job {job_id} {job.status}")
    if job.status != "succeeded":
        raise JobError(f"reanalysis job {job_id} {job.status}: {job.last_error or 'see `assistant jobs show`'}")
    return f"every call reanalysed with rules version {ruleset.version} by job {job_id} on {job.worker}"
