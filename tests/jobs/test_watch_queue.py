"""The folder watcher with a job queue (PostgreSQL): ready files are queued for the workers with their path
relative to media_root, and the next scans settle them: stored files are remembered with their calls, a file
whose job failed is moved to failed/ with the job's reason, nothing is taken twice."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant.errors import JobError
from assistant.jobs import worker
from assistant.services import queue
from assistant.services.app import App
from assistant.services.watch import Watcher
from assistant.settings import Settings, load_settings
from assistant.storage import calls, outbox
from tests.jobs.test_queue import VTT


def _old(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (time.time() - 60, time.time() - 60))  # settled long ago: taken at once
    return path


def test_the_watcher_queues_ready_files_and_settles_them_when_their_jobs_end(
    settings: Settings, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    inbox = media / "inbox"
    inbox.mkdir(parents=True)
    app = App(settings.model_copy(update={"job_queue": True, "media_root": media, "watch_settle": 0.2}))
    good = [_old(inbox / f"call-{n}.vtt", VTT.format(n=n)) for n in range(2)]
    bad = _old(inbox / "broken.vtt", "WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nDana: ends before it starts\n")
    watcher = Watcher(app, inbox)
    events = watcher.poll()
    assert sorted((e.path.name, e.status) for e in events) == sorted(
        [(p.name, "queued") for p in good] + [(bad.name, "queued")]
    )
    assert calls.call_ids(app.store) == []  # nothing ingested here
    jobs = queue.list_jobs(app)
    assert sorted(j.args["path"] for j in jobs) == ["inbox/broken.vtt", "inbox/call-0.vtt", "inbox/call-1.vtt"]
    assert watcher.poll() == []  # queued files are not queued again; their jobs have not run

    worker.run(app.settings, wait=False, name="burst")
    settled = {e.path.name: e for e in watcher.poll()}
    assert {name: e.status for name, e in settled.items()} == {"call-0.vtt": "stored", "call-1.vtt": "stored",
                                                                "broken.vtt": "failed"}  # fmt: skip
    assert sorted(e.call_id for e in settled.values() if e.call_id) == sorted(calls.call_ids(app.store))
    assert "job" in settled["broken.vtt"].message and "moved to failed/broken.vtt" in settled["broken.vtt"].message
    assert not bad.exists() and (inbox / "failed" / "broken.vtt.error.txt").is_file()
    assert outbox.watched(app.store, path=str(good[0])).status == "done"  # type: ignore[union-attr]
    assert watcher.poll() == []  # a restart would find every file settled
    assert Watcher(app, inbox).poll() == []


def test_a_watcher_with_a_queue_needs_postgresql(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    sqlite = load_settings(data_dir=tmp_path / "d", database_url=f"sqlite:///{tmp_path / 'x.db'}", job_queue=False)
    with pytest.raises(JobError, match="needs a PostgreSQL database"):
        Watcher(App(sqlite.model_copy(update={"job_queue": True})), tmp_path / "in")
