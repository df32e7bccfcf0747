"""`assistant models ...` through the real root app (subprocess: exit codes and output as users see them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.transcription.model_store import install_model


def _run(*args: str, cache: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_MODEL_CACHE_DIR": str(cache), "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    env["COLUMNS"] = "400"  # no wrapping of long lines by rich
    env.pop("ASSISTANT_CONFIG", None)
    code = "from assistant.cli.main import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    install_model("base", folder)
    return folder


def test_list_json(cache, tmp_path):
    result = _run("models", "list", "--json", cache=cache, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["base"]["verified"] is True and rows["base"]["active"] is True
    assert rows["base"]["path"] == str(cache / "whisper-base")


def test_status_human_flags_a_corrupt_model(cache, tmp_path):
    broken = tmp_path / "cache"
    shutil.copytree(cache, broken)
    with (broken / "whisper-base" / "model.bin").open("r+b") as f:
        f.truncate(10)
    result = _run("models", "status", cache=broken, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "* base" in result.stdout  # the table still shows
    assert "10 bytes, expected 145217607 (truncated?)" in result.stderr
    assert "assistant models install base --force" in result.stderr


def test_install_force_json(cache, tmp_path):
    fresh = tmp_path / "fresh"
    result = _run("models", "install", "base", "--json", cache=fresh, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sha256"].startswith("905e5bf8")
    again = _run("models", "install", "base", "--force", cache=fresh, tmp_path=tmp_path)
    assert again.returncode == 0 and "whisper-base ready in" in again.stdout


def test_install_unknown_model_fails_with_one_line(cache, tmp_path):
    result = _run("models", "install", "tiny", cache=cache, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "model 'tiny': unknown; choose one of base, small" in result.stderr
