"""Recordings and clips on a shared folder (media_root) seen by several machines, each at its own mount:
clips are cut, exported, served and removed through the media store; a machine that cannot see the file
gets an error naming it and its media_root (both backends)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.audio import probe
from assistant.errors import ClipError, MediaMissingError
from assistant.library.clips import ClipInfo, create_clip, remove_clip
from assistant.library.export import export_clip
from assistant.services import library as service
from assistant.services import player
from assistant.services.app import App
from assistant.settings import Settings
from assistant.storage.db import Store
from tests.library.canned import save, utt


@pytest.fixture
def machine_a(settings: Settings, tmp_path: Path, shared_data: Path) -> Settings:
    """The first machine: the share mounted at mnt/a, clips written into it, the real jfk.flac in it."""
    root = tmp_path / "mnt" / "a"
    (root / "calls").mkdir(parents=True)
    shutil.copyfile(shared_data / "speech/jfk.flac", root / "calls" / "jfk.flac")
    return settings.model_copy(update={"media_root": root, "clips_dir": root / "clips"})


def _on(settings: Settings, root: Path | None) -> Settings:
    """Another machine on the same database, the share at ``root`` (None: no media_root set)."""
    return settings.model_copy(update={"media_root": root, "clips_dir": (root or Path("/nonexistent")) / "clips"})


def _call(store: Store, root: Path) -> int:
    lines = [utt("JFK", "rep", 0.0, 3.2, "And so my fellow Americans,"),
             utt("JFK", "rep", 3.2, 7.6, "ask not what your country can do for you,")]  # fmt: skip
    src = root / "calls" / "jfk.flac"
    return save(store, "jfk", lines, source=src, duration=probe(src).duration)


def test_clips_made_on_one_machine_are_cut_exported_and_removed_on_another(machine_a: Settings, tmp_path: Path) -> None:
    store_a = Store.open(machine_a)
    call_id = _call(store_a, machine_a.media_root)  # type: ignore[arg-type]
    clip = create_clip(store_a, machine_a, call_id=call_id, start=0.0, end=3.2, info=ClipInfo(title="Americans"))
    assert (
        clip.audio_path == "clips/clip-0001-americans.ogg" and clip.transcript_path == "clips/clip-0001-americans.txt"
    )
    store_a.close()
    root_b = tmp_path / "srv" / "share"  # machine B mounts the same share elsewhere; A's mount is gone
    shutil.copytree(machine_a.media_root, root_b)  # type: ignore[arg-type]
    shutil.rmtree(machine_a.media_root)  # type: ignore[arg-type]
    b = _on(machine_a, root_b)
    store_b = Store.open(b)
    second = create_clip(store_b, b, call_id=call_id, start=3.2, end=7.6, audio_format="wav")
    assert probe(root_b / second.audio_path).duration == pytest.approx(4.4, abs=0.05)  # type: ignore[operator]
    written = export_clip(store_b, clip_id=clip.id, dest=tmp_path / "out")
    assert sorted(p.suffix for p in written) == [".json", ".ogg", ".txt"]
    assert probe(next(p for p in written if p.suffix == ".ogg")).duration == pytest.approx(3.2, abs=0.1)
    remove_clip(store_b, clip_id=clip.id)
    assert not (root_b / "clips" / "clip-0001-americans.ogg").exists()
    assert not (root_b / "clips" / "clip-0001-americans.txt").exists()
    store_b.close()


def test_the_web_app_serves_the_recording_and_clip_through_the_media_root(machine_a: Settings, tmp_path: Path) -> None:
    app_a = App(machine_a)
    call_id = _call(app_a.store, machine_a.media_root)  # type: ignore[arg-type]
    clip = create_clip(app_a.store, machine_a, call_id=call_id, start=0.0, end=3.2)
    app_a.close()
    root_b = tmp_path / "srv" / "share"
    shutil.copytree(machine_a.media_root, root_b)  # type: ignore[arg-type]
    app_b = App(_on(machine_a, root_b))
    assert player.call_recording(app_b, call_id) == root_b / "calls" / "jfk.flac"
    assert player.has_audio(app_b, player.call_page(app_b, call_id).call)
    assert service.clip_audio(app_b, clip.id) == root_b / clip.audio_path  # type: ignore[operator]
    app_b.close()


def test_a_machine_without_the_share_names_the_file_and_its_media_root(machine_a: Settings, tmp_path: Path) -> None:
    store_a = Store.open(machine_a)
    call_id = _call(store_a, machine_a.media_root)  # type: ignore[arg-type]
    clip = create_clip(store_a, machine_a, call_id=call_id, start=0.0, end=3.2)
    store_a.close()
    unmounted = tmp_path / "srv" / "not-mounted"
    app = App(_on(machine_a, unmounted))
    expected = str(unmounted / "calls" / "jfk.flac")
    with pytest.raises(MediaMissingError, match=f"media_root {unmounted}") as missing:
        player.call_recording(app, call_id)
    assert expected in str(missing.value) and f"call {call_id}" in str(missing.value)
    assert not player.has_audio(app, player.call_page(app, call_id).call)
    with pytest.raises(MediaMissingError, match=f"clip {clip.id}.*{unmounted / 'clips'}"):
        service.clip_audio(app, clip.id)
    with pytest.raises(ClipError, match=f"{expected}.*--text-only"):
        create_clip(app.store, app.settings, call_id=call_id, start=0.0, end=3.2)
    with pytest.raises(ClipError, match="--no-audio"):
        export_clip(app.store, clip_id=clip.id, dest=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    app.close()
    no_root = App(_on(machine_a, None))
    with pytest.raises(MediaMissingError, match="media_root is not set"):
        player.call_recording(no_root, call_id)
    no_root.close()
