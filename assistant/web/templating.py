"""Jinja2 for the pages: autoescaping always on, so transcript text can never become markup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from assistant.analysis.risk import clock as risk_clock
from assistant.services.auth import has_role

_env = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def clock(seconds: float | None) -> str:
    return "" if seconds is None else risk_clock(seconds)


_env.filters["clock"] = clock


def script_json(text: str) -> Markup:
    """JSON text made safe inside a <script> element: no ``</script>``, ``<!--`` or ``&`` can end or change it
    (the escapes stay the same characters to JSON.parse). For JSON built elsewhere, e.g. a call's word timings."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


_env.filters["script_json"] = script_json


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:  # fmt: skip
    """A page; the template sees ``user``, ``csrf`` (for every form) and ``can(role)``."""
    user = getattr(request.state, "user", None)
    ctx = {
        "request": request,
        "user": user,
        "csrf": getattr(request.state, "csrf", ""),
        "can": (lambda needed: user is not None and has_role(user, needed)),
        **(context or {}),
    }
    return HTMLResponse(_env.get_template(name).render(ctx), status_code=status_code, headers=headers)


def editor(request: Request, result: Any, **page: Any) -> HTMLResponse:
    """The in-browser editor of a checked file (rules, alert policies): ``page`` gives name, text, action,
    section, back, label, note and unchanged; each problem of ``result`` is shown beside its line."""
    by_line: dict[int, list[str]] = {}
    for p in result.problems if result else ():
        if p.file == page["name"] and p.line:
            by_line.setdefault(p.line, []).append(p.message)
    ctx = {**page, "result": result, "by_line": by_line, "lines": page["text"].split("\n")}
    return render(request, "editor.html", ctx, status_code=422 if result and result.problems else 200)
