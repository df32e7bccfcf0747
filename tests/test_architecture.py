"""The layers hold: the import-linter contracts in pyproject.toml pass on the package, and they do catch a
backwards import (a copy of the package with storage importing the library is refused)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

RUN = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
LINT = [sys.executable, "-c", RUN]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    cmd = [*LINT, "--no-cache"]
    return subprocess.run(cmd, cwd=root, env={"PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=120)


def test_the_layering_contracts_are_kept() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_a_backwards_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "assistant", tmp_path / "assistant", ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    tables = tmp_path / "assistant" / "storage" / "tables" / "__init__.py"
    tables.write_text(tables.read_text() + "\nfrom assistant.library import clips  # noqa\n")
    records = tmp_path / "assistant" / "records" / "library.py"
    records.write_text(records.read_text() + "\nfrom assistant import settings  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "assistant.storage.tables -> assistant.library.clips" in result.stdout
    assert "assistant.records.library -> assistant.settings" in result.stdout
