"""The `assistant` command: a thin edge. Each command parses, calls one library function, renders.

Errors: every ``AssistantError`` (and an ``OSError`` naming a file) becomes one line on stderr and exit status 1,
here and only here; bad argument values (numbers too large, text that is not UTF-8) are usage errors
(``assistant.cli.guards``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import AppState
from assistant.cli.guards import guarded
from assistant.cli.output import err_console, esc, one_line, os_error
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
    config: Annotated[Path | None, typer.Option(help="Config file (TOML); default $ASSISTANT_CONFIG.")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data folder (database, state).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default SQLite in the data folder).")] = None,
) -> None:
    ctx.obj = AppState(config=config, overrides={"data_dir": data_dir, "database_url": db})


_registered = False


def get_app() -> typer.Typer:
    """The root app with every command group attached (each lives in its own module)."""
    global _registered
    if not _registered:
        from assistant.cli import commands

        commands.register(app)
        _registered = True
    return app


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status; every AssistantError becomes one line on stderr."""
    try:
        command = guarded(typer.main.get_command(get_app()))
        status = command.main(args=argv, standalone_mode=False)  # a typer.Exit comes back as its code
    except AssistantError as exc:
        err_console.print(f"[bold red]error:[/] {esc(one_line(exc))}", highlight=False)
        return 1
    except OSError as exc:  # a file or folder the command reads or writes (the output paths are checked first)
        err_console.print(f"[bold red]error:[/] {esc(one_line(os_error(exc)))}", highlight=False)
        return 1
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: unknown option, bad value ...
        show = getattr(exc, "show", None)
        if show is None:
            raise
        show()
        return int(getattr(exc, "exit_code", 2))
    return status if isinstance(status, int) else 0


def main() -> None:
    raise SystemExit(run())
