"""What each attempt of a queued job did (PostgreSQL; procrastinate keeps the jobs themselves)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import utcnow


class JobRun(SQLModel, table=True):
    """One attempt of a queued job: which worker ran it, when, and how it ended (the error when it failed, what
    it produced when it succeeded)."""

    __tablename__ = "job_run"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(index=True)
    task: str
    attempt: int
    worker: str
    status: str  # doing | succeeded | failed
    error: str | None = Field(default=None, sa_column=Column(Text))
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    result: str | None = Field(default=None, sa_column=Column(Text))  # JSON: what a succeeded attempt produced
