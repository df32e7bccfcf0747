"""accounts: CRM fields on account, contacts, ARR history

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-22 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None

NEW_COLUMNS = (
    ("external_id", sa.String()),
    ("owner", sa.String()),
    ("customer_since", sa.Date()),
    ("churned_on", sa.Date()),
    ("status", sa.String()),
    ("mrr", sa.Float()),
    ("currency", sa.String()),
    ("updated_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        for name, type_ in NEW_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_index("ix_account_external_id", ["external_id"], unique=True)
    op.create_table(
        "account_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "key"),
    )
    op.create_index("ix_account_contact_account_id", "account_contact", ["account_id"])
    op.create_table(
        "account_arr",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("arr", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "on"),
    )
    op.create_index("ix_account_arr_account_id", "account_arr", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_account_arr_account_id", table_name="account_arr")
    op.drop_table("account_arr")
    op.drop_index("ix_account_contact_account_id", table_name="account_contact")
    op.drop_table("account_contact")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_external_id")
        for name, _type in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
