"""Access control over the real app: every route denies anonymous access, roles, CSRF, cookies, tokens."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from assistant.services import auth
from assistant.storage.db import Store
from tests.web.conftest import PASSWORD, SignIn, csrf_of

PUBLIC = {("GET", "/login"), ("POST", "/login")}


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for context in iter_route_contexts(app.routes):  # every route, through the included routers
        route = context.route
        if isinstance(route, APIRoute):
            path = re.sub(r"\{[^}]+\}", "1", route.path)
            found += [(m, path) for m in sorted(route.methods) if (m, route.path) not in PUBLIC]
        else:
            assert isinstance(route, Mount) and route.path == "/static", f"unexpected route {route}"
    return found


def test_every_route_denies_anonymous_access(app: FastAPI, client: TestClient) -> None:
    routes = _routes(app)
    assert len(routes) >= 5 and ("GET", "/api/calls") in routes and ("GET", "/") in routes
    for method, path in routes:
        response = client.request(method, path)
        if path.startswith("/api"):
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.json()["error"] == "LoginRequired"
            assert response.headers["www-authenticate"] == "Bearer"
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")


def test_static_files_and_sign_in_page_are_public(client: TestClient) -> None:
    assert client.get("/login").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    assert "WaveSurfer" in client.get("/static/vendor/wavesurfer.min.js").text


def test_session_cookie_is_httponly_and_samesite(client: TestClient, users: dict[str, str]) -> None:
    form = client.get("/login")
    response = client.post("/login", data={"username": "rita", "password": PASSWORD, "csrf_token": csrf_of(form.text)})
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("assistant_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/").status_code == 200


def test_sign_in_form_needs_its_csrf_token(client: TestClient, users: dict[str, str]) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "rita", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403 and "CSRF" in response.text
    assert "assistant_session" not in client.cookies


def test_wrong_password_then_rate_limited(client: TestClient, users: dict[str, str]) -> None:
    for _ in range(5):
        page = client.post(
            "/login", data={"username": "rita", "password": "nope", "csrf_token": csrf_of(client.get("/login").text)}
        )
        assert page.status_code == 401 and "wrong user name or password" in page.text
    page = client.post(
        "/login", data={"username": "rita", "password": PASSWORD, "csrf_token": csrf_of(client.get("/login").text)}
    )
    assert page.status_code == 429 and "too many failed sign-ins" in page.text
    assert "assistant_session" not in client.cookies


def test_next_never_leaves_the_site(client: TestClient, users: dict[str, str]) -> None:
    form = client.get("/login?next=//evil.example/x")
    response = client.post(
        "/login",
        data={"username": "rita", "password": PASSWORD, "csrf_token": csrf_of(form.text), "next": "//evil.example/x"},
    )
    assert response.headers["location"] == "/"


def test_writes_with_a_session_need_the_csrf_token(signed_in_as: SignIn) -> None:
    client = signed_in_as("rep")
    token = client.headers.pop("X-CSRF-Token")
    forged = client.post("/logout")
    assert forged.status_code == 403
    assert "CSRF" in forged.text
    assert client.get("/").status_code == 200  # still signed in
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/").status_code == 303  # the session is gone


def test_bearer_token_works_without_cookies_and_stops_when_revoked(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    token, record = auth.create_token(store, username="rita", name="crm")
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["username"] == "rita" and me.json()["role"] == "rep"
    auth.revoke_token(store, token_id=record.id)
    gone = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert gone.status_code == 401 and "revoked" in gone.json()["message"]


@pytest.mark.parametrize("path", ["/api/openapi.json", "/api/docs"])
def test_api_docs_are_served_offline_to_signed_in_users(signed_in_as: SignIn, path: str) -> None:
    response = signed_in_as("rep").get(path)
    assert response.status_code == 200
    if path.endswith("docs"):
        assert "/static/vendor/swagger-ui-bundle.js" in response.text and "cdn" not in response.text.lower()
    else:
        assert "/api/calls" in response.json()["paths"]
