"""Checks every command's parsed arguments get, in one place, before any command runs.

- A whole number must fit the database (SQLite and PostgreSQL integers are 64-bit): ``--offset 99999999999999999999``
  is a usage error naming the option, not an OverflowError deep in a query.
- A number with a fraction must be finite (``--start nan`` or ``inf`` is refused).
- Text must be valid UTF-8. On Linux, bytes that are not UTF-8 reach Python as lone surrogates; they are fine in a
  file path (``Path`` options and arguments are left alone) but nowhere else (a search query, an account name).
"""

from __future__ import annotations

import math
from typing import Any

import typer

LARGEST = 2**63 - 1


def guarded(command: Any) -> Any:
    """``command`` (a Click command or group, built by Typer) with every parameter's value checked; returns it."""
    for param in command.params:
        param.callback = _checking(param.callback)
    for sub in getattr(command, "commands", {}).values():
        guarded(sub)
    return command


def _checking(callback: Any) -> Any:
    def check(ctx: Any, param: Any, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else (value,):
            problem = _problem(item)
            if problem:
                raise typer.BadParameter(problem, ctx=ctx, param=param)
        return callback(ctx, param, value) if callback is not None else value

    return check


def _problem(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and not -LARGEST - 1 <= value <= LARGEST:
        shown = f"{str(value)[:30]}{'…' if len(str(value)) > 30 else ''}"
        return f"{shown} is too large (the most is {LARGEST})" if value > 0 else f"{shown} is too small"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a finite number"
    if isinstance(value, str) and not _is_utf8(value):
        return f"'{value.encode('utf-8', 'backslashreplace').decode()}' is not valid UTF-8 text"
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
