"""The `assistant` command: a thin edge. Each command parses, calls one library function, renders.

Errors: every ``AssistantError`` becomes one line on stderr and exit status 1, here and only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import AppState
from assistant.cli.output import err_console
from assistant.errors import AssistantError

app = typer.Typer(
    name="assistant",
    help="Conversation intelligence for renewals: transcribe calls, flag churn risk, search clips, alert.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option(help="Config file (TOML); default $ASSISTANT_CONFIG.")
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data folder (database, state).")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default SQLite in the data folder).")
    ] = None,
) -> None:
    ctx.obj = AppState(config=config, overrides={"data_dir": data_dir, "database_url": db})


def _register() -> None:
    """Attach every command group; each lives in its own module."""
    from assistant.cli import commands

    commands.register(app)


def main() -> None:
    _register()
    try:
        app(standalone_mode=False)
    except AssistantError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
        raise SystemExit(1) from None
    except typer.Abort:
        err_console.print("aborted")
        raise SystemExit(130) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors come through here in standalone_mode=False
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        raise
