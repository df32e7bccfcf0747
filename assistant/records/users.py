"""Users of the web app and API, and their credentials (API tokens, browser sessions), as stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    role: str
    created_at: datetime
    disabled: bool = False  # cannot sign in; API tokens refused


@dataclass(frozen=True)
class CredentialRecord:
    """An API token or a browser session (never its secret): who it belongs to and when it ends."""

    id: int
    user: UserRecord
    name: str
    csrf: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
