"""The folder watcher against hostile input: a file that raises anything is quarantined and the watcher goes
on; failed/ keeps sub-folders and never overwrites; a file that took the watcher down is not retried forever;
a cut-off recording waits (and, stalled, is stored as partial without an alert); links out of the folder are
never followed; rules reload when edited (a broken edit keeps the old ones)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant.pipeline import Ingestor
from assistant.services.app import App
from assistant.services.watch import Watcher, WatchEvent
from assistant.settings import Settings
from assistant.storage import calls, outbox
from assistant.storage.db import Store
from tests.alerts.conftest import HttpReceiver
from tests.services.test_bad_files import explode_on
from tests.services.test_watch import RULES, drop, watch_settings

__all__ = ["watch_settings"]  # the fixture


def watcher(settings: Settings, folder: Path, events: list[WatchEvent] | None = None) -> Watcher:
    return Watcher(App(settings), folder, on_event=(events.append if events is not None else None))


def broken(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is not a transcript\n", encoding="utf-8")
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_failed_keeps_sub_folders_and_never_overwrites(watch_settings: Settings, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    broken(inbox / "east" / "call.vtt")
    broken(inbox / "west" / "call.vtt")
    events = watcher(watch_settings, inbox).run_once()
    assert [e.status for e in events] == ["failed", "failed"]
    assert (inbox / "failed" / "east" / "call.vtt").is_file() and (inbox / "failed" / "west" / "call.vtt").is_file()
    assert (inbox / "failed" / "east" / "call.vtt.error.txt").is_file()
    broken(inbox / "east" / "call.vtt").write_text("broken again, other bytes\n", encoding="utf-8")
    os.utime(inbox / "east" / "call.vtt", (time.time() - 60, time.time() - 60))
    (event,) = watcher(watch_settings, inbox).run_once()
    assert "failed/east/call-2.vtt" in event.message
    assert (inbox / "failed" / "east" / "call-2.vtt").read_text() == "broken again, other bytes\n"
    assert (inbox / "failed" / "east" / "call.vtt").read_text() == "this is not a transcript\n"  # kept


def test_any_exception_quarantines_the_file_and_the_watcher_goes_on(
    watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    explode_on(monkeypatch, "poison", RecursionError("maximum recursion depth exceeded"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "a-poison.vtt", risk="poison")
    drop(inbox, "b-good.vtt")
    w = watcher(watch_settings, inbox)
    by_name = {e.path.name: e for e in w.run_once()}
    assert by_name["a-poison.vtt"].status == "failed" and "RecursionError" in by_name["a-poison.vtt"].message
    assert by_name["b-good.vtt"].status == "stored"
    assert (inbox / "failed" / "a-poison.vtt").is_file() and (inbox / "failed" / "a-poison.meta.json").is_file()
    assert watcher(watch_settings, inbox).run_once() == []  # a restart does not take it again
    assert "Traceback" in watch_settings.log_path.read_text(encoding="utf-8")


def test_a_file_that_took_the_watcher_down_is_not_retried_forever(
    watch_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "killer.vtt")

    def die(self: Ingestor, path: Path, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # as good as a kill -9: no result, no cleanup

    with monkeypatch.context() as m:
        m.setattr(Ingestor, "ingest_file", die)
        for _ in range(2):  # two starts, both die on the same file
            with pytest.raises(KeyboardInterrupt):
                watcher(watch_settings, inbox).poll()
    events = watcher(watch_settings, inbox).poll()  # the third start moves it aside instead of dying again
    assert [e.status for e in events] == ["failed"] and "stopped 2 times" in events[0].message
    assert (inbox / "failed" / "killer.vtt").is_file()
    assert outbox.watched(Store.open(watch_settings), path=str(inbox / "killer.vtt")).status == "failed"  # type: ignore[union-attr]


def test_a_file_killed_once_is_tried_again(
    watch_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "unlucky.vtt")
    with monkeypatch.context() as m:
        m.setattr(Ingestor, "ingest_file", lambda *_a, **_k: (_ for _ in ()).throw(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            watcher(watch_settings, inbox).poll()
    assert [e.status for e in watcher(watch_settings, inbox).poll() if e.status != "delivered"] == ["stored"]


def test_links_out_of_the_folder_are_never_followed(watch_settings: Settings, tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    secret = drop(outside, "secret.vtt", account=None)
    (inbox / "leak.vtt").symlink_to(secret)
    (inbox / "leaked-folder").symlink_to(outside, target_is_directory=True)
    inside = drop(inbox, "real.vtt", account=None)
    (inbox / "alias.vtt").symlink_to(inside)
    w = watcher(watch_settings, inbox)
    assert w.candidates() == [inbox / "alias.vtt", inbox / "real.vtt"]
    w.run_once()
    assert {Path(c.source_path).name for c in calls.list_calls(Store.open(watch_settings))} <= {"alias.vtt", "real.vtt"}


def test_rules_reload_when_edited_and_a_broken_edit_keeps_the_old_ones(
    watch_settings: Settings, tmp_path: Path, receiver: HttpReceiver
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    events: list[WatchEvent] = []
    w = watcher(watch_settings, inbox, events)
    rules = watch_settings.rules_dir / "churn.en.yaml"
    rules.write_text(RULES.replace("cancel, switch", "terminate, cancel, switch"), encoding="utf-8")
    drop(inbox, "one.vtt", risk="terminating")
    assert [e.status for e in w.poll() if e.path.name == "one.vtt"] == ["stored"]
    store = Store.open(watch_settings)
    (one,) = calls.list_calls(store)
    assert "cancel" in [h.rule for h in calls.get_call(store, call_id=one.id).analysis.hits]  # type: ignore[union-attr]
    rules.write_text(RULES.replace("phrases", "phrasez"), encoding="utf-8")  # a broken edit
    drop(inbox, "two.vtt", risk="terminating our contract")
    w.poll()
    (problem,) = [e for e in events if e.status == "rules"]
    assert "previous rules stay in effect" in problem.message and "phrasez" in problem.message
    two = next(c for c in calls.list_calls(store) if c.id != one.id)
    assert "cancel" in [h.rule for h in calls.get_call(store, call_id=two.id).analysis.hits]  # type: ignore[union-attr]


def cut(src: Path, dst: Path, share: float) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * share)])
    past = time.time() - 60  # old enough to count as settled: only the decode check holds it back
    os.utime(dst, (past, past))
    return dst


def test_a_cut_off_recording_waits_for_the_rest(watch_settings: Settings, tmp_path: Path, shared_data: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    events: list[WatchEvent] = []
    w = watcher(watch_settings, inbox, events)
    upload = cut(shared_data / "speech" / "jfk.flac", inbox / "upload.flac", 0.5)
    whole, stalled = w.ready()
    assert whole == [] and stalled == []  # stable, but decodes to half its header: not taken
    (waiting,) = [e for e in events if e.status == "waiting"]
    assert "cut off after" in waiting.message and "watch_stall" in waiting.message
    cut(shared_data / "speech" / "jfk.flac", upload, 1.0)  # the upload resumes and completes
    assert w.ready() == ([upload], [])


@pytest.mark.whisper
def test_a_stalled_recording_is_stored_as_partial_without_an_alert_and_replaced_when_complete(
    watch_settings: Settings, tmp_path: Path, shared_data: Path, receiver: HttpReceiver
) -> None:
    anyone = RULES.replace("cancel,", "ask not,").replace("    speaker: customer\n", "")
    (watch_settings.rules_dir / "churn.en.yaml").write_text(anyone, encoding="utf-8")
    settings = watch_settings.model_copy(update={"watch_stall": 0.0})
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    upload = cut(shared_data / "speech" / "jfk.flac", inbox / "stalled.flac", 0.6)
    (event,) = [e for e in watcher(settings, inbox).run_once() if e.path == upload and e.status != "waiting"]
    assert event.status == "partial" and "no alert raised" in event.message and event.call_id
    store = Store.open(settings)
    assert outbox.watched(store, path=str(upload)).status == "partial"  # type: ignore[union-attr]
    assert "cancel" in [h.rule for h in calls.get_call(store, call_id=event.call_id).analysis.hits]  # type: ignore[union-attr]
    assert outbox.count_by_status(Store.open(settings)) == {} and receiver.requests == []
    cut(shared_data / "speech" / "jfk.flac", upload, 1.0)  # the upload resumes and completes, much later
    os.utime(upload, (time.time() - 30, time.time() - 30))
    (done,) = [e for e in watcher(settings, inbox).run_once() if e.path == upload]
    assert done.status == "replaced" and done.call_id == event.call_id  # the same call, now whole: not a second one
    assert len(calls.list_calls(store)) == 1 and outbox.watched(store, path=str(upload)).status == "done"  # type: ignore[union-attr]
    assert [r.path for r in receiver.requests] == ["/risk"]  # the whole call alerts, once
