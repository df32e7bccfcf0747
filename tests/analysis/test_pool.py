"""The trainer's side-by-side fits: forked workers give what a serial run gives, in order; a failure comes back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model.head import train_head
from assistant.analysis.model.pool import MAX_JOBS, Batch, default_jobs

ROWS = np.random.default_rng(0).normal(size=(200, 8))  # inherited by the forked workers, never pickled
TARGETS = np.stack([ROWS[:, 0] > 0, ROWS[:, 1] > 0.5], axis=1).astype(float)


def _fit(i: int) -> tuple[int, np.ndarray]:
    rows = np.arange(len(ROWS)) % 4 != i
    return os.getpid(), train_head(ROWS[rows], TARGETS[rows], ("a", "b"), seed=7, epochs=50).weights


def test_forked_fits_are_the_serial_ones_in_order() -> None:
    serial = Batch(_fit, 4, jobs=1).results()
    forked = Batch(_fit, 4, jobs=2).results()
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(serial, forked, strict=True))
    assert {pid for pid, _ in serial} == {os.getpid()} and os.getpid() not in {pid for pid, _ in forked}
    assert not np.array_equal(serial[0][1], serial[1][1])  # each fit its own rows
    assert default_jobs() in range(1, MAX_JOBS + 1)


def _fails(i: int) -> int:
    if i == 2:
        raise ValueError("fit 2 failed")
    return i


def test_a_failing_fit_is_raised_by_results() -> None:
    batch = Batch(_fails, 3, jobs=2)
    with pytest.raises(ValueError, match="fit 2 failed"):
        batch.results()
    batch.close()  # nothing left to stop


def test_workers_stop_when_the_trainer_is_killed(tmp_path: Path) -> None:
    """A killed trainer leaves no worker finishing its fit for no one (Linux: the parent-death signal)."""
    script = tmp_path / "trainer.py"
    script.write_text(
        "import multiprocessing, time\nfrom assistant.analysis.model.pool import Batch\n"
        "batch = Batch(lambda i: time.sleep(60), 2, jobs=2)\n"
        "print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\ntime.sleep(60)\n"
    )  # fmt: skip
    trainer = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert trainer.stdout is not None
    workers = [int(p) for p in trainer.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(p) for p in workers)
    trainer.kill()
    trainer.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
