"""Each channel against a real receiver on 127.0.0.1: the webhook's payload and HMAC signature, Slack's
Block Kit body, email over STARTTLS and implicit TLS with login, and the errors each failure gives."""

from __future__ import annotations

import hmac
import json
import time

import httpx
import pytest

from assistant.alerts.channels import SIGNATURE_HEADER, TIMESTAMP_HEADER, build_channel, sign
from assistant.alerts.delivery import sample_alert, send_test
from assistant.errors import DeliveryError
from assistant.records.alerts import ChannelSpec, StoredAlert
from assistant.settings import Settings
from assistant.storage import outbox
from assistant.storage.db import Store
from tests.alerts.conftest import SECRET, SMTP_PASSWORD, HttpReceiver, SmtpServer, policy_yaml, store_call


def stored(store: Store, channel: str) -> StoredAlert:
    call_id = store_call(store, policy_yaml(channel))
    (alert,) = outbox.list_alerts(store, call_id=call_id)
    return alert


def send(settings: Settings, alert: StoredAlert) -> str:
    with httpx.Client(timeout=settings.alert_timeout) as client:
        return build_channel(alert.channel, settings, client, alert.message.recipients).send(alert)


def test_webhook_payload_is_signed_with_hmac(store: Store, alert_settings: Settings, receiver: HttpReceiver) -> None:
    alert = stored(store, f"{{type: webhook, url: '{receiver.url('/risk')}'}}")
    assert send(alert_settings, alert) == "HTTP 200"
    (req,) = receiver.requests
    assert req.path == "/risk" and req.headers["Content-Type"] == "application/json"
    stamp = req.headers[TIMESTAMP_HEADER]
    expected = hmac.new(SECRET.encode(), stamp.encode() + b"." + req.body, "sha256").hexdigest()
    assert req.headers[SIGNATURE_HEADER] == f"sha256={expected}"
    assert abs(int(stamp) - time.time()) < 60
    body = json.loads(req.body)
    assert body["idempotency_key"] == req.headers["Idempotency-Key"] == alert.key
    assert body["call"]["id"] == alert.call_id and body["call"]["account"] == "Acme Corp"
    assert body["call"]["open"] == f"assistant calls show {alert.call_id}"
    assert body["risk"] == {"score": 72.0, "level": "high"}
    assert body["risks"][0]["quote"].startswith("Honestly we are thinking about cancelling")
    assert body["risks"][0]["start"] == 65.0


def test_tampered_body_fails_the_signature() -> None:
    assert sign(SECRET, "1", b'{"a": 1}') != sign(SECRET, "1", b'{"a": 2}')
    assert sign(SECRET, "1", b"x") != sign("other", "1", b"x")


def test_webhook_without_secret_is_a_config_problem(
    store: Store, alert_settings: Settings, receiver: HttpReceiver
) -> None:
    alert = stored(store, f"{{type: webhook, url: '{receiver.url()}'}}")
    with pytest.raises(DeliveryError, match="ASSISTANT_WEBHOOK_SECRET") as info:
        send(alert_settings.model_copy(update={"webhook_secret": None}), alert)
    assert info.value.retry == "config" and receiver.requests == []


def test_slack_block_kit_body(store: Store, alert_settings: Settings, receiver: HttpReceiver) -> None:
    alert = stored(store, f"{{type: slack, url: '{receiver.url('/services/T0/B0/SECRETPATH')}'}}")
    send(alert_settings, alert)
    body = json.loads(receiver.requests[0].body)
    assert body["text"] == "[high risk 72] Acme Corp: high risk"
    kinds = [b["type"] for b in body["blocks"]]
    assert kinds[0] == "header" and kinds[-1] == "context"
    section = json.dumps(body["blocks"])
    assert "1:05" in section and "cancelling" in section and "*Account:*\\nAcme Corp" in section
    assert f"assistant calls show {alert.call_id}" in body["blocks"][-1]["elements"][0]["text"]


def test_http_errors_never_show_the_secret_path(store: Store, alert_settings: Settings, receiver: HttpReceiver) -> None:
    receiver.mode = "500"
    alert = stored(store, f"{{type: slack, url: '{receiver.url('/services/T0/B0/SECRETPATH')}'}}")
    with pytest.raises(DeliveryError) as info:
        send(alert_settings, alert)
    assert info.value.retry == "retry" and "HTTP 500" in str(info.value)
    assert "SECRETPATH" not in str(info.value) and f"127.0.0.1:{receiver.port}/…" in str(info.value)


def test_email_over_starttls_with_login(store: Store, alert_settings: Settings, smtp_starttls: SmtpServer) -> None:
    alert = stored(store, "{type: email, to: [vp-sales@example.com]}")
    assert send(smtp_starttls.settings(alert_settings), alert).startswith("250")
    (mail,) = smtp_starttls.mailbox.messages
    assert smtp_starttls.mailbox.envelopes == [("assistant@example.com", ["vp-sales@example.com"])]
    assert mail["Subject"] == "[high risk 72] Acme Corp: high risk"
    assert mail["Message-ID"] == f"<{alert.key}@renewal-assistant>"
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in mail.walk() if not p.is_multipart()}
    assert set(parts) == {"text/plain", "text/html"}
    assert "[1:05] cancellation — Dana" in parts["text/plain"]
    assert f"assistant calls show {alert.call_id}" in parts["text/plain"]
    assert "<q>Honestly we are thinking about cancelling" in parts["text/html"]


def test_email_over_implicit_tls_to_policy_recipients(
    store: Store, alert_settings: Settings, smtp_tls: SmtpServer
) -> None:
    alert = stored(store, "{type: email}")  # no 'to': the policy's recipients
    send(smtp_tls.settings(alert_settings), alert)
    assert smtp_tls.mailbox.envelopes[0][1] == ["csm@example.com"]


def test_smtp_login_refused_is_clear_and_keeps_the_password_secret(
    store: Store, alert_settings: Settings, smtp_starttls: SmtpServer
) -> None:
    alert = stored(store, "{type: email}")
    with pytest.raises(DeliveryError) as info:
        send(smtp_starttls.settings(alert_settings, password="wrong-password"), alert)
    message = str(info.value)
    assert info.value.retry == "config" and "login as 'alerts' refused (535" in message
    assert "ASSISTANT_SMTP_PASSWORD" in message and "wrong-password" not in message
    assert SMTP_PASSWORD not in message and smtp_starttls.mailbox.messages == []


def test_untrusted_certificate_is_a_tls_problem(
    store: Store, alert_settings: Settings, smtp_starttls: SmtpServer
) -> None:
    settings = smtp_starttls.settings(alert_settings).model_copy(update={"smtp_ca_file": None})
    with pytest.raises(DeliveryError, match="TLS problem") as info:
        send(settings, stored(store, "{type: email}"))
    assert info.value.retry == "config"


def test_test_channel_sends_a_sample(alert_settings: Settings, receiver: HttpReceiver) -> None:
    spec = ChannelSpec(kind="webhook", name="crm", url=receiver.url())
    assert send_test(alert_settings, spec) == "HTTP 200"
    assert json.loads(receiver.requests[0].body)["policy"] == "test-channel"
    assert sample_alert(spec).message.account == "Example Corp"


def test_a_failed_test_alert_says_how_to_fix_the_channel_not_how_to_deliver_it(
    alert_settings: Settings, receiver: HttpReceiver
) -> None:
    spec = ChannelSpec(kind="webhook", name="crm", url=receiver.url())
    unsigned = alert_settings.model_copy(update={"webhook_secret": None})
    with pytest.raises(DeliveryError) as info:
        send_test(unsigned, spec)
    assert str(info.value).endswith("set ASSISTANT_WEBHOOK_SECRET (or webhook_secret in the config file); fix that "
                                    "setting, then test the channel again")  # fmt: skip
    assert receiver.requests == []
    receiver.stop()
    with pytest.raises(DeliveryError, match=r"cannot connect .* is the receiver down") as down:
        send_test(alert_settings, spec)
    assert "reachable from this machine" in str(down.value) and "will retry" not in str(down.value)
