"""PostgreSQL search: an utterance edited while a refresh is indexing it is queued again, never lost

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 13:45:00

PostgreSQL only. ``refresh()`` claims queued rows (``search_pending``) with ``FOR UPDATE SKIP LOCKED``,
reads their text and deletes them when its batch commits. The 0007 trigger queued an edited row with
``ON CONFLICT DO NOTHING``, which does not wait for that claim: an edit made while a refresh held the row
was dropped with the claimed entry, and the index kept the old text. The trigger now queues with
``ON CONFLICT DO UPDATE``, which waits for the claim to end and then queues the row again (the refresh
deleted it), so the next refresh indexes the new text.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_FUNCTION = """CREATE OR REPLACE FUNCTION utterance_search_queue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM utterance_search WHERE utterance_id = OLD.id;
            DELETE FROM utterance_norm WHERE utterance_id = OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_pending WHERE utterance_id = OLD.id;
            RETURN OLD;
        END IF;
        INSERT INTO search_pending(utterance_id) VALUES (NEW.id)
            ON CONFLICT (utterance_id) DO {on_conflict};
        RETURN NEW;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION.format(on_conflict="UPDATE SET utterance_id = excluded.utterance_id"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION.format(on_conflict="NOTHING"))
