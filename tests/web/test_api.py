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
    assert api.get("/api/search", params={"q": ""}).status_code == 422
    assert api.get("/api/search", params={"q": "price", "role": "boss"}).status_code == 422
    assert api.post("/api/clips", json={"call_id": call_of(ids), "start": 5, "end": 1}).status_code == 400
    assert api.get("/api/churn", params={"from": "2026-05-01", "to": "2026-01-01"}).status_code == 400


def call_of(ids: dict[str, int]) -> int:
    return ids["en1"]


def test_search_clips_and_collections_json_is_the_clis(
    cli: Cli, store: Store, ids: dict[str, int], client: TestClient
) -> None:
    api = _api(store, client)
    assert api.get("/api/search", params={"q": "price"}).json() == json.loads(cli("search", "price", "--json")[1])
    made = api.post(
        "/api/clips", json={"call_id": ids["en2"], "start": 0, "end": 3, "title": "Steep", "tags": ["price"]}
    )
    assert made.status_code == 201, made.text
    clip = made.json()
    assert clip["author"] == "rita" and clip["tags"] == ["price"] and "price increase" in clip["transcript"]
    assert api.get("/api/clips").json() == json.loads(cli("clips", "list", "--json")[1])
    assert api.post("/api/collections", json={"name": "Good ones"}).status_code == 201
    assert api.post("/api/collections/Good ones/clips", json={"clip_id": clip["id"]}).json()["clip_ids"] == [clip["id"]]
    shown = api.get("/api/collections/Good ones").json()
    assert [c["id"] for c in shown["clips"]] == [clip["id"]]
    assert api.delete(f"/api/clips/{clip['id']}").json() == {"removed": clip["id"]}
    assert api.get(f"/api/clips/{clip['id']}").status_code == 404


def test_meaning_search_json_is_the_clis(cli: Cli, store: Store, client: TestClient) -> None:
    from tests.conftest import SAMPLES

    assert cli("ingest", str(SAMPLES / "calls" / "transline-ru-budget.vtt"))[0] == 0
    api = _api(store, client)
    sentence = "our budget was cut"
    shown = api.get("/api/search", params={"like": sentence, "role": "customer", "limit": 3})
    assert shown.status_code == 200 and shown.json()["mode"] == "like"
    assert shown.json() == json.loads(
        cli("search", "--like", sentence, "--role", "customer", "--limit", "3", "--json")[1]
    )
    assert "бюджет" in shown.json()["hits"][0]["text"].lower()  # Russian line found from English
    status, out, _ = cli("search", "--like", sentence, "--limit", "1")
    assert status == 0 and "similarity 0." in out and "Бюджет" in out
    for params in ({"q": "budget", "like": sentence}, {}):
        response = api.get("/api/search", params=params)
        assert response.status_code == 400 and "one of them" in response.json()["message"]
    assert cli("search")[0] != 0
