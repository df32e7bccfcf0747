"""media_root: stored recording and clip paths under it become relative to it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 14:30:00

Data only, no schema change. ``call.source_path``, ``clip.audio_path`` and ``clip.transcript_path`` that
lie under the ``media_root`` setting of the machine that migrates (handed over by ``Store.open`` in the
Alembic config) are rewritten relative to it, so every machine finds them under its own mount. Paths
outside it stay absolute and keep working on the machine that sees them. Without a media_root nothing
changes; setting one later and running ``assistant db migrate`` converts then (``Store.relativize_media``).
Downgrade leaves the names as they are (a relative name needs media_root to be found either way).
"""

from __future__ import annotations

from pathlib import Path

from alembic import context, op

from assistant.storage.media import relativize

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    root = context.config.attributes.get("media_root")
    if root is not None:
        relativize(op.get_bind(), Path(root))


def downgrade() -> None:
    pass
