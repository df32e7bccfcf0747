"""Two real worker processes on a real PostgreSQL: 20 transcript imports and 2 recordings, one worker
killed with SIGKILL in the middle of a job; every call is stored exactly once and every alert reaches the
local receiver exactly once."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.services import queue as jobs
from assistant.services.app import App
from assistant.settings import load_settings
from assistant.storage.db import Store
from tests.alerts.conftest import HttpReceiver
from tests.jobs.procs import start_worker, stop_worker, wait_for, worker_env

pytestmark = pytest.mark.whisper  # the two recordings are transcribed by the real model

RISKY = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nSam: How is the rollout going at {n} sites?\n\n"
    "00:00:04.500 --> 00:00:09.000\nDana: Honestly the price is too high and we are thinking about cancelling "
    "before the renewal, site {n}.\n"
)


def _files(media: Path, shared_data: Path) -> list[Path]:
    media.mkdir()
    recordings = [shared_data / "speech" / "jfk.flac", shared_data / "speech" / "stereo_two_speakers.wav"]
    files = []
    for source in recordings:
        files.append(media / source.name)
        files[-1].write_bytes(source.read_bytes())
    for n in range(20):
        files.append(media / f"call-{n:02d}.vtt")
        files[-1].write_text(RISKY.format(n=n), encoding="utf-8")
    return files


def _running_transcription(app: App) -> str | None:
    """The worker running a recording's job right now (its attempt started and did not end)."""
    for job in jobs.list_jobs(app, status="doing", queue="transcribe"):
        if job.runs and job.runs[-1].status == "doing":
            return job.runs[-1].worker
    return None


def test_two_workers_one_killed_mid_job_store_every_call_and_alert_once(
    postgres_url: str, tmp_path: Path, shared_data: Path
) -> None:
    receiver = HttpReceiver()
    receiver.start()
    (tmp_path / "alerts.yaml").write_text(
        f"policies:\n  - name: every call\n    trigger: {{score: 0}}\n    channels:\n"
        f"      - {{type: webhook, url: '{receiver.url()}'}}\n",
        encoding="utf-8",
    )
    settings = load_settings(
        database_url=postgres_url, data_dir=tmp_path / "data", media_root=tmp_path / "media",
        alerts_file=tmp_path / "alerts.yaml", webhook_secret="s3cret",
    )  # fmt: skip
    app = App(settings, Store.open(settings))
    files = _files(tmp_path / "media", shared_data)
    queued = jobs.enqueue_files(app, files)
    assert [e.queue for e in queued] == ["transcribe"] * 2 + ["default"] * 20
    env = worker_env(settings, ASSISTANT_WEBHOOK_SECRET="s3cret")
    workers = {name: start_worker(env, name, tmp_path / f"{name}.log") for name in ("w1", "w2")}
    try:
        victim = wait_for("a recording's job to start", lambda: _running_transcription(app))
        workers[victim].send_signal(signal.SIGKILL)
        workers[victim].wait(10)
        wait_for("every job to finish", lambda: not jobs.list_jobs(app, status="todo")
              and not jobs.list_jobs(app, status="doing"), timeout=600)  # fmt: skip
        wait_for("22 alerts", lambda: len(receiver.requests) >= 22, timeout=60)
        time.sleep(2)  # a duplicate delivery would arrive now
    finally:
        for process in workers.values():
            stop_worker(process)
        receiver.stop()
    with app.store.engine.connect() as conn:
        hashes = conn.execute(text("SELECT content_hash FROM call")).scalars().all()
        per_call = conn.execute(text("SELECT c.source_kind, count(u.id) FROM call c LEFT JOIN utterance u "
                                     "ON u.call_id = c.id GROUP BY c.id, c.source_kind")).all()  # fmt: skip
    assert len(hashes) == len(set(hashes)) == 22
    assert sorted(n for kind, n in per_call if kind != "audio") == [2] * 20  # each transcript whole, once
    assert [n > 0 for kind, n in per_call if kind == "audio"] == [True, True]
    keys = [{k.lower(): v for k, v in r.headers.items()}.get("idempotency-key") for r in receiver.requests]
    assert len(receiver.requests) == 22 and len(set(keys)) == 22
    every = jobs.list_jobs(app, limit=1000)
    assert {j.status for j in every} == {"succeeded"}
    killed = [j for j in every if j.runs and j.runs[0].worker == victim and j.runs[0].status == "lost"]
    assert killed and all(j.runs[-1].worker != victim and j.runs[-1].status == "succeeded" for j in killed)
    app.close()
