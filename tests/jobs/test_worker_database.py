"""A worker whose database goes away (a PostgreSQL restart) says so in one line naming it, password masked,
stays up, and takes jobs again once the database answers. Its own throwaway cluster (stopped and started
again by the test: the session's shared server is never stopped), a real worker process."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assistant.services import queue
from assistant.services.app import App
from assistant.settings import load_settings
from assistant.storage import calls
from assistant.storage.db import Store
from tests import postgres
from tests.jobs.procs import start_worker, stop_worker, wait_for, worker_env
from tests.jobs.test_queue import transcripts


def _cluster(action: str, folder: Path) -> str:
    done = subprocess.run([str(postgres.CLUSTER), action, str(folder)], capture_output=True, text=True)
    if done.returncode == postgres.NO_BINARIES:
        pytest.skip(f"no PostgreSQL binaries (apt-get install -y postgresql): {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _workers(url: str) -> int:
    """Workers registered in the queue (a worker registers once it takes jobs)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar_one())
    finally:
        engine.dispose()


def test_a_worker_rides_out_a_database_restart_and_says_so_in_one_line(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))  # where the server's user can reach it (as tests/postgres)
    media, log = tmp_path / "media", tmp_path / "worker.log"
    media.mkdir()
    server = _cluster("start", folder)
    worker = None
    try:
        postgres._admin(server, "CREATE DATABASE restarted")
        settings = load_settings(data_dir=tmp_path / "d", database_url=postgres.database_url(server, "restarted"),
                                 media_root=media, job_queue=True)  # fmt: skip
        Store.open(settings).close()  # a migrated database
        worker = start_worker(worker_env(settings), "survivor", log)
        wait_for("the worker to take jobs", lambda: _workers(settings.db_url), timeout=120)
        _cluster("stop", folder)
        lost = "worker survivor lost the database postgresql+psycopg://assistant@127.0.0.1:"
        wait_for("the worker to say it lost the database", lambda: lost in log.read_text(errors="replace"), 180)
        assert worker.poll() is None, log.read_text(errors="replace")[-3000:]  # it waits, it does not exit
        assert "answers again" not in log.read_text(errors="replace")  # not while the server is down
        _cluster("start", folder)
        app = App(settings)
        queue.enqueue_files(app, transcripts(media / "in", 2))
        stored = wait_for("the calls queued after the restart", lambda: len(calls.call_ids(app.store)) == 2, 180)
        assert stored and "answers again" in log.read_text(errors="replace")
        app.close()
    finally:
        stop_worker(worker)
        _cluster("stop", folder)
        shutil.rmtree(folder, ignore_errors=True)
