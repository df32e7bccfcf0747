"""The folder watcher with a job queue (``job_queue``): the watcher only decides *when* a file is ready (the
same settle, decode-whole and stall rules as in-process), and queues it for the workers: recordings on
``transcribe``, transcripts on ``default``. Each scan then settles the files whose jobs ended: stored →
remembered with their call (a partial one too, so that the complete file replaces it, same call id);
failed, cancelled or aborted → moved to ``failed/`` with the job's reason, as an in-process failure is.
Alerts are delivered by the workers. The file must be where workers see it: the watched folder belongs
under ``media_root``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.pipeline import one_line, shown
from assistant.records.jobs import JobInfo
from assistant.services.queue import ENDED, conninfo, enqueue_files, job_for_content
from assistant.storage import calls, outbox

if TYPE_CHECKING:
    from assistant.services.watch import Watcher

QUEUED, QUEUED_PARTIAL = "queued", "queued-partial"
log = logging.getLogger("assistant.watch")


def check(watcher: Watcher) -> None:
    """JobError now (naming the setting) unless the queue can be used: PostgreSQL, and the folder inside
    media_root so that every worker sees its files."""
    conninfo(watcher.settings)
    root = watcher.settings.media_root
    if root is not None and not watcher.folder.is_relative_to(root.resolve()):
        watcher.warn(
            f"{watcher.folder} is not under media_root ({root}): workers on other machines will not find "
            "its files (watch a folder inside the shared mount)"
        )


def enqueue_ready(watcher: Watcher, whole: list[Path], cut: list[Path]) -> None:
    """Queue each ready file once; a file that cannot be queued now (database down) is tried next scan."""
    for path in whole + cut:
        stamp = watcher.stamp_of(path)
        replace = watcher.partial_call(path)
        try:
            (item,) = enqueue_files(watcher.app, [path], replaces={path: replace} if replace is not None else None)
        except Exception as exc:  # the watcher goes on; the file is not marked, so the next scan queues it
            log.exception("could not queue %s", shown(path))
            watcher.warn(f"{shown(path)}: could not queue it, trying again next scan: {one_line(exc)}")
            continue
        status = QUEUED_PARTIAL if path in cut else QUEUED
        watcher.mark(path, stamp, status, message=item.message, content_hash=item.content_hash)
        watcher.forget(path)
        watcher.emit(path, "queued", item.message)


def settle(watcher: Watcher) -> None:
    """Files whose jobs have ended: remembered as stored (with their call), or quarantined with the reason."""
    for record in outbox.watched_in(watcher.app.store, statuses=(QUEUED, QUEUED_PARTIAL)):
        job = job_for_content(watcher.app, record.content_hash or "")
        if job is None or job.status not in ENDED:
            continue
        path, stamp = Path(record.path), (record.size, record.mtime_ns)
        if job.status == "succeeded":
            _stored(watcher, path, stamp, job, partial=record.status == QUEUED_PARTIAL, content=record.content_hash)
        else:
            reason = f"job {job.id} {job.status}: {job.last_error or 'no error recorded'}"
            watcher.fail(path, stamp, reason)


def _stored(
    watcher: Watcher, path: Path, stamp: tuple[int, int], job: JobInfo, *, partial: bool, content: str | None
) -> None:
    found = calls.find_by_hash(watcher.app.store, content or "")
    call_id = found.id if found is not None else None
    message = f"stored by job {job.id} on worker {job.worker or '?'}"
    watcher.mark(path, stamp, "partial" if partial else "done", call_id=call_id, message=message)
    watcher.emit(path, "partial" if partial else "stored", message, call_id)
