"""`assistant ingest PATH...`: files and folders → stored calls, with a progress bar in audio-seconds."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeRemainingColumn

from assistant.alerts.delivery import Delivery
from assistant.cli.context import application
from assistant.cli.output import err_console, esc, print_json
from assistant.metadata import parse_amount, parse_date, parse_datetime
from assistant.records import CallMetadata
from assistant.services.app import App
from assistant.services.ingest import IngestHooks, IngestResult, discover, ingest_files, shown

MARKS = {
    "stored": "[green]stored[/]",
    "replaced": "[green]replaced[/]",
    "skipped": "[yellow]skipped[/]",
    "failed": "[red]failed[/]",
}


def _options(
    account: str | None,
    rep: str | None,
    date: str | None,
    renewal_date: str | None,
    arr: str | None,
    title: str | None,
    language: str | None,
) -> CallMetadata:
    return CallMetadata(
        account=account,
        rep=rep,
        recorded_at=parse_datetime(date, "--date") if date else None,
        renewal_date=parse_date(renewal_date, "--renewal-date") if renewal_date else None,
        arr=parse_amount(arr, "--arr") if arr else None,
        title=title,
        language=language.lower() if language else None,
    )


def report(result: IngestResult) -> None:
    """One line per file on stderr."""
    if result.status == "failed":  # the message names the file (and line) itself
        err_console.print(f"{MARKS['failed']} {esc(result.message)}", highlight=False)
        return
    where = f"call {result.call_id}: " if result.call_id else ""
    err_console.print(
        f"{MARKS[result.status]} {esc(shown(result.path))}: {where}{esc(result.message)}", highlight=False
    )


def report_delivery(d: Delivery) -> None:
    mark = "[green]alert sent[/]" if d.outcome == "sent" else f"[yellow]alert {esc(d.outcome)}[/]"
    err_console.print(f"{mark} {esc(d.policy)} via {esc(d.channel)}: {esc(d.detail)}", highlight=False)


def _warning(message: str) -> None:
    err_console.print(f"[yellow]warning:[/] {esc(message)}", highlight=False)


def _hooks(progress: Progress | None, quiet: bool) -> IngestHooks:
    if progress is None:
        return IngestHooks(warning=_warning, delivery=_nothing if quiet else report_delivery)
    task: list[TaskID] = []

    def start(total: float) -> None:
        task.append(progress.add_task("ingesting", total=max(total, 1.0)))

    def advance(path: Path, done: float) -> None:
        progress.update(task[0], completed=done, description=path.name)

    return IngestHooks(start=start, progress=advance, result=report, delivery=report_delivery, warning=_warning)


def _nothing(*_args: object) -> None:
    return None


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Recordings, transcripts (VTT/SRT/Whisper JSON) or folders.")],
    account: Annotated[str | None, typer.Option(help="Account (customer company) of the calls.")] = None,
    rep: Annotated[str | None, typer.Option(help="Name of the rep on the calls.")] = None,
    date: Annotated[str | None, typer.Option(help="When the call was recorded (YYYY-MM-DD[ HH:MM]).")] = None,
    renewal_date: Annotated[str | None, typer.Option(help="The account's renewal date (YYYY-MM-DD).")] = None,
    arr: Annotated[str | None, typer.Option(help="Annual recurring revenue, e.g. 120000 or 120k.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the call.")] = None,
    language: Annotated[str | None, typer.Option(help="Force the language (ISO 639-1) instead of detecting.")] = None,
    speakers: Annotated[
        int | None, typer.Option(min=0, max=20, help="Voices on mono recordings (default 2; 0 = automatic).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Transcribe again files already ingested.")] = False,
    deliver: Annotated[bool, typer.Option(help="Send due risk alerts right after each call.")] = True,
    enqueue: Annotated[
        bool | None,
        typer.Option(
            "--enqueue/--no-enqueue",
            help="Queue the files for `assistant worker` processes (PostgreSQL) instead of ingesting here; "
            "default: the job_queue setting.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
) -> None:
    """Transcribe recordings (or import transcripts), analyse them and store the calls.

    Metadata comes from the options or a sidecar (CALL.meta.json or calls.csv beside the file).
    A bad file is reported and skipped; the exit status is 1 if any file failed.
    """
    options = replace(_options(account, rep, date, renewal_date, arr, title, language), speakers=speakers)
    files = discover(paths)
    if not files:
        raise typer.BadParameter("no recordings or transcripts found", param_hint="PATHS")
    app = application(ctx)
    if enqueue if enqueue is not None else app.settings.job_queue:
        _enqueue(app, files, options, force, as_json)
        return
    columns = (
        TextColumn("{task.description}", markup=False),  # the file name, shown as it is
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f} audio s"),
        TimeRemainingColumn(),
    )
    bar = nullcontext() if as_json else Progress(*columns, console=err_console, transient=True)
    with bar as progress:
        hooks = _hooks(progress, quiet=as_json)
        results = ingest_files(app, files, options=options, force=force, deliver=deliver, hooks=hooks)
    if as_json:
        print_json(results)
    counts = {s: sum(r.status == s for r in results) for s in MARKS}
    err_console.print(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing to do")
    if counts["failed"]:
        raise typer.Exit(1)


def _enqueue(app: App, files: list[Path], options: CallMetadata, force: bool, as_json: bool) -> None:
    """`ingest --enqueue`: one job per file for the workers; one line per file."""
    from assistant.services import queue

    queued = queue.enqueue_files(app, files, options=options, force=force)
    if as_json:
        print_json(queued)
    for item in queued:
        err_console.print(f"[green]queued[/] {esc(shown(item.path))}: {esc(item.message)}", highlight=False)
    err_console.print(f"{sum(q.job_id is not None for q in queued)} queued, see `assistant jobs list`")
