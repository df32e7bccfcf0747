"""Recordings and clip files by names that hold on every machine: the ``MediaStore`` seam (issue 12).

Several machines (the web app, workers) share one database and one folder of recordings, the ``media_root``
setting: a shared mount, at its own path on each machine. The database names a file by its path relative
to ``media_root`` when it lies under it (``2026/05/acme-renewal.flac``), else by its absolute path (a file
only this machine sees, as before media_root existed; it still works here).

Every part that stores or opens a recording or a clip goes through the store's ``MediaStore``
(``Store.media``, made from the settings by ``Store.open``): ingest names the recording it saved
(``name``); the web app's audio, clip cutting, exports and reanalysis open files by the stored name
(``local``: the local file, or ``MediaMissingError`` naming the file, the media_root and this machine);
clip removal deletes (``delete``). ``FileMediaStore`` is the filesystem implementation. An object-storage
one (S3 API) implements the same methods: ``name`` uploads a file and returns its key, ``local`` downloads
a key to a local cache (PyAV and clip cutting need a file), ``exists`` asks for its head, ``delete`` deletes
it; it registers in ``MEDIA_STORES`` under its URL scheme.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection

from assistant.errors import MediaMissingError


class MediaStore(Protocol):
    """Where recordings and clip files live, by the names the database keeps."""

    def name(self, path: Path) -> str:
        """The name the database keeps for the local file ``path`` (relative to the media root if inside)."""
        ...

    def local(self, name: str) -> Path:
        """A readable local file for a stored name; MediaMissingError (naming it, the root, the machine)."""
        ...

    def exists(self, name: str) -> bool: ...

    def delete(self, name: str) -> None: ...


@dataclass(frozen=True)
class FileMediaStore:
    """Files on a filesystem: relative names under ``root`` (a shared mount), absolute ones anywhere."""

    root: Path | None = None
    machine: str = field(default_factory=socket.gethostname)

    def name(self, path: Path) -> str:
        absolute = path.resolve()
        if self.root is not None and absolute.is_relative_to(self.root.resolve()):
            return absolute.relative_to(self.root.resolve()).as_posix()
        return str(absolute)

    def path(self, name: str) -> Path:
        """Where a stored name is on this machine (whether or not the file is there)."""
        path = Path(name)
        if path.is_absolute():
            return path
        if self.root is None:
            raise MediaMissingError(
                f"{name}: a path relative to media_root, but media_root is not set on {self.machine} "
                "(set ASSISTANT_MEDIA_ROOT to the shared folder's mount point here)"
            )
        return self.root / path

    def local(self, name: str) -> Path:
        path = self.path(name)
        if not path.is_file():
            where = f"media_root {self.root}" if self.root is not None else "media_root not set"
            raise MediaMissingError(
                f"{path}: not found on {self.machine} ({where}; moved or deleted, or the shared folder is not "
                "mounted here)"
            )
        return path

    def exists(self, name: str) -> bool:
        try:
            return self.path(name).is_file()
        except MediaMissingError:
            return False

    def delete(self, name: str) -> None:
        with suppress(MediaMissingError):
            self.path(name).unlink(missing_ok=True)


# One media store per kind of media_root (a filesystem path today; "s3" would join with an object-storage
# implementation and a URL-valued setting).
MEDIA_STORES: dict[str, Callable[[Path | None], MediaStore]] = {"file": lambda root: FileMediaStore(root)}


def media_store(root: Path | None) -> MediaStore:
    """The media store of the ``media_root`` setting."""
    return MEDIA_STORES["file"](root)


# ---- stored names made relative -----------------------------------------------------------------------

# Every column that names a recording or a clip file.
MEDIA_COLUMNS = (("call", "source_path"), ("clip", "audio_path"), ("clip", "transcript_path"))


def relativize(conn: Connection, root: Path) -> int:
    """Make the stored absolute names under ``root`` relative to it (what an older database, or one filled
    before media_root was set, holds); others stay absolute. Safe to run again; returns the names changed."""
    changed = 0
    for prefix in _prefixes(root):
        for table, column in MEDIA_COLUMNS:
            update = f'UPDATE "{table}" SET {column} = substr({column}, :n) WHERE substr({column}, 1, :k) = :prefix'
            result = conn.execute(text(update), {"n": len(prefix) + 1, "k": len(prefix), "prefix": prefix})
            changed += result.rowcount or 0
    return changed


def _prefixes(root: Path) -> list[str]:
    """The root as written and as resolved (a mount reached through a symlink), each with its slash."""
    forms = dict.fromkeys(str(p).rstrip("/") + "/" for p in (root.absolute(), root.resolve()))
    return [f for f in forms if f != "/"]
