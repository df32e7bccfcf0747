"""Users, roles, sessions and API tokens: the use cases behind `assistant users|tokens` and the web sign-in.

Roles, weakest first: **rep** (calls, search, clips, briefs), **manager** (also rules and alert policies),
**admin** (also users and settings). Passwords are hashed with argon2id; browser sessions and API tokens are
random secrets of which only a SHA-256 is stored. Failed sign-ins are counted per user name and per client
address; past the limit a sign-in is refused for a while (``LoginLimiter``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.errors import AccessDeniedError, AuthError, ConfigError, NotFoundError, TooManyAttemptsError
from assistant.records.users import CredentialRecord, UserRecord
from assistant.storage import users as stored
from assistant.storage import web_state as stored_attempts
from assistant.storage.db import Store

ROLES = ("rep", "manager", "admin")
MIN_PASSWORD = 8
SESSION_DAYS = 14
TOKEN_PREFIX = "ra_"
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-password-anyone-has")  # same work for unknown users: no timing oracle


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ConfigError(f"role {role!r}: use one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"password: at least {MIN_PASSWORD} characters, please")
    return password


def has_role(user: UserRecord, needed: str) -> bool:
    """Whether ``user`` may do what ``needed`` (rep < manager < admin) may."""
    return ROLES.index(user.role) >= ROLES.index(needed)


def require_role(user: UserRecord, needed: str) -> UserRecord:
    if not has_role(user, needed):
        raise AccessDeniedError(f"this needs the {needed} role; {user.username} is a {user.role}")
    return user


def add_user(store: Store, *, username: str, password: str, role: str = "rep") -> UserRecord:
    if not _USERNAME.match(username):
        raise ConfigError(f"user name {username!r}: letters, digits and . _ @ - only, at most 64 characters")
    check_role(role)
    return stored.add_user(store, username=username, role=role, password_hash=_hasher.hash(_check_password(password)))


def set_password(store: Store, *, username: str, password: str) -> UserRecord:
    """A new password; every browser session of the user ends (API tokens stay)."""
    return stored.update_user(store, username=username, password_hash=_hasher.hash(_check_password(password)))


def set_role(store: Store, *, username: str, role: str) -> UserRecord:
    if check_role(role) != "admin":
        _keep_an_admin(store, username, "change the role of")
    return stored.update_user(store, username=username, role=role)


def set_disabled(store: Store, *, username: str, disabled: bool, by: UserRecord | None = None) -> UserRecord:
    """Disable a user (signed out at once, API tokens refused, nothing of theirs deleted) or enable them again."""
    if disabled and by is not None and by.username == username:
        raise ConfigError(f"{username}: you cannot disable yourself; another admin can")
    if disabled:
        _keep_an_admin(store, username, "disable")
    return stored.set_disabled(store, username=username, disabled=disabled)


def _keep_an_admin(store: Store, username: str, what: str) -> None:
    """Refuse to leave no enabled admin (nobody could manage users from the web any more)."""
    admins = [u.username for u in stored.list_users(store) if u.role == "admin" and not u.disabled]
    if admins == [username]:
        raise ConfigError(f"cannot {what} {username}: the only enabled admin (add or enable another admin first)")


def get_user(store: Store, *, username: str) -> UserRecord:
    return stored.get_user(store, username=username)


def list_users(store: Store) -> list[UserRecord]:
    return stored.list_users(store)


def remove_user(store: Store, *, username: str) -> UserRecord:
    return stored.remove_user(store, username=username)


def has_users(store: Store) -> bool:
    return stored.count_users(store) > 0


def authenticate(store: Store, *, username: str, password: str) -> UserRecord:
    """The user whose name and password these are; AuthError (one message for both mistakes) otherwise."""
    try:
        user, hashed = stored.password_hash(store, username=username)
    except NotFoundError:
        user, hashed = None, _DUMMY_HASH
    try:
        _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None:
        raise AuthError("wrong user name or password")
    if user.disabled:
        raise AuthError(f"{username} is disabled; ask an admin to enable the account")
    if _hasher.check_needs_rehash(hashed):
        set_password(store, username=username, password=password)
    return user


def start_session(store: Store, *, user: UserRecord) -> tuple[str, CredentialRecord]:
    """A new browser session: its secret (for the cookie) and its record (with the CSRF token)."""
    secret = secrets.token_urlsafe(32)
    expires = _now() + timedelta(days=SESSION_DAYS)
    record = stored.add_credential(
        store, kind="session", username=user.username, token_hash=_hash_secret(secret),
        csrf=secrets.token_urlsafe(32), expires_at=expires,
    )  # fmt: skip
    return secret, record


def session_for(store: Store, *, secret: str) -> CredentialRecord | None:
    return (
        stored.find_credential(store, kind="session", token_hash=_hash_secret(secret), now=_now()) if secret else None
    )


def end_session(store: Store, *, secret: str) -> None:
    stored.remove_credential(store, kind="session", token_hash=_hash_secret(secret))


def create_token(store: Store, *, username: str, name: str, days: int | None = None) -> tuple[str, CredentialRecord]:
    """A new API token for ``username`` (shown once; only its hash is kept)."""
    if days is not None and days < 1:
        raise ConfigError("--days: at least 1 (or leave it out for a token that does not expire)")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = _now() + timedelta(days=days) if days else None
    record = stored.add_credential(
        store, kind="token", username=username, token_hash=_hash_secret(secret), name=name, expires_at=expires
    )
    return secret, record


def token_user(store: Store, *, secret: str) -> UserRecord:
    """The user of an API token (Bearer header); AuthError when it is unknown, revoked or expired."""
    found = stored.find_credential(store, kind="token", token_hash=_hash_secret(secret), now=_now())
    if found is None:
        raise AuthError("the API token is unknown, revoked or expired; create one with `assistant tokens create`")
    return found.user


def list_tokens(store: Store, *, username: str | None = None) -> list[CredentialRecord]:
    return stored.list_credentials(store, kind="token", username=username)


def revoke_token(store: Store, *, token_id: int) -> None:
    if not stored.remove_credential(store, kind="token", credential_id=token_id):
        raise NotFoundError(f"no API token {token_id} (see `assistant tokens list`)")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(store: Store, *, host: str) -> None:
    """Serving beyond this machine needs users: refuse a non-loopback bind while there are none."""
    if not is_loopback(host) and not has_users(store):
        raise ConfigError(
            f"--host {host}: refusing to serve beyond this machine with no users; "
            "add one first with `assistant users add NAME --role admin`"
        )


@dataclass(frozen=True)
class LoginLimiter:
    """At most ``attempts`` failed sign-ins per user name and per client address in ``window`` seconds, counted
    in the database: every web process (``serve --workers N``, several machines) shares the count.

    An attempt is counted before its password is checked (so two processes at once cannot both slip past the
    limit) and uncounted when it is refused or its password is right; a right password also clears its user
    name's failures (not its address's)."""

    attempts: int = 5
    window: float = 300.0

    def begin(self, store: Store, *keys: str) -> list[int]:
        """Count an attempt against ``keys``; TooManyAttemptsError (the attempt uncounted) past the limit."""
        now = time.time()
        ids = stored_attempts.add_attempt(store, keys=keys, at=now, since=now - self.window)
        for found in stored_attempts.count_attempts(store, keys=keys, since=now - self.window):
            if found.count > self.attempts:
                stored_attempts.forget_attempts(store, ids=ids)
                wait = int(found.oldest + self.window - now) + 1
                raise TooManyAttemptsError(f"too many failed sign-ins; try again in {wait} s", retry_after=wait)
        return ids

    def succeeded(self, store: Store, ids: list[int], *keys: str) -> None:
        """The attempt ``ids`` was right: uncount it, and clear every failure of ``keys``."""
        stored_attempts.forget_attempts(store, ids=ids, keys=keys)


def sign_in(
    store: Store, limiter: LoginLimiter, *, username: str, password: str, client: str
) -> tuple[str, CredentialRecord]:
    """Check the limiter, the password, then start a session; failures stay counted."""
    keys = (f"user:{username.lower()}", f"addr:{client}")
    attempt = limiter.begin(store, *keys)
    try:
        user = authenticate(store, username=username, password=password)
    except AuthError:
        raise
    except BaseException:  # not a wrong password (the database failed): not a failure either
        stored_attempts.forget_attempts(store, ids=attempt)
        raise
    limiter.succeeded(store, attempt, keys[0])
    return start_session(store, user=user)
