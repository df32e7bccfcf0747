"""Error pages and API errors never show a secret: a database URL's password or a webhook URL is masked."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.errors import StorageError

DB = "postgresql://bob:hunter2@db.internal:5432/calls"
SLACK = "https://hooks.slack.com/services/T0AAA/B0BBB/s3cr3t"


def test_errors_are_masked_in_json_and_html(app: FastAPI, client: TestClient) -> None:
    def boom() -> None:
        raise StorageError(f"database URL {DB!r}: cannot connect; alert to {SLACK} pending")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    answer = client.get("/api/boom")
    assert answer.status_code >= 400 and answer.json()["error"] == "StorageError"
    page = client.get("/boom", headers={"accept": "text/html"})
    for body in (answer.text, page.text):
        assert "hunter2" not in body and "s3cr3t" not in body and "T0AAA" not in body
    assert "bob:***@db.internal:5432/calls" in answer.json()["message"]
    assert "https://hooks.slack.com/…" in answer.json()["message"]
