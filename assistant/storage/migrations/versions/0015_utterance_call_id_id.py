"""utterance: an index on (call_id, id) replaces the one on (call_id)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 16:49:00

Search bounds a date range by the first and last utterance id of each call in it. With an index on
``call_id`` alone PostgreSQL read every utterance of those calls for that (a 30-day range of a 1M library:
720 calls, 72,000 rows, 40 ms); on (call_id, id) it is one index probe per end. It serves every lookup the
old index served, so that one goes. (SQLite's index on ``call_id`` already held the rowid; same schema on
both.) The new index is built before the old one is dropped; no table is rebuilt.
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_utterance_call_id_id", "utterance", ["call_id", "id"], unique=False)
    op.drop_index("ix_utterance_call_id", table_name="utterance")


def downgrade() -> None:
    op.create_index("ix_utterance_call_id", "utterance", ["call_id"], unique=False)
    op.drop_index("ix_utterance_call_id_id", table_name="utterance")
