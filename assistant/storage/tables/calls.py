"""Calls and what is kept of them: accounts, calls, speakers, rep voiceprints, utterances, hits, executives, and
the utterances' and long turns' sentences' embeddings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import fold, text_field, utcnow


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    name_key: str | None = Field(default=None, index=True)  # fold(name), kept by the ORM events below
    arr: float | None = None
    renewal_date: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    # from the CRM (accounts import)
    external_id: str | None = Field(default=None, index=True, unique=True)
    external_id_key: str | None = Field(default=None, index=True)  # fold(external_id)
    owner: str | None = None
    customer_since: date | None = None
    churned_on: date | None = None
    status: str | None = None
    mrr: float | None = None
    currency: str | None = None
    updated_at: datetime | None = None


@event.listens_for(Account, "before_insert")
@event.listens_for(Account, "before_update")
def _fold_keys(_mapper: Any, _connection: Any, account: Account) -> None:
    account.name_key = fold(account.name)
    account.external_id_key = fold(account.external_id)


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
    languages: str = text_field("{}")  # JSON
    notes: str = text_field("[]")  # JSON list: what diarization could not do ("found 3 voices where 2 ...")
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
    risk_contributions: str = text_field("[]")  # JSON
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
    # diarization (issue 13): who the voice is, how that was decided, and its voice embedding
    name: str | None = None
    seconds: float | None = None
    method: str = text_field()  # channel | voiceprint | cues | manual | ""
    confidence: float | None = None
    evidence: str = text_field()
    model: str | None = None  # speaker-embedding model of ``embedding``
    embedding: str = text_field("[]")  # JSON list of floats (normalised)
    manual: str | None = None  # what `calls speaker` set: rep | customer | unknown | a rep's name


class RepVoiceprint(SQLModel, table=True):
    """An enrolled rep's voice (``assistant reps enroll``)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    model: str
    embedding: str = text_field("[]")  # JSON list of floats (normalised)
    seconds: float = 0.0
    sources: str = text_field("[]")  # JSON list of file names
    created_at: datetime = Field(default_factory=utcnow)


class Utterance(SQLModel, table=True):
    # (call_id, id), not (call_id) alone: a call's first and last utterance id is one index probe each on
    # PostgreSQL (search's id bounds of a date range: 720 calls read 72,000 rows, 40 ms, without it)
    __table_args__ = (Index("ix_utterance_call_id_id", "call_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", ondelete="CASCADE")
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
    words: str = text_field("[]")  # JSON


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
    evidence: str = text_field()


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
    quote: str = text_field()
    language: str = "en"
    confidence: float = 1.0


class UtteranceEmbedding(SQLModel, table=True):
    """The sentence embedding of one utterance (churn-risk model, meaning search): ``dims`` little-endian
    float16 values made by the embedding model ``model``. ``id`` only grows (AUTOINCREMENT on SQLite, a
    sequence on PostgreSQL), so a cache of the vectors knows it is out of date by the largest id and the count."""

    __tablename__ = "utterance_embedding"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    utterance_id: int = Field(foreign_key="utterance.id", unique=True, ondelete="CASCADE")
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    model: str = Field(index=True)
    dims: int
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class SentenceEmbedding(SQLModel, table=True):
    """The embedding of one sentence of a long customer turn (the churn-risk model reads such a turn sentence by
    sentence): as ``UtteranceEmbedding``, keyed by ``text_hash`` (SHA-256 of the sentence's text, hex): a turn cut
    another way, or another ``model``, finds no vector of it."""

    __tablename__ = "sentence_embedding"

    id: int | None = Field(default=None, primary_key=True)
    utterance_id: int = Field(foreign_key="utterance.id", index=True, ondelete="CASCADE")
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    model: str
    dims: int
    text_hash: str
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ModelVote(SQLModel, table=True):
    """The churn-risk model's nearest-examples vote of one line or sentence a reading of the call read
    (``analysis/model/vote.py``): ``vote`` little-endian float64 values, one per column of the head whose version is
    ``head``, kept under ``row_key`` (a digest of the row's vector as read). Replaced by each reanalysis that read one
    anew (a new head, a new vector); a reading under another head finds none."""

    __tablename__ = "model_vote"

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(foreign_key="call.id", index=True, ondelete="CASCADE")
    head: str
    row_key: str
    vote: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
