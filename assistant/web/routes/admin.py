"""Admins: users (add, change role, disable / enable) and API tokens (list, revoke), as a page and under /api;
the same services as `assistant users|tokens`. Every route needs the admin role."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from assistant.errors import AssistantError
from assistant.records.users import UserRecord
from assistant.services import auth
from assistant.services.views import to_jsonable, token_json
from assistant.web.app import status_for
from assistant.web.deps import Id, the_app
from assistant.web.security import Admin, signed_in
from assistant.web.templating import render

router = APIRouter(dependencies=[Depends(signed_in)])
Role = Literal["rep", "manager", "admin"]
UserName = Annotated[str, Field(min_length=1, max_length=64, description="Letters, digits and . _ @ -.")]
UserPath = Annotated[str, Path(min_length=1, max_length=64, description="A user name.")]


def _page(request: Request, done: str = "", error: str = "", status: int = 200) -> Response:
    store = the_app(request).store
    ctx = {"users": auth.list_users(store), "tokens": auth.list_tokens(store), "done": done, "error": error,
           "roles": auth.ROLES}  # fmt: skip
    return render(request, "users.html", ctx, status_code=status)


def _act(request: Request, action: Any, done: str) -> Response:
    """Run one change; back to the page with what was done, or the page with the error (nothing changed)."""
    try:
        action()
    except AssistantError as exc:
        return _page(request, error=str(exc), status=status_for(exc))
    return RedirectResponse(f"/admin/users?done={done}", status_code=303)


@router.get("/admin/users", include_in_schema=False)
def users_page(request: Request, user: UserRecord = Admin) -> Response:
    return _page(request, done=request.query_params.get("done", "")[:200])


@router.post("/admin/users", include_in_schema=False)
def add_user_form(
    request: Request, username: Annotated[str, Form(max_length=64)], password: Annotated[str, Form(max_length=1000)],
    role: Annotated[Role, Form()] = "rep", user: UserRecord = Admin,
) -> Response:  # fmt: skip
    store = the_app(request).store
    return _act(request, lambda: auth.add_user(store, username=username, password=password, role=role),
                f"added {username} ({role})")  # fmt: skip


@router.post("/admin/users/{username}/role", include_in_schema=False)
def role_form(request: Request, username: str, role: Annotated[Role, Form()], user: UserRecord = Admin) -> Response:
    store = the_app(request).store
    return _act(request, lambda: auth.set_role(store, username=username, role=role), f"{username} is now a {role}")


@router.post("/admin/users/{username}/disable", include_in_schema=False)
def disable_form(request: Request, username: str, user: UserRecord = Admin) -> Response:
    store = the_app(request).store
    return _act(request, lambda: auth.set_disabled(store, username=username, disabled=True, by=user),
                f"{username} disabled: signed out, tokens refused")  # fmt: skip


@router.post("/admin/users/{username}/enable", include_in_schema=False)
def enable_form(request: Request, username: str, user: UserRecord = Admin) -> Response:
    store = the_app(request).store
    return _act(request, lambda: auth.set_disabled(store, username=username, disabled=False), f"{username} enabled")


@router.post("/admin/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_form(request: Request, token_id: Id, user: UserRecord = Admin) -> Response:
    store = the_app(request).store
    return _act(request, lambda: auth.revoke_token(store, token_id=token_id), f"revoked token {token_id}")


# ---- the same under /api --------------------------------------------------------------------------------------


class UserIn(BaseModel):
    username: UserName
    password: str = Field(min_length=1, max_length=1000)
    role: Role = "rep"


class UserChange(BaseModel):
    role: Role | None = None
    disabled: bool | None = Field(None, description="true: cannot sign in, tokens refused; false: enabled again.")


@router.get("/api/users", summary="Users and their roles (as `assistant users list --json`)")
def list_users(request: Request, user: UserRecord = Admin) -> Any:
    return to_jsonable(auth.list_users(the_app(request).store))


@router.post("/api/users", status_code=201, summary="Add a user (as `assistant users add`)")
def add_user(request: Request, body: UserIn, user: UserRecord = Admin) -> Any:
    store = the_app(request).store
    return to_jsonable(auth.add_user(store, username=body.username, password=body.password, role=body.role))


@router.patch("/api/users/{username}", summary="Change a user's role, or disable / enable them")
def change_user(request: Request, username: UserPath, body: UserChange, user: UserRecord = Admin) -> Any:
    store = the_app(request).store
    changed = auth.get_user(store, username=username)
    if body.role is not None:
        changed = auth.set_role(store, username=username, role=body.role)
    if body.disabled is not None:
        changed = auth.set_disabled(store, username=username, disabled=body.disabled, by=user)
    return to_jsonable(changed)


@router.get("/api/tokens", summary="API tokens, never their secrets (as `assistant tokens list --json`)")
def list_tokens(request: Request, user: UserRecord = Admin) -> Any:
    return [token_json(t) for t in auth.list_tokens(the_app(request).store)]


@router.delete("/api/tokens/{token_id}", summary="Revoke an API token at once (as `assistant tokens revoke`)")
def revoke_token(request: Request, token_id: Id, user: UserRecord = Admin) -> Any:
    auth.revoke_token(the_app(request).store, token_id=token_id)
    return {"revoked": token_id}
