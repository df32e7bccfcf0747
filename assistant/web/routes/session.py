"""Sign in and out. The sign-in form is protected by a double-submit CSRF cookie (there is no session yet)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.errors import AuthError
from assistant.records.users import UserRecord
from assistant.services import auth
from assistant.web.security import LOGIN_CSRF_COOKIE, SESSION_COOKIE, CsrfError, signed_in
from assistant.web.templating import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site (never //evil.example or https://...) is followed after signing in."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _login_page(request: Request, next_: str, error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    page = render(request, "login.html", {"login_csrf": token, "next": _safe_next(next_), "error": error},
                  status_code=status)  # fmt: skip
    page.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login")
    return page


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next)


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie.encode(), csrf_token.encode()):
        raise CsrfError()
    client = request.client.host if request.client else "unknown"
    try:
        secret, _ = auth.sign_in(request.app.state.store, request.app.state.limiter, username=username,
                                 password=password, client=client)  # fmt: skip
    except AuthError as exc:
        status = 429 if exc.__class__.__name__ == "TooManyAttemptsError" else 401
        return _login_page(request, next, str(exc), status)
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="lax", secure=secure,
                        max_age=auth.SESSION_DAYS * 86400)  # fmt: skip
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, user: UserRecord = Depends(signed_in)) -> Response:
    auth.end_session(request.app.state.store, secret=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
