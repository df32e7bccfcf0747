"""Several web processes on one database (issue 12): the sign-in limit and upload jobs are shared. Two apps
with their own stores (as two processes hold) on SQLite and PostgreSQL, and real `assistant serve --workers 2`."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from assistant.services import auth
from assistant.services import jobs as jobs_service
from assistant.services.app import App
from assistant.settings import Settings
from assistant.storage import web_state
from assistant.storage.db import Store
from assistant.web import app as web_app
from assistant.web.app import create_app
from tests.jobs.procs import stop_worker
from tests.web.conftest import PASSWORD, _free_port, csrf_of

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nDana: We are thinking about cancelling, call {n}.\n"
BOTH = pytest.mark.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def two(settings: Settings) -> Iterator[tuple[TestClient, TestClient]]:
    """Two web apps over one database, each with its own store (its own connections), as two processes."""
    apps = [App(settings) for _ in range(2)]
    auth.add_user(apps[0].store, username="rita", password=PASSWORD, role="rep")
    clients = [TestClient(create_app(settings, application=a), follow_redirects=False) for a in apps]
    yield clients[0], clients[1]
    for c, a in zip(clients, apps, strict=True):
        c.close()
        a.store.close()


def _try(client: TestClient | httpx.Client, password: str) -> Any:
    form = client.get("/login")
    data = {"username": "rita", "password": password, "csrf_token": csrf_of(form.text), "next": "/"}
    return client.post("/login", data=data)


@BOTH
def test_failed_sign_ins_on_either_process_count_against_one_limit(two: tuple[TestClient, TestClient]) -> None:
    first, second = two
    for n in range(5):
        assert _try((first, second)[n % 2], "wrong password").status_code == 401
    refused = _try(second, PASSWORD)  # the right password, on the process that saw only 2 failures
    assert refused.status_code == 429 and "too many failed sign-ins; try again in" in refused.text
    assert _try(first, PASSWORD).status_code == 429


@BOTH
def test_the_shared_limit_resets_after_its_window(two: tuple[TestClient, TestClient]) -> None:
    for client in two:
        client.app.state.limiter = auth.LoginLimiter(attempts=2, window=1.5)  # type: ignore[attr-defined]
    first, second = two
    assert [_try(c, "wrong password").status_code for c in (first, second, first)] == [401, 401, 429]
    time.sleep(1.6)
    assert _try(second, PASSWORD).status_code == 303


def _token(client: TestClient) -> dict[str, str]:
    secret, _ = auth.create_token(client.app.state.store, username="rita", name="t")  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {secret}"}


@BOTH
def test_an_upload_taken_by_one_process_is_followed_on_the_other(two: tuple[TestClient, TestClient]) -> None:
    first, second = two
    headers = _token(first)
    files = [("files", ("call-1.vtt", VTT.format(n=1).encode(), "text/vtt")),
             ("files", ("notes.vtt", b"not a transcript", "text/vtt"))]  # fmt: skip
    taken = first.post("/api/uploads", files=files, data={"account": "Acme"}, headers=headers)
    assert taken.status_code == 202, taken.text
    job_id = taken.json()["id"]
    deadline = time.monotonic() + 60
    while (job := second.get(f"/api/jobs/{job_id}", headers=headers).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    assert job["status"] == "done" and job["message"].startswith("1 stored, 1 failed"), job
    stored, failed = job["items"]
    assert stored["status"] == "stored" and failed["status"] == "failed" and failed["message"].startswith("notes.vtt")
    assert second.get(f"/api/calls/{stored['call_id']}", headers=headers).status_code == 200
    assert first.get(f"/api/jobs/{job_id}", headers=headers).json() == job
    assert second.get("/api/jobs/999999", headers=headers).status_code == 404


def test_a_job_whose_process_stopped_is_shown_failed_with_why(
    two: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = two
    store = first.app.state.store  # type: ignore[attr-defined]
    running = web_state.add_job(store, kind="upload", owner="rita", runner="web-2:4242")
    headers = _token(first)
    assert first.get(f"/api/jobs/{running.id}", headers=headers).json()["status"] == "queued"
    monkeypatch.setattr(jobs_service, "LOST_AFTER", timedelta(0))
    lost = first.get(f"/api/jobs/{running.id}", headers=headers).json()
    assert lost["status"] == "failed" and "web process that ran this job (web-2:4242) stopped" in lost["message"]


def test_each_served_process_builds_its_app_from_the_commands_settings_and_warms_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed: list[str] = []
    monkeypatch.setattr(web_app, "warm_up", lambda: warmed.append(threading.current_thread().name))
    with web_app.serve_spec(None, {"data_dir": tmp_path / "data", "database_url": None}) as spec:
        assert spec.stat().st_mode & 0o777 == 0o600 and spec.parent.stat().st_mode & 0o777 == 0o700
        monkeypatch.setenv(web_app.SERVE_ENV, str(spec))
        app = web_app.served_app()
    assert not spec.parent.exists()  # removed when the command ends
    deadline = time.monotonic() + 10
    while not warmed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert warmed == ["warm-up"]  # on its own thread, as `serve` does with one process
    assert app.state.app.settings.data_dir == tmp_path / "data"
    app.state.app.store.close()


# ---- real processes: assistant serve --workers 2 ------------------------------------------------------------


def _writes(pids: list[int]) -> list[int]:
    """How many write calls each process has made (/proc/PID/io): which ones answered requests."""
    return [int(Path(f"/proc/{p}/io").read_text().split("syscw:")[1].split()[0]) for p in pids]


def _workers(pid: int) -> list[int]:
    """The web processes of a server (multiprocessing's helper left out; one that ended meanwhile too)."""
    return [c for c in _children(pid) if b"multiprocessing.spawn" in _cmdline(c)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it ended between the listing and the read
        return b""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@contextmanager
def _serving(settings: Settings, log: Path, *options: str, db: str | None = None) -> Iterator[tuple[int, int]]:
    """`assistant [--db DB] serve --workers 2` on a free port over the settings' database (its URL in the
    environment unless ``db``); yields (its pid, its port) once both processes answer; stopped after it."""
    store = Store.open(settings)  # migrated before the server starts, with a user
    auth.add_user(store, username="rita", password=PASSWORD, role="rep")
    store.close()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_DATA_DIR=str(settings.data_dir), **({} if db else {"ASSISTANT_DATABASE_URL": settings.db_url}))
    command = [str(Path(sys.executable).parent / "assistant"), *(("--db", db) if db else ()), *options]
    command += ["serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while len(_workers(server.pid)) < 2 or not _answers(port):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield server.pid, port
    finally:
        stop_worker(server)  # SIGTERM: uvicorn stops its processes


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[tuple[str, Settings, list[int]]]:
    """`assistant serve --workers 2` on a free port over the test's database; stopped after it."""
    with _serving(settings, tmp_path / "serve.log") as (pid, port):
        yield f"http://127.0.0.1:{port}", settings, _workers(pid)


def _both_answered(workers: list[int], before: list[int]) -> bool:
    return all(now > then for now, then in zip(_writes(workers), before, strict=True))


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@BOTH
def test_serve_with_two_workers_shares_the_sign_in_limit_and_upload_jobs(
    served: tuple[str, Settings, list[int]],
) -> None:
    url, settings, workers = served
    codes, before = [], _writes(workers)
    # a fresh connection each: the kernel hands each to whichever process takes it; on a busy machine one process
    # can take a dozen in a row, so go on (up to 60) until both have answered some
    while len(codes) < 12 or (len(codes) < 60 and not _both_answered(workers, before)):
        with httpx.Client(base_url=url) as fresh:
            codes.append(_try(fresh, "wrong password").status_code)
    assert codes == [401] * 5 + [429] * (len(codes) - 5)
    assert _both_answered(workers, before), f"one process took all {len(codes)}"
    store = Store.open(settings)
    secret, _ = auth.create_token(store, username="rita", name="t")
    store.close()
    headers = {"Authorization": f"Bearer {secret}"}
    files = [("files", ("call-1.vtt", VTT.format(n=1).encode(), "text/vtt"))]
    job_id = httpx.post(f"{url}/api/uploads", files=files, headers=headers).json()["id"]
    deadline, seen = time.monotonic() + 60, list[dict[str, Any]]()
    while time.monotonic() < deadline and not (seen and seen[-1]["status"] == "done"):
        answer = httpx.get(f"{url}/api/jobs/{job_id}", headers=headers)  # a fresh connection each time
        assert answer.status_code == 200, answer.text
        seen.append(answer.json())
        time.sleep(0.1)
    assert seen[-1]["status"] == "done" and seen[-1]["items"][0]["status"] == "stored", seen[-1]
    for _ in range(8):
        assert httpx.get(f"{url}/api/jobs/{job_id}", headers=headers).json()["status"] == "done"


@pytest.mark.parametrize("db_backend", ["postgresql"], indirect=True)
def test_a_db_password_given_to_serve_workers_is_in_no_web_process_environment_command_line_or_log(
    settings: Settings, tmp_path: Path
) -> None:
    """`assistant --db postgresql://user:PASSWORD@… serve --workers 2`: the web processes get the command's settings
    from a file only this user reads, never through their environment (`ps e`, /proc/PID/environ) or command
    line; the server log never prints it. (The command's own command line is the user's: see docs/deploy.md.)"""
    password = "pw-" + uuid.uuid4().hex  # the test cluster trusts loopback: any password signs in
    url = make_url(settings.db_url).set(password=password).render_as_string(hide_password=False)
    log = tmp_path / "serve.log"
    with _serving(settings, log, db=url) as (pid, port):
        workers = _workers(pid)
        helpers = [c for c in _children(pid) if c not in workers]  # multiprocessing's resource tracker
        assert len(workers) == 2 and _answers(port)
        for child in workers + helpers:
            seen = Path(f"/proc/{child}/environ").read_bytes() + Path(f"/proc/{child}/cmdline").read_bytes()
            assert password.encode() not in seen, f"process {child}"
        spec = Path(dict(_environ(workers[0]))[web_app.SERVE_ENV])
        assert spec.stat().st_mode & 0o777 == 0o600 and password in spec.read_text()
        listing = subprocess.run(["ps", "eww", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True)
        assert listing.returncode == 0 and str(workers[0]) in listing.stdout and password not in listing.stdout
    assert not spec.exists()  # removed when the command stopped
    assert password not in log.read_text(errors="replace")


def _environ(pid: int) -> list[tuple[str, str]]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    return [tuple(p.split("=", 1)) for p in pairs if "=" in p]  # type: ignore[misc]
