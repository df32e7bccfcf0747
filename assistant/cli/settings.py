"""`assistant settings`: every setting with its current value, environment variable and description."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from pydantic import SecretStr

from assistant.cli.context import state
from assistant.cli.output import print_json, print_table, to_jsonable
from assistant.redact import MASK, mask_url
from assistant.settings import Settings

SECRET_WORDS = ("password", "secret", "token", "key")


def _shown(name: str, value: Any) -> Any:
    """A setting's value with its secret masked: secret fields wholly, URLs' passwords."""
    if value and (isinstance(value, SecretStr) or any(word in name for word in SECRET_WORDS)):
        return MASK
    return mask_url(value) if isinstance(value, str) else value


def describe(settings: Settings) -> list[dict[str, Any]]:
    rows = []
    for name, field in Settings.model_fields.items():
        value = _shown(name, getattr(settings, name))
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
