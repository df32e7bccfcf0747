"""speakers: who each voice of a call is (diarization, rep voiceprints), call notes, enrolled rep voiceprints

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 11:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _speaker_columns() -> list[sa.Column]:
    return [
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("method", sa.Text(), nullable=False, server_default=""),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False, server_default=""),
        sa.Column("model", sa.String(), nullable=True),
        sa.Column("embedding", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("manual", sa.String(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        for column in _speaker_columns():
            batch_op.add_column(column)
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default="[]"))
    op.create_table(
        "repvoiceprint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("embedding", sa.Text(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_repvoiceprint_name", "repvoiceprint", ["name"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_repvoiceprint_name", table_name="repvoiceprint")
    op.drop_table("repvoiceprint")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_column("notes")
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        for column in reversed(_speaker_columns()):
            batch_op.drop_column(column.name)
