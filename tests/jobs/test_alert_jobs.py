"""Alert delivery as queue jobs (PostgreSQL): each alert's job is deferred in the transaction that stores the
alert, the queue retries it (the outbox's lease loop is not used), and a worker killed in the middle of a
send leaves the receiver with one alert per idempotency key. Real receiver on 127.0.0.1, real workers."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import text

from assistant.services import alerts as alert_service
from assistant.services import queue
from assistant.services.app import App
from assistant.services.ingest import ingest_files
from assistant.settings import Settings
from assistant.storage import calls, outbox
from tests.alerts.conftest import HttpReceiver
from tests.jobs.procs import start_worker, stop_worker, wait_for, worker_env
from tests.jobs.test_queue import transcripts

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nDana: The price is too high, we may cancel, call {n}.\n"


def _app(settings: Settings, tmp_path: Path, receiver: HttpReceiver, **changes: object) -> App:
    policies = tmp_path / "alerts.yaml"
    policies.write_text(
        "policies:\n  - name: every call\n    trigger: {score: 0}\n    channels:\n"
        f"      - {{type: webhook, url: '{receiver.url()}'}}\n",
        encoding="utf-8",
    )
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    update = {"job_queue": True, "alerts_file": policies, "media_root": media, "webhook_secret": SecretStr("k"),
              "alert_retry_base": 1.0, **changes}  # fmt: skip
    return App(settings.model_copy(update=update))


def _risky(folder: Path, n: int) -> list[Path]:
    files = transcripts(folder, n)
    for i, f in enumerate(files):
        f.write_text(VTT.format(n=i), encoding="utf-8")
    return files


def _delivery_jobs(app: App) -> list[tuple[int, str, dict[str, int]]]:
    with app.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status, args FROM procrastinate_jobs WHERE task_name = :t ORDER BY id"),
                            {"t": queue.DELIVER_ALERT}).all()  # fmt: skip
    return [(int(i), str(s), a) for i, s, a in rows]


def _keys(receiver: HttpReceiver) -> list[str | None]:
    return [{k.lower(): v for k, v in r.headers.items()}.get("idempotency-key") for r in receiver.requests]


def test_an_alert_and_its_delivery_job_are_committed_together_or_not_at_all(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    app = _app(settings, tmp_path, receiver)
    results = ingest_files(app, _risky(tmp_path / "in", 2))  # in-process ingest: the workers still deliver
    assert [r.status for r in results] == ["stored", "stored"]
    alerts = outbox.list_alerts(app.store)
    jobs = _delivery_jobs(app)
    assert sorted(a.id for a in alerts) == sorted(args["alert_id"] for _, _, args in jobs)
    assert {status for _, status, _ in jobs} == {"todo"} and receiver.requests == []
    call = calls.get_call(app.store, call_id=results[0].call_id)  # type: ignore[arg-type]
    draft = alerts[0]
    with pytest.raises(RuntimeError), app.store.transaction() as session:  # the call's transaction fails late
        from assistant.records.alerts import AlertDraft

        again = AlertDraft("another policy", draft.channel, draft.message)
        outbox.enqueue(session, call_id=call.summary.id, content_hash=call.content_hash, drafts=[again],
                       hook=app.store.on_new_alerts)  # fmt: skip
        raise RuntimeError("disk full")
    assert len(outbox.list_alerts(app.store)) == 2 and len(_delivery_jobs(app)) == 2  # neither row nor job
    queued = alert_service.deliver(app)  # `alerts deliver`: the jobs wait already, none is added
    assert [d.outcome for d in queued] == ["queued", "queued"] and len(_delivery_jobs(app)) == 2
    from assistant.jobs import worker

    worker.run(app.settings, wait=False, name="burst")
    assert sorted(_keys(receiver)) == sorted(a.key for a in alerts)  # each sent once
    assert {(a.status, a.attempts) for a in outbox.list_alerts(app.store)} == {("sent", 1)}
    assert alert_service.deliver(app) == []  # nothing pending: nothing queued


def test_the_queue_retries_a_receiver_that_was_down_and_fails_a_refused_alert_visibly(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver, cli
) -> None:  # type: ignore[no-untyped-def]
    from assistant.jobs import worker

    app = _app(settings, tmp_path, receiver)
    receiver.mode = "503"
    ingest_files(app, _risky(tmp_path / "in", 1), deliver=False)
    worker.run(app.settings, wait=False, name="burst")  # attempt 1: 503, the job is scheduled again
    (alert,) = outbox.list_alerts(app.store)
    assert (alert.status, alert.attempts) == ("pending", 1) and "HTTP 503" in (alert.last_error or "")
    receiver.mode = "ok"
    time.sleep(1.2)  # alert_retry_base: the retry is due after 1 s
    worker.run(app.settings, wait=False, name="burst")
    (alert,) = outbox.list_alerts(app.store)
    assert (alert.status, alert.attempts) == ("sent", 2) and len(receiver.requests) == 2
    (job,) = [j for j in queue.list_jobs(app) if j.task == queue.DELIVER_ALERT]
    assert job.status == "succeeded" and [r.status for r in job.runs] == ["failed", "succeeded"]
    assert "HTTP 503" in (job.runs[0].error or "")

    receiver.mode = "410"  # refused for good: the alert fails, the job fails with the reason
    ingest_files(app, _risky(tmp_path / "more", 2)[1:], deliver=False)
    worker.run(app.settings, wait=False, name="burst")
    failed = outbox.list_alerts(app.store, status="failed")
    assert len(failed) == 1 and failed[0].attempts == 1
    status, out, _ = cli("jobs", "list", "--status", "failed", "--json")
    (shown,) = json.loads(out)
    assert status == 0 and shown["task"] == queue.DELIVER_ALERT and "HTTP 410" in shown["runs"][-1]["error"]
    receiver.mode = "ok"
    count, queued = alert_service.retry(app, [failed[0].id])  # `alerts retry`: a new job
    assert count == 1 and [d.outcome for d in queued] == ["queued"]
    worker.run(app.settings, wait=False, name="burst")
    assert outbox.get_alert(app.store, alert_id=failed[0].id).status == "sent"


def test_alerts_retry_brings_a_queued_retry_scheduled_minutes_away_forward_and_it_arrives_once(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver, cli
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from assistant.jobs import worker

    app = _app(settings, tmp_path, receiver, alert_retry_base=600.0)  # the retry 10 minutes after a failure
    receiver.mode = "503"
    (item,) = queue.enqueue_files(app, _risky(app.settings.media_root / "in", 1))  # type: ignore[operator]
    worker.run(app.settings, wait=False, name="burst")  # the call is stored; its alert's job fails: 503
    ingest = queue.get_job(app, item.job_id)  # type: ignore[arg-type]
    assert ingest.result is not None and (ingest.result["status"], ingest.result["alerts"]) == ("stored", 1)
    (alert,) = outbox.list_alerts(app.store)
    (job,) = [j for j in queue.list_jobs(app) if j.task == queue.DELIVER_ALERT]
    soon = datetime.now(UTC) + timedelta(minutes=5)
    assert (alert.status, alert.attempts) == ("pending", 1) and alert.next_attempt_at > soon  # type: ignore[operator]
    assert job.status == "todo" and job.scheduled_at > soon  # type: ignore[operator]
    receiver.mode = "ok"
    worker.run(app.settings, wait=False, name="burst")  # nothing is due: nothing is sent
    assert len(receiver.requests) == 1
    count, queued = alert_service.retry(app, [alert.id])  # `assistant alerts retry ID`
    assert count == 1 and [(d.alert_id, d.outcome) for d in queued] == [(alert.id, "queued")]
    assert queued[0].detail == f"delivery job {job.id} brought forward to now"
    worker.run(app.settings, wait=False, name="burst")
    assert outbox.get_alert(app.store, alert_id=alert.id).status == "sent"
    assert _keys(receiver) == [alert.key, alert.key]  # the failed try and the retry, one idempotency key
    (job,) = [j for j in queue.list_jobs(app) if j.task == queue.DELIVER_ALERT]  # the same job, not a second
    assert job.status == "succeeded" and [r.status for r in job.runs] == ["failed", "succeeded"]
    status, out, _ = cli("jobs", "show", str(job.id))
    assert status == 0 and f"result: alert {alert.id} sent" in out


def test_a_worker_killed_mid_delivery_each_alert_reaches_the_receiver_once_per_key(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    app = _app(settings, tmp_path, receiver)
    app.settings.data_dir.mkdir(parents=True, exist_ok=True)
    receiver.delay = 60.0  # the first send hangs in the receiver: the worker is killed while it waits
    ingest_files(app, _risky(tmp_path / "in", 3), deliver=False)
    env = worker_env(app.settings, ASSISTANT_WEBHOOK_SECRET="k", ASSISTANT_ALERT_TIMEOUT="90")
    first = start_worker(env, "w1", tmp_path / "w1.log", "--queues", "alerts")
    second = None
    try:
        wait_for("the first send to reach the receiver", lambda: receiver.arrived.is_set(), timeout=120)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        receiver.delay = 0.0
        second = start_worker(env, "w2", tmp_path / "w2.log", "--queues", "alerts")
        wait_for("every alert sent", lambda: {a.status for a in outbox.list_alerts(app.store)} == {"sent"})
        time.sleep(2)  # a duplicate would arrive now
    finally:
        for process in (first, second):
            stop_worker(process)
    alerts = outbox.list_alerts(app.store)
    keys = _keys(receiver)
    assert sorted(set(keys)) == sorted(a.key for a in alerts)  # the receiver applied each alert once (by key)
    assert len(keys) == 4 and keys.count(keys[0]) == 2  # the killed send came again, with the same key
    assert sorted(a.attempts for a in alerts) == [1, 1, 2]
    (killed,) = [
        j for j in queue.list_jobs(app) if j.runs and j.runs[0].worker == "w1" and j.task == queue.DELIVER_ALERT
    ]
    assert [(r.worker, r.status) for r in killed.runs] == [("w1", "lost"), ("w2", "succeeded")]


def test_a_voice_fixed_by_hand_queues_the_newly_risky_calls_alert_once(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    from assistant.jobs import worker
    from assistant.services.speakers import set_speaker
    from tests.services.test_speakers import policies_for, store_quiet_call

    (tmp_path / "high").mkdir()
    app = _app(settings, tmp_path, receiver, alerts_file=policies_for(receiver, tmp_path / "high"))
    call_id = store_quiet_call(app, tmp_path)
    assert _delivery_jobs(app) == []
    _, deliveries = set_speaker(app, call_id, "Sam", "customer")
    assert len(_delivery_jobs(app)) == 1  # deferred in the transaction that stored the new analysis and its alert
    assert [d.outcome for d in deliveries] == ["queued"] and receiver.requests == []
    set_speaker(app, call_id, "Sam", "customer")
    assert len(_delivery_jobs(app)) == 1
    worker.run(app.settings, wait=False, name="burst")
    (alert,) = outbox.list_alerts(app.store)
    assert alert.status == "sent" and _keys(receiver) == [alert.key]


def test_reanalyze_enqueue_runs_on_a_worker_and_its_new_alerts_are_delivered_once(
    settings: Settings, tmp_path: Path, receiver: HttpReceiver, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from assistant.jobs import worker

    app = _app(settings, tmp_path, receiver, alerts_file=tmp_path / "none.yaml")  # no policies yet: no alert
    ingest_files(app, _risky(tmp_path / "in", 2))
    assert outbox.list_alerts(app.store) == []
    monkeypatch.setenv("ASSISTANT_ALERTS_FILE", str(tmp_path / "alerts.yaml"))
    status, out, err = cli("reanalyze", "--all", "--force", "--enqueue", "--json")
    assert status == 0, err
    job_id = json.loads(out)["job_id"]
    assert queue.get_job(app, job_id).queue == "default" and outbox.list_alerts(app.store) == []
    worker.run(app.settings.model_copy(update={"alerts_file": tmp_path / "alerts.yaml"}), wait=False, name="burst")
    assert queue.get_job(app, job_id).status == "succeeded"
    alerts = outbox.list_alerts(app.store)
    assert (
        len(alerts) == 2
        and {a.status for a in alerts} == {"sent"}
        and sorted(_keys(receiver)) == sorted(a.key for a in alerts)
    )
