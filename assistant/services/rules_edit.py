"""Editing a rule file from the web app: read it, validate an edit against a copy of the rules folder, and
only when the whole folder is valid replace the file (atomically). The rules in effect never see a bad edit.
Every problem is ``file:line: message`` with the file's name in the rules folder, for the page to show
beside the line.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError, NotFoundError
from assistant.services.app import App
from assistant.services.rules import check_rules

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.ya?ml$")
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str  # the whole "file:line: message" line


@dataclass(frozen=True)
class EditResult:
    saved: bool
    problems: tuple[Problem, ...]
    rules: int = 0
    version: str | None = None


def rule_files(app: App) -> list[str]:
    folder = app.settings.rules_dir
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def _path(app: App, name: str) -> Path:
    if not _NAME.match(name):
        raise InputError(f"rule file {name!r}: a .yaml file name in the rules folder, no folders")
    return app.settings.rules_dir / name


def read_rule_file(app: App, name: str) -> str:
    path = _path(app, name)
    if not path.is_file():
        raise NotFoundError(f"no rule file {name} in {app.settings.rules_dir}")
    return path.read_text(encoding="utf-8")


def _problem(line: str, folder: Path) -> Problem:
    text = line.replace(str(folder) + os.sep, "")  # "price.yaml:6: ..." (no server paths in the page)
    m = re.match(r"^(?:.*[\\/])?([^\\/:]+\.ya?ml):(\d+)?", text)
    return Problem(m.group(1) if m else "", int(m.group(2)) if m and m.group(2) else None, text)


def check_edit(app: App, name: str, text: str) -> EditResult:
    """Every problem the rules folder would have with ``name`` replaced by ``text`` (nothing is written)."""
    if len(text.encode()) > MAX_BYTES:
        raise InputError(f"rule file {name}: larger than {MAX_BYTES // 1000} kB")
    real = app.settings.rules_dir
    target = _path(app, name)
    with tempfile.TemporaryDirectory(prefix="rules-edit-") as tmp:
        folder = Path(tmp) / real.name
        shutil.copytree(real, folder)
        (folder / target.name).write_text(text, encoding="utf-8")
        ruleset, problems = check_rules(folder)
    found = tuple(_problem(p, folder) for p in problems)
    return EditResult(False, found, len(ruleset.rules) if ruleset else 0, ruleset.version if ruleset else None)


def save_rule_file(app: App, name: str, text: str) -> EditResult:
    """Replace rule file ``name`` with ``text`` when the folder stays valid; otherwise change nothing."""
    checked = check_edit(app, name, text)
    if checked.problems:
        return checked
    write_atomically(_path(app, name), text)
    return EditResult(True, (), checked.rules, checked.version)


def write_atomically(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` in one step: readers see the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
