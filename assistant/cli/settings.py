"""`assistant settings`: every setting with its current value, environment variable and description."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import print_json, print_table
from assistant.services.config import list_settings


def settings_cli(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Show the settings in effect (config file < environment < options); secrets are masked."""
    rows = list_settings(application(ctx))
    if as_json:
        print_json(rows)
    else:
        print_table(
            ["setting", "environment", "value", "description"],
            [(r["name"], r["env"], r["value"], r["description"]) for r in rows],
        )
