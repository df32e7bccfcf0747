"""The HTTP API under /api: JSON identical to the CLI's `--json`, errors as {"error", "message"}.

Every route needs a signed-in user (Bearer token or session cookie); writes made with a cookie need the CSRF
header. Each route parses, calls one service function, returns its JSON view.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from assistant.services import calls
from assistant.services.app import App
from assistant.services.views import to_jsonable
from assistant.storage.users import UserRecord
from assistant.web.security import Rep, signed_in

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)])
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many first.")]
CallId = Annotated[int, "call id"]
_EXPORT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json", "txt": "text/plain"}


def _app(request: Request) -> App:
    services: App = request.app.state.services
    return services


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/api/openapi.json", title="Renewal assistant API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js", swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )  # fmt: skip


@router.get("/me", summary="Who the token or session belongs to")
def me(user: UserRecord = Rep) -> Any:
    return to_jsonable(user)


@router.get("/calls", summary="List stored calls (as `assistant calls list --json`)")
def list_calls(
    request: Request,
    account: Annotated[str | None, Query(max_length=500)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    return to_jsonable(calls.list_calls(_app(request), account=account, limit=limit, offset=offset))


@router.get("/calls/{call_id}", summary="One call (as `assistant calls show ID --json`)")
def show_call(request: Request, call_id: int) -> Any:
    return calls.show_call(_app(request), call_id)


@router.get("/calls/{call_id}/export", summary="The transcript as vtt, srt, json or txt (as `assistant export`)")
def export_call(
    request: Request,
    call_id: int,
    format: Annotated[str, Query(pattern="^(vtt|srt|json|txt)$")] = "vtt",
) -> Response:
    text = calls.export_call(_app(request), call_id, format)
    headers = {"Content-Disposition": f'attachment; filename="call-{call_id}.{format}"'}
    return PlainTextResponse(text, media_type=_EXPORT_TYPES[format], headers=headers)
