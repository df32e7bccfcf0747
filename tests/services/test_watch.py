"""The folder watcher fed real transcript files: ingest + analysis (real spaCy rules) + alert delivery to a
real HTTP receiver; bad files to failed/; restarts neither repeat nor lose a file; half-written files wait."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from assistant.services.app import App
from assistant.services.watch import Watcher, WatchEvent
from assistant.settings import Settings
from assistant.storage import outbox
from assistant.storage.db import Store
from tests.alerts.conftest import HttpReceiver

REPO = Path(__file__).resolve().parents[2]

CALL = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Sam>Thanks for joining, how is the rollout going?

00:00:05.000 --> 00:00:09.000
<v Dana>Honestly we are thinking about {risk}, the budget is gone.
"""

RULES = """rules:
  - id: cancel
    name: Cancellation
    category: cancellation
    weight: 40
    speaker: customer
    phrases: {en: [cancel, switch to a competitor]}
"""


def policies(receiver: HttpReceiver, trigger: str = "{categories: [cancellation]}") -> str:
    url = receiver.url("/risk")
    return f"policies:\n  - name: churn talk\n    trigger: {trigger}\n    channels: [{{type: webhook, url: '{url}'}}]\n"


@pytest.fixture
def watch_settings(alert_settings: Settings, tmp_path: Path, receiver: HttpReceiver) -> Settings:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(REPO / "keyword_rules" / "executives.yaml", rules)
    (rules / "churn.en.yaml").write_text(RULES, encoding="utf-8")
    alerts = tmp_path / "alerts.yaml"
    alerts.write_text(policies(receiver), encoding="utf-8")
    update = {"rules_dir": rules, "alerts_file": alerts, "rep_names": ["Sam"], "watch_settle": 0.3}
    return alert_settings.model_copy(update=update)


def drop(folder: Path, name: str, risk: str = "cancelling", account: str | None = "Acme Corp", age: float = 60) -> Path:
    path = folder / name
    path.write_text(CALL.format(risk=risk), encoding="utf-8")
    if account:
        (folder / f"{path.stem}.meta.json").write_text(json.dumps({"account": account}), encoding="utf-8")
    past = time.time() - age
    os.utime(path, (past, past))
    return path


def watcher(settings: Settings, folder: Path, events: list[WatchEvent] | None = None) -> Watcher:
    return Watcher(App(settings), folder, on_event=(events.append if events is not None else None))


def test_watch_ingests_alerts_once_and_parks_bad_files(
    watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "acme-q3.vtt")
    drop(inbox, "calm.vtt", risk="the roadmap", account="Globex")
    (inbox / "broken.vtt").write_text("this is not a transcript\n", encoding="utf-8")
    events = watcher(watch_settings, inbox).run_once()
    by_name = {e.path.name: e for e in events}
    assert by_name["acme-q3.vtt"].status == "stored" and by_name["calm.vtt"].status == "stored"
    assert by_name["broken.vtt"].status == "failed"
    assert [d.outcome for d in by_name["inbox"].deliveries] == ["sent"]
    (request,) = receiver.requests
    body = json.loads(request.body)
    assert body["call"]["account"] == "Acme Corp" and body["call"]["id"] == by_name["acme-q3.vtt"].call_id
    assert "cancelling" in body["risks"][0]["quote"]
    assert not (inbox / "broken.vtt").exists() and (inbox / "failed" / "broken.vtt").is_file()
    report = (inbox / "failed" / "broken.vtt.error.txt").read_text(encoding="utf-8")
    assert "broken.vtt could not be ingested" in report and "WEBVTT" in report


def test_restart_neither_repeats_nor_loses_a_file(
    watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "first.vtt")
    assert [e.status for e in watcher(watch_settings, inbox).run_once() if e.status == "stored"] == ["stored"]
    drop(inbox, "while-down.vtt", risk="cancelling our contract")  # dropped while no watcher ran
    events = watcher(watch_settings, inbox).run_once()  # a restart
    assert [(e.path.name, e.status) for e in events if e.status != "delivered"] == [("while-down.vtt", "stored")]
    assert watcher(watch_settings, inbox).run_once() == []
    assert len(receiver.requests) == 2
    assert outbox.count_by_status(Store.open(watch_settings)) == {"sent": 2}


def test_a_file_still_being_written_waits(watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    w = watcher(watch_settings, inbox)
    growing = inbox / "growing.vtt"
    growing.write_text(CALL.format(risk="cancelling")[:40], encoding="utf-8")  # fresh mtime: not settled
    assert w.poll() == []
    time.sleep(0.2)
    growing.write_text(CALL.format(risk="cancelling"), encoding="utf-8")  # still growing
    assert w.poll() == []
    time.sleep(0.4)
    assert [e.status for e in w.poll() if e.path == growing] == ["stored"]


def test_malformed_policy_edit_keeps_the_previous_policies(
    watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    events: list[WatchEvent] = []
    w = watcher(watch_settings, inbox, events)
    assert watch_settings.alerts_file is not None
    watch_settings.alerts_file.write_text(policies(receiver).replace("trigger", "triger"), encoding="utf-8")
    drop(inbox, "after-edit.vtt")
    w.poll()
    (problem,) = [e for e in events if e.status == "policies"]
    assert "previous policies stay in effect" in problem.message and "did you mean 'trigger'?" in problem.message
    assert len(receiver.requests) == 1  # the old policy still alerted
