"""Writing a file so that nothing planted at a name is written through and no reader sees half a file.

The bytes go to a temporary file created exclusively (``O_CREAT|O_EXCL``, a random name) in the target's own
folder, are flushed to disk, then renamed over the target in one step. A symlink planted at the target or at any
temporary name is replaced or refused, never followed; a failure leaves the target as it was and no temporary
behind. Output paths a user names (``-o``) are checked first, so a missing folder, a folder or a file without
permission is one clear line (``OutputError``).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from assistant.errors import OutputError


def _umask() -> int:
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:")), 8)
    except (OSError, StopIteration, ValueError):
        return 0o022


def check_output_path(path: Path) -> Path:
    """``path`` if a file can be written there; otherwise ``OutputError`` saying why, in one line."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: no permission to write in {folder}")
    return path


@contextmanager
def replacing(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into; it becomes ``path`` when the block ends without an
    error. ``mode`` defaults to what a new file gets under the process's umask. Errors raised in the block pass
    through unchanged; the file system's own (disk full, no permission) become ``OutputError``."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise _error(path, exc) from exc
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            _finish(path, fh, 0o666 & ~_umask() if mode is None else mode)
        _checked(path, os.replace, tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _finish(path: Path, fh: BinaryIO, mode: int) -> None:
    _checked(path, fh.flush)
    _checked(path, os.fsync, fh.fileno())
    _checked(path, os.fchmod, fh.fileno(), mode)


def _checked(path: Path, call: Callable[..., object], *args: object) -> None:
    try:
        call(*args)
    except OSError as exc:
        raise _error(path, exc) from exc


def write_bytes(path: Path, data: bytes, mode: int | None = None) -> Path:
    """``data`` as the whole content of ``path`` (see ``replacing``)."""
    with replacing(path, mode) as fh:
        _checked(path, fh.write, data)
    return Path(path)


def copy_file(src: Path, path: Path, mode: int | None = None) -> Path:
    """A copy of ``src`` at ``path``, streamed (see ``replacing``)."""
    with replacing(path, mode) as fh, Path(src).open("rb") as source:
        _checked(path, shutil.copyfileobj, source, fh)
    return Path(path)


def write_text(path: Path, text: str, mode: int | None = None) -> Path:
    """``text`` (UTF-8) as the whole content of ``path`` (see ``replacing``)."""
    return write_bytes(path, text.encode("utf-8"), mode)


def _error(path: Path, exc: OSError) -> OutputError:
    reasons = {errno.ENOSPC: "the disk is full", errno.EACCES: "no permission", errno.EROFS: "read-only file system"}
    return OutputError(f"{path}: cannot write ({reasons.get(exc.errno or 0, exc.strerror or str(exc))})")
