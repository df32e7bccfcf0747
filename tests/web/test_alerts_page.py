"""The alerts page: the policies edited in the browser (checked on the server, file:line beside the line, the
policies in effect unchanged until a valid save), a channel tested against a real receiver on 127.0.0.1,
deliveries with state, last error and retry; the same through /api."""

from __future__ import annotations

import html
import json
import re

import pytest
from pydantic import SecretStr

from assistant.settings import Settings
from tests.alerts.conftest import SECRET, HttpReceiver
from tests.web.conftest import SignIn, csrf_of


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test's settings with a webhook secret (webhook alerts are signed)."""
    return settings.model_copy(update={"webhook_secret": SecretStr(SECRET)})


def policies(url: str, category: str = "price") -> str:
    return (
        "policies:\n"
        "  - name: price talk\n"
        f"    trigger: {{categories: [{category}]}}\n"
        "    channels:\n"
        f'      - {{type: webhook, name: crm, url: "{url}"}}\n'
    )


def test_a_typo_is_shown_beside_its_line_and_nothing_is_saved(signed_in_as: SignIn, settings: Settings) -> None:
    manager = signed_in_as("manager")
    good = policies("http://127.0.0.1:9/hook")
    assert manager.post("/alerts/policies", data={"text": good}).status_code == 303
    bad = good.replace("trigger:", "triger:").replace("[price]", "[prize]")
    page = manager.post("/alerts/policies", data={"text": bad})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert re.search(r"alerts\.yaml:3: unknown field 'triger' \(did you mean 'trigger'\?\)", text), text
    assert 'class="src bad" id="L3"' in page.text and str(settings.data_dir) not in page.text
    assert settings.alerts_path.read_text() == good  # the policies in effect are unchanged
    unknown = manager.post("/alerts/policies", data={"text": good.replace("[price]", "[prize]")})
    assert unknown.status_code == 422 and "no rule has the category 'prize'" in html.unescape(unknown.text)
    assert settings.alerts_path.read_text() == good


def test_a_valid_save_replaces_the_file_and_the_page_lists_it(signed_in_as: SignIn, settings: Settings) -> None:
    manager = signed_in_as("manager")
    editor = manager.get("/alerts/policies")
    assert editor.status_code == 200 and "policies:" in editor.text  # an example to start from
    saved = manager.post("/alerts/policies", data={"text": policies("http://127.0.0.1:9/hook")})
    assert saved.headers["location"] == "/alerts?saved=1"
    page = manager.get("/alerts?saved=1").text
    assert "Policies saved (1 in effect)" in page and "price talk" in page and 'name="channel" value="crm"' in page


def test_test_a_channel_reaches_a_real_receiver(
    signed_in_as: SignIn, settings: Settings, receiver: HttpReceiver
) -> None:
    manager = signed_in_as("manager")
    manager.post("/alerts/policies", data={"text": policies(receiver.url())})
    page = manager.post("/alerts/test", data={"policy": "price talk", "channel": "crm"})
    assert page.status_code == 200
    assert re.search(r"price talk → webhook crm: sent \(HTTP 200", page.text), page.text
    assert len(receiver.requests) == 1 and json.loads(receiver.requests[0].body)["policy"] == "test-channel"
    receiver.mode = "500"
    failed = html.unescape(manager.post("/alerts/test", data={"policy": "price talk"}).text)
    assert re.search(r"webhook crm: failed \(.*500", failed), failed
    assert "check that the receiver is up and reachable from this machine" in failed  # how to fix the channel
    assert "alerts deliver" not in failed and "will retry" not in failed  # a test alert is not queued
    receiver.mode = "404"
    refused = html.unescape(manager.post("/alerts/test", data={"policy": "price talk"}).text)
    assert "HTTP 404" in refused and "fix the channel in the policy (its URL" in refused, refused
    assert "alerts retry" not in refused
    missing = manager.post("/alerts/test", data={"policy": "nope"})
    assert missing.status_code == 400 and "no policy named 'nope'" in html.unescape(missing.text)


def test_the_api_checks_saves_and_tests_policies(
    signed_in_as: SignIn, settings: Settings, receiver: HttpReceiver
) -> None:
    manager = signed_in_as("manager")
    refused = manager.put("/api/alerts/policies", json={"text": "policies:\n  - name: x\n    trigger: {level: hihg}\n"})
    assert refused.status_code == 422 and not refused.json()["saved"]
    lines = {p["line"] for p in refused.json()["problems"]}
    assert 3 in lines and not settings.alerts_path.exists()
    assert manager.put("/api/alerts/policies", json={"text": policies(receiver.url())}).json()["saved"]
    assert manager.get("/api/alerts/policies").json()["text"] == policies(receiver.url())
    tested = manager.post("/api/alerts/test", json={"policy": "price talk"}).json()
    assert tested == [{"policy": "price talk", "kind": "webhook", "channel": "crm", "ok": True, "detail": "HTTP 200"}]


def test_reps_cannot_edit_or_test_policies(signed_in_as: SignIn) -> None:
    rep = signed_in_as("rep")
    assert rep.get("/alerts/policies").status_code == 403
    assert rep.post("/alerts/policies", data={"text": "policies: []\n"}).status_code == 403
    assert rep.post("/alerts/test", data={"policy": "x"}).status_code == 403
    assert rep.put("/api/alerts/policies", json={"text": ""}).status_code == 403


def test_the_editor_form_needs_the_csrf_token(signed_in_as: SignIn, settings: Settings) -> None:
    manager = signed_in_as("manager")
    token = manager.headers.pop("X-CSRF-Token")
    assert manager.post("/alerts/policies", data={"text": "policies: []\n"}).status_code == 403
    assert not settings.alerts_path.exists()
    form = manager.get("/alerts/policies").text
    assert csrf_of(form) == token
