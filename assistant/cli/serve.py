"""`assistant serve`: the web app and HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

import threading
from typing import Annotated

import typer

from assistant.cli.context import state
from assistant.cli.output import err_console
from assistant.services import auth


def serve_cli(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond loopback needs users (`assistant users add`).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the web app (pages for reps and managers) and the HTTP API (/api, docs at /api/docs)."""
    import uvicorn

    from assistant.web.app import create_app, warm_up

    s = state(ctx)
    auth.check_bind(s.store, host=host)
    if not auth.has_users(s.store):
        err_console.print("no users yet: add one with `assistant users add NAME --role admin` to sign in")
    err_console.print(f"serving on http://{host}:{port}/ (API docs at /api/docs); Ctrl-C stops")
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    uvicorn.run(create_app(s.settings, application=s.app), host=host, port=port, log_level="warning")
