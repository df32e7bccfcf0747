"""Web credentials in storage: a token or session in use is read, not written, on each request."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from assistant.records.users import CredentialRecord
from assistant.storage import users
from assistant.storage.db import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _lookup_while_another_transaction_writes(store: Store, now: datetime) -> tuple[CredentialRecord | None, bool]:
    """Look the token up while another connection holds a write on its row (SQLite: the database's one write
    lock; PostgreSQL: the row's lock); whether the lookup finished without waiting for that writer."""
    found: list[CredentialRecord | None] = []
    lookup = threading.Thread(
        target=lambda: found.append(users.find_credential(store, kind="token", token_hash="h1", now=now))
    )
    with store.transaction() as session:
        session.execute(text("UPDATE api_token SET name = 'busy' WHERE token_hash = 'h1'"))
        lookup.start()
        lookup.join(timeout=5)
        finished = not lookup.is_alive()
    lookup.join()
    return (found[0] if found else None), finished


def test_a_credential_in_use_is_marked_used_to_the_minute_without_a_write_per_request(store: Store) -> None:
    users.add_user(store, username="ann", role="rep", password_hash="x")
    users.add_credential(store, kind="token", username="ann", token_hash="h1", name="ci")
    first = users.find_credential(store, kind="token", token_hash="h1", now=NOW)
    assert first is not None and first.last_used_at == NOW  # the first use is written
    again, finished = _lookup_while_another_transaction_writes(store, NOW + timedelta(seconds=30))
    assert finished, "a lookup within the minute waited for another writer: it wrote"
    assert again is not None and again.user.username == "ann" and again.last_used_at == NOW
    later = users.find_credential(store, kind="token", token_hash="h1", now=NOW + timedelta(minutes=2))
    assert later is not None and later.last_used_at == NOW + timedelta(minutes=2)
    (listed,) = users.list_credentials(store, kind="token")
    assert listed.last_used_at is not None and listed.last_used_at.replace(tzinfo=UTC) == NOW + timedelta(minutes=2)


def test_an_expired_credential_is_removed_when_presented(store: Store) -> None:
    users.add_user(store, username="ann", role="rep", password_hash="x")
    users.add_credential(store, kind="session", username="ann", token_hash="s1", expires_at=NOW)
    assert users.find_credential(store, kind="session", token_hash="s1", now=NOW + timedelta(seconds=1)) is None
    assert users.list_credentials(store, kind="session") == []
