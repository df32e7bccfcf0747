"""`assistant settings`: every setting with its current value, environment variable and description."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli.context import state
from assistant.cli.output import print_json, print_table, to_jsonable
from assistant.settings import Settings

SECRET_WORDS = ("password", "secret", "token", "key")


def describe(settings: Settings) -> list[dict[str, Any]]:
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if value and any(word in name for word in SECRET_WORDS):
            value = "********"
        rows.append(
            {
                "name": name,
                "env": f"ASSISTANT_{name.upper()}",
                "value": to_jsonable(value),
                "description": field.description or "",
            }
        )
    return rows


def settings_cli(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Show the settings in effect (config file < environment < options); secrets are masked."""
    rows = describe(state(ctx).settings)
    if as_json:
        print_json(rows)
    else:
        print_table(
            ["setting", "environment", "value", "description"],
            [(r["name"], r["env"], r["value"], r["description"]) for r in rows],
        )
