"""The HTTP API returns what the CLI's --json prints, and bad input gets a 4xx JSON error, never a 500."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from assistant.services import auth
from assistant.storage.db import Store
from tests.conftest import Cli


def _api(store: Store, client: TestClient) -> TestClient:
    if not auth.has_users(store):
        auth.add_user(store, username="rita", password="long enough", role="rep")
    token, _ = auth.create_token(store, username="rita", name="test")
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_calls_json_is_the_clis(cli: Cli, store: Store, ids: dict[str, int], client: TestClient) -> None:
    api = _api(store, client)
    assert api.get("/api/calls").json() == json.loads(cli("calls", "list", "--json")[1])
    call = ids["en1"]
    shown = api.get(f"/api/calls/{call}").json()
    assert shown == json.loads(cli("calls", "show", str(call), "--json")[1])
    assert shown["hits"][0]["rule"] == "cancel" and shown["utterances"][0]["speaker"] == "Bob"
    vtt = api.get(f"/api/calls/{call}/export", params={"format": "vtt"})
    assert vtt.status_code == 200 and vtt.text == cli("export", str(call), "--format", "vtt")[1]


def test_bad_input_is_a_4xx_json_error(store: Store, ids: dict[str, int], client: TestClient) -> None:
    api = _api(store, client)
    missing = api.get("/api/calls/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["message"]
    for path in ("/api/calls/abc", "/api/calls?limit=0", "/api/calls/1/export?format=doc"):
        response = api.get(path)
        assert response.status_code == 422, path
        assert response.json()["error"] == "ValidationError" and response.json()["message"]
    assert api.get("/api/nowhere").status_code == 404
