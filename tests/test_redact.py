"""Secrets are masked everywhere they could be shown: settings, alert policies (JSON too), error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.redact import mask_text, mask_url, mask_webhook
from tests.conftest import Cli

SLACK = "https://hooks.slack.com/services/T0AAA/B0BBB/s3cr3tSLACKtoken"
DB = "postgresql+psycopg://bob:hunter2@127.0.0.1:1/calls?sslmode=disable"


def test_masking_helpers() -> None:
    assert mask_url(DB) == "postgresql+psycopg://bob:***@127.0.0.1:1/calls?sslmode=disable"
    assert mask_url("mysql://u:p@ss:w@rd@db/x") == "mysql://u:***@db/x"  # the last @ ends the login
    assert mask_url("sqlite:////home/a:b@c/assistant.db") == "sqlite:////home/a:b@c/assistant.db"  # a path, no login
    assert mask_url("not a url") == "not a url"
    assert mask_webhook(SLACK) == "https://hooks.slack.com/…"
    assert mask_webhook("https://user:pw@crm.example.com:8443/hook?sig=1") == "https://crm.example.com:8443/…"
    assert mask_webhook("http://[::1/x") == "(invalid url)"
    text = f"cannot reach {DB!r}; posting to {SLACK} failed; see https://example.com/docs"
    masked = mask_text(text)
    assert "hunter2" not in masked and "s3cr3t" not in masked and "T0AAA" not in masked
    assert "bob:***@127.0.0.1:1/calls" in masked and "https://hooks.slack.com/…" in masked
    assert masked.endswith("see https://example.com/docs")
    libpq = mask_text("connection failed: host=db user=bob password=hunter2 dbname=calls; PASSWORD = 'a b' port=1")
    assert libpq == "connection failed: host=db user=bob password=*** dbname=calls; PASSWORD = *** port=1"


def test_settings_mask_secrets_in_tables_and_json(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_SLACK_WEBHOOK_URL", SLACK)
    monkeypatch.setenv("ASSISTANT_SMTP_PASSWORD", "smtp-pass-42")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", DB)
    for args in (("settings",), ("settings", "--json")):
        status, out, err = cli(*args)
        assert status == 0, err
        assert "hunter2" not in out and "s3cr3t" not in out and "smtp-pass-42" not in out
    values = {row["name"]: row["value"] for row in json.loads(out)}
    assert values["database_url"] == "postgresql+psycopg://bob:***@127.0.0.1:1/calls?sslmode=disable"
    assert values["slack_webhook_url"] == values["smtp_password"] == "***"


def test_alerts_check_json_masks_webhook_urls(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    policies = tmp_path / "alerts.yaml"
    policies.write_text(
        f"policies:\n  - name: high\n    trigger: {{level: high}}\n"
        f"    channels:\n      - {{type: slack, url: {SLACK}}}\n",
        encoding="utf-8",
    )
    for args in (("alerts", "check", "-f", str(policies), "--json"), ("alerts", "check", "-f", str(policies))):
        status, out, err = cli(*args)
        assert status == 0, err
        assert "s3cr3t" not in out and "T0AAA" not in out
    assert "https://hooks.slack.com/…" in json.dumps(json.loads(cli(*args[:4], "--json")[1]), ensure_ascii=False)


def test_an_error_naming_the_database_url_masks_its_password(cli: Cli) -> None:
    status, out, err = cli("--db", DB, "calls", "list")
    assert status == 1 and out == ""
    assert "hunter2" not in err and "bob:***@127.0.0.1:1" in err
    assert len(err.strip().splitlines()) == 1, err


def test_the_log_file_masks_secrets_in_messages_and_tracebacks(tmp_path: Path) -> None:
    from assistant.logfile import file_logger
    from assistant.settings import load_settings

    settings = load_settings(data_dir=tmp_path / "data")
    logger = file_logger(settings)
    try:
        raise ConnectionError(f"cannot reach {DB}")
    except ConnectionError:
        logger.exception("delivery to %s failed", SLACK)
    for handler in logger.handlers:
        handler.flush()
    logged = settings.log_path.read_text(encoding="utf-8")
    assert "delivery to https://hooks.slack.com/… failed" in logged and "bob:***@127.0.0.1" in logged
    assert "hunter2" not in logged and "s3cr3t" not in logged and "Traceback" in logged
