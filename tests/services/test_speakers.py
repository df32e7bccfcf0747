"""A voice fixed by hand (`assistant calls speaker`) re-runs the analysis, and a call that becomes risky gets
the alerts it deserves, exactly once, in the embedded default (SQLite, delivered in-process). The queue's
side of the same promise is in tests/jobs/test_alert_jobs.py."""

from __future__ import annotations

from pathlib import Path

from assistant.analysis import churn_model
from assistant.analysis.call_embeddings import long_turn_sentences, sentences_over
from assistant.analysis.model import embedder_for
from assistant.analysis.rules import load_ruleset
from assistant.reanalysis import reanalyze
from assistant.records import CallMetadata
from assistant.services.app import App
from assistant.services.ingest import ingest_files
from assistant.services.speakers import set_speaker
from assistant.settings import Settings
from assistant.storage import outbox
from assistant.storage.calls import get_call
from assistant.storage.embeddings import load_sentences
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


SAM_GOES_ON = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nDana: How has the quarter been on your side?\n\n"
    "00:00:04.500 --> 00:00:40.000\nSam: Busy, to be honest. We opened the new depot in Leeds in October and it went "
    "better than planned. The drivers like the new vans, and the routes are shorter now. Our own sales grew about "
    "eight percent, mostly online. Finance has frozen all new software spend until the summer, so anything extra has "
    "to wait. Otherwise the team is settling in well after the move, and the canteen finally has decent coffee.\n"
)


def test_a_voice_made_the_customer_has_its_long_turns_read_by_sentence_and_their_vectors_stored(
    settings: Settings, tmp_path: Path
) -> None:
    """Sam's long turn, first taken for the rep's (no sentence of it read or stored), is read sentence by sentence
    once Sam is the customer: the sentences the new roles give are the ones embedded, and they are stored with the
    new analysis (a reanalysis then embeds nothing again)."""
    app = App(settings)
    (tmp_path / "call.vtt").write_text(SAM_GOES_ON, encoding="utf-8")
    (result,) = ingest_files(app, [tmp_path / "call.vtt"], options=CallMetadata(rep="Sam"))
    assert result.call_id is not None
    model, embedder = churn_model(settings)[0], embedder_for(settings)
    over = sentences_over(model)

    def stored_sentences(transcript) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        wanted = long_turn_sentences(transcript, over)
        have = load_sentences(app.store, call_id=result.call_id, model=embedder.name, dims=embedder.dims, wanted=wanted)
        return len(have), len(wanted)

    ingested = get_call(app.store, call_id=result.call_id).transcript
    assert [u.role for u in ingested.utterances] == ["customer", "rep"]  # Sam's turn the rep's: never cut
    assert stored_sentences(ingested) == (0, 0)
    call, _ = set_speaker(app, result.call_id, "Sam", "customer")
    assert call.transcript.utterances[1].role == "customer"
    assert stored_sentences(call.transcript) == (5, 5)
    (again,) = reanalyze(app.store, settings, load_ruleset(settings.rules_dir), [result.call_id], force=True)
    assert again.status == "updated" and "again" not in again.message
