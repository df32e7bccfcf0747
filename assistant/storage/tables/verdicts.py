"""Verdicts: managers teaching the churn-risk model, one per hit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import utcnow


class VerdictRow(SQLModel, table=True):
    """A manager's verdict on a hit (confirm / reject) or a line the analysis missed (missed), with a snapshot of
    the line: it outlives the hit (reanalysis replaces hits) and even the call (no foreign key, on purpose)."""

    __tablename__ = "verdict"
    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(index=True)
    utterance_idx: int
    rule: str = Field(default="", index=True)  # the tracker (or model.<category>) judged; "" for a missed line
    category: str = Field(index=True)
    verdict: str  # confirm | reject | missed
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str
    start: float
    created_at: datetime = Field(default_factory=utcnow)
