"""one head: merges the library (0002), alerts (0003) and accounts (0004) branches; case-folded lookup keys

Revision ID: 0005
Revises: 0002, 0003, 0004
Create Date: 2026-12-06 10:45:00

From here on there is one line of migrations: a new revision revises the single head (tests/storage/
test_schema.py checks it). ``account.name_key`` and ``account.external_id_key`` hold the case-folded name
and CRM id (folded in Python: SQLite's lower() folds ASCII only), indexed, so finding an account by either
is one index lookup (accounts import was quadratic without them). On databases other than SQLite the
search bookkeeping tables of 0002 are created too, so every dialect has the same tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = ("0002", "0003", "0004")
branch_labels = None
depends_on = None


def _fold(value: str | None) -> str | None:
    return value.strip().casefold() if value is not None else None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("external_id_key", sa.String(), nullable=True))
        batch_op.create_index("ix_account_name_key", ["name_key"], unique=False)
        batch_op.create_index("ix_account_external_id_key", ["external_id_key"], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, name, external_id FROM account")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE account SET name_key = :n, external_id_key = :e WHERE id = :id"),
            [{"id": i, "n": _fold(name), "e": _fold(ext)} for i, name, ext in rows],
        )
    if bind.dialect.name != "sqlite":
        op.create_table(
            "utterance_norm",
            sa.Column("utterance_id", sa.Integer(), nullable=False),
            sa.Column("norm", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("utterance_id"),
        )
        op.create_table(
            "search_pending", sa.Column("utterance_id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("utterance_id")
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_table("search_pending")
        op.drop_table("utterance_norm")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_external_id_key")
        batch_op.drop_index("ix_account_name_key")
        batch_op.drop_column("external_id_key")
        batch_op.drop_column("name_key")
