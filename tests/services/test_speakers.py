"""A voice fixed by hand (`assistant calls speaker`) re-runs the analysis, and a call that becomes risky gets
the alerts it deserves, exactly once, in the embedded default (SQLite, delivered in-process). The queue's
side of the same promise is in tests/jobs/test_alert_jobs.py."""

from __future__ import annotations

from pathlib import Path

from assistant.records import CallMetadata
from assistant.services.app import App
from assistant.services.ingest import ingest_files
from assistant.services.speakers import set_speaker
from assistant.settings import Settings
from assistant.storage import outbox
from tests.alerts.conftest import HttpReceiver

REP_SAYS_IT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nSam: Honestly the price is too high and we are thinking about "
    "cancelling before the renewal.\n\n00:00:04.500 --> 00:00:09.000\nDana: I see, thanks for the update.\n"
)


def policies_for(receiver: HttpReceiver, folder: Path) -> Path:
    path = folder / "alerts.yaml"
    path.write_text(
        "policies:\n  - name: risky\n    trigger: {level: high}\n    channels:\n"
        f"      - {{type: webhook, url: '{receiver.url()}'}}\n",
        encoding="utf-8",
    )
    return path


def store_quiet_call(app: App, folder: Path) -> int:
    """A call whose risky line is said by the rep (metadata rep=Sam): no risk, no alert."""
    (folder / "call.vtt").write_text(REP_SAYS_IT, encoding="utf-8")
    (result,) = ingest_files(app, [folder / "call.vtt"], options=CallMetadata(rep="Sam"))
    assert result.status == "stored" and result.call_id is not None
    return result.call_id


def test_a_voice_fixed_by_hand_alerts_a_newly_risky_call_once(
    alert_settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    app = App(alert_settings.model_copy(update={"alerts_file": policies_for(receiver, tmp_path)}))
    call_id = store_quiet_call(app, tmp_path)
    assert outbox.list_alerts(app.store) == [] and receiver.requests == []
    call, deliveries = set_speaker(app, call_id, "Sam", "customer")  # Sam was the customer all along
    assert call.analysis is not None and call.analysis.report.level == "high"
    assert [(d.policy, d.outcome) for d in deliveries] == [("risky", "sent")] and len(receiver.requests) == 1
    _, again = set_speaker(app, call_id, "Sam", "customer")  # said twice: still one alert
    assert again == [] and len(receiver.requests) == 1 and len(outbox.list_alerts(app.store)) == 1
    call, _ = set_speaker(app, call_id, "Sam", "rep")  # and back: the risk goes, the alert sent stays sent
    assert call.analysis is not None and call.analysis.report.level == "low"
    assert [a.status for a in outbox.list_alerts(app.store)] == ["sent"] and len(receiver.requests) == 1
