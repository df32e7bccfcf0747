"""job queue: job_run (every dialect) and, on PostgreSQL, procrastinate's own schema

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 11:10:00

The queue (assistant.jobs) is procrastinate, PostgreSQL only: its tables, types, functions and triggers are
its schema.sql of the pinned version (pyproject: procrastinate==3.10.0), applied here so one
`assistant db migrate` brings a database up to date; a later procrastinate upgrade adds a revision that applies
its migration files. ``job_run`` records each attempt of a job (worker, times, error).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_job_run_job_id", "job_run", ["job_id"])
    if op.get_bind().dialect.name == "postgresql":
        from procrastinate.schema import SchemaManager

        op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        bind = op.get_bind()
        for kind, names in _PROCRASTINATE_OBJECTS(bind).items():
            for name in names:
                bind.exec_driver_sql(f"DROP {kind} IF EXISTS {name} CASCADE")
    op.drop_index("ix_job_run_job_id", table_name="job_run")
    op.drop_table("job_run")


def _PROCRASTINATE_OBJECTS(bind: sa.engine.Connection) -> dict[str, list[str]]:  # noqa: N802
    """Everything procrastinate's schema made: tables, functions (with their signatures), types."""
    tables = bind.exec_driver_sql("SELECT tablename FROM pg_tables WHERE tablename LIKE 'procrastinate%%'")
    functions = bind.exec_driver_sql(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate%%'"
    )
    types = bind.exec_driver_sql(
        "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        "WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate%%' AND t.typtype IN ('e', 'c')"
    )
    return {
        "TABLE": [r[0] for r in tables],
        "FUNCTION": [r[0] for r in functions],
        "TYPE": [r[0] for r in types],
    }
