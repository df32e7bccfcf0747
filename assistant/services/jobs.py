"""Background jobs of the embedded web app (uploads, reanalysis after a rule change), run in-process on a
thread each, with progress anyone may poll. A job is a plain function that reports through ``Progress``.

This is the in-process default. With a job queue the same kind of job enqueues the work for the workers
and follows its state here (``background.queue_uploads``, ``background.queue_reanalysis``).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from assistant.errors import AssistantError, NotFoundError

log = logging.getLogger("assistant.jobs")


@dataclass(frozen=True)
class JobState:
    id: int
    kind: str  # upload | reanalysis
    owner: str
    status: str = "queued"  # queued | running | done | failed
    done: float = 0.0
    total: float = 0.0  # in the job's unit (audio seconds, calls); 0 = unknown
    message: str = ""
    items: tuple[dict[str, Any], ...] = ()  # per-file / per-call results as they come
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None


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


class Jobs:
    """The jobs of one web app (kept in memory; the newest ``keep`` are remembered)."""

    def __init__(self, keep: int = 200) -> None:
        self._lock = threading.Lock()
        self._states: dict[int, JobState] = {}
        self._ids = itertools.count(1)
        self._keep = keep

    def start(self, kind: str, owner: str, work: Callable[[Progress], str]) -> JobState:
        """Run ``work`` on its own thread; what it returns is the job's final message."""
        with self._lock:
            state = JobState(next(self._ids), kind, owner)
            self._states[state.id] = state
            for old in sorted(self._states)[: max(0, len(self._states) - self._keep)]:
                del self._states[old]
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
            self._states[job_id] = replace(self._states[job_id], **changes)

    def add_item(self, job_id: int, result: dict[str, Any]) -> None:
        with self._lock:
            state = self._states[job_id]
            self._states[job_id] = replace(state, items=(*state.items, result))

    def get(self, job_id: int) -> JobState:
        with self._lock:
            if job_id not in self._states:
                raise NotFoundError(f"no job {job_id} (jobs are kept while the server runs)")
            return self._states[job_id]

    def wait(self, job_id: int, timeout: float = 60.0) -> JobState:
        """For tests and scripts: the job once it has finished (or as it is after ``timeout``)."""
        import time

        deadline = time.monotonic() + timeout
        while self.get(job_id).status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.get(job_id)
