"""Records → JSON values: the one conversion shared by `--json` and the HTTP API."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from assistant.redact import MASK


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, paths, tuples → plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, SecretStr):
        return MASK  # a secret setting is never shown, in JSON or the API
    return value
