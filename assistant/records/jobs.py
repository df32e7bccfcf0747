"""Records of scaling out (PostgreSQL): a queued job and each attempt at it (assistant.jobs), and the
per-table report of `assistant db copy`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class JobAttempt:
    """One attempt of a job: the worker that ran it and how it ended."""

    attempt: int
    worker: str
    status: str  # doing | succeeded | failed | lost (its worker died)
    error: str | None
    started_at: datetime
    finished_at: datetime | None
    result: dict[str, Any] | None = None  # what a succeeded attempt produced (the task's own summary)


@dataclass(frozen=True)
class JobInfo:
    """A queued job: procrastinate's state (todo | doing | succeeded | failed | cancelled | aborted) and attempts."""

    id: int
    queue: str
    task: str
    status: str
    attempts: int
    args: dict[str, object]
    scheduled_at: datetime | None
    deferred_at: datetime | None
    runs: tuple[JobAttempt, ...] = ()

    @property
    def last_error(self) -> str | None:
        return next((r.error for r in reversed(self.runs) if r.error), None)

    @property
    def result(self) -> dict[str, Any] | None:
        """What the job produced: the result of its succeeded attempt (None while none has)."""
        return next((r.result for r in reversed(self.runs) if r.status == "succeeded"), None)

    @property
    def failed_attempt(self) -> int | None:
        """The attempt the last error came from."""
        return next((r.attempt for r in reversed(self.runs) if r.error), None)

    @property
    def outcome(self) -> str:
        """One line: what the job produced once it succeeded, or its last error and the attempt it came from."""
        if self.status == "succeeded" and self.result:
            return str(self.result.get("summary", ""))
        if self.last_error:
            return f"attempt {self.failed_attempt}: {self.last_error}"
        return ""

    @property
    def worker(self) -> str | None:
        return self.runs[-1].worker if self.runs else None


@dataclass(frozen=True)
class TableCount:
    """One table of `assistant db copy`: rows in the source, in the target afterwards, added by this run."""

    table: str
    source: int
    target: int
    copied: int
