"""Files are written whole or not at all, and never through a symlink planted at a name (assistant/files.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from assistant.errors import OutputError
from assistant.files import check_output_path, copy_file, replacing, write_text

ROOT = os.geteuid() == 0


def test_write_replaces_a_planted_symlink_instead_of_following_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "out.txt"
    target.symlink_to(victim)
    (tmp_path / ".out.txt.part").symlink_to(victim)
    write_text(target, "new content")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = write_text(tmp_path / "out.txt", "old")
    with pytest.raises(RuntimeError), replacing(target) as fh:
        fh.write(b"half of the ne")
        raise RuntimeError("stopped half-way")
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["out.txt"]
    copy = copy_file(target, tmp_path / "copy.txt", mode=0o600)
    assert copy.read_text(encoding="utf-8") == "old" and stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_output_paths_that_cannot_work_are_one_clear_error(tmp_path: Path) -> None:
    assert check_output_path(tmp_path / "fine.md") == tmp_path / "fine.md"
    with pytest.raises(OutputError, match=r"missing/x\.md: the folder .*missing does not exist"):
        check_output_path(tmp_path / "missing" / "x.md")
    with pytest.raises(OutputError, match=r": is a folder; give a file name"):
        check_output_path(tmp_path)
    with pytest.raises(OutputError, match=r"/proc/x\.md: cannot write \("):  # refused even to root
        write_text(Path("/proc/x.md"), "x")


@pytest.mark.skipif(ROOT, reason="root may write into a read-only folder")
def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(OutputError, match=r"ro/x\.md: no permission to write in"):
        check_output_path(folder / "x.md")
    with pytest.raises(OutputError, match=r"ro/x\.md: cannot write \(no permission\)"):
        write_text(folder / "x.md", "x")


def _umask() -> int:
    old = os.umask(0o022)
    os.umask(old)
    return old
