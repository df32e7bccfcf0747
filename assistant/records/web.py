"""State the web app's processes share through the database: background jobs (uploads, reanalysis)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


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
