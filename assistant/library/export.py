"""Export a clip or a collection to a folder: audio (when the clip has some), transcript, metadata JSON.

Missing audio is checked before anything is written, so a failed export leaves nothing half-done; pass
``audio=False`` to export the transcript and metadata of a clip whose audio file is gone.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.errors import ClipError, MediaMissingError
from assistant.files import copy_file, write_text
from assistant.library.clips import fmt_time, slug
from assistant.records.library import Clip, Collection
from assistant.storage import library as lib
from assistant.storage.db import Store


def clip_json(clip: Clip) -> dict[str, Any]:
    doc = {f.name: getattr(clip, f.name) for f in dataclasses.fields(clip)}
    doc["tags"] = list(clip.tags)
    doc["duration"] = round(clip.duration, 3)
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k, v in doc.items()}


def clip_audio(store: Store, clip: Clip, audio: bool = True) -> Path | None:
    """The clip's audio file on this machine (through the media store), None when it has none or
    ``audio`` is off; ClipError when the file cannot be seen here."""
    if not audio or clip.audio_path is None:
        return None
    try:
        return store.media.local(clip.audio_path)
    except MediaMissingError as exc:
        raise ClipError(
            f"clip {clip.id}: its audio file is missing: {exc}; re-create the clip with `assistant clips add`, "
            "or export the transcript only (--no-audio)"
        ) from exc


def _transcript(clip: Clip) -> str:
    return f"{clip.title}\n{fmt_time(clip.start)}–{fmt_time(clip.end)}\n\n{clip.transcript}\n"


def _write_clip(clip: Clip, dest: Path, stem: str, src: Path | None) -> list[Path]:
    written: list[Path] = []
    if src is not None:
        written.append(copy_file(src, dest / f"{stem}{src.suffix}"))
    txt = write_text(dest / f"{stem}.txt", _transcript(clip))
    meta = write_text(dest / f"{stem}.json", json.dumps(clip_json(clip), ensure_ascii=False, indent=2) + "\n")
    return [*written, txt, meta]


def _folder(dest: Path) -> Path:
    """``dest`` as an existing folder (created with its parents when missing), or a ``ClipError`` why not."""
    if dest.exists() and not dest.is_dir():
        raise ClipError(f"{dest}: is a file, not a folder; give a folder to export into")
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClipError(f"{dest}: cannot create the folder ({exc.strerror})") from exc
    return dest


def export_clip(store: Store, *, clip_id: int, dest: Path, audio: bool = True) -> list[Path]:
    """Write the clip's audio, transcript (.txt) and metadata (.json) into ``dest``; returns the files."""
    clip = lib.get_clip(store, clip_id=clip_id)
    src = clip_audio(store, clip, audio)
    _folder(dest)
    return _write_clip(clip, dest, f"clip-{clip.id:04d}-{slug(clip.title)}", src)


def export_collection(store: Store, *, name: str, dest: Path, audio: bool = True) -> list[Path]:
    """Write every clip of a collection, numbered in order, plus ``collection.json``, into ``dest/<slug>``."""
    collection = lib.get_collection(store, name=name)
    clips = [lib.get_clip(store, clip_id=i) for i in collection.clip_ids]
    sources = [clip_audio(store, c, audio) for c in clips]  # fail before writing anything
    folder = _folder(dest / slug(collection.name))
    written: list[Path] = []
    for n, (clip, src) in enumerate(zip(clips, sources, strict=True), start=1):
        written += _write_clip(clip, folder, f"{n:02d}-{slug(clip.title)}", src)
    index = write_text(
        folder / "collection.json", json.dumps(_collection_json(collection, clips), ensure_ascii=False, indent=2) + "\n"
    )
    return [*written, index]


def _collection_json(collection: Collection, clips: list[Clip]) -> dict[str, Any]:
    return {
        "id": collection.id,
        "name": collection.name,
        "description": collection.description,
        "clips": [clip_json(c) for c in clips],
    }
