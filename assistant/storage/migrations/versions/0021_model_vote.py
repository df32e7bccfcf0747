"""model votes: the churn-risk model's nearest-examples vote of each line and sentence a reading read, per head version

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 22:50:00

Written by reanalysis with the analysis, read by the next reanalysis under the same head (a rule change), which then
skips the vote's product over the head's stored examples. Existing calls have none: their next reanalysis reads the
votes anew and stores them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("head", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("vote", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_model_vote_call_id", "model_vote", ["call_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_model_vote_call_id", table_name="model_vote")
    op.drop_table("model_vote")
