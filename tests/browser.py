"""The suite's headless Chromium (Debian's, driven by Playwright's sync API), one test module at a time.

Playwright's sync API runs its asyncio loop in the main thread for as long as it is open: a second
``sync_playwright()`` meanwhile fails ("using Playwright Sync API inside the asyncio loop"), and so does any
``asyncio.run`` in the main thread (``assistant.jobs.worker.run``: tests/jobs/test_web_queue.py runs a burst
worker in-process). So the ``browser`` fixture (root conftest, shared by tests/web and tests/jobs) is
module-scoped: closed at the end of each module that used it, the loop goes with it, and the modules pass in
any order. Within a module, tests that use the browser come after those that run an asyncio loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
]  # fmt: skip


def chromium() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium chromium-driver; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()
