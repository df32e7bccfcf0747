"""Who is asking: a browser session (cookie) or an API token (Bearer header); roles; CSRF on every write.

Every route but the sign-in page and static files depends on ``signed_in`` (or ``role(...)``), so an anonymous
request gets 401 (API) or a redirect to the sign-in page (pages). A write made with a session cookie must carry
the session's CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``); a token-authenticated request
carries no cookie, so it cannot be forged cross-site and needs none.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request

from assistant.errors import AccessDeniedError, AuthError
from assistant.records.users import UserRecord
from assistant.services import auth

SESSION_COOKIE = "assistant_session"
LOGIN_CSRF_COOKIE = "assistant_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(AuthError):
    """Sign in first (or send an API token: Authorization: Bearer <token>)."""


class CsrfError(AccessDeniedError):
    """The form is stale or was not sent by this app (CSRF token missing or wrong); reload the page and retry."""


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request) -> UserRecord:
    """The user behind the request; LoginRequired when there is none."""
    store = request.app.state.store
    if token := _bearer(request):
        return auth.token_user(store, secret=token)
    session = auth.session_for(store, secret=request.cookies.get(SESSION_COOKIE, ""))
    if session is None:
        raise LoginRequired()
    request.state.session = session
    request.state.csrf = session.csrf
    return session.user


async def sent_csrf(request: Request) -> str:
    if value := request.headers.get("x-csrf-token"):
        return value
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/")):
        field = (await request.form()).get("csrf_token")
        return field if isinstance(field, str) else ""
    return ""


async def signed_in(request: Request, user: UserRecord = Depends(identify)) -> UserRecord:
    """The signed-in user; a write through a session cookie must carry the session's CSRF token."""
    session = getattr(request.state, "session", None)
    if request.method not in SAFE_METHODS and session is not None:
        expected = session.csrf.encode()
        if not secrets.compare_digest((await sent_csrf(request)).encode(), expected):
            raise CsrfError()
    request.state.user = user
    return user


def role(needed: str) -> Callable[..., Any]:
    """A dependency: the signed-in user, who must have at least the ``needed`` role."""

    def dependency(user: UserRecord = Depends(signed_in)) -> UserRecord:
        return auth.require_role(user, needed)

    return dependency


Rep = Depends(role("rep"))
Manager = Depends(role("manager"))
Admin = Depends(role("admin"))
