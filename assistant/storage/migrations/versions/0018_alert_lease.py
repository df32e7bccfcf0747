"""alert lease: an attempt being sent is leased (alerts retry leaves it alone)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 19:18:07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))
    # an attempt started before the upgrade (its lease was the next attempt time) stays leased until then
    op.execute(
        "UPDATE alert SET leased_until = next_attempt_at "
        "WHERE status = 'pending' AND attempts > 0 AND last_error LIKE 'attempt started %'"
    )


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_column("leased_until")
