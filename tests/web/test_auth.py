"""Users, roles, sessions, tokens and the sign-in limiter (the services behind the web app), with real argon2."""

from __future__ import annotations

import pytest

from assistant.errors import (
    AccessDeniedError,
    AuthError,
    ConfigError,
    NotFoundError,
    StorageError,
    TooManyAttemptsError,
)
from assistant.services import auth
from assistant.storage.db import Store


def test_passwords_are_argon2_hashes_and_checked(store: Store) -> None:
    auth.add_user(store, username="ann", password="s3cret-pass", role="manager")
    from assistant.storage.users import password_hash

    _, hashed = password_hash(store, username="ann")
    assert hashed.startswith("$argon2id$") and "s3cret-pass" not in hashed
    assert auth.authenticate(store, username="ann", password="s3cret-pass").role == "manager"
    for name, password in (("ann", "wrong-pass"), ("nobody", "s3cret-pass")):
        with pytest.raises(AuthError, match="wrong user name or password"):
            auth.authenticate(store, username=name, password=password)


def test_bad_user_input_is_refused_with_the_field(store: Store) -> None:
    with pytest.raises(ConfigError, match="at least 8"):
        auth.add_user(store, username="ann", password="short")
    with pytest.raises(ConfigError, match="role 'boss'"):
        auth.add_user(store, username="ann", password="long enough", role="boss")
    with pytest.raises(ConfigError, match="user name"):
        auth.add_user(store, username="<script>", password="long enough")
    auth.add_user(store, username="ann", password="long enough")
    with pytest.raises(StorageError, match="exists already"):
        auth.add_user(store, username="ann", password="long enough")
    assert [u.username for u in auth.list_users(store)] == ["ann"]


def test_roles_are_ordered() -> None:
    from assistant.storage.users import UserRecord

    rep = UserRecord(1, "r", "rep", None)  # type: ignore[arg-type]
    admin = UserRecord(2, "a", "admin", None)  # type: ignore[arg-type]
    assert auth.has_role(admin, "manager") and auth.has_role(rep, "rep") and not auth.has_role(rep, "manager")
    with pytest.raises(AccessDeniedError, match="needs the manager role"):
        auth.require_role(rep, "manager")


def test_new_password_ends_sessions_and_remove_ends_tokens(store: Store) -> None:
    user = auth.add_user(store, username="ann", password="first pass")
    secret, _ = auth.start_session(store, user=user)
    token, _ = auth.create_token(store, username="ann", name="crm")
    assert auth.session_for(store, secret=secret) is not None
    assert auth.token_user(store, secret=token).username == "ann"
    auth.set_password(store, username="ann", password="second pass")
    assert auth.session_for(store, secret=secret) is None
    assert auth.token_user(store, secret=token).username == "ann"  # tokens survive a password change
    auth.remove_user(store, username="ann")
    with pytest.raises(AuthError):
        auth.token_user(store, secret=token)
    with pytest.raises(NotFoundError, match="no user 'ann'"):
        auth.set_password(store, username="ann", password="third pass")


def test_revoked_token_stops_working(store: Store) -> None:
    auth.add_user(store, username="ann", password="first pass")
    token, record = auth.create_token(store, username="ann", name="crm", days=30)
    assert token.startswith("ra_") and record.expires_at is not None
    assert [t.name for t in auth.list_tokens(store)] == ["crm"]
    auth.revoke_token(store, token_id=record.id)
    with pytest.raises(AuthError, match="unknown, revoked or expired"):
        auth.token_user(store, secret=token)
    with pytest.raises(NotFoundError):
        auth.revoke_token(store, token_id=record.id)


def test_limiter_refuses_after_repeated_failures_even_with_the_right_password(store: Store) -> None:
    auth.add_user(store, username="ann", password="right pass")
    limiter = auth.LoginLimiter(attempts=3, window=60)
    for _ in range(3):
        with pytest.raises(AuthError):
            auth.sign_in(store, limiter, username="ann", password="nope", client="10.0.0.1")
    with pytest.raises(TooManyAttemptsError, match="try again in"):
        auth.sign_in(store, limiter, username="ann", password="right pass", client="10.0.0.2")
    with pytest.raises(TooManyAttemptsError):  # the address is limited too, whatever the user name
        auth.sign_in(store, limiter, username="other", password="x", client="10.0.0.1")


def test_non_loopback_bind_needs_users(store: Store) -> None:
    auth.check_bind(store, host="127.0.0.1")
    auth.check_bind(store, host="::1")
    with pytest.raises(ConfigError, match="refusing to serve beyond this machine with no users"):
        auth.check_bind(store, host="0.0.0.0")
    auth.add_user(store, username="ann", password="right pass", role="admin")
    auth.check_bind(store, host="0.0.0.0")
