"""The alert outbox: written in the analysis transaction, exactly once per (call content, policy, channel);
claims before sending; the watcher's memory."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from assistant.errors import NotFoundError
from assistant.records import CallMetadata
from assistant.records.alerts import idempotency_key
from assistant.storage import calls, outbox
from assistant.storage.db import Store
from tests.alerts.conftest import policy_yaml, risky_analysis, store_call

WEBHOOK = "{type: webhook, url: 'http://127.0.0.1:9/hook'}"
SLACK = "{type: slack, url: 'http://127.0.0.1:9/slack'}"


def test_alerts_are_written_with_the_call(store: Store) -> None:
    call_id = store_call(store, policy_yaml(WEBHOOK, SLACK))
    alerts = outbox.list_alerts(store)
    assert sorted(a.channel.kind for a in alerts) == ["slack", "webhook"]
    a = alerts[0]
    assert (a.call_id, a.status, a.attempts, a.policy) == (call_id, "pending", 0, "high risk")
    assert a.key == idempotency_key(hashlib.sha256(b"call-1").hexdigest(), "high risk")
    assert a.message.call_id == call_id and a.message.open_command == f"assistant calls show {call_id}"
    assert a.message.risks[0].quote.startswith("Honestly we are thinking about cancelling")
    assert outbox.due_ids(store) == sorted(x.id for x in alerts)


def test_no_alert_when_the_policy_does_not_fire(store: Store) -> None:
    categories = policy_yaml(WEBHOOK, trigger="{categories: [cancellation]}")
    store_call(store, categories, analysis=risky_analysis(negated=True), content="calm")
    store_call(store, policy_yaml(WEBHOOK, trigger="{accounts: [Globex]}"), content="other")
    assert outbox.list_alerts(store) == []


def test_forced_reingest_and_reanalysis_never_alert_twice(store: Store) -> None:
    first = store_call(store, policy_yaml(WEBHOOK))
    second = store_call(store, policy_yaml(WEBHOOK), replace=first)  # `ingest --force`
    calls.save_analysis(store, call_id=second, analysis=risky_analysis(), alerts=_drafts(store, second))
    alerts = outbox.list_alerts(store)
    assert len(alerts) == 1 and alerts[0].call_id == second
    store_call(store, policy_yaml(WEBHOOK, name="another policy"), replace=second)
    assert sorted(a.policy for a in outbox.list_alerts(store)) == ["another policy", "high risk"]


def _drafts(store: Store, call_id: int):  # the drafts a reanalysis computes for the same call
    from assistant.alerts.evaluate import evaluate
    from assistant.alerts.policies import parse_policies

    detail = calls.get_call(store, call_id=call_id)
    policies = parse_policies(policy_yaml(WEBHOOK), Path("alerts.yaml"))
    return evaluate(policies, analysis=risky_analysis(), metadata=detail.metadata, language="en", source="x")


def test_a_failed_save_writes_no_alert(store: Store) -> None:
    store_call(store, policy_yaml(WEBHOOK))
    with pytest.raises(IntegrityError):  # same content again without `replace`: the transaction fails
        store_call(store, policy_yaml(WEBHOOK, name="late policy"))
    assert [a.policy for a in outbox.list_alerts(store)] == ["high risk"]


def test_claim_is_exclusive_and_a_lease_survives_a_killed_process(store: Store) -> None:
    store_call(store, policy_yaml(WEBHOOK))
    (alert_id,) = outbox.due_ids(store)
    now = datetime.now(UTC)
    lease = now + timedelta(seconds=30)
    claimed = outbox.claim(store, alert_id=alert_id, now=now, lease_until=lease)
    assert claimed is not None and claimed.attempts == 1
    assert outbox.claim(store, alert_id=alert_id, now=now, lease_until=lease) is None  # someone has it
    # the process dies here: nothing recorded. The alert is still pending, and due again after the lease
    stuck = outbox.get_alert(store, alert_id=alert_id)
    assert stuck.status == "pending" and "no outcome recorded" in (stuck.last_error or "")
    assert outbox.due_ids(store, now=now) == []
    assert outbox.due_ids(store, now=lease) == [alert_id]


def test_outcomes_and_retry(store: Store) -> None:
    store_call(store, policy_yaml(WEBHOOK, SLACK))
    first, second = outbox.due_ids(store)
    now = datetime.now(UTC)
    outbox.claim(store, alert_id=first, now=now, lease_until=now)
    outbox.record_sent(store, alert_id=first, now=now)
    outbox.claim(store, alert_id=second, now=now, lease_until=now)
    outbox.record_failure(store, alert_id=second, now=now, error="HTTP 404", next_attempt_at=None)
    assert outbox.count_by_status(store) == {"sent": 1, "failed": 1}
    failed = outbox.get_alert(store, alert_id=second)
    assert failed.last_error == "HTTP 404" and failed.history[-1].endswith("#1 gave up: HTTP 404")
    assert outbox.reset_for_retry(store) == 1
    assert outbox.reset_for_retry(store, alert_ids=[first]) == 0  # a sent alert is never re-sent
    again = outbox.get_alert(store, alert_id=second)
    assert (again.status, again.attempts) == ("pending", 0)
    with pytest.raises(NotFoundError, match="no alert with id 999"):
        outbox.get_alert(store, alert_id=999)


def test_account_categories_are_real_customer_risks_of_other_calls(store: Store) -> None:
    store_call(store, policy_yaml(WEBHOOK), content="a", analysis=risky_analysis("pricing"))
    store_call(store, policy_yaml(WEBHOOK), content="b", analysis=risky_analysis("competitor", negated=True))
    store_call(store, policy_yaml(WEBHOOK), content="c", analysis=risky_analysis("budget"), account="Globex")
    this = hashlib.sha256(b"d").hexdigest()
    store_call(store, policy_yaml(WEBHOOK), content="d", analysis=risky_analysis("cancellation"))
    assert outbox.account_categories(store, account="acme corp", exclude_hash=this) == {"pricing"}
    assert outbox.account_categories(store, account=None, exclude_hash=this) == frozenset()


def test_watched_files_are_remembered(store: Store) -> None:
    assert outbox.watched(store, path="/in/a.vtt") is None
    outbox.mark_watched(store, path="/in/a.vtt", size=10, mtime_ns=5, status="failed", message="bad")
    outbox.mark_watched(store, path="/in/a.vtt", size=12, mtime_ns=6, status="done", call_id=3)
    record = outbox.watched(store, path="/in/a.vtt")
    assert record is not None and (record.size, record.mtime_ns, record.status, record.call_id) == (12, 6, "done", 3)


def test_enqueue_outside_a_call_needs_the_transaction(store: Store) -> None:
    """enqueue() only runs inside a transaction handed to it; rolled back with the rest."""
    call_id = store_call(store, "policies: []\n")
    from assistant.alerts.evaluate import evaluate
    from assistant.alerts.policies import parse_policies

    policies = parse_policies(policy_yaml(WEBHOOK), Path("alerts.yaml"))
    drafts = evaluate(policies, analysis=risky_analysis(), metadata=CallMetadata(), language="en", source="x")
    with pytest.raises(RuntimeError), store.transaction() as session:
        outbox.enqueue(session, call_id=call_id, content_hash="h", drafts=drafts)
        raise RuntimeError("analysis failed after the alerts were added")
    assert outbox.list_alerts(store) == []
    with store.transaction() as session:
        assert outbox.enqueue(session, call_id=call_id, content_hash="h", drafts=drafts) == 1
        assert outbox.enqueue(session, call_id=call_id, content_hash="h", drafts=drafts) == 0
