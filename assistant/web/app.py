"""The FastAPI app: pages, the /api routes, static files, and the one place errors become responses."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from assistant.errors import (
    AccessDeniedError,
    AssistantError,
    AuthError,
    MigrationError,
    NotFoundError,
    StorageError,
    TooManyAttemptsError,
)
from assistant.redact import mask_text
from assistant.services import search
from assistant.services.app import App
from assistant.services.auth import LoginLimiter
from assistant.services.jobs import Jobs
from assistant.settings import Settings, load_settings
from assistant.web.templating import render

HERE = Path(__file__).resolve().parent
log = logging.getLogger("assistant.web")


def status_for(exc: AssistantError) -> int:
    """The HTTP status of an error: the user's mistake is 4xx; only a broken database is 5xx."""
    for kind, status in (
        (TooManyAttemptsError, 429), (AccessDeniedError, 403), (AuthError, 401), (NotFoundError, 404),
        (MigrationError, 503), (StorageError, 409),
    ):  # fmt: skip
        if isinstance(exc, kind):
            return status
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> Response:
    message = mask_text(message)  # a database URL's password or a webhook URL never reaches a page or the API
    if _wants_json(request):
        return JSONResponse({"error": kind, "message": message}, status_code=status, headers=headers)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers)


async def _assistant_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AssistantError)
    from assistant.web.security import LoginRequired

    if isinstance(exc, LoginRequired) and not _wants_json(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    status = status_for(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(exc, TooManyAttemptsError):
        headers = {"Retry-After": str(exc.retry_after)}
    return _error(request, status, str(exc), type(exc).__name__, headers)


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "request"


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{_field(e['loc'])}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, problems, "ValidationError")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _error(request, exc.status_code, str(exc.detail), "HTTPError", getattr(exc, "headers", None))


def warm_up() -> None:
    """What a server does once at start, off the request path: load what searching needs (every language's word
    forms), then freeze the heap. The models, word forms and templates live as long as the process; frozen, the
    garbage collector's full passes stop walking them, which were 0.3 s pauses in one request of ~15 on a
    2-hour call page (the page itself takes ~50 ms)."""
    search.warm_up()
    gc.freeze()


SERVE_ENV = "_ASSISTANT_SERVE"  # the path of the file in which `assistant serve --workers N` hands its settings on


@contextmanager
def serve_spec(config: Path | None, overrides: dict[str, Any]) -> Iterator[Path]:
    """The command's config file and options (a --db password included) for its web processes, in a file only
    this user can read (0600, in a 0700 folder), removed when the block ends. Its path is all that goes in
    the processes' environment: a password never shows in `ps e`, /proc/PID/environ or a log."""
    folder = Path(tempfile.mkdtemp(prefix="assistant-serve-"))
    try:
        path = folder / "settings.json"
        spec = json.dumps({"config": config and str(config), "overrides": overrides}, default=str)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(spec)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def served_app() -> FastAPI:
    """The app of one process of `assistant serve --workers N` (uvicorn's factory): the settings the command
    read (its config file and options, from the file named in SERVE_ENV; the environment is inherited),
    warmed up."""
    spec = json.loads(Path(os.environ[SERVE_ENV]).read_text(encoding="utf-8"))
    settings = load_settings(Path(spec["config"]) if spec["config"] else None, **spec["overrides"])
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    return create_app(settings)


def create_app(settings: Settings, *, application: App | None = None) -> FastAPI:
    """The whole web app over ``settings``' database (opened and migrated on first use, unless the given
    application already holds it)."""
    from assistant.web.routes import admin, api, insights, pages, session, verdicts, work

    app = FastAPI(
        title="Renewal assistant API",
        version="1",
        description="Calls, search, clips, rules, alerts and accounts. Send `Authorization: Bearer <token>` "
        '(`assistant tokens create`). Errors are JSON: {"error": kind, "message": what to fix}.',
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.app = application or App(settings)
    app.state.store = app.state.app.store
    app.state.limiter = LoginLimiter()
    app.state.jobs = Jobs(app.state.store)
    app.add_exception_handler(AssistantError, _assistant_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Pages, JSON and scripts go compressed to a browser that asks (a 2-hour call page: ~5x smaller); recordings,
    # images and Range answers as they are. Level 4: most of level 9's gain for a fraction of its time.
    app.add_middleware(
        GZipMiddleware, minimum_size=1024, compresslevel=4,
        exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/octet-stream"),
    )  # fmt: skip
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(session.router)
    app.include_router(api.router)
    app.include_router(work.router)
    app.include_router(insights.router)
    app.include_router(verdicts.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    gc.freeze()  # what is built by now (routes, settings, the store) lives as long as the app: see warm_up
    return app
