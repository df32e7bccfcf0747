"""`assistant ingest` alerts at once: a risky call reaches a real receiver right after it is stored, and
re-ingesting it (even with --force) or reanalysing it never sends the same alert again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.alerts.conftest import HttpReceiver
from tests.conftest import Cli

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Alex Morgan: How are things going with the platform?

00:00:04.500 --> 00:00:09.000
Dana Whitfield: Honestly the price is too high, and we've decided not to renew the contract.

00:00:09.500 --> 00:00:13.000
Dana Whitfield: We're moving to HubSpot next quarter.
"""


def test_ingest_delivers_once(
    cli: Cli, tmp_path: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    policies = tmp_path / "alerts.yaml"
    policies.write_text(
        f"policies:\n  - name: churn talk\n    trigger:\n      level: medium\n"
        f"    channels:\n      - type: webhook\n        url: {receiver.url()}\n"
    )
    monkeypatch.setenv("ASSISTANT_ALERTS_FILE", str(policies))
    monkeypatch.setenv("ASSISTANT_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("ASSISTANT_REP_NAMES", '["Alex Morgan"]')
    call = tmp_path / "acme.vtt"
    call.write_text(VTT)

    status, _, err = cli("ingest", str(call), "--account", "Acme")
    assert status == 0 and "alert sent" in err, err
    assert len(receiver.requests) == 1
    payload = json.loads(receiver.requests[0].body)
    assert payload["policy"] == "churn talk" and payload["call"]["account"] == "Acme"
    assert payload["call"]["open"] == "assistant calls show 1" and payload["risk"]["level"] == "high"
    assert {r["category"] for r in payload["risks"]} >= {"cancellation", "competitor"}
    assert receiver.requests[0].headers["Idempotency-Key"] == payload["idempotency_key"]

    assert cli("ingest", str(call), "--force")[0] == 0
    assert cli("reanalyze", "--all", "--force")[0] == 0
    assert len(receiver.requests) == 1
