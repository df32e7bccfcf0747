"""Users of the web app and API (migration 0006), their tokens and sessions, sign-in attempts, and the web app's
jobs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from assistant.storage.tables.base import text_field, utcnow


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
    message: str = text_field()
    items: str = text_field("[]")  # JSON: per-file / per-call results
    runner: str = ""  # host:pid of the web process running it
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    heartbeat: datetime = Field(default_factory=utcnow)
