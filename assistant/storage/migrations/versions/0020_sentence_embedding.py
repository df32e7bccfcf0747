"""sentence embeddings: the vectors of the sentences of long customer turns (the churn-risk model reads them one by one)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 16:45:00

Stored at ingest with the utterance embeddings, read by reanalysis, which embedded every long turn's sentences again
before. Existing calls have none: reanalysis embeds them (and stores them), as it does missing utterance embeddings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sentence_embedding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("dims", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["utterance_id"], ["utterance.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sentence_embedding_call_id", "sentence_embedding", ["call_id"], unique=False)
    op.create_index("ix_sentence_embedding_utterance_id", "sentence_embedding", ["utterance_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_sentence_embedding_utterance_id", table_name="sentence_embedding")
    op.drop_index("ix_sentence_embedding_call_id", table_name="sentence_embedding")
    op.drop_table("sentence_embedding")
