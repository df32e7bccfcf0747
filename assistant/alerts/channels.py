"""Delivery channels: Slack incoming webhook (Block Kit), generic JSON webhook signed with HMAC-SHA256,
email over SMTP (STARTTLS / implicit TLS, plain text + HTML).

Every failure is a ``DeliveryError`` whose ``retry`` says what to do next: ``retry`` (receiver down,
5xx, hangs, garbage), ``config`` (bad password, missing secret: the alert stays pending until the setting is
fixed) or ``never`` (the receiver refused the alert for good, e.g. HTTP 404). Messages never contain secrets:
URLs are shown as scheme://host:port/… (a Slack URL's path is its secret) and passwords are never echoed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import socket
import ssl
import time
from email.message import EmailMessage
from typing import Protocol

import httpx

from assistant.alerts import render
from assistant.errors import DeliveryError
from assistant.records.alerts import ChannelSpec, StoredAlert
from assistant.redact import mask_webhook
from assistant.settings import Settings

SIGNATURE_HEADER = "X-Assistant-Signature"
TIMESTAMP_HEADER = "X-Assistant-Timestamp"
KEY_HEADER = "Idempotency-Key"
WILL_RETRY = "will retry"  # what happens to a stored alert after these failures (DeliveryError.then)
DELIVER_WHEN_FIXED = "then run `assistant alerts deliver` (the alert stays pending)"


class Channel(Protocol):
    def send(self, alert: StoredAlert) -> str:
        """Deliver one alert; return a short receipt ("HTTP 200"); raise DeliveryError on failure."""
        ...


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256(secret, "<timestamp>." + body): what receivers recompute."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _post(client: httpx.Client, url: str, body: bytes, headers: dict[str, str]) -> str:
    where = mask_webhook(url)
    try:
        response = client.post(url, content=body, headers={"Content-Type": "application/json", **headers})
    except httpx.TimeoutException:
        raise DeliveryError(f"{where}: no answer in time (receiver hangs)", then=WILL_RETRY) from None
    except httpx.ConnectError as exc:
        raise DeliveryError(f"{where}: cannot connect ({exc}); is the receiver down?") from None
    except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
        raise DeliveryError(f"{where}: garbage response ({type(exc).__name__}: {exc})") from None
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{where}: {type(exc).__name__}: {exc}") from None
    return _check_status(where, response)


def _check_status(where: str, response: httpx.Response) -> str:
    code = response.status_code
    if 200 <= code < 300:
        return f"HTTP {code}"
    detail = response.text[:200].strip().replace("\n", " ")
    retry = "retry" if code >= 500 or code in (408, 425, 429) else "never"
    if retry == "retry":
        raise DeliveryError(f"{where}: HTTP {code} {detail!r}", retry=retry, then=WILL_RETRY)
    refused = f"{where}: HTTP {code} {detail!r}: the receiver refused it; fix the channel (its URL, the receiver)"
    raise DeliveryError(refused, retry=retry, then="then `assistant alerts retry`")


class SlackChannel:
    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url, self.client = url, client

    def send(self, alert: StoredAlert) -> str:
        body = json.dumps(render.slack(alert.message, alert.key), ensure_ascii=False).encode()
        return _post(self.client, self.url, body, {KEY_HEADER: alert.key})


class WebhookChannel:
    def __init__(self, url: str, secret: str | None, client: httpx.Client) -> None:
        self.url, self.secret, self.client = url, secret, client

    def send(self, alert: StoredAlert) -> str:
        if not self.secret:
            raise DeliveryError(
                f"{mask_webhook(self.url)}: webhook alerts are signed; set ASSISTANT_WEBHOOK_SECRET (or webhook_secret "
                "in the config file)",
                retry="config",
                then=DELIVER_WHEN_FIXED,
            )
        body = json.dumps(render.payload(alert.message, alert.key), ensure_ascii=False).encode()
        stamp = str(int(time.time()))
        headers = {KEY_HEADER: alert.key, TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(self.secret, stamp, body)}
        return _post(self.client, self.url, body, headers)


class EmailChannel:
    def __init__(self, settings: Settings, to: tuple[str, ...]) -> None:
        self.settings, self.to = settings, to

    @property
    def where(self) -> str:
        return f"SMTP {self.settings.smtp_host}:{self.settings.smtp_port}"

    def build(self, alert: StoredAlert) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = render.subject(alert.message)
        msg["From"] = self.settings.smtp_from
        msg["To"] = ", ".join(self.to)
        msg["Message-ID"] = f"<{alert.key}@renewal-assistant>"
        msg["X-Assistant-Idempotency-Key"] = alert.key
        msg.set_content(render.text(alert.message))
        msg.add_alternative(render.html_body(alert.message), subtype="html")
        return msg

    def send(self, alert: StoredAlert) -> str:
        if not self.to:
            raise DeliveryError(f"{self.where}: no recipient address (give 'to' or 'recipients')", retry="never")
        message = self.build(alert)
        try:
            with self._connect() as smtp:
                self._login(smtp)
                smtp.send_message(message)
        except DeliveryError:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            raise self._problem(exc) from None
        return f"250 to {len(self.to)} recipient(s)"

    def _problem(self, exc: Exception) -> DeliveryError:
        """Say what went wrong with SMTP, and whether trying again can help."""
        w = self.where
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return DeliveryError(self._auth_problem(exc), retry="config", then=DELIVER_WHEN_FIXED)
        if isinstance(exc, ssl.SSLError):
            return DeliveryError(f"{w}: TLS problem ({exc}); check smtp_security / smtp_ca_file", retry="config")
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return DeliveryError(f"{w}: the server does not offer it ({exc}); check smtp_security", retry="config")
        if isinstance(exc, smtplib.SMTPResponseException):
            retry = "retry" if 400 <= exc.smtp_code < 500 else "never"
            return DeliveryError(f"{w}: server answered {exc.smtp_code} {_text(exc.smtp_error)}", retry=retry)
        if isinstance(exc, smtplib.SMTPRecipientsRefused):
            return DeliveryError(f"{w}: recipients refused: {', '.join(exc.recipients)}", retry="never")
        if isinstance(exc, TimeoutError | socket.timeout):
            return DeliveryError(f"{w}: no answer in time (server hangs)", then=WILL_RETRY)
        return DeliveryError(f"{w}: {type(exc).__name__}: {exc}", then=WILL_RETRY)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=str(s.smtp_ca_file) if s.smtp_ca_file else None)
        if s.smtp_security == "tls":
            return smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.alert_timeout, context=context)
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.alert_timeout)
        if s.smtp_security == "starttls":
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        s = self.settings
        if not s.smtp_username:
            return
        if s.smtp_password is None:
            raise DeliveryError(
                f"{self.where}: smtp_username is set but no password; set ASSISTANT_SMTP_PASSWORD", retry="config"
            )
        smtp.login(s.smtp_username, s.smtp_password.get_secret_value())

    def _auth_problem(self, exc: smtplib.SMTPAuthenticationError) -> str:
        return (
            f"{self.where}: login as {self.settings.smtp_username!r} refused ({exc.smtp_code} "
            f"{_text(exc.smtp_error)}); fix ASSISTANT_SMTP_USERNAME / ASSISTANT_SMTP_PASSWORD"
        )


def _text(raw: bytes | str) -> str:
    return raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)


def build_channel(spec: ChannelSpec, settings: Settings, client: httpx.Client, recipients: tuple[str, ...]) -> Channel:
    """The channel that delivers to ``spec``; email goes to ``spec.to`` or else the policy's email recipients."""
    if spec.kind == "email":
        return EmailChannel(settings, spec.to or tuple(r for r in recipients if "@" in r))
    url = spec.url or (settings.slack_webhook_url.get_secret_value() if settings.slack_webhook_url else None)
    if url is None:
        raise DeliveryError(
            f"channel {spec.name!r}: no url; set it in the policy or ASSISTANT_SLACK_WEBHOOK_URL", retry="config"
        )
    if spec.kind == "slack":
        return SlackChannel(url, client)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    return WebhookChannel(url, secret, client)
