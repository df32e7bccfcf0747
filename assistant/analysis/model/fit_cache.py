"""The trainer's fitted heads kept between runs, keyed by everything a fit reads.

    cache = FitCache(settings.model_cache_dir / "fits", inputs_key(examples, x, before, seed, constants))
    head = cache.fitted(rows, lambda: fit(rows))     # read back, or fitted and written

A fold's fit (400 full-batch epochs over ~12,000 rows) takes about a minute of one core; ``assistant model train``
does six. They depend on the lines, their vectors and turns before, the seed, the fit's constants and its code, not
on the keyword rules, which only choose the veto and the dismiss level: a run after a rule change (or a second run
to check the head is reproducible) reads them back and refits nothing.

* The key: this format; the fit's code (head.py, training.py, labelled.py: their bytes); the constants as the run
  sees them (L2, epochs, hidden units, writer weighting, threshold); every line's vector, turns before, targets and
  writer; the seed; and the rows of the fit. Anything else changed is another key: a stale fit is never read.
* The arrays are stored as they are (float64), so a head read back is the head fitted: the same bytes follow.
  Written atomically; a damaged file is refitted, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.analysis.model.head import Head

log = logging.getLogger(__name__)

FORMAT = 1
_CODE = ("head.py", "training.py", "labelled.py")  # the fit's code, next to this file
_ARRAYS = ("weights", "bias", "center", "scale", "hidden_weights", "hidden_bias")


def inputs_key(arrays: Sequence[np.ndarray], facts: Sequence[Any]) -> str:
    """What every fit of a run reads: the ``arrays`` (vectors, turns before, targets ...), the ``facts`` (seed,
    constants, writers, which lines have turns before) and the fit's code."""
    digest = hashlib.sha256(f"fit-cache {FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for array in arrays:
        a = np.ascontiguousarray(array)
        digest.update(f"{a.dtype.str}{a.shape}".encode())
        digest.update(a.tobytes())
    digest.update(json.dumps(list(facts), ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


class FitCache:
    """Fitted heads in ``folder`` (None: no cache, every fit is made), under ``key`` (``inputs_key``) and their rows."""

    def __init__(self, folder: Path | None, key: str) -> None:
        self.folder, self.key = folder, key

    def fitted(self, rows: np.ndarray, fit: Callable[[], Head]) -> Head:
        if self.folder is None:
            return fit()
        name = hashlib.sha256(self.key.encode() + np.packbits(rows).tobytes()).hexdigest()[:24]
        path = self.folder / f"fit-{name}.npz"
        head = _read(path)
        if head is None:
            head = fit()
            _write(path, head)
        return head


def _read(path: Path) -> Head | None:
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            head = _head(data, "", meta["head"])
            reader = _head(data, "reader_", meta["reader"]) if meta["reader"] else None
        return replace(head, reader=reader)
    except (OSError, ValueError, KeyError, EOFError, TypeError, zipfile.BadZipFile) as exc:
        log.warning("%s: a cached fit cannot be read (%s); fitting it again", path, exc)
        return None


def _head(data: Any, prefix: str, meta: dict) -> Head:
    arrays = {name: data.get(prefix + name) for name in _ARRAYS}
    return Head(tuple(meta["categories"]), threshold=float(meta["threshold"]), embedder=str(meta["embedder"]),
                **arrays)  # fmt: skip


def _write(path: Path, head: Head) -> None:
    arrays: dict[str, Any] = {}
    meta: dict[str, Any] = {"head": _describe(head, "", arrays), "reader": None}
    if head.reader is not None:
        meta["reader"] = _describe(head.reader, "reader_", arrays)
    arrays["meta"] = np.array(json.dumps(meta))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **arrays)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("%s: a fit cannot be cached (%s)", path, exc)


def _describe(head: Head, prefix: str, arrays: dict[str, Any]) -> dict[str, Any]:
    arrays.update({prefix + n: getattr(head, n) for n in _ARRAYS if getattr(head, n) is not None})
    return {"categories": list(head.categories), "threshold": head.threshold, "embedder": head.embedder}
