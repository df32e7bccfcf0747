"""The trainer's fits run side by side: each a deterministic function of its number, in forked processes.

    fits = Batch(lambda i: fit(i), 6, jobs=2)    # started at once (forked workers inherit the function's data)
    flags = rule_flags(...)                      # meanwhile, in this process
    heads = fits.results()                       # [fit(0), ..., fit(5)], the same whatever ``jobs`` is

A cross-validation fold's fit is 400 full-batch epochs over ~10,000 rows (about 100 s of one core); the five folds
and the final fit do not depend on each other. Workers are forked, so the rows they read are inherited, not
pickled; only the fitted heads come back. Each worker keeps the BLAS thread limit the process set
(``embedding.limit_blas``), so a fit's arithmetic, and its result, is the one a serial run gives
(tests/cli/test_model.py compares the head files' bytes). Where ``fork`` is not available, the fits run one after
the other in this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.pool import AsyncResult
from typing import Any, Generic, TypeVar

T = TypeVar("T")
MAX_JOBS = 6  # the most fits a training run has to do at once (five folds and the final fit)
_PR_SET_PDEATHSIG = 1  # prctl(2)
_work: Callable[[int], Any] | None = None  # what the forked workers call (set before they are forked)


def default_jobs() -> int:
    """The machine's cores, at most ``MAX_JOBS``."""
    return max(1, min(MAX_JOBS, os.cpu_count() or 1))


class Batch(Generic[T]):
    """``work(0) ... work(count - 1)`` in ``jobs`` forked processes (in this one, when ``results`` is asked, for
    ``jobs`` 1 or where ``fork`` is missing)."""

    def __init__(self, work: Callable[[int], T], count: int, jobs: int = 1) -> None:
        global _work
        self.work, self.count = work, count
        self._pool: Any = None
        self._pending: AsyncResult[list[T]] | None = None
        if min(jobs, count) > 1 and "fork" in multiprocessing.get_all_start_methods():
            _work = work
            try:
                self._pool = multiprocessing.get_context("fork").Pool(min(jobs, count), initializer=_die_with_parent)
            finally:
                _work = None
            self._pending = self._pool.map_async(_call, range(count), chunksize=1)

    def results(self) -> list[T]:
        if self._pending is None:
            return [self.work(i) for i in range(self.count)]
        try:
            return self._pending.get()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (their unfinished fits are dropped); nothing when there are none."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def _die_with_parent() -> None:
    """(Linux) A worker is stopped when the trainer is killed, instead of finishing its fit for no one."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _call(i: int) -> Any:
    assert _work is not None, "a pool worker is forked with its work set"
    return _work(i)
