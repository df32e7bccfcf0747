"""Delivery from the outbox with real receivers: outages, 500s, hangs, garbage, SMTP login failures and a
process killed mid-delivery. Every alert ends up delivered exactly once per receiver-visible key, or
recorded as failed with its reason."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant.alerts.delivery import backoff, deliver_due
from assistant.settings import Settings
from assistant.storage import outbox
from assistant.storage.db import Store
from tests.alerts.conftest import SECRET, HttpReceiver, SmtpServer, policy_yaml, store_call

REPO = Path(__file__).resolve().parents[2]


def webhook(receiver: HttpReceiver) -> str:
    return f"{{type: webhook, url: '{receiver.url()}'}}"


def later(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)


def test_receiver_down_then_back_gets_the_alert_once(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    store_call(store, policy_yaml(webhook(receiver)))
    receiver.stop()
    now = datetime.now(UTC)
    (first,) = deliver_due(store, alert_settings, now=now)
    assert first.outcome == "retry" and "cannot connect" in first.detail and "receiver down" in first.detail
    assert first.next_attempt_at == later(now, alert_settings.alert_retry_base)
    receiver.start()
    assert deliver_due(store, alert_settings, now=later(now, 1)) == []  # backing off
    (second,) = deliver_due(store, alert_settings, now=later(now, 11))
    assert second.outcome == "sent" and second.attempts == 2
    assert deliver_due(store, alert_settings, now=later(now, 3600)) == []
    assert len(receiver.requests) == 1
    alert = outbox.get_alert(store, alert_id=second.alert_id)
    assert alert.status == "sent" and alert.last_error is None and alert.attempts == 2
    assert "retry: " in alert.history[0] and alert.history[1].endswith("sent")


def test_500_is_retried_with_growing_waits_then_given_up(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    receiver.mode = "500"
    store_call(store, policy_yaml(webhook(receiver)))
    now = datetime.now(UTC)
    waits = []
    for _ in range(alert_settings.alert_max_attempts):
        (result,) = deliver_due(store, alert_settings, now=now)
        waits.append(result.next_attempt_at and (result.next_attempt_at - now).total_seconds())
        now = result.next_attempt_at or now
    assert waits == [10.0, 20.0, None] == [backoff(alert_settings, 1), backoff(alert_settings, 2), None]
    assert result.outcome == "failed" and "HTTP 500" in result.detail and "gave up after 3 attempts" in result.detail
    assert len(receiver.requests) == 3 and outbox.count_by_status(store) == {"failed": 1}
    receiver.mode = "ok"
    assert outbox.reset_for_retry(store, now=now) == 1  # `assistant alerts retry`
    (again,) = deliver_due(store, alert_settings, now=now)
    assert again.outcome == "sent" and len(receiver.requests) == 4


def test_alerts_retry_of_one_alert_brings_its_later_retry_forward_and_it_arrives_once_by_key(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    from assistant.services import alerts as service
    from assistant.services.app import App

    settings = alert_settings.model_copy(update={"alert_retry_base": 600.0})  # the next try 10 minutes away
    receiver.mode = "503"
    store_call(store, policy_yaml(webhook(receiver)))
    now = datetime.now(UTC)
    (first,) = deliver_due(store, settings, now=now)
    assert first.outcome == "retry" and first.next_attempt_at == later(now, 600)
    receiver.mode = "ok"
    assert deliver_due(store, settings) == []  # not due for minutes
    count, results = service.retry(App(settings, store), [first.alert_id])  # `assistant alerts retry ID`
    assert count == 1 and [(r.alert_id, r.outcome) for r in results] == [(first.alert_id, "sent")]
    keys = [r.headers["Idempotency-Key"] for r in receiver.requests]
    assert len(keys) == 2 and keys[0] == keys[1]  # the failed try and the retry: one alert to the receiver
    alert = outbox.get_alert(store, alert_id=first.alert_id)
    assert (alert.status, alert.attempts) == ("sent", 1)
    assert deliver_due(store, settings, now=later(now, 3600)) == [] and len(receiver.requests) == 2


def test_hanging_receiver_times_out_within_bounds(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    receiver.mode = "hang"
    store_call(store, policy_yaml(webhook(receiver)))
    started = time.monotonic()
    (result,) = deliver_due(store, alert_settings)
    assert time.monotonic() - started < 2.5
    assert result.outcome == "retry" and "no answer in time (receiver hangs)" in result.detail


def test_garbage_response_is_retried_and_recorded(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    receiver.mode = "garbage"
    store_call(store, policy_yaml(webhook(receiver)))
    (result,) = deliver_due(store, alert_settings)
    assert result.outcome == "retry" and "garbage response" in result.detail
    assert "garbage response" in (outbox.get_alert(store, alert_id=result.alert_id).last_error or "")


def test_a_refusal_is_final(store: Store, alert_settings: Settings, receiver: HttpReceiver) -> None:
    receiver.mode = "404"
    store_call(store, policy_yaml(webhook(receiver)))
    (result,) = deliver_due(store, alert_settings)
    assert result.outcome == "failed" and "HTTP 404" in result.detail and "alerts retry" in result.detail


def test_smtp_login_failure_keeps_the_alert_pending_until_fixed(
    store: Store, alert_settings: Settings, smtp_starttls: SmtpServer
) -> None:
    store_call(store, policy_yaml("{type: email}"))
    bad = smtp_starttls.settings(alert_settings, password="wrong")
    now = datetime.now(UTC)
    for _ in range(alert_settings.alert_max_attempts + 2):  # beyond max attempts: still pending
        (result,) = deliver_due(store, bad, now=now)
        assert result.outcome == "retry" and "login as 'alerts' refused" in result.detail
        now = result.next_attempt_at or now
    assert outbox.count_by_status(store) == {"pending": 1}
    (sent,) = deliver_due(store, smtp_starttls.settings(alert_settings), now=now)
    assert sent.outcome == "sent" and len(smtp_starttls.mailbox.messages) == 1


def test_smtp_server_down_then_back(store: Store, alert_settings: Settings, smtp_starttls: SmtpServer) -> None:
    store_call(store, policy_yaml("{type: email, to: [a@example.com]}", "{type: email, name: b, to: [b@example.com]}"))
    settings = smtp_starttls.settings(alert_settings)
    smtp_starttls.stop()
    now = datetime.now(UTC)
    assert [r.outcome for r in deliver_due(store, settings, now=now)] == ["retry", "retry"]
    smtp_starttls.start()
    assert [r.outcome for r in deliver_due(store, settings, now=later(now, 60))] == ["sent", "sent"]
    assert deliver_due(store, settings, now=later(now, 3600)) == []
    assert sorted(rcpt for _, (rcpt,) in smtp_starttls.mailbox.envelopes) == ["a@example.com", "b@example.com"]


CHILD = """
import sys
from assistant.alerts.delivery import deliver_due
from assistant.settings import load_settings
from assistant.storage.db import Store
settings = load_settings(data_dir=sys.argv[1], webhook_secret=sys.argv[2], alert_timeout=60)
deliver_due(Store.open(settings), settings)
"""


def test_process_killed_mid_delivery_loses_nothing(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    receiver.mode = "hang"
    store_call(store, policy_yaml(webhook(receiver)))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(alert_settings.data_dir), SECRET], cwd=REPO, stderr=subprocess.PIPE
    )
    try:
        assert receiver.arrived.wait(30), child.stderr.read() if child.stderr else ""
    finally:
        child.kill()  # SIGKILL while the receiver holds the request
        child.wait(10)
    (alert,) = outbox.list_alerts(store)
    assert alert.status == "pending" and alert.attempts == 1 and "no outcome recorded" in (alert.last_error or "")
    receiver.mode = "ok"
    assert deliver_due(store, alert_settings) == []  # the dead process's lease still holds
    lease = 2 * 60 + 30  # the child's 2 × alert_timeout + first backoff (default alert_retry_base)
    assert alert.next_attempt_at is not None and alert.next_attempt_at > later(datetime.now(UTC), lease - 10)
    (result,) = deliver_due(store, alert_settings, now=later(alert.next_attempt_at, 0))
    assert result.outcome == "sent" and result.attempts == 2
    keys = {r.headers["Idempotency-Key"] for r in receiver.requests}
    assert len(receiver.requests) == 2 and keys == {alert.key}  # at least once; the receiver can dedupe


SLOW_CHILD = """
import sys
from assistant.alerts.delivery import deliver_due
from assistant.settings import load_settings
from assistant.storage.db import Store
settings = load_settings(data_dir=sys.argv[1], webhook_secret=sys.argv[2], alert_timeout=1.5, alert_retry_base=0.1)
deliver_due(Store.open(settings), settings)
"""


def test_two_delivery_runs_with_a_slow_receiver_send_each_alert_once(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    """Cron and the watcher delivering at once: the second run starts after the first run's early leases
    would have run out (3.1 s: 2 × 1.5 s timeout + 0.1 s backoff) while it is still sending, 1 s an alert."""
    receiver.delay = 1.0
    for n in range(10):
        store_call(store, policy_yaml(webhook(receiver)), content=f"call-{n}")
    cmd = [sys.executable, "-c", SLOW_CHILD, str(alert_settings.data_dir), SECRET]
    first = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE, text=True)
    assert receiver.arrived.wait(60), first.stderr.read() if first.stderr else ""
    time.sleep(3.5)
    second = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE, text=True)
    for child in (first, second):
        assert child.wait(120) == 0, child.stderr.read() if child.stderr else ""
    keys = [r.headers["Idempotency-Key"] for r in receiver.requests]
    assert sorted(keys) == sorted({a.key for a in outbox.list_alerts(store)}) and len(keys) == 10
    assert outbox.count_by_status(store) == {"sent": 10}


def _assistant(settings: Settings, *args: str) -> subprocess.Popen[str]:
    """The real `assistant` command in its own process, on the test's database (the URL, if PostgreSQL, is in
    the environment already)."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_WEBHOOK_SECRET": SECRET,
           "ASSISTANT_ALERT_TIMEOUT": "150"}  # fmt: skip
    command = [str(Path(sys.executable).parent / "assistant"), *args]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_alerts_retry_of_an_alert_being_sent_right_now_is_refused_and_it_arrives_once(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    """`alerts deliver` in one process holds the send (a slow receiver); `alerts retry ID` in another one at that
    moment must not send it again: it says the alert is being sent and re-queues nothing."""
    receiver.hold = threading.Event()  # the send is held until the retry has answered, however loaded the machine
    store_call(store, policy_yaml(webhook(receiver)))
    (alert,) = outbox.list_alerts(store)
    sender = _assistant(alert_settings, "alerts", "deliver")
    try:
        assert receiver.arrived.wait(60), sender.stderr.read() if sender.stderr else ""
        retried = _assistant(alert_settings, "alerts", "retry", str(alert.id))
        out, err = retried.communicate(timeout=60)
        assert retried.returncode == 1, out + err
        assert f"alert {alert.id}" in out and "being sent right now" in out and "0 alert(s) re-queued" in out
        assert sender.poll() is None and len(receiver.requests) == 1  # the race happened: the send was still held
        receiver.hold.set()
        assert sender.wait(60) == 0, sender.stderr.read() if sender.stderr else ""
    finally:
        receiver.hold.set()
        sender.kill()
        sender.wait(10)
    time.sleep(1.0)  # a second send, had there been one, would have reached the receiver by now
    assert len(receiver.requests) == 1
    done = outbox.get_alert(store, alert_id=alert.id)
    assert (done.status, done.attempts) == ("sent", 1)
    (again,) = _assistant(alert_settings, "alerts", "retry", str(alert.id)).communicate(timeout=60)[:1]
    assert "0 alert(s) re-queued" in again and len(receiver.requests) == 1  # a sent alert is never re-sent
