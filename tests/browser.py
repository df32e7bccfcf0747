"""The suite's one headless Chromium (Debian's, driven by Playwright's sync API).

Playwright's sync API allows one instance per thread: a second ``sync_playwright()`` while the first is open
fails with "using Playwright Sync API inside the asyncio loop". So the ``browser`` fixture lives once, in the
root conftest, and every folder that drives a browser (tests/web, tests/jobs) shares it.
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
