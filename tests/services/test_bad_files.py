"""One bad file never stops a batch: whatever a stage raises becomes a one-line failure for that file, the
other files are ingested, and a traceback goes to the log file under the data folder, never the terminal.

Triggers from the hostile run of issue 14: Whisper JSON with NaN times, a single 1 MB cue, deeply nested
JSON, a non-UTF-8 file name, a full disk at the storage write, a database locked by another process for
longer than the busy timeout, two processes storing the same content at once, and an error nobody foresaw."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.pipeline import Ingestor, IngestResult
from assistant.settings import Settings, load_settings
from assistant.storage import calls, outbox
from assistant.storage.db import Store
from tests.alerts.conftest import HttpReceiver
from tests.conftest import Cli

GOOD = """WEBVTT

00:00:01.000 --> 00:00:04.000
Alex Morgan: How is the rollout going?

00:00:05.000 --> 00:00:09.000
Dana Whitfield: Our budget was cut and the price is too high for us now.
"""


def good(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / name
    path.write_text(GOOD + extra, encoding="utf-8")
    return path


def results(out: str) -> dict[str, dict[str, object]]:
    return {Path(str(r["path"])).name: r for r in json.loads(out)}


def explode_on(monkeypatch: pytest.MonkeyPatch, word: str, error: Exception) -> None:
    """The analysis raises ``error`` (an error the product did not foresee) on a call whose last line has ``word``."""
    real = Ingestor.analyze

    def analyze(self: Ingestor, transcript, *args, **kwargs):  # type: ignore[no-untyped-def]
        if word in transcript.utterances[-1].text:
            raise error
        return real(self, transcript, *args, **kwargs)

    monkeypatch.setattr(Ingestor, "analyze", analyze)


def assert_one_line_failures(err: str, count: int) -> None:
    assert "Traceback" not in err
    failed = [line for line in err.splitlines() if line.startswith("failed ")]
    assert len(failed) == count, err


def test_hostile_transcripts_each_fail_alone_and_the_batch_goes_on(cli: Cli, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    good(batch, "a-good.vtt")
    segments = [{"start": float("nan"), "end": 2.0, "text": "the price is too high"}]
    (batch / "b-nan.json").write_text(json.dumps({"segments": segments}), encoding="utf-8")  # NaN is valid Python JSON
    (batch / "c-huge-cue.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n" + "word " * 210_000 + "\n")
    (batch / "d-nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    good(batch, "e-good.vtt", "\n00:00:10.000 --> 00:00:12.000\nAlex Morgan: Thanks.\n")
    status, _, err = cli("ingest", str(batch))
    assert status == 1
    assert "2 stored, 3 failed" in err
    assert_one_line_failures(err, 3)
    for name in ("b-nan.json", "c-huge-cue.vtt", "d-nested.json"):
        assert any(name in line for line in err.splitlines() if line.startswith("failed ")), name
    status, out, _ = cli("calls", "list", "--json")
    assert status == 0 and len(json.loads(out)) == 2


def test_a_file_name_that_is_not_utf8_is_one_failure_printable_as_text_and_json(cli: Cli, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    good(batch, "plain.vtt")
    odd = os.fsdecode(bytes(batch) + b"/caf\xe9.vtt")
    Path(odd).write_text(GOOD + "\n00:00:10.000 --> 00:00:11.000\nDana Whitfield: Bye.\n", encoding="utf-8")
    status, out, err = cli("ingest", str(batch), "--json")
    assert status == 1 and "1 stored, 1 failed" in err
    found = results(out)
    assert found["caf\\xe9.vtt"]["status"] == "failed"
    assert "caf\\xe9.vtt: the file name is not valid UTF-8" in str(found["caf\\xe9.vtt"]["message"])
    status, _, err = cli("ingest", odd)  # the human output names it too, with no UnicodeEncodeError
    assert status == 1 and "caf\\xe9.vtt: the file name is not valid UTF-8" in err


def test_an_unforeseen_error_is_one_line_and_its_traceback_goes_to_the_log(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explode_on(monkeypatch, "kaboom", ZeroDivisionError("division by zero deep inside a stage"))
    batch = tmp_path / "batch"
    batch.mkdir()
    good(batch, "a.vtt", "\n00:00:10.000 --> 00:00:11.000\nDana Whitfield: kaboom\n")
    good(batch, "b.vtt")
    status, _, err = cli("ingest", str(batch))
    assert status == 1 and "1 stored, 1 failed" in err
    assert_one_line_failures(err, 1)
    log = tmp_path / "data" / "logs" / "assistant.log"
    assert "unexpected error (ZeroDivisionError: division by zero deep inside a stage)" in err
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text and "a.vtt" in text


def test_disk_full_at_the_storage_write_fails_that_file_only(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls_made = calls.save_call, []

    def save_call(store: Store, **kwargs):  # type: ignore[no-untyped-def]
        calls_made.append(kwargs["source"].path.name)
        if len(calls_made) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(store, **kwargs)

    monkeypatch.setattr(calls, "save_call", save_call)
    batch = tmp_path / "batch"
    batch.mkdir()
    good(batch, "a.vtt")
    good(batch, "b.vtt", "\n00:00:10.000 --> 00:00:11.000\nAlex Morgan: Thanks.\n")
    status, out, err = cli("ingest", str(batch), "--json")
    assert status == 1 and calls_made == ["a.vtt", "b.vtt"]
    found = results(out)
    assert found["a.vtt"]["status"] == "failed" and "the disk is full" in str(found["a.vtt"]["message"])
    assert found["b.vtt"]["status"] == "stored"
    assert "Traceback" not in err


def test_the_same_content_stored_by_another_process_meanwhile_is_skipped(
    settings: Settings, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good(tmp_path, "same.vtt")
    other = Ingestor(settings, store).ingest_file(path)  # "the other process" stores it first
    assert other.status == "stored"
    real, looked = calls.find_by_hash, []

    def find_by_hash(store: Store, content_hash: str):  # type: ignore[no-untyped-def]
        looked.append(content_hash)
        return None if len(looked) == 1 else real(store, content_hash)  # this process looked before it was there

    monkeypatch.setattr(calls, "find_by_hash", find_by_hash)
    result = Ingestor(settings, store).ingest_file(path)  # its INSERT hits the unique content hash
    assert result.status == "skipped" and result.call_id == other.call_id
    assert "already stored by another process" in result.message
    assert len(calls.list_calls(store)) == 1


LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()  # held until the test says so: no race with a slow (loaded) machine
db.rollback()
print("released", flush=True)
"""


def test_a_database_locked_longer_than_the_busy_timeout_fails_that_file_and_the_batch_goes_on(
    cli: Cli, tmp_path: Path
) -> None:
    """The lock is held by another process until ``a`` has been given up on (after the 10 s busy timeout),
    then released, so ``b`` is stored: the order is driven by the batch's own result hook, not by clocks."""
    from assistant.services.app import App
    from assistant.services.ingest import IngestHooks, ingest_files

    batch = tmp_path / "batch"
    batch.mkdir()
    assert cli("ingest", str(good(batch, "first.vtt")))[0] == 0  # the database exists, migrated
    a = good(batch, "a.vtt", "\n00:00:10.000 --> 00:00:11.000\nAlex Morgan: One.\n")
    b = good(batch, "b.vtt", "\n00:00:10.000 --> 00:00:11.000\nAlex Morgan: Two.\n")
    db = tmp_path / "data" / "assistant.db"
    assert db.is_file()
    app = App(load_settings(data_dir=tmp_path / "data", clips_dir=tmp_path / "clips"))
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )

    def release(result: IngestResult) -> None:
        if result.path.name == "a.vtt" and locker.poll() is None:
            assert locker.stdin is not None and locker.stdout is not None
            locker.stdin.write("go\n")
            locker.stdin.flush()
            assert locker.stdout.readline().strip() == "released"

    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        started = time.monotonic()
        found = {r.path.name: r for r in ingest_files(app, [a, b], deliver=False, hooks=IngestHooks(result=release))}
        waited = time.monotonic() - started
    finally:
        if locker.poll() is None:
            locker.kill()
        locker.wait(timeout=60)
        app.close()
    assert found["a.vtt"].status == "failed", found  # waited the 10 s busy timeout, then gave up
    assert "database stayed locked" in found["a.vtt"].message
    assert "\n" not in found["a.vtt"].message and "Traceback" not in found["a.vtt"].message
    assert found["b.vtt"].status == "stored", found  # the lock went away before b: the batch went on
    assert waited >= 10


@pytest.mark.whisper
def test_a_cut_off_recording_is_stored_as_partial_and_raises_no_alert(
    alert_settings: Settings, tmp_path: Path, shared_data: Path, receiver: HttpReceiver, transcriber
) -> None:  # type: ignore[no-untyped-def]
    from tests.services.test_watch import RULES, policies

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "churn.en.yaml").write_text(RULES.replace("cancel,", "ask not,").replace("    speaker: customer\n", ""))
    alerts = tmp_path / "alerts.yaml"
    alerts.write_text(policies(receiver), encoding="utf-8")
    settings = alert_settings.model_copy(update={"rules_dir": rules, "alerts_file": alerts})
    store = Store.open(settings)
    data = (shared_data / "speech" / "jfk.flac").read_bytes()
    (tmp_path / "cut.flac").write_bytes(data[: int(len(data) * 0.6)])
    result = Ingestor(settings, store, transcriber=transcriber).ingest_file(tmp_path / "cut.flac")
    assert result.status == "stored" and result.partial and "partial recording" in result.message
    assert "cancel" in [h.rule for h in calls.get_call(store, call_id=result.call_id).analysis.hits]  # type: ignore[arg-type,union-attr]
    assert outbox.count_by_status(store) == {}  # the hit is there, the alert is not: half a call
    (tmp_path / "whole.flac").write_bytes(data)  # the same rules and policy on the whole recording do alert
    whole = Ingestor(settings, store, transcriber=transcriber).ingest_file(tmp_path / "whole.flac")
    assert whole.status == "stored" and not whole.partial
    assert outbox.count_by_status(store) == {"pending": 1}
