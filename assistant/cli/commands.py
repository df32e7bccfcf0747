"""Where command groups are attached to the root app. One line per module."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
