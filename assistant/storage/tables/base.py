"""What the tables share: the time they stamp, the folded form of names, a non-null text column."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def fold(value: str | None) -> str | None:
    """The case-folded form stored beside names for lookups (SQLite's lower() folds ASCII only)."""
    return value.strip().casefold() if value is not None else None


def text_field(default: str = "") -> Any:
    return Field(default=default, sa_column=Column(Text, nullable=False, default=default))
