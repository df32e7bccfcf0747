"""`assistant ingest PATH...`: files and folders → stored calls, with a progress bar in audio-seconds."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from assistant.cli.context import AppState, state
from assistant.cli.output import err_console, esc, print_json
from assistant.metadata import parse_amount, parse_date, parse_datetime
from assistant.pipeline import Ingestor, IngestResult, discover
from assistant.records import CallMetadata

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


def _durations(files: list[Path]) -> dict[Path, float]:
    """Audio seconds per file for the progress bar (0 for transcripts and unreadable files)."""
    from assistant.audio import probe
    from assistant.pipeline import AUDIO_SUFFIXES

    seconds: dict[Path, float] = {}
    for f in files:
        try:
            seconds[f] = probe(f).duration if f.suffix.lower() in AUDIO_SUFFIXES else 0.0
        except Exception:  # a bad file is reported when its turn comes
            seconds[f] = 0.0
    return seconds


def deliver_alerts(app_state: AppState, *, quiet: bool = False) -> None:
    """Send the alerts that are due now (post-call alerts go out at once); failures stay queued for retry."""
    from assistant.alerts.delivery import deliver_due

    for d in deliver_due(app_state.store, app_state.settings):
        if not quiet:
            mark = "[green]alert sent[/]" if d.outcome == "sent" else f"[yellow]alert {esc(d.outcome)}[/]"
            err_console.print(f"{mark} {esc(d.policy)} via {esc(d.channel)}: {esc(d.detail)}", highlight=False)


def _report(result: IngestResult) -> None:
    if result.status == "failed":  # the message names the file (and line) itself
        err_console.print(f"{MARKS['failed']} {esc(result.message)}", highlight=False)
        return
    where = f"call {result.call_id}: " if result.call_id else ""
    err_console.print(f"{MARKS[result.status]} {esc(result.path)}: {where}{esc(result.message)}", highlight=False)


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
    force: Annotated[bool, typer.Option(help="Transcribe again files already ingested.")] = False,
    deliver: Annotated[bool, typer.Option(help="Send due risk alerts right after each call.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
) -> None:
    """Transcribe recordings (or import transcripts), analyse them and store the calls.

    Metadata comes from the options or a sidecar (CALL.meta.json or calls.csv beside the file).
    A bad file is reported and skipped; the exit status is 1 if any file failed.
    """
    app_state = state(ctx)
    options = _options(account, rep, date, renewal_date, arr, title, language)
    files = discover(paths)
    if not files:
        raise typer.BadParameter("no recordings or transcripts found", param_hint="PATHS")
    ingestor = Ingestor(app_state.settings, app_state.store)
    after_each = (lambda: deliver_alerts(app_state, quiet=as_json)) if deliver else None
    results = _run(ingestor, files, options, force, show_progress=not as_json, after_each=after_each)
    if any(r.status in ("stored", "replaced") for r in results):
        from assistant.storage.search import refresh_index

        refresh_index(app_state.store)  # searchable at once; the first search does not pay for it
    if as_json:
        print_json(results)
    counts = {s: sum(r.status == s for r in results) for s in MARKS}
    err_console.print(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing to do")
    if counts["failed"]:
        raise typer.Exit(1)


def _run(
    ingestor: Ingestor,
    files: list[Path],
    options: CallMetadata,
    force: bool,
    show_progress: bool,
    after_each: Callable[[], None] | None = None,
) -> list[IngestResult]:
    ingestor.prepare()
    seconds = _durations(files)
    columns = (
        TextColumn("{task.description}", markup=False),  # the file name, shown as it is
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f} audio s"),
        TimeRemainingColumn(),
    )
    bar = Progress(*columns, console=err_console, transient=True) if show_progress else nullcontext()
    results: list[IngestResult] = []
    with bar as progress:
        task = progress.add_task("ingesting", total=max(sum(seconds.values()), 1.0)) if progress else None
        done = 0.0
        for path in files:

            def tick(processed: float, base: float = done, name: str = path.name) -> None:
                if progress is not None and task is not None:
                    progress.update(task, completed=base + processed, description=name)

            results.append(ingestor.ingest_file(path, options=options, force=force, progress=tick))
            done += seconds[path]
            if progress is not None and task is not None:
                progress.update(task, completed=done)
            if show_progress:
                _report(results[-1])
            if after_each is not None and results[-1].status in ("stored", "replaced"):
                after_each()
    return results
