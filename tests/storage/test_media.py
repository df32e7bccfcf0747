"""Recording and clip paths relative to media_root (storage.media): the filesystem MediaStore, and stored
absolute paths under media_root made relative by migration 0014 and by `db migrate` (both backends)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from assistant.errors import MediaMissingError, NotFoundError
from assistant.records.library import Clip
from assistant.settings import Settings
from assistant.storage import library as lib
from assistant.storage.db import Store, _alembic_config
from assistant.storage.media import FileMediaStore
from tests.library.canned import save, utt


def _file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"audio")
    return path


def test_a_file_under_the_root_is_named_relative_to_it_and_found_under_another_mount(tmp_path: Path) -> None:
    here, there = tmp_path / "mnt" / "calls", tmp_path / "srv" / "shared"
    name = FileMediaStore(here).name(_file(here / "2026" / "acme.flac"))
    assert name == "2026/acme.flac"
    _file(there / "2026" / "acme.flac")  # the same share, mounted elsewhere on another machine
    assert FileMediaStore(there).local(name) == there / "2026" / "acme.flac"


def test_a_file_outside_the_root_keeps_its_absolute_path_and_still_works(tmp_path: Path) -> None:
    outside = _file(tmp_path / "local" / "a.flac")
    media = FileMediaStore(tmp_path / "mnt")
    assert media.name(outside) == str(outside.resolve())
    assert media.local(media.name(outside)) == outside.resolve()
    assert FileMediaStore(None).name(outside) == str(outside.resolve())


def test_a_file_this_machine_cannot_see_names_the_path_the_root_and_the_machine(tmp_path: Path) -> None:
    media = FileMediaStore(tmp_path / "empty-mount")
    with pytest.raises(MediaMissingError) as missing:
        media.local("2026/acme.flac")
    message = str(missing.value)
    assert str(tmp_path / "empty-mount" / "2026" / "acme.flac") in message
    assert f"media_root {tmp_path / 'empty-mount'}" in message and socket.gethostname() in message
    assert isinstance(missing.value, NotFoundError)  # the web app answers 404
    with pytest.raises(MediaMissingError, match="media_root is not set"):
        FileMediaStore(None).local("2026/acme.flac")
    assert not media.exists("2026/acme.flac") and not FileMediaStore(None).exists("x.flac")
    media.delete("2026/acme.flac")  # nothing to delete: no error


def _stored_paths(store: Store) -> tuple[set[str], set[str]]:
    with store.engine.connect() as conn:
        calls = set(conn.execute(text("SELECT source_path FROM call")).scalars())
        clips = {p for row in conn.execute(text("SELECT audio_path, transcript_path FROM clip")) for p in row if p}
    return calls, clips


def _old_library(settings: Settings, root: Path) -> Store:
    """A library stored with absolute paths (before media_root was set), its schema back at 0013."""
    store = Store.open(settings)
    inside = save(store, "inside", [utt("A", "rep", 0, 1, "hello")], source=_file(root / "calls" / "in.flac"))
    save(store, "outside", [utt("A", "rep", 0, 1, "hello")], source=_file(settings.data_dir.parent / "out.flac"))
    clip = Clip(0, inside, "t", 0.0, 1.0, "hello")
    files = (str(root / "clips" / "c.ogg"), str(root / "clips" / "c.txt"))
    lib.add_clip(store, clip=clip, write_files=lambda _id: files)
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0013")
    return store


def test_migrating_with_a_media_root_makes_the_paths_under_it_relative(settings: Settings, tmp_path: Path) -> None:
    root = tmp_path / "share"
    _old_library(settings, root).close()
    store = Store.open(settings.model_copy(update={"media_root": root}))  # migration 0014 runs here
    calls, clips = _stored_paths(store)
    assert calls == {"calls/in.flac", str((settings.data_dir.parent / "out.flac").resolve())}
    assert clips == {"clips/c.ogg", "clips/c.txt"}
    assert store.media.local("calls/in.flac") == root / "calls" / "in.flac"
    assert store.relativize_media() == 0  # safe to run again
    store.close()


def test_db_migrate_makes_paths_stored_before_media_root_was_set_relative(settings: Settings, tmp_path: Path) -> None:
    root = tmp_path / "share"
    store = _old_library(settings, root)
    store.migrate()  # still no media_root: absolute paths stay
    assert "calls/in.flac" not in _stored_paths(store)[0]
    store.close()
    later = Store.open(settings.model_copy(update={"media_root": root}))
    assert later.relativize_media() == 3  # what `assistant db migrate` runs
    assert _stored_paths(later) == (
        {"calls/in.flac", str((settings.data_dir.parent / "out.flac").resolve())},
        {"clips/c.ogg", "clips/c.txt"},
    )
    later.close()


def test_a_new_call_under_the_media_root_is_stored_relative_to_it(settings: Settings, tmp_path: Path) -> None:
    root = tmp_path / "share"
    store = Store.open(settings.model_copy(update={"media_root": root}))
    save(store, "new", [utt("A", "rep", 0, 1, "hello")], source=_file(root / "2026" / "new.flac"))
    assert _stored_paths(store)[0] == {"2026/new.flac"}
    store.close()
