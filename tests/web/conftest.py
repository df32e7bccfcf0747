"""Fixtures for the web app: the real app over a real SQLite database, users of each role, signed-in clients.

``client``/``signed_in_as`` run the app in-process through Starlette's TestClient (real HTTP semantics, real
cookies); the browser journeys in test_journeys.py run a real uvicorn server and real headless Chromium.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.services import auth
from assistant.services.app import App
from assistant.settings import Settings, load_settings
from assistant.storage.db import Store
from assistant.web.app import create_app
from tests.alerts.conftest import receiver  # noqa: F401 (a real webhook receiver on 127.0.0.1, for the alerts page)
from tests.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: F401 (screenshots.py takes them from here)

PASSWORD = "correct horse battery"
SignIn = Callable[[str], TestClient]


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    for name, role in (("ada", "admin"), ("max", "manager"), ("rita", "rep")):
        auth.add_user(store, username=name, password=PASSWORD, role=role)
    return {"admin": "ada", "manager": "max", "rep": "rita"}


@pytest.fixture
def app(settings: Settings, store: Store) -> FastAPI:
    return create_app(settings, application=App(settings, store))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(
        r'name="csrf-token" content="([^"]+)"', html
    )
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    form = client.get("/login")
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": csrf_of(form.text), "next": "/"}
    )
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = csrf_of(client.get("/").text)
    return client


@pytest.fixture
def signed_in_as(app: FastAPI, users: dict[str, str]) -> Iterator[SignIn]:
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        c = TestClient(app, follow_redirects=False)
        clients.append(c)
        return sign_in(c, users[role])

    yield make
    for c in clients:
        c.close()


# ---- a real server and a real browser (the journeys) ----------------------------------------------------------


@dataclass
class Live:
    url: str
    settings: Settings
    store: Store
    app: FastAPI
    ids: dict[str, int]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving_samples(tmp: Path) -> Iterator[Live]:
    """uvicorn serving the app on 127.0.0.1 over a database holding the sample calls, with users of each role."""
    import uvicorn

    from tests.conftest import REPO, SAMPLES
    from tests.web.samples import store_samples

    shutil.copytree(REPO / "keyword_rules", tmp / "rules")
    settings = load_settings(
        SAMPLES / "config.toml", data_dir=tmp / "data", clips_dir=tmp / "clips", rules_dir=tmp / "rules"
    )
    store = Store.open(settings)
    ids = store_samples(store, settings)
    for name, role in (("ada", "admin"), ("max", "manager"), ("rita", "rep")):
        auth.add_user(store, username=name, password=PASSWORD, role=role)
    app = create_app(settings, application=App(settings, store))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield Live(f"http://127.0.0.1:{port}", settings, store, app, ids)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with serving_samples(tmp_path_factory.mktemp("live")) as served:
        yield served


@pytest.fixture
def page_as(live: Live, browser: Any) -> Iterator[Callable[[str], Any]]:
    """A fresh browser context signed in through the real sign-in form as the given role's user."""
    contexts = []

    def make(role: str) -> Any:
        context = browser.new_context(base_url=live.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/login")
        page.fill("input[name=username]", {"admin": "ada", "manager": "max", "rep": "rita"}[role])
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live.url + "/")
        return page

    yield make
    for c in contexts:
        c.close()
