"""utterance embeddings (churn-risk model, meaning search): one float16 vector per utterance with its model

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 13:35:41
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "utterance_embedding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("dims", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["utterance_id"], ["utterance.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("utterance_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_utterance_embedding_call_id", "utterance_embedding", ["call_id"], unique=False)
    op.create_index("ix_utterance_embedding_model", "utterance_embedding", ["model"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_utterance_embedding_model", table_name="utterance_embedding")
    op.drop_index("ix_utterance_embedding_call_id", table_name="utterance_embedding")
    op.drop_table("utterance_embedding")
