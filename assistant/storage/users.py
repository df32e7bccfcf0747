"""Users of the web app and API (migration 0005): accounts with a role, API tokens, browser sessions.

Only hashes are stored: argon2 for passwords (made by ``assistant.services.auth``), SHA-256 for the random
session and API tokens (they are long random strings, so a fast hash is enough and lookups stay indexed).
Keyword-only functions that take and return the frozen records below.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from assistant.errors import NotFoundError, StorageError
from assistant.records.users import CredentialRecord, UserRecord
from assistant.storage.db import Store
from assistant.storage.tables import SessionRow, TokenRow, UserRow, WebCredential, utcnow


def _user(row: UserRow) -> UserRecord:
    assert row.id is not None
    return UserRecord(row.id, row.username, row.role, row.created_at, row.disabled_at is not None)


def _find(session: Session, username: str) -> UserRow:
    row = session.exec(select(UserRow).where(UserRow.username == username)).first()
    if row is None:
        raise NotFoundError(f"no user {username!r} (see `assistant users list`)")
    return row


def count_users(store: Store) -> int:
    with store.read() as session:
        return int(session.exec(select(sa.func.count()).select_from(UserRow)).one())


def add_user(store: Store, *, username: str, role: str, password_hash: str) -> UserRecord:
    with store.transaction() as session:
        if session.exec(select(UserRow).where(UserRow.username == username)).first():
            raise StorageError(f"user {username!r} exists already; change the password with `assistant users passwd`")
        row = UserRow(username=username, role=role, password_hash=password_hash)
        session.add(row)
        session.flush()
        return _user(row)


def get_user(store: Store, *, username: str) -> UserRecord:
    with store.read() as session:
        return _user(_find(session, username))


def password_hash(store: Store, *, username: str) -> tuple[UserRecord, str]:
    with store.read() as session:
        row = _find(session, username)
        return _user(row), row.password_hash


def update_user(
    store: Store, *, username: str, password_hash: str | None = None, role: str | None = None
) -> UserRecord:
    """Change a password (which also ends every browser session of the user) or a role."""
    with store.transaction() as session:
        row = _find(session, username)
        row.password_hash = password_hash or row.password_hash
        row.role = role or row.role
        row.updated_at = utcnow()
        if password_hash:
            session.execute(sa.delete(SessionRow).where(col(SessionRow.user_id) == row.id))
        return _user(row)


def set_disabled(store: Store, *, username: str, disabled: bool) -> UserRecord:
    """Disable a user (their browser sessions end now, their API tokens are refused while disabled) or enable
    them again."""
    with store.transaction() as session:
        row = _find(session, username)
        row.disabled_at = (row.disabled_at or utcnow()) if disabled else None
        row.updated_at = utcnow()
        if disabled:
            session.execute(sa.delete(SessionRow).where(col(SessionRow.user_id) == row.id))
        return _user(row)


def list_users(store: Store) -> list[UserRecord]:
    with store.read() as session:
        return [_user(r) for r in session.exec(select(UserRow).order_by(col(UserRow.username)))]


def remove_user(store: Store, *, username: str) -> UserRecord:
    with store.transaction() as session:
        row = _find(session, username)
        for table in (SessionRow, TokenRow):
            session.execute(sa.delete(table).where(col(table.user_id) == row.id))
        session.delete(row)
        return _user(row)


def _table(kind: str) -> type[WebCredential]:
    return TokenRow if kind == "token" else SessionRow


def add_credential(
    store: Store, *, kind: str, username: str, token_hash: str, name: str = "", csrf: str = "",
    expires_at: datetime | None = None,
) -> CredentialRecord:  # fmt: skip
    """Store a new API token (kind "token") or browser session (kind "session") for ``username``."""
    with store.transaction() as session:
        user = _find(session, username)
        assert user.id is not None
        row = _table(kind)(user_id=user.id, token_hash=token_hash, name=name, csrf=csrf, expires_at=expires_at)
        session.add(row)
        session.flush()
        return _credential(row, _user(user))


def _credential(row: WebCredential, user: UserRecord) -> CredentialRecord:
    assert row.id is not None
    return CredentialRecord(row.id, user, row.name, row.csrf, row.created_at, row.last_used_at, row.expires_at)


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


# How stale a credential's "last used" may get: refreshing it on every request made each API call and page a
# write transaction (SQLite's one writer lock, a disk sync), which queued concurrent readers behind each other.
TOUCH_EVERY = timedelta(minutes=1)


def find_credential(store: Store, *, kind: str, token_hash: str, now: datetime) -> CredentialRecord | None:
    """The live token or session with this hash (expired ones are deleted); marks it used (to the minute:
    a read only, unless it was last marked over ``TOUCH_EVERY`` ago)."""
    table = _table(kind)
    with store.read() as session:
        found = session.exec(
            select(table, UserRow).join(UserRow, col(UserRow.id) == table.user_id).where(table.token_hash == token_hash)
        ).first()
    if found is None:
        return None
    row, user = found
    expires, used = _aware(row.expires_at), _aware(row.last_used_at)
    if expires is not None and expires <= now:
        remove_credential(store, kind=kind, credential_id=row.id)
        return None
    if user.disabled_at is not None:
        return None
    if used is None or now - used >= TOUCH_EVERY:
        with store.transaction() as session:
            session.execute(sa.update(table).where(col(table.id) == row.id).values(last_used_at=now))
        used = now
    return replace(_credential(row, _user(user)), last_used_at=used)


def list_credentials(store: Store, *, kind: str, username: str | None = None) -> list[CredentialRecord]:
    table = _table(kind)
    with store.read() as session:
        query = select(table, UserRow).join(UserRow, col(UserRow.id) == table.user_id).order_by(col(table.id))
        if username is not None:
            query = query.where(UserRow.username == username)
        return [_credential(row, _user(user)) for row, user in session.exec(query)]


def remove_credential(
    store: Store, *, kind: str, credential_id: int | None = None, token_hash: str | None = None
) -> bool:
    table = _table(kind)
    where = col(table.id) == credential_id if credential_id is not None else col(table.token_hash) == token_hash
    with store.transaction() as session:
        return bool(session.execute(sa.delete(table).where(where)).rowcount)  # type: ignore[attr-defined]
