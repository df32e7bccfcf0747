"""Alerts (the outbox) and the files the watched folder has processed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import text_field, utcnow


class Alert(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("content_hash", "policy", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: int | None = Field(default=None, index=True)  # no FK: a forced re-ingest replaces the call row
    content_hash: str = Field(index=True)
    policy: str
    channel: str
    kind: str  # slack | webhook | email
    target: str = Field(sa_column=Column(Text, nullable=False))  # JSON ChannelSpec
    key: str  # idempotency key sent to receivers
    message: str = Field(sa_column=Column(Text, nullable=False))  # JSON AlertMessage
    status: str = Field(default="pending", index=True)  # pending | sent | failed
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    history: str = text_field("[]")
    next_attempt_at: datetime | None = Field(default=None, index=True)
    leased_until: datetime | None = None  # an attempt is being sent (by the process that leased it) until then
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class WatchedFile(SQLModel, table=True):
    __tablename__ = "watched_file"

    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(index=True, unique=True)
    size: int
    mtime_ns: int = Field(sa_column=Column(BigInteger, nullable=False))
    content_hash: str | None = None
    status: str  # done | failed
    call_id: int | None = None
    message: str = text_field()
    processed_at: datetime = Field(default_factory=utcnow)
