"""Copy a whole library from one database to another (SQLite → PostgreSQL when one machine is not enough).

Every table of the schema, parents before children, rows with their ids, in batches; a row whose key the
target already holds is left as it is, so running the copy again (after an interruption, or to bring over
calls added since) is safe. Afterwards PostgreSQL's id sequences are moved past the copied ids, the target's
search index is brought up to date, and every table's row count is compared: a target holding rows the
source lacks, or fewer than the source, is reported table by table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from assistant.errors import StorageError
from assistant.records.jobs import TableCount
from assistant.storage.db import Store
from assistant.storage.tables import Call, is_search_internal

BATCH = 2000
# Derived or per-database state, rebuilt on the target: the search index's own rows and queue.
SKIPPED = ("utterance_norm", "search_pending", "job_run")


def copied_tables() -> list[Table]:
    """The schema's tables in an order where every parent comes before its children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIPPED and not is_search_internal(t.name)]


def _batches(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    keys = list(table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(select(table).order_by(*keys))
    for chunk in result.mappings().partitions(BATCH):
        yield [dict(row) for row in chunk]


def _insert(target: Store, table: Table) -> Any:
    dialect = target.engine.dialect.name
    module = postgresql if dialect == "postgresql" else sqlite if dialect == "sqlite" else None
    if module is None:
        raise StorageError(f"db copy: copying into {dialect} is not supported; use PostgreSQL or SQLite")
    return module.insert(table).on_conflict_do_nothing()


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def copy_table(source: Store, target: Store, table: Table, progress: Callable[[str, int], None]) -> TableCount:
    statement = _insert(target, table)
    with source.engine.connect() as read, target.engine.connect() as before:
        total, already = _count(read, table), _count(before, table)
    with source.engine.connect() as read:
        for rows in _batches(read, table):
            with target.engine.begin() as write:
                write.execute(statement, rows)
            progress(table.name, len(rows))
    with target.engine.connect() as after:
        now = _count(after, table)
    return TableCount(table.name, total, now, now - already)


def _reset_sequences(target: Store) -> None:
    """Move PostgreSQL's id sequences past the copied ids (inserts with explicit ids do not advance them)."""
    if target.engine.dialect.name != "postgresql":
        return
    with target.engine.begin() as conn:
        for table in copied_tables():
            if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
                sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
                if sequence:
                    top = f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1'
                    conn.execute(text(f"SELECT setval(:s, {top}, false)"), {"s": sequence})


def _check_target(source: Store, target: Store) -> None:
    """Refuse (before writing anything) a target holding calls this library does not have under the same id:
    copying into it would hang this library's utterances and hits on another library's calls."""
    calls = Call.__table__  # type: ignore[attr-defined]
    query = select(calls.c.id, calls.c.content_hash)
    with source.engine.connect() as read, target.engine.connect() as there:
        ours = {tuple(row) for row in read.execute(query)}
        foreign = [tuple(row) for row in there.execute(query) if tuple(row) not in ours]
    if foreign:
        call_id, digest = foreign[0]
        raise StorageError(
            f"db copy: the target holds calls that are not from this library ({len(foreign)}, e.g. call {call_id} "
            f"with content {digest[:12]}…); copy into an empty database"
        )


def copy_library(source: Store, target: Store, progress: Callable[[str, int], None]) -> list[TableCount]:
    """Copy every table; StorageError naming the tables whose counts differ afterwards."""
    if source.engine.url == target.engine.url:
        raise StorageError("db copy: the target is the database being copied; give another URL")
    _check_target(source, target)
    report = [copy_table(source, target, table, progress) for table in copied_tables()]
    _reset_sequences(target)
    wrong = [f"{r.table} (source {r.source}, target {r.target})" for r in report if r.source != r.target]
    if wrong:
        raise StorageError(
            "db copy: row counts differ after the copy: " + "; ".join(wrong) + ". The target held other data "
            "before (copy into an empty database), or rows changed during the copy (run it again)"
        )
    return report


def source_rows(store: Store) -> int:
    """Rows the copy will read (for a progress bar)."""
    with store.engine.connect() as conn:
        return sum(_count(conn, table) for table in copied_tables())
