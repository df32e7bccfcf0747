"""Stored users can be disabled (sessions deleted, credentials refused while disabled) and verdicts on a line by
its number, on both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.errors import InputError
from assistant.storage import users, verdicts
from assistant.storage.db import Store


def test_a_disabled_user_keeps_their_tokens_but_they_are_refused(store: Store) -> None:
    users.add_user(store, username="rita", role="rep", password_hash="x")
    now = datetime.now(UTC)
    users.add_credential(store, kind="session", username="rita", token_hash="s1", csrf="c")
    users.add_credential(store, kind="token", username="rita", token_hash="t1", name="crm")
    assert users.find_credential(store, kind="token", token_hash="t1", now=now) is not None
    assert users.set_disabled(store, username="rita", disabled=True).disabled
    assert users.get_user(store, username="rita").disabled
    assert users.find_credential(store, kind="token", token_hash="t1", now=now) is None
    assert users.list_credentials(store, kind="session") == []  # signed out for good
    assert not users.set_disabled(store, username="rita", disabled=False).disabled
    assert users.find_credential(store, kind="token", token_hash="t1", now=now) is not None
    assert users.find_credential(store, kind="session", token_hash="s1", now=now) is None


def test_a_missed_line_by_number_once_per_category(store: Store, ids: dict[str, int]) -> None:
    call = ids["en1"]
    first = verdicts.mark_missed(store, call_id=call, line=3, category="price")
    assert (first.utterance_index, first.verdict) == (2, "missed")
    verdicts.mark_missed(store, call_id=call, line=3, category="price")
    verdicts.mark_missed(store, call_id=call, line=3, category="budget")
    assert sorted(v.category for v in verdicts.list_verdicts(store, call_id=call)) == ["budget", "price"]
    with pytest.raises(InputError, match="has lines 1-3, not 4"):
        verdicts.mark_missed(store, call_id=call, line=4, category="price")
