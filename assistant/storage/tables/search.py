"""Search (the FTS5 index itself is SQLite-only, made by migration 0002): each indexed utterance's normalised text
and the utterances waiting for the index; the tables that the search index and the job queue own (not SQLModel
classes), which schema comparisons leave out."""

from __future__ import annotations

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class UtteranceNorm(SQLModel, table=True):
    """The normalised search text (lemmas, stems, CJK characters) of an indexed utterance."""

    __tablename__ = "utterance_norm"

    utterance_id: int | None = Field(default=None, primary_key=True)
    norm: str = Field(sa_column=Column(Text, nullable=False))


class SearchPending(SQLModel, table=True):
    """Utterances inserted or changed since the index last caught up (queued by triggers)."""

    __tablename__ = "search_pending"

    utterance_id: int | None = Field(default=None, primary_key=True)


# FTS5 virtual tables and their shadow tables, PostgreSQL's tsvector table and vocabulary (migration 0007):
# not SQLModel classes, left out of the schema comparison.
SEARCH_INTERNAL = ("utterance_fts", "utterance_vocab", "utterance_search", "search_vocab", "search_posting")


# Migration 0002 made these keys ``INTEGER PRIMARY KEY`` (SQLite's rowid alias, never NULL), which SQLite
# reports as nullable: a difference in words only, so schema comparisons skip these two columns.
ROWID_KEYS = (("utterance_norm", "utterance_id"), ("search_pending", "utterance_id"))


# The job queue's own tables (procrastinate_jobs, ..., PostgreSQL only, migration 0008): procrastinate owns them.
QUEUE_INTERNAL = ("procrastinate",)


def is_search_internal(table: str) -> bool:
    """A table the search index or the job queue owns (not a SQLModel class; left out of comparisons)."""
    return any(table == name or table.startswith(f"{name}_") for name in SEARCH_INTERNAL + QUEUE_INTERNAL)


def compared(name: str | None, type_: str, parent: str | None) -> bool:
    """Whether a schema comparison (alembic autogenerate, tests/storage/test_schema.py) looks at an object."""
    if type_ == "table":
        return name is None or not is_search_internal(name)
    return not (type_ == "column" and (parent, name) in ROWID_KEYS)
