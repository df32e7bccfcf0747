"""Background jobs of the web app (uploads, reanalysis after a rule change), run in-process on a thread each,
with progress anyone may poll. A job is a plain function that reports through ``Progress``.

The progress lives in the database (``storage.web_state``), so every web process (``assistant serve --workers
N``, or several machines behind one address) answers for every job: the process that took the upload runs it
and writes its progress (at most every ``FLUSH`` seconds, and at each result and at the end); the others read
it. A job whose process stopped (no heartbeat for ``LOST_AFTER``) is shown as failed, with why.

This is the in-process default. With a job queue the same kind of job enqueues the work for the workers
and follows its state here (``background.queue_uploads``, ``background.queue_reanalysis``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from assistant.errors import AssistantError
from assistant.records.web import JobState
from assistant.storage import web_state
from assistant.storage.db import Store

__all__ = ["JobState", "Jobs", "Progress"]
log = logging.getLogger("assistant.jobs")
FLUSH = 0.5  # seconds between progress writes of one job
BEAT = 15.0  # seconds between heartbeats of a process's running jobs
LOST_AFTER = timedelta(seconds=90)
KEEP = timedelta(days=7)  # ended jobs older than this are deleted (storage.web_state says so when asked)


class Progress:
    """What a running job uses to say how far it is and what came of each item."""

    def __init__(self, jobs: Jobs, job_id: int) -> None:
        self._jobs, self._id = jobs, job_id

    def total(self, total: float) -> None:
        self._jobs.update(self._id, total=total)

    def advance(self, done: float, message: str = "") -> None:
        self._jobs.update(self._id, done=done, message=message)

    def item(self, **result: Any) -> None:
        self._jobs.add_item(self._id, result)

    def items(self, results: list[dict[str, Any]]) -> None:
        """Replace every item (a job that follows queued work re-reads each one's state)."""
        self._jobs.update(self._id, items=tuple(results))


def _ended(status: str) -> bool:
    return status in ("done", "failed")


class Jobs:
    """The jobs of the web app: this process runs the ones it starts; any process reads any job."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._live: dict[int, JobState] = {}  # the jobs this process runs, as they are now
        self._written: dict[int, float] = {}  # when each was last written
        self.runner = f"{socket.gethostname()}:{os.getpid()}"
        self._beating = False

    def start(self, kind: str, owner: str, work: Callable[[Progress], str]) -> JobState:
        """Run ``work`` on its own thread; what it returns is the job's final message."""
        web_state.prune_jobs(self._store, before=datetime.now(UTC) - KEEP)
        state = web_state.add_job(self._store, kind=kind, owner=owner, runner=self.runner)
        with self._lock:
            self._live[state.id] = state
            self._written[state.id] = time.monotonic()
            if not self._beating:
                self._beating = True
                threading.Thread(target=self._beat, daemon=True, name="job-heartbeat").start()
        threading.Thread(target=self._run, args=(state.id, work), daemon=True, name=f"job-{state.id}").start()
        return state

    def _run(self, job_id: int, work: Callable[[Progress], str]) -> None:
        self.update(job_id, status="running")
        try:
            message = work(Progress(self, job_id))
        except AssistantError as exc:
            self.update(job_id, status="failed", message=str(exc), finished_at=datetime.now(UTC))
        except Exception as exc:  # a bug: keep the server up, say so, log the trace
            log.exception("job %s failed", job_id)
            self.update(job_id, status="failed", message=f"internal error: {exc}", finished_at=datetime.now(UTC))
        else:
            self.update(job_id, status="done", message=message, finished_at=datetime.now(UTC))

    def update(self, job_id: int, **changes: Any) -> None:
        with self._lock:
            self._live[job_id] = replace(self._live[job_id], **changes)
        self._write(job_id, force="status" in changes)

    def add_item(self, job_id: int, result: dict[str, Any]) -> None:
        with self._lock:
            state = self._live[job_id]
            self._live[job_id] = replace(state, items=(*state.items, result))
        self._write(job_id, force=True)

    def _write(self, job_id: int, *, force: bool) -> None:
        """Store the job's state: every result and change of status, progress at most every FLUSH seconds. A
        failed write is tried again by the next one; the last one (the job ended) up to three times."""
        with self._lock:
            state, now = self._live[job_id], time.monotonic()
            if not force and now - self._written[job_id] < FLUSH:
                return
            self._written[job_id] = now
        for attempt in range(3 if _ended(state.status) else 1):
            try:
                web_state.save_job(self._store, state)
                break
            except Exception:  # the database is busy or gone: keep the job running, say so in the log
                log.warning("job %s: progress not saved (try %d)", job_id, attempt + 1, exc_info=True)
                time.sleep(attempt)
        if _ended(state.status):
            with self._lock:
                del self._live[job_id], self._written[job_id]

    def _beat(self) -> None:
        while True:
            time.sleep(BEAT)
            with self._lock:
                ids = list(self._live)
            try:
                if ids:
                    web_state.beat(self._store, ids=ids)
            except Exception:  # the next beat tries again
                log.warning("job heartbeat not saved", exc_info=True)

    def get(self, job_id: int) -> JobState:
        """A job as this process runs it, or as stored by the process that runs it; one whose process stopped
        is failed, and says so."""
        with self._lock:
            if job_id in self._live:
                return self._live[job_id]
        state, runner, heartbeat = web_state.get_job(self._store, job_id=job_id)
        if not _ended(state.status) and datetime.now(UTC) - heartbeat > LOST_AFTER:
            since = heartbeat.strftime("%Y-%m-%d %H:%M:%S UTC")
            return replace(state, status="failed", message=f"the web process that ran this job ({runner}) stopped "
                           f"(no sign of it since {since}); upload the files again")  # fmt: skip
        return state

    def wait(self, job_id: int, timeout: float = 60.0) -> JobState:
        """For tests and scripts: the job once it has finished (or as it is after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while not _ended(self.get(job_id).status) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.get(job_id)
