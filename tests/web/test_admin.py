"""Admins in the web app: add users, set roles, disable / enable (signed out at once, tokens refused), list and
revoke API tokens; the same under /api; reps and managers cannot reach any of it."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from assistant.services import auth
from assistant.storage.db import Store
from tests.web.conftest import PASSWORD, SignIn, csrf_of, sign_in


def test_add_a_user_then_they_sign_in_with_their_role(signed_in_as: SignIn, client: TestClient) -> None:
    admin = signed_in_as("admin")
    added = admin.post("/admin/users", data={"username": "zoe", "password": "long enough pw", "role": "manager"})
    assert added.status_code == 303 and added.headers["location"].startswith("/admin/users?done=added")
    page = admin.get(added.headers["location"]).text
    assert "added zoe (manager)" in page and 'id="user-zoe"' in page
    zoe = sign_in(client, "zoe", "long enough pw")
    assert zoe.get("/rules").status_code == 200  # a manager
    assert zoe.get("/admin/users").status_code == 403


def test_bad_new_users_are_refused_with_the_reason(signed_in_as: SignIn, store: Store) -> None:
    admin = signed_in_as("admin")
    short = admin.post("/admin/users", data={"username": "zoe", "password": "short"})
    assert short.status_code == 400 and "at least 8 characters" in short.text
    twice = admin.post("/admin/users", data={"username": "rita", "password": PASSWORD})
    assert twice.status_code == 409 and "exists already" in html.unescape(twice.text)
    odd = admin.post("/admin/users", data={"username": "a b", "password": PASSWORD})
    assert odd.status_code == 400 and "letters, digits" in odd.text
    assert [u.username for u in auth.list_users(store)] == ["ada", "max", "rita"]


def test_set_a_role(signed_in_as: SignIn, store: Store) -> None:
    admin = signed_in_as("admin")
    assert admin.post("/admin/users/rita/role", data={"role": "manager"}).status_code == 303
    assert auth.get_user(store, username="rita").role == "manager"
    assert admin.post("/admin/users/rita/role", data={"role": "boss"}).status_code == 422
    last = admin.post("/admin/users/ada/role", data={"role": "rep"})
    assert last.status_code == 400 and "the only enabled admin" in last.text
    assert auth.get_user(store, username="ada").role == "admin"


def test_disable_signs_out_refuses_sign_in_and_tokens_then_enable(
    signed_in_as: SignIn, client: TestClient, store: Store
) -> None:
    rita = signed_in_as("rep")
    token, _ = auth.create_token(store, username="rita", name="crm")
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=bearer).status_code == 200
    admin = signed_in_as("admin")
    assert admin.post("/admin/users/rita/disable").status_code == 303
    assert 'id="user-rita" class="muted"' in admin.get("/admin/users").text
    assert rita.get("/").status_code == 303  # her session ended
    assert client.get("/api/me", headers=bearer).status_code == 401
    token = csrf_of(client.get("/login").text)
    refused = client.post("/login", data={"username": "rita", "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 401 and "rita is disabled" in refused.text
    assert admin.post("/admin/users/rita/enable").status_code == 303
    assert client.get("/api/me", headers=bearer).status_code == 200  # her token works again


def test_an_admin_cannot_disable_themselves(signed_in_as: SignIn, store: Store) -> None:
    admin = signed_in_as("admin")
    assert 'action="/admin/users/ada/disable"' in admin.get("/admin/users").text
    refused = admin.post("/admin/users/ada/disable")
    assert refused.status_code == 400 and "cannot disable yourself" in refused.text
    assert not auth.get_user(store, username="ada").disabled
    assert admin.post("/admin/users/nobody/disable").status_code == 404


def test_tokens_listed_and_revoked(signed_in_as: SignIn, client: TestClient, store: Store) -> None:
    token, record = auth.create_token(store, username="max", name="crm sync")
    admin = signed_in_as("admin")
    page = admin.get("/admin/users").text
    assert f'id="token-{record.id}"' in page and "crm sync" in page and token not in page
    assert admin.post(f"/admin/tokens/{record.id}/revoke").status_code == 303
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert admin.post(f"/admin/tokens/{record.id}/revoke").status_code == 404


def test_the_api_for_users_and_tokens(signed_in_as: SignIn, store: Store) -> None:
    admin = signed_in_as("admin")
    made = admin.post("/api/users", json={"username": "zoe", "password": PASSWORD, "role": "rep"})
    assert made.status_code == 201 and made.json()["role"] == "rep" and not made.json()["disabled"]
    changed = admin.patch("/api/users/zoe", json={"role": "manager", "disabled": True})
    assert changed.json()["role"] == "manager" and changed.json()["disabled"] is True
    assert admin.patch("/api/users/nobody", json={}).status_code == 404
    assert {u["username"] for u in admin.get("/api/users").json()} == {"ada", "max", "rita", "zoe"}
    _, record = auth.create_token(store, username="zoe", name="x")
    assert [t["id"] for t in admin.get("/api/tokens").json()] == [record.id]
    assert admin.delete(f"/api/tokens/{record.id}").json() == {"revoked": record.id}
    assert admin.get("/api/tokens").json() == []


@pytest.mark.parametrize("role", ["rep", "manager"])
def test_only_admins_reach_users_and_tokens(signed_in_as: SignIn, store: Store, role: str) -> None:
    other = signed_in_as(role)
    _, record = auth.create_token(store, username="ada", name="x")
    assert "/admin/users" not in other.get("/").text  # no link in the menu
    for method, path, data in (
        ("GET", "/admin/users", None), ("POST", "/admin/users", {"username": "eve", "password": PASSWORD}),
        ("POST", "/admin/users/rita/role", {"role": "admin"}), ("POST", "/admin/users/ada/disable", None),
        ("POST", f"/admin/tokens/{record.id}/revoke", None), ("GET", "/api/users", None), ("GET", "/api/tokens", None),
        ("DELETE", f"/api/tokens/{record.id}", None),
    ):  # fmt: skip
        assert other.request(method, path, data=data).status_code == 403, (method, path)
    assert other.patch("/api/users/rita", json={"role": "admin"}).status_code == 403
    assert auth.get_user(store, username="rita").role == "rep" and len(auth.list_tokens(store)) == 1
