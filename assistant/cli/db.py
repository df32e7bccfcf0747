"""`assistant db migrate|copy`: the database's schema, and moving a library to another database."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, err_console, print_json, print_table
from assistant.services import database

app = typer.Typer(help="The database: bring its schema up to date, copy it to PostgreSQL.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command("migrate")
def migrate_cli(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Bring the database schema up to date (run once, from one machine, before starting new workers); stored
    recording and clip paths under media_root become relative to it."""
    url, revisions, relative = database.migrate(application(ctx))
    if as_json:
        print_json({"database": url, "revision": revisions, "media_paths_made_relative": relative})
    else:
        console.print(f"{url}: schema at revision {', '.join(revisions)}", highlight=False, markup=False)
        if relative:
            console.print(f"{relative} recording / clip path(s) made relative to media_root", highlight=False)


@app.command("copy")
def copy_cli(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="Target database URL, e.g. postgresql+psycopg://user:pw@host/db.")],
    as_json: JsonFlag = False,
) -> None:
    """Copy the whole library (calls, clips, alerts, accounts ...) into another database and verify the
    row counts. Safe to run again: rows already there are left alone."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    app = application(ctx)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), TaskProgressColumn())
    bar = nullcontext() if as_json else Progress(*columns, console=err_console, transient=True)
    with bar as progress:
        task = progress.add_task("copying", total=database.rows_to_copy(app)) if progress else None

        def advance(table: str, rows: int) -> None:
            if progress is not None and task is not None:
                progress.update(task, advance=rows, description=table)

        report = database.copy_to(app, to, advance)
    if as_json:
        print_json(report)
        return
    print_table(["table", "source", "target", "copied now"], [[r.table, r.source, r.target, r.copied] for r in report])
    console.print(f"{sum(r.copied for r in report)} rows copied; every table's count matches", highlight=False)
