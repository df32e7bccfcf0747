"""`assistant users|tokens|serve` through the real CLI entry point."""

from __future__ import annotations

import json

from tests.conftest import Cli


def test_users_add_list_passwd_role_remove(cli: Cli) -> None:
    status, out, _ = cli("users", "add", "ann", "--role", "manager", "--password", "long enough", "--json")
    assert status == 0 and json.loads(out)["role"] == "manager"
    status, _, err = cli("users", "add", "ann", "--password", "long enough")
    assert status == 1 and "exists already" in err
    status, _, err = cli("users", "add", "bob", "--role", "boss", "--password", "long enough")
    assert status == 1 and "role 'boss'" in err
    assert cli("users", "passwd", "ann", "--password", "another one")[0] == 0
    assert cli("users", "role", "ann", "admin")[0] == 0
    status, out, _ = cli("users", "list", "--json")
    assert [(u["username"], u["role"]) for u in json.loads(out)] == [("ann", "admin")]
    status, out, _ = cli("users", "list")
    assert "ann" in out and "admin" in out
    assert cli("users", "remove", "ann")[0] == 0
    status, _, err = cli("users", "remove", "ann")
    assert status == 1 and "no user 'ann'" in err


def test_tokens_create_list_revoke(cli: Cli) -> None:
    cli("users", "add", "ann", "--password", "long enough")
    status, out, _ = cli("tokens", "create", "ann", "--name", "crm", "--json")
    created = json.loads(out)
    assert status == 0 and created["token"].startswith("ra_") and created["user"] == "ann"
    status, out, _ = cli("tokens", "list", "--json")
    listed = json.loads(out)
    assert [t["name"] for t in listed] == ["crm"] and "token" not in listed[0]
    assert cli("tokens", "revoke", str(created["id"]))[0] == 0
    status, _, err = cli("tokens", "revoke", str(created["id"]))
    assert status == 1 and "no API token" in err


def test_serve_refuses_a_public_address_without_users(cli: Cli) -> None:
    status, _, err = cli("serve", "--host", "0.0.0.0", "--port", "8765")
    assert status == 1
    assert "refusing to serve beyond this machine with no users" in err and "assistant users add" in err
