"""The HTML pages: each parses, calls the services, renders a template. Anonymous visitors go to /login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from assistant.services import calls
from assistant.web.security import signed_in
from assistant.web.templating import render

router = APIRouter(dependencies=[Depends(signed_in)], include_in_schema=False)
PAGE = 50


@router.get("/")
def home(request: Request) -> Response:
    recent = calls.list_calls(request.app.state.services, limit=1000)
    risky = sorted((c for c in recent if c.risk_level == "high"), key=lambda c: -(c.risk_score or 0))[:10]
    return render(request, "home.html", {"risky": risky})


@router.get("/calls")
def call_list(
    request: Request,
    account: Annotated[str | None, Query(max_length=500)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rows = calls.list_calls(
        request.app.state.services, account=account or None, limit=PAGE + 1, offset=(page - 1) * PAGE
    )
    ctx = {"calls": rows[:PAGE], "more": len(rows) > PAGE, "page": page, "account": account or ""}
    return render(request, "calls.html", ctx)
