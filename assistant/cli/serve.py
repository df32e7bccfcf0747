"""`assistant serve`: the web app and HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

import os
import threading
from typing import Annotated

import typer

from assistant.cli.context import AppState, state
from assistant.cli.output import err_console
from assistant.services import auth


def serve_cli(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond loopback needs users (`assistant users add`).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Web processes on the one port (they share sign-in limits and jobs).")
    ] = 1,
) -> None:
    """Serve the web app (pages for reps and managers) and the HTTP API (/api, docs at /api/docs)."""
    import uvicorn

    from assistant.web.app import create_app, warm_up

    s = state(ctx)
    auth.check_bind(s.store, host=host)
    if not auth.has_users(s.store):
        err_console.print("no users yet: add one with `assistant users add NAME --role admin` to sign in")
    processes = f" in {workers} processes" if workers > 1 else ""
    err_console.print(f"serving on http://{host}:{port}/{processes} (API docs at /api/docs); Ctrl-C stops")
    if workers > 1:
        return _serve_processes(s, host, port, workers)
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    uvicorn.run(create_app(s.settings, application=s.app), host=host, port=port, log_level="warning")


# how long a web process may take to answer uvicorn's health check before it is killed and restarted: with uvicorn's
# 5 s, web processes were killed and restarted on a busy 2-core machine (load 6-7, tests/web/test_scaleout.py saw a
# worker's pid vanish); a process that is really hung still goes after this
HEALTHCHECK_S = 30


def _serve_processes(s: AppState, host: str, port: int, workers: int) -> None:
    """``workers`` uvicorn processes on one port; each builds its own app from this command's settings
    (web.app.served_app, handed on in a file only this user reads: see web.app.serve_spec) and warms up."""
    import uvicorn

    from assistant.web.app import SERVE_ENV, serve_spec, served_app

    with serve_spec(s.config, s.overrides) as spec:
        os.environ[SERVE_ENV] = str(spec)
        uvicorn.run(f"{served_app.__module__}:{served_app.__name__}", factory=True, workers=workers, host=host,
                    port=port, log_level="warning", timeout_worker_healthcheck=HEALTHCHECK_S)  # fmt: skip
