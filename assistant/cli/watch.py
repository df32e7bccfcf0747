"""`assistant watch DIR`: ingest new recordings and transcripts dropped in a folder, deliver their alerts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import state
from assistant.cli.output import console, err_console, esc, print_json
from assistant.services.app import App
from assistant.services.watch import Watcher, WatchEvent, shown


def _printer(as_json: bool) -> Callable[[WatchEvent], None]:
    def show(event: WatchEvent) -> None:
        if as_json:
            print_json(event)
        elif event.status in ("policies", "rules", "warning"):
            err_console.print(f"[yellow]warning:[/] {esc(event.message)}", highlight=False)
        elif event.status == "delivered":
            for d in event.deliveries:
                line = f"alert {d.alert_id} {d.policy} → {d.channel}: {d.outcome} ({d.detail})"
                console.print(line, highlight=False, markup=False)
        else:
            call = f" call {event.call_id}" if event.call_id else ""
            line = f"{shown(event.path.name)}: {event.status}{call} {event.message}"
            console.print(line, highlight=False, markup=False)

    return show


def watch(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Folder where recordings / transcripts are dropped.")],
    once: Annotated[bool, typer.Option("--once", help="Process what is there, then exit (tests, cron).")] = False,
    interval: Annotated[float | None, typer.Option(help="Seconds between scans (watch_interval).")] = None,
    settle: Annotated[float | None, typer.Option(help="Seconds a file must stay unchanged (watch_settle).")] = None,
    deliver: Annotated[bool, typer.Option("--deliver/--no-deliver", help="Deliver alerts after each scan.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document per event.")] = False,
) -> None:
    """Watch a folder: ingest and analyse each new file once it is completely written, deliver alerts (with
    job_queue: queue it for the workers, which deliver). Bad files move to DIR/failed/ with an .error.txt
    report; Ctrl-C stops."""
    update = {k: v for k, v in (("watch_interval", interval), ("watch_settle", settle)) if v is not None}
    settings = state(ctx).settings.model_copy(update=update)
    watcher = Watcher(App(settings), folder, deliver=deliver, on_event=_printer(as_json))  # invalid rules stop here
    if once:
        events = watcher.run_once()
        if any(e.status == "failed" for e in events):
            raise typer.Exit(1)
        return
    if not as_json:
        console.print(f"watching {esc(watcher.folder)} every {settings.watch_interval:g} s (Ctrl-C stops)")
    try:
        watcher.run()
    except KeyboardInterrupt:
        console.print("stopped")
