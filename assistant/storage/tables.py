"""SQLModel tables. The schema evolves only through migrations (assistant/storage/migrations).

Nothing here is SQLite-specific: JSON goes in Text columns, times are UTC datetimes, so PostgreSQL can
serve the same tables later. Only assistant.storage imports this module.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    arr: float | None = None
    renewal_date: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Call(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    title: str | None = None
    source_path: str
    source_kind: str  # audio | vtt | srt | whisper-json
    content_hash: str = Field(index=True, unique=True)
    size: int
    duration: float
    language: str
    languages: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON
    channels: int = 1
    model: str | None = None
    recorded_at: datetime | None = Field(default=None, index=True)
    renewal_date: date | None = None
    arr: float | None = None
    rep: str | None = Field(default=None, index=True)
    status: str = "transcribed"  # transcribed | analyzed
    rules_version: str | None = None
    risk_score: float | None = Field(default=None, index=True)
    risk_level: str | None = Field(default=None, index=True)
    risk_explanation: str | None = Field(default=None, sa_column=Column(Text))
    risk_contributions: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON
    executive_present: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Speaker(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("call_id", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    label: str
    role: str  # rep | customer | unknown
    channel: int | None = None
    language: str | None = None


class Utterance(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    speaker_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    idx: int  # position within the call
    role: str = Field(index=True)
    start: float
    end: float
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str | None = None
    channel: int | None = None
    confidence: float | None = None
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    compression_ratio: float | None = None
    words: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON


class Hit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    utterance_idx: int
    rule: str = Field(index=True)
    name: str
    category: str = Field(index=True)
    role: str
    speaker: str
    start: float
    end: float
    text: str = Field(sa_column=Column(Text, nullable=False))
    matched: str
    language: str
    weight: float
    confidence: float
    negated: bool = False
    hypothetical: bool = False
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class CallExecutive(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    title: str = Field(index=True)
    kind: str  # speaking | mentioned
    name: str | None = None
    role: str = "unknown"
    speaker: str | None = None
    start: float = 0.0
    end: float = 0.0
    quote: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    language: str = "en"
    confidence: float = 1.0
