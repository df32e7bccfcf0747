"""Real receivers on 127.0.0.1 for the alert tests: an HTTP server in a thread and aiosmtpd SMTP servers,
plus a helper that stores an analysed call with its alert drafts the way the pipeline does."""

from __future__ import annotations

import hashlib
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assistant.alerts.evaluate import evaluate
from assistant.alerts.policies import parse_policies
from assistant.records import Analysis, CallMetadata, Hit, RiskReport, SourceFile, Transcript, Utterance
from assistant.settings import Settings
from assistant.storage import calls
from assistant.storage.db import Store

SECRET = "s3cret-webhook-key"
SMTP_PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpReceiver:
    """A webhook receiver; ``mode`` = ok, an HTTP status ("500"), hang or garbage; ``delay`` seconds before each
    answer (a slow receiver); ``hold``: each answer waits until the test sets it (at most 120 s), however long the
    machine takes to do what the test does meanwhile. ``stop()`` / ``start()`` = outage on the same port."""

    port: int = field(default_factory=free_port)
    mode: str = "ok"
    delay: float = 0.0
    requests: list[Request] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    hold: threading.Event | None = None
    _server: ThreadingHTTPServer | None = None

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(Request(self.path, dict(self.headers.items()), body))
                receiver.arrived.set()
                receiver.answer(self)

            def log_message(self, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        time.sleep(self.delay)
        if self.hold is not None:
            self.hold.wait(120)
        if self.mode == "hang":
            time.sleep(3.0)
            return
        if self.mode == "garbage":
            handler.wfile.write(b"\x00\xffNOT HTTP AT ALL\r\n\r\n")
            handler.close_connection = True
            return
        code = int(self.mode) if self.mode.isdigit() else 200
        text = b"ok" if code == 200 else b"receiver error"
        handler.send_response(code)
        handler.send_header("Content-Length", str(len(text)))
        handler.end_headers()
        handler.wfile.write(text)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    r = HttpReceiver()
    r.start()
    yield r
    r.stop()


# ---- SMTP ------------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    from aiosmtpd.smtp import AuthResult

    ok = auth_data.login == b"alerts" and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    cmd = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
    cmd += ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot make a test certificate with openssl: {exc}")
    return cert, key


@dataclass
class SmtpServer:
    security: str  # starttls | tls
    tls_files: tuple[Path, Path]
    port: int = field(default_factory=free_port)
    mailbox: Mailbox = field(default_factory=Mailbox)
    _controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, self.tls_files))
        kwargs: dict[str, Any] = {"authenticator": _authenticator}
        if self.security == "starttls":
            kwargs.update(tls_context=context, require_starttls=True, auth_require_tls=True)
        else:  # the whole connection is TLS; aiosmtpd cannot tell, so it must not insist on STARTTLS
            kwargs.update(ssl_context=context, auth_require_tls=False)
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self, base: Settings, password: str = SMTP_PASSWORD) -> Settings:
        return base.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": self.port,
                "smtp_security": self.security,
                "smtp_username": "alerts",
                "smtp_password": _secret(password),
                "smtp_ca_file": self.tls_files[0],
                "smtp_from": "assistant@example.com",
            }
        )


def _secret(value: str) -> Any:
    from pydantic import SecretStr

    return SecretStr(value)


@pytest.fixture
def smtp_starttls(tls_files: tuple[Path, Path]) -> Iterator[SmtpServer]:
    server = SmtpServer("starttls", tls_files)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_tls(tls_files: tuple[Path, Path]) -> Iterator[SmtpServer]:
    server = SmtpServer("tls", tls_files)
    server.start()
    yield server
    server.stop()


# ---- settings, store, a stored call with alerts -----------------------------------------------------------


@pytest.fixture
def alert_settings(settings: Settings) -> Settings:
    """Fast retries and timeouts so outages and hangs stay within a second or two."""
    return settings.model_copy(
        update={
            "alert_timeout": 0.5,
            "alert_retry_base": 10.0,
            "alert_max_attempts": 3,
            "webhook_secret": _secret(SECRET),
        }
    )


@pytest.fixture
def store(alert_settings: Settings) -> Iterator[Store]:
    s = Store.open(alert_settings)
    yield s
    s.close()


TRANSCRIPT = Transcript(
    utterances=(
        Utterance("Sam", "rep", 0.0, 4.0, "How is the rollout going?"),
        Utterance("Dana", "customer", 65.0, 71.0, "Honestly we are thinking about cancelling before the renewal."),
    ),
    language="en",
    duration=71.0,
    source_kind="vtt",
)


def risky_analysis(category: str = "cancellation", *, negated: bool = False) -> Analysis:
    hit = Hit(
        rule="cancel",
        name="Cancellation",
        category=category,
        role="customer",
        speaker="Dana",
        start=65.0,
        end=71.0,
        text=TRANSCRIPT.utterances[1].text,
        matched="cancelling",
        utterance_index=1,
        language="en",
        weight=40.0,
        negated=negated,
    )
    return Analysis(hits=(hit,), executives=(), report=RiskReport(score=72.0, level="high"), rules_version="t")


def store_call(
    store: Store,
    policies_yaml: str,
    *,
    content: str = "call-1",
    account: str = "Acme Corp",
    analysis: Analysis | None = None,
    replace: int | None = None,
) -> int:
    """Save a call + analysis + the drafts its policies give, in one transaction, as the pipeline does."""
    analysis = analysis or risky_analysis()
    metadata = CallMetadata(account=account, arr=50_000.0, title="Renewal check-in")
    digest = hashlib.sha256(content.encode()).hexdigest()
    source = SourceFile(path=Path(f"/calls/{content}.vtt"), content_hash=digest, size=100)
    policies = parse_policies(policies_yaml, Path("alerts.yaml"))
    drafts = evaluate(policies, analysis=analysis, metadata=metadata, language="en", source=source.path.name)
    return calls.save_call(
        store,
        source=source,
        transcript=TRANSCRIPT,
        metadata=metadata,
        analysis=analysis,
        replace=replace,
        alerts=drafts,
    )


def policy_yaml(*channels: str, name: str = "high risk", trigger: str = "{level: high}") -> str:
    items = "".join(f"      - {c}\n" for c in channels)
    head = f"policies:\n  - name: {name}\n    trigger: {trigger}\n"
    return f"{head}    recipients: [csm@example.com]\n    channels:\n{items}"
