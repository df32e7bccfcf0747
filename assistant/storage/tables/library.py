"""The clip library: clips, collections of them, and the outcomes recorded against accounts."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import text_field, utcnow


class ClipRow(SQLModel, table=True):
    __tablename__ = "clip"

    id: int | None = Field(default=None, primary_key=True)
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True, ondelete="SET NULL")
    title: str
    start: float
    end: float
    transcript: str = text_field()
    tags: str = text_field("[]")  # JSON list
    notes: str = text_field()
    author: str | None = None
    origin: str = "range"
    audio_path: str | None = None
    transcript_path: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CollectionRow(SQLModel, table=True):
    __tablename__ = "collection"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    description: str = text_field()
    created_at: datetime = Field(default_factory=utcnow)


class CollectionClipRow(SQLModel, table=True):
    __tablename__ = "collectionclip"

    collection_id: int = Field(foreign_key="collection.id", primary_key=True, ondelete="CASCADE")
    clip_id: int = Field(foreign_key="clip.id", primary_key=True, ondelete="CASCADE")
    position: int


class OutcomeRow(SQLModel, table=True):
    __tablename__ = "outcome"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    call_id: int | None = Field(default=None, foreign_key="call.id", ondelete="SET NULL")
    status: str = Field(index=True)
    on: date | None = None
    note: str = text_field()
    created_at: datetime = Field(default_factory=utcnow)
