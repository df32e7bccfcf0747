"""Real worker processes for the queue tests: their environment, starting one, waiting for a condition."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant.settings import Settings

T = TypeVar("T")


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The settings as a worker process reads them (environment variables only), fast heartbeats."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATABASE_URL=settings.db_url,
        ASSISTANT_DATA_DIR=str(settings.data_dir),
        ASSISTANT_ALERTS_FILE=str(settings.alerts_path),
        ASSISTANT_MEDIA_ROOT=str(settings.media_root),
        ASSISTANT_WORKER_HEARTBEAT="1",
        ASSISTANT_WORKER_STALLED_AFTER="4",
        ASSISTANT_ALERT_TIMEOUT="5",
    )
    return {**env, **extra}


def start_worker(env: dict[str, str], name: str, log: Path, *args: str) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "assistant"), "worker", "--name", name, *args]
    return subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def stop_worker(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM (the worker finishes its job), then SIGKILL if it has not stopped within 30 s: no worker outlives
    its test."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def wait_for(what: str, check: Callable[[], T], timeout: float = 240.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")
