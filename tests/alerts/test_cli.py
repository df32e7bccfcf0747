"""The `assistant alerts ...` and `assistant watch` commands, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.alerts.conftest import SECRET, HttpReceiver
from tests.services.test_watch import RULES, drop, policies

REPO = Path(__file__).resolve().parents[2]
ASSISTANT = Path(sys.executable).with_name("assistant")


@pytest.fixture
def env(tmp_path: Path, receiver: HttpReceiver) -> dict[str, str]:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "executives.yaml").write_bytes((REPO / "keyword_rules" / "executives.yaml").read_bytes())
    (rules / "churn.en.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "alerts.yaml").write_text(policies(receiver), encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return base | {
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "ASSISTANT_ALERTS_FILE": str(tmp_path / "alerts.yaml"),
        "ASSISTANT_RULES_DIR": str(rules),
        "ASSISTANT_REP_NAMES": '["Sam"]',
        "ASSISTANT_WEBHOOK_SECRET": SECRET,
        "ASSISTANT_ALERT_TIMEOUT": "1",
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ASSISTANT), *args], env=env, capture_output=True, text=True, timeout=120, cwd=REPO)


def test_check_reports_file_line_and_exit_status(env: dict[str, str], tmp_path: Path) -> None:
    ok = run(env, "alerts", "check", "--json")
    assert ok.returncode == 0, ok.stderr
    assert [p["name"] for p in json.loads(ok.stdout)["policies"]] == ["churn talk"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("policies:\n  - name: x\n    trigger: {levl: high}\n    channels: [{type: email}]\n")
    result = run(env, "alerts", "check", "--file", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3: unknown field 'levl' (did you mean 'level'?)" in " ".join(result.stderr.split())


def test_watch_once_then_list_show_and_test_channel(
    env: dict[str, str], tmp_path: Path, receiver: HttpReceiver
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "acme.vtt")
    watched = run(env, "watch", str(inbox), "--once", "--settle", "0")
    assert watched.returncode == 0, watched.stderr
    assert "acme.vtt: stored call 1" in watched.stdout and "churn talk → webhook: sent" in watched.stdout
    listed = json.loads(run(env, "alerts", "list", "--json").stdout)
    assert [(a["status"], a["call_id"], a["attempts"]) for a in listed] == [("sent", 1, 1)]
    assert listed[0]["channel"]["url"] == f"http://127.0.0.1:{receiver.port}/…"
    shown = run(env, "alerts", "show", str(listed[0]["id"]))
    assert "status sent" in shown.stdout and "assistant calls show 1" in shown.stdout
    tested = run(env, "alerts", "test-channel", "churn talk")
    assert tested.returncode == 0 and "webhook webhook: ok (HTTP 200)" in tested.stdout
    assert len(receiver.requests) == 2 and json.loads(receiver.requests[1].body)["policy"] == "test-channel"
    missing = run(env, "alerts", "show", "99")
    assert missing.returncode == 1 and "no alert with id 99" in missing.stderr
