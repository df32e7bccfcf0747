"""The job queue on a real PostgreSQL: enqueue, the jobs commands, a vanished file, an old schema, SQLite.
(tests/jobs runs on PostgreSQL only; see tests/conftest.py.) Workers run here in burst mode: they stop
once the queue is empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import JobError
from assistant.jobs import worker
from assistant.services import queue, search
from assistant.services.app import App
from assistant.settings import Settings, load_settings
from assistant.storage import calls
from tests.conftest import Cli

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nDana: We are thinking about cancelling, call {n}.\n"


def transcripts(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"call-{i}.vtt" for i in range(n)]
    for i, f in enumerate(files):
        f.write_text(VTT.format(n=i), encoding="utf-8")
    return files


@pytest.fixture
def app(settings: Settings, tmp_path: Path) -> App:
    media = tmp_path / "media"
    media.mkdir()
    return App(settings.model_copy(update={"media_root": media}))


def test_enqueue_then_a_worker_stores_each_call_once(app: App, tmp_path: Path) -> None:
    files = transcripts(app.settings.media_root / "inbox", 3)  # type: ignore[operator]
    queued = queue.enqueue_files(app, files)
    assert [q.queue for q in queued] == ["default"] * 3 and all(q.job_id for q in queued)
    again = queue.enqueue_files(app, files[:1])  # the same content waits already
    assert again[0].job_id is None and "already queued" in again[0].message
    jobs = queue.list_jobs(app)
    assert {j.args["path"] for j in jobs} == {f"inbox/call-{i}.vtt" for i in range(3)}  # relative to media_root
    worker.run(app.settings, wait=False, name="burst-1")
    assert len(calls.call_ids(app.store)) == 3
    done = {j.id: j for j in queue.list_jobs(app, limit=100)}
    ingest = [j for j in done.values() if j.task.endswith("ingest_file")]
    assert {j.status for j in ingest} == {"succeeded"} and {j.worker for j in ingest} == {"burst-1"}
    refreshes = [j for j in done.values() if j.task == queue.REFRESH_INDEX]  # one waits at most, not one per call
    assert len(refreshes) in (1, 2, 3) and {j.status for j in refreshes} == {"succeeded"}
    assert search.refresh(app) == 0  # the refresh jobs indexed every stored line
    queue.enqueue_files(app, files[:1])  # stored content queued again: the job runs and skips it
    worker.run(app.settings, wait=False)
    assert len(calls.call_ids(app.store)) == 3


def test_a_vanished_file_fails_with_the_reason_and_is_retryable(app: App, cli: Cli) -> None:
    (path,) = transcripts(app.settings.media_root, 1)  # type: ignore[arg-type]
    (item,) = queue.enqueue_files(app, [path])
    moved = path.with_suffix(".away")
    path.rename(moved)
    worker.run(app.settings, wait=False, name="burst-2")
    job = queue.get_job(app, item.job_id)  # type: ignore[arg-type]
    assert job.status == "failed" and job.attempts == 1  # no automatic retries for a missing file
    assert "file not found on worker burst-2" in (job.last_error or "") and str(path) in (job.last_error or "")
    status, out, _ = cli("jobs", "list", "--status", "failed", "--json")
    assert status == 0 and [j["id"] for j in json.loads(out)] == [item.job_id]
    moved.rename(path)
    status, _, _ = cli("jobs", "retry", str(item.job_id))
    assert status == 0
    worker.run(app.settings, wait=False)
    assert queue.get_job(app, item.job_id).status == "succeeded"  # type: ignore[arg-type]
    status, out, _ = cli("jobs", "show", str(item.job_id), "--json")
    runs = json.loads(out)["runs"]
    assert [r["status"] for r in runs] == ["failed", "succeeded"]
    assert [r["attempt"] for r in runs] == [1, 2]  # the queue counts the retry as a third attempt; we don't
    assert runs[0]["result"] is None and runs[1]["result"]["status"] == "stored"


def test_a_failed_job_shows_its_error_and_the_attempt_it_came_from(app: App, cli: Cli) -> None:
    (path,) = transcripts(app.settings.media_root, 1)  # type: ignore[arg-type]
    (item,) = queue.enqueue_files(app, [path])
    path.unlink()
    worker.run(app.settings, wait=False, name="burst-3")
    status, out, _ = cli("jobs", "list", "--status", "failed")
    assert status == 0 and "attempt 1: JobFailedError:" in out and "file not found on worker burst-3" in out
    status, out, _ = cli("jobs", "show", str(item.job_id), "--json")
    shown = json.loads(out)
    assert (shown["result"], shown["failed_attempt"]) == (None, 1) and "file not found" in shown["last_error"]
    assert shown["outcome"].startswith("attempt 1: JobFailedError:")


def test_a_finished_job_keeps_what_it_produced_for_list_and_show(app: App, cli: Cli) -> None:
    from assistant.services.alerts import list_alerts

    files = transcripts(app.settings.media_root / "r", 2)  # type: ignore[operator]
    first = queue.enqueue_files(app, files)
    worker.run(app.settings, wait=False, name="burst-r")
    copy = files[0].with_name("copy.vtt")
    copy.write_bytes(files[0].read_bytes())  # the same content under another name: a duplicate, skipped
    (dup,) = queue.enqueue_files(app, [copy])
    reanalysis = queue.enqueue_reanalysis(app, None, force=True)
    worker.run(app.settings, wait=False, name="burst-r")
    status, out, _ = cli("jobs", "list", "--limit", "100", "--json")
    by_id = {j["id"]: j for j in json.loads(out)}
    stored = {by_id[q.job_id]["result"]["call_id"]: by_id[q.job_id]["result"] for q in first}  # type: ignore[index]
    assert sorted(stored) == sorted(calls.call_ids(app.store))
    for call_id, result in stored.items():
        alerts = list_alerts(app, call_id=call_id)
        assert result["status"] == "stored" and result["alerts"] == len(alerts)
        assert result["summary"].startswith(f"call {call_id} stored (")
    skipped = by_id[dup.job_id]["result"]  # type: ignore[index]
    assert skipped["status"] == "skipped" and skipped["call_id"] == stored_id_of(stored, files[0], app)
    assert by_id[reanalysis]["result"]["calls"] == 2 and by_id[reanalysis]["outcome"].endswith("of 2 calls changed")
    refresh = [j for j in by_id.values() if j["task"] == queue.REFRESH_INDEX]
    assert refresh and all("rows indexed for search" in j["outcome"] for j in refresh)
    status, out, _ = cli("jobs", "list", "--limit", "100")
    assert status == 0 and f"call {sorted(stored)[0]} stored (" in out and "skipped: already ingested" in out
    status, out, _ = cli("jobs", "show", str(dup.job_id))
    assert status == 0 and "result: skipped: already ingested as call" in out


def stored_id_of(stored: dict[int, dict[str, object]], path: Path, app: App) -> int:
    """The id of the call stored from ``path`` (by its content hash)."""
    from assistant.pipeline import read_source

    found = calls.find_by_hash(app.store, read_source(path).content_hash)
    assert found is not None and found.id in stored
    return found.id


def test_cancel_a_waiting_job_and_bad_ids_are_clear(app: App, cli: Cli) -> None:
    (item,) = queue.enqueue_files(app, transcripts(app.settings.media_root / "c", 1))  # type: ignore[operator]
    status, out, _ = cli("jobs", "cancel", str(item.job_id), "--json")
    assert status == 0 and json.loads(out)["status"] == "cancelled"
    worker.run(app.settings, wait=False)
    assert calls.call_ids(app.store) == []
    status, _, err = cli("jobs", "show", "999999")
    assert status == 1 and "job 999999: no such job" in err
    status, _, err = cli("jobs", "cancel", str(item.job_id))
    assert status == 1 and "only waiting" in err
    status, _, err = cli("jobs", "list", "--status", "done")
    assert status == 1 and "status: 'done' is not one of" in err
    status, _, err = cli("jobs", "list", "--queue", "gpu")
    assert status == 1 and "queue: 'gpu' is not one of transcribe, default, alerts" in err


def test_ingest_enqueue_from_the_cli(app: App, cli: Cli, tmp_path: Path) -> None:
    files = transcripts(tmp_path / "outside", 2)  # not under media_root: queued with the absolute path
    status, out, err = cli("ingest", str(tmp_path / "outside"), "--enqueue", "--account", "Acme", "--json")
    assert status == 0, err
    queued = json.loads(out)
    assert [Path(q["path"]).name for q in queued] == [f.name for f in files]
    jobs = queue.list_jobs(app)
    assert {j.args["path"] for j in jobs} == {str(f.resolve()) for f in files}
    assert {j.args["metadata"]["account"] for j in jobs} == {"Acme"}


def test_a_worker_refuses_an_old_schema_and_names_the_migrate_command(app: App, cli: Cli) -> None:
    from alembic import command

    from assistant.storage.db import _alembic_config

    with app.store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0007")
    app.close()
    status, _, err = cli("worker", "--burst")
    assert status == 1 and "assistant db migrate" in err and "0007" in err
    status, out, _ = cli("db", "migrate", "--json")
    assert status == 0 and json.loads(out)["revision"] != ["0007"]
    status, _, err = cli("worker", "--burst")
    assert status == 0, err


def test_a_worker_older_than_the_schema_says_to_upgrade_it_not_to_migrate(app: App, cli: Cli) -> None:
    from sqlalchemy import text

    with app.store.engine.begin() as conn:  # a newer version of the assistant migrated the database
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    app.close()
    status, _, err = cli("worker", "--burst")
    assert status == 1 and "at schema revision 9999, newer than this version" in err
    assert "upgrade the assistant on this machine" in err and "db migrate" not in err


def test_the_queue_needs_postgresql(tmp_path: Path) -> None:
    sqlite = App(load_settings(data_dir=tmp_path / "d", database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    with pytest.raises(JobError, match="needs a PostgreSQL database"):
        queue.enqueue_files(sqlite, transcripts(tmp_path / "f", 1))
    with pytest.raises(JobError, match="needs a PostgreSQL database"):
        worker.run(sqlite.settings, wait=False)


def test_retries_unexpected_failures_up_to_the_setting_but_never_a_job_that_cannot_succeed() -> None:
    from types import SimpleNamespace

    from assistant.errors import JobFailedError
    from assistant.jobs.tasks import Retry

    retry = Retry(max_attempts=3)
    decisions = [retry.get_retry_decision(exception=OSError("db down"), job=SimpleNamespace(attempts=n))  # type: ignore[arg-type]
                 for n in range(3)]  # fmt: skip
    assert [d is not None for d in decisions] == [True, True, False]
    assert decisions[1] is not None and decisions[1].retry_at > decisions[0].retry_at  # type: ignore[union-attr,operator]
    gone = JobFailedError("x.vtt: file not found")
    assert retry.get_retry_decision(exception=gone, job=SimpleNamespace(attempts=0)) is None  # type: ignore[arg-type]


def test_an_unreachable_database_is_one_line_naming_it_with_the_password_masked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"postgresql+psycopg://app:hunter2@127.0.0.1:{port}/calls")
    monkeypatch.setenv("ASSISTANT_JOB_QUEUE", "true")
    inbox = tmp_path / "inbox"
    files = transcripts(inbox, 2)
    masked = f"postgresql+psycopg://app:***@127.0.0.1:{port}/calls"
    for command in (["worker", "--burst"], ["ingest", str(inbox)], ["jobs", "list"], ["watch", str(inbox), "--once"],
                    ["reanalyze", "--all"], ["alerts", "deliver"]):  # fmt: skip
        status, out, err = cli(*command)
        assert status == 1, command
        assert f"cannot connect to the database {masked}" in err and "hunter2" not in out + err, command
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 2, (command, err)
    assert sorted(inbox.iterdir()) == sorted(files)  # nothing moved, nothing written beside them


def test_embeddings_are_a_job_on_the_default_queue(app: App, cli: Cli) -> None:
    from assistant.services.churn_model import embedding_status
    from assistant.services.ingest import ingest_files

    ingest_files(app, transcripts(app.settings.media_root / "e", 2))  # type: ignore[operator]
    status, out, err = cli("model", "embed", "--all", "--enqueue", "--json")
    assert status == 0, err
    job_id = json.loads(out)["job_id"]
    status, again, _ = cli("model", "embed", "--all", "--enqueue", "--json")  # the same work waits already
    assert status == 0 and json.loads(again)["job_id"] is None
    worker.run(app.settings, wait=False, name="burst")
    job = queue.get_job(app, job_id)
    assert (job.queue, job.status) == ("default", "succeeded")
    done = embedding_status(app)
    assert done.missing == 0 and done.current == done.utterances == 2


def test_deploy_md_names_every_queue_and_each_task_on_its_queue() -> None:
    import re

    from assistant.jobs.queue import make_app
    from assistant.services.queue import QUEUES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z]+)` \| (.*)$", doc, flags=re.M))
    assert set(rows) == set(QUEUES), "docs/deploy.md's queue table must list exactly the queues of services/queue.py"
    tasks = make_app(load_settings(database_url="postgresql+psycopg://u@127.0.0.1/x")).tasks
    ours = {name: task for name, task in tasks.items() if name.startswith(f"{queue.NAMESPACE}:")}
    assert {queue.INGEST, queue.DELIVER_ALERT, queue.REANALYZE, queue.REFRESH_INDEX, queue.EMBED} <= set(ours)
    assert f"`{queue.INGEST}`" in rows["transcribe"]  # recordings are queued on 'transcribe' when deferred
    for name, task in ours.items():
        named = [q for q, row in rows.items() if f"`{name}`" in row]
        assert task.queue in named, f"docs/deploy.md: task {name} runs on '{task.queue}', the table says {named}"
