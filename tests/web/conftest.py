"""Fixtures for the web app: the real app over a real SQLite database, users of each role, signed-in clients.

``client``/``signed_in_as`` run the app in-process through Starlette's TestClient (real HTTP semantics, real
cookies); the browser journeys in test_journeys.py run a real uvicorn server and real headless Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.services import auth
from assistant.settings import Settings
from assistant.storage.db import Store
from assistant.web.app import create_app

PASSWORD = "correct horse battery"
SignIn = Callable[[str], TestClient]


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    for name, role in (("ada", "admin"), ("max", "manager"), ("rita", "rep")):
        auth.add_user(store, username=name, password=PASSWORD, role=role)
    return {"admin": "ada", "manager": "max", "rep": "rita"}


@pytest.fixture
def app(settings: Settings, store: Store) -> FastAPI:
    return create_app(settings, store=store)


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
