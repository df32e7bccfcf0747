"""Every table of the database, as SQLModel classes on one metadata (``SQLModel.metadata``).

The schema evolves only through migrations (assistant/storage/migrations); tests/storage/test_schema.py
checks that a migrated database matches these classes exactly (the FTS5 index of search aside, see
``SEARCH_INTERNAL``). Nothing here is SQLite-specific: JSON goes in Text columns, times are UTC datetimes.
Only assistant.storage imports this module.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def fold(value: str | None) -> str | None:
    """The case-folded form stored beside names for lookups (SQLite's lower() folds ASCII only)."""
    return value.strip().casefold() if value is not None else None


def _text(default: str = "") -> Any:
    return Field(default=default, sa_column=Column(Text, nullable=False, default=default))


# ---- calls ----------------------------------------------------------------------------------------------


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
    languages: str = _text("{}")  # JSON
    notes: str = _text("[]")  # JSON list: what diarization could not do ("found 3 voices where 2 ...")
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
    risk_contributions: str = _text("[]")  # JSON
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
    method: str = _text()  # channel | voiceprint | cues | manual | ""
    confidence: float | None = None
    evidence: str = _text()
    model: str | None = None  # speaker-embedding model of ``embedding``
    embedding: str = _text("[]")  # JSON list of floats (normalised)
    manual: str | None = None  # what `calls speaker` set: rep | customer | unknown | a rep's name


class RepVoiceprint(SQLModel, table=True):
    """An enrolled rep's voice (``assistant reps enroll``)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    model: str
    embedding: str = _text("[]")  # JSON list of floats (normalised)
    seconds: float = 0.0
    sources: str = _text("[]")  # JSON list of file names
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
    words: str = _text("[]")  # JSON


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
    evidence: str = _text()


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
    quote: str = _text()
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


# ---- search (the FTS5 index itself is SQLite-only and made by migration 0002) ----------------------------


class UtteranceNorm(SQLModel, table=True):
    """The normalised search text (lemmas, stems, CJK characters) of an indexed utterance."""

    __tablename__ = "utterance_norm"

    utterance_id: int | None = Field(default=None, primary_key=True)
    norm: str = Field(sa_column=Column(Text, nullable=False))


class SearchPending(SQLModel, table=True):
    """Utterances inserted or changed since the index last caught up (queued by triggers)."""

    __tablename__ = "search_pending"

    utterance_id: int | None = Field(default=None, primary_key=True)


# FTS5 virtual tables and their shadow tables, PostgreSQL's tsvector table and vocabulary (migration 0007):
# not SQLModel classes, left out of the schema comparison.
SEARCH_INTERNAL = ("utterance_fts", "utterance_vocab", "utterance_search", "search_vocab", "search_posting")


# Migration 0002 made these keys ``INTEGER PRIMARY KEY`` (SQLite's rowid alias, never NULL), which SQLite
# reports as nullable: a difference in words only, so schema comparisons skip these two columns.
ROWID_KEYS = (("utterance_norm", "utterance_id"), ("search_pending", "utterance_id"))


# The job queue's own tables (procrastinate_jobs, ..., PostgreSQL only, migration 0008): procrastinate owns them.
QUEUE_INTERNAL = ("procrastinate",)


def is_search_internal(table: str) -> bool:
    """A table the search index or the job queue owns (not a SQLModel class; left out of comparisons)."""
    return any(table == name or table.startswith(f"{name}_") for name in SEARCH_INTERNAL + QUEUE_INTERNAL)


def compared(name: str | None, type_: str, parent: str | None) -> bool:
    """Whether a schema comparison (alembic autogenerate, tests/storage/test_schema.py) looks at an object."""
    if type_ == "table":
        return name is None or not is_search_internal(name)
    return not (type_ == "column" and (parent, name) in ROWID_KEYS)


# ---- clip library ---------------------------------------------------------------------------------------


class ClipRow(SQLModel, table=True):
    __tablename__ = "clip"

    id: int | None = Field(default=None, primary_key=True)
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True, ondelete="SET NULL")
    title: str
    start: float
    end: float
    transcript: str = _text()
    tags: str = _text("[]")  # JSON list
    notes: str = _text()
    author: str | None = None
    origin: str = "range"
    audio_path: str | None = None
    transcript_path: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CollectionRow(SQLModel, table=True):
    __tablename__ = "collection"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    description: str = _text()
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
    note: str = _text()
    created_at: datetime = Field(default_factory=utcnow)


# ---- alerts ---------------------------------------------------------------------------------------------


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
    history: str = _text("[]")
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
    message: str = _text()
    processed_at: datetime = Field(default_factory=utcnow)


# ---- the job queue (PostgreSQL; procrastinate keeps the jobs, this keeps what each attempt did) ----------


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


# ---- accounts from the CRM ------------------------------------------------------------------------------


class ContactRow(SQLModel, table=True):
    __tablename__ = "account_contact"
    __table_args__ = (UniqueConstraint("account_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    name: str
    key: str  # lower-cased name: one row per person per account
    title: str | None = None
    email: str | None = None


class ArrRow(SQLModel, table=True):
    __tablename__ = "account_arr"
    __table_args__ = (UniqueConstraint("account_id", "on"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    on: date
    arr: float


# ---- users of the web app and API (migration 0006) --------------------------------------------------


class UserRow(SQLModel, table=True):
    __tablename__ = "web_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)
    role: str
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    disabled_at: datetime | None = None  # a disabled user cannot sign in; their tokens stop working


class WebCredential(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="web_user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(index=True, unique=True)
    name: str = ""
    csrf: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    expires_at: datetime | None = None


class TokenRow(WebCredential, table=True):
    __tablename__ = "api_token"


class SessionRow(WebCredential, table=True):
    __tablename__ = "web_session"


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt counted against a key (``user:<name>`` or ``addr:<client>``), shared by every web
    process; rows older than the limiter's window are deleted as new attempts come (migration 0017)."""

    __tablename__ = "login_attempt"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True)
    at: float = Field(index=True)  # seconds since the epoch (UTC)


class WebJob(SQLModel, table=True):
    """A background job of the web app (an upload, a reanalysis): its progress, readable by every web process;
    ``heartbeat`` is renewed by the process that runs it (``runner``) while it runs."""

    __tablename__ = "web_job"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    owner: str
    status: str  # queued | running | done | failed
    done: float = 0.0
    total: float = 0.0
    message: str = _text()
    items: str = _text("[]")  # JSON: per-file / per-call results
    runner: str = ""  # host:pid of the web process running it
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    heartbeat: datetime = Field(default_factory=utcnow)


# ---- verdicts (managers teaching the churn-risk model) -----------------------------------------------


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
