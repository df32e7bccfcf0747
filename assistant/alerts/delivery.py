"""Deliver due alerts from the outbox: claim (committed) → send → record the outcome (committed).

At-least-once: the attempt is counted and a lease written *before* the send, so a process killed
mid-delivery leaves the alert pending and it is sent again once the lease has run out. Receivers drop
repeats with the idempotency key (header ``Idempotency-Key``, payload ``idempotency_key``, email
``Message-ID``). Failed attempts wait ``alert_retry_base × 2^(attempt-1)`` seconds (at most
``alert_retry_max``); after ``alert_max_attempts`` the alert is ``failed`` (``assistant alerts retry``
re-queues it). Configuration problems (SMTP login refused, missing secret) keep it pending.

That claim-and-lease loop (``deliver_due``) is the embedded default's. With a job queue each alert has
its own delivery job (``deliver_queued``), deferred in the transaction that stored the alert; the queue
locks, schedules and retries it, and the outbox only records attempts and outcomes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import httpx

from assistant.alerts.channels import build_channel
from assistant.errors import DeliveryError
from assistant.records.alerts import AlertMessage, ChannelSpec, RiskLine, StoredAlert, idempotency_key
from assistant.settings import Settings
from assistant.storage import outbox
from assistant.storage.db import Store

Outcome = Literal["sent", "retry", "failed", "busy", "queued"]


@dataclass(frozen=True)
class Delivery:
    alert_id: int
    policy: str
    channel: str
    outcome: Outcome
    attempts: int
    detail: str  # receipt or error
    next_attempt_at: datetime | None = None


def backoff(settings: Settings, attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt."""
    return min(settings.alert_retry_max, settings.alert_retry_base * 2 ** max(attempts - 1, 0))


@contextmanager
def http_client(settings: Settings, client: httpx.Client | None) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    with httpx.Client(timeout=settings.alert_timeout, follow_redirects=False) as own:
        yield own


def deliver_due(
    store: Store,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    now: datetime | None = None,
    limit: int = 100,
) -> list[Delivery]:
    """Try every pending alert whose time has come, once each; returns what happened to each.

    Each alert is claimed, with a lease counted from that moment, only when its turn comes: a run that
    spends minutes on slow receivers never holds a lease that ran out before its send began (another
    process would send that alert too). ``now`` fixes the clock instead (tests of backoff and leases)."""
    clock = (lambda: now) if now is not None else (lambda: datetime.now(UTC))
    due = outbox.due_ids(store, now=clock(), limit=limit)
    if not due:
        return []
    with http_client(settings, client) as http:
        return [deliver_one(store, settings, alert_id, client=http, now=clock()) for alert_id in due]


def lease_end(settings: Settings, now: datetime) -> datetime:
    """Until when an attempt started at ``now`` holds its alert (a send takes at most about 2 × the timeout)."""
    return now + timedelta(seconds=2 * settings.alert_timeout + backoff(settings, 1))


def deliver_one(store: Store, settings: Settings, alert_id: int, *, client: httpx.Client, now: datetime) -> Delivery:
    """Claim one alert at ``now`` (the lease runs from then), send it, record the outcome."""
    alert = outbox.claim(store, alert_id=alert_id, now=now, lease_until=lease_end(settings, now))
    if alert is None:
        return Delivery(alert_id, "", "", "busy", 0, "not due, or being delivered by another process")
    return _send(store, settings, alert, client, now)


def deliver_queued(
    store: Store, settings: Settings, alert_id: int, *, client: httpx.Client | None = None
) -> Delivery | None:
    """A queue job's attempt at its alert: taken whatever its lease (the job's lock holds other workers off),
    leased (so `alerts retry` leaves it alone), sent, the outcome recorded; None when there is nothing to do
    (sent already, or deleted)."""
    now = datetime.now(UTC)
    alert = outbox.start_attempt(store, alert_id=alert_id, now=now, lease_until=lease_end(settings, now))
    if alert is None:
        return None
    with http_client(settings, client) as http:
        return _send(store, settings, alert, http, now)


def _send(store: Store, settings: Settings, alert: StoredAlert, client: httpx.Client, now: datetime) -> Delivery:
    try:
        channel = build_channel(alert.channel, settings, client, alert.message.recipients)
        receipt = channel.send(alert)
    except DeliveryError as exc:
        return _failed(store, settings, alert, exc, now)
    outbox.record_sent(store, alert_id=alert.id, now=now)
    return Delivery(alert.id, alert.policy, alert.channel.name, "sent", alert.attempts, receipt)


def _failed(store: Store, settings: Settings, alert: StoredAlert, exc: DeliveryError, now: datetime) -> Delivery:
    give_up = exc.retry == "never" or (exc.retry == "retry" and alert.attempts >= settings.alert_max_attempts)
    nxt = None if give_up else now + timedelta(seconds=backoff(settings, alert.attempts))
    error = str(exc)
    if exc.retry == "retry" and give_up:
        error = (
            f"{exc.problem} (gave up after {alert.attempts} attempts; `assistant alerts retry {alert.id}` re-queues it)"
        )
    outbox.record_failure(store, alert_id=alert.id, now=now, error=error, next_attempt_at=nxt)
    outcome: Outcome = "failed" if give_up else "retry"
    return Delivery(alert.id, alert.policy, alert.channel.name, outcome, alert.attempts, error, nxt)


def sample_alert(spec: ChannelSpec, recipients: tuple[str, ...] = ()) -> StoredAlert:
    """A made-up alert for `assistant alerts test-channel` (never stored)."""
    message = AlertMessage(
        policy="test-channel",
        account="Example Corp",
        title="Channel test",
        source="test",
        language="en",
        score=72.0,
        level="high",
        reasons=("this is a test message from `assistant alerts test-channel`",),
        risks=(RiskLine("cancellation", "cancel", "Cancellation", "Customer", "customer", 83.0, "We may cancel."),),
        executives=("CFO (speaking, customer side)",),
        recipients=recipients,
        call_id=0,
    )
    now = datetime.now(UTC)
    key = idempotency_key(f"test-{now.isoformat()}", "test-channel")
    return StoredAlert(0, 0, "test", "test-channel", spec, key, message, "pending", 1, None, None, now)


def send_test(
    settings: Settings, spec: ChannelSpec, *, recipients: tuple[str, ...] = (), client: httpx.Client | None = None
) -> str:
    """Send a sample alert through one channel right now; DeliveryError says what failed and how to fix the
    channel (never what becomes of a stored alert: this one is made up and not kept)."""
    alert = sample_alert(spec, recipients)
    try:
        with http_client(settings, client) as http:
            return build_channel(spec, settings, http, recipients).send(alert)
    except DeliveryError as exc:
        raise DeliveryError(f"{exc.problem}; {_TEST_ADVICE[exc.retry]}", retry=exc.retry) from exc


_TEST_ADVICE = {
    "config": "fix that setting, then test the channel again",
    "never": "fix the channel in the policy (its URL, address or receiver), then test it again",
    "retry": "check that the receiver is up and reachable from this machine at that address, then test again",
}
