"""`assistant users add|passwd|role|list|disable|enable|remove` and `assistant tokens create|list|revoke`: who may
use the web app."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import state
from assistant.cli.output import console, print_json, print_table
from assistant.errors import ConfigError
from assistant.records.users import UserRecord
from assistant.services import auth
from assistant.services.views import token_json

app = typer.Typer(
    help="Users of the web app and API: add, change password or role, list, disable, enable, remove.",
    no_args_is_help=True,
)
tokens_app = typer.Typer(help="API tokens for integrations (Authorization: Bearer <token>).", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
Username = Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")]
PasswordOpt = Annotated[
    str | None, typer.Option(help="The password (default: asked for, twice). Beware: options land in shell history.")
]


def _password(given: str | None) -> str:
    if given is not None:
        return given
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Again", hide_input=True) != first:
        raise ConfigError("the two passwords differ; nothing was changed")
    return str(first)


def _user_line(user: UserRecord, what: str, as_json: bool) -> None:
    if as_json:
        print_json(user)
    else:
        console.print(f"{what} {user.username} ({user.role})", highlight=False, markup=False)


@app.command("add")
def add_cli(
    ctx: typer.Context,
    username: Username,
    role: Annotated[str, typer.Option(help="rep, manager or admin.")] = "rep",
    password: PasswordOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a user with a role (rep: calls, search, clips; manager: also rules and alerts; admin: also users)."""
    auth.check_role(role)
    _user_line(
        auth.add_user(state(ctx).store, username=username, password=_password(password), role=role), "added", as_json
    )


@app.command("passwd")
def passwd_cli(ctx: typer.Context, username: Username, password: PasswordOpt = None, as_json: JsonFlag = False) -> None:
    """Set a new password (the user's browser sessions end)."""
    _user_line(auth.set_password(state(ctx).store, username=username, password=_password(password)), "changed", as_json)


@app.command("role")
def role_cli(
    ctx: typer.Context, username: Username, role: Annotated[str, typer.Argument(help="rep, manager or admin.")],
    as_json: JsonFlag = False,
) -> None:  # fmt: skip
    """Change a user's role."""
    _user_line(auth.set_role(state(ctx).store, username=username, role=role), "changed", as_json)


@app.command("list")
def list_cli(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List users and their roles."""
    users = auth.list_users(state(ctx).store)
    if as_json:
        print_json(users)
    else:
        rows = [(u.username, u.role, u.created_at.date(), "disabled" if u.disabled else "") for u in users]
        print_table(["user", "role", "since", "state"], rows)


@app.command("disable")
def disable_cli(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Disable a user: signed out at once, cannot sign in, API tokens refused; nothing of theirs is deleted."""
    _user_line(auth.set_disabled(state(ctx).store, username=username, disabled=True), "disabled", as_json)


@app.command("enable")
def enable_cli(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Enable a disabled user again (their API tokens work again)."""
    _user_line(auth.set_disabled(state(ctx).store, username=username, disabled=False), "enabled", as_json)


@app.command("remove")
def remove_cli(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Remove a user with their sessions and API tokens."""
    _user_line(auth.remove_user(state(ctx).store, username=username), "removed", as_json)


@tokens_app.command("create")
def token_create_cli(
    ctx: typer.Context,
    username: Username,
    name: Annotated[str, typer.Option(help="What the token is for (e.g. 'crm sync').")] = "",
    days: Annotated[int | None, typer.Option(help="Expires after this many days (default: never).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create an API token acting as USERNAME (with that user's role); it is shown once."""
    secret, record = auth.create_token(state(ctx).store, username=username, name=name, days=days)
    if as_json:
        print_json({**token_json(record), "token": secret})
        return
    console.print(f"token {record.id} for {username} (shown once, keep it secret):", highlight=False, markup=False)
    console.print(secret, highlight=False, markup=False, soft_wrap=True)


@tokens_app.command("list")
def token_list_cli(
    ctx: typer.Context,
    username: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List API tokens (never their secrets)."""
    found = auth.list_tokens(state(ctx).store, username=username)
    if as_json:
        print_json([token_json(t) for t in found])
        return
    rows = [(t.id, t.user.username, t.name, t.created_at.date(), t.last_used_at or "", t.expires_at or "never")
            for t in found]  # fmt: skip
    print_table(["id", "user", "name", "created", "last used", "expires"], rows)


@tokens_app.command("revoke")
def token_revoke_cli(
    ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="Token id.")], as_json: JsonFlag = False
) -> None:
    """Revoke an API token at once."""
    auth.revoke_token(state(ctx).store, token_id=token_id)
    if as_json:
        print_json({"revoked": token_id})
    else:
        console.print(f"revoked token {token_id}")
