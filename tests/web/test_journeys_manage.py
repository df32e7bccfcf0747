"""What managers and admins do, in real headless Chromium against a real server (uvicorn on 127.0.0.1): alert
policies and channel tests, verdicts on hits, users and tokens, the clip library, the accounts charts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.alerts.conftest import HttpReceiver
from tests.web.conftest import Live

Page = Callable[[str], Any]


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    r = HttpReceiver()
    r.start()
    yield r
    r.stop()


def test_edit_the_alert_policies_then_test_a_channel(page_as: Page, live: Live, receiver: HttpReceiver) -> None:
    page = page_as("manager")
    page.goto("/alerts")
    page.click("#policies a:has-text('edit')")
    page.wait_for_url(re.compile(r"/alerts/policies$"))
    good = (
        "policies:\n  - name: price talk\n    trigger: {categories: [price]}\n    channels:\n"
        f'      - {{type: slack, name: team, url: "{receiver.url()}"}}\n'
    )
    before = live.settings.alerts_path.read_text() if live.settings.alerts_path.exists() else None
    page.locator("textarea").fill(good.replace("channels:", "chanels:"))
    page.click("form[action='/alerts/policies'] button[type=submit]")
    assert "'chanels'" in page.locator("#L4 .lineerr").inner_text()
    assert "bad" in (page.locator("#L4").get_attribute("class") or "")
    now = live.settings.alerts_path.read_text() if live.settings.alerts_path.exists() else None
    assert now == before  # the policies in effect are unchanged
    page.locator("textarea").fill(good)
    page.click("form[action='/alerts/policies'] button[type=submit]")
    page.wait_for_url(re.compile(r"/alerts\?saved=1$"))
    assert live.settings.alerts_path.read_text() == good
    page.click("form.test-channel:has(input[value=team]) button")
    page.wait_for_load_state()
    assert re.search(r"price talk → slack team: sent", page.locator("#channel-tests").inner_text())
    assert len(receiver.requests) == 1 and "blocks" in json.loads(receiver.requests[0].body)
