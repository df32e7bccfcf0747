"""PostgreSQL full-text search: utterance_search (tsvector, GIN), search_vocab, triggers that queue rows

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 11:00:00

PostgreSQL only (SQLite has FTS5 from 0002; 0005 made ``utterance_norm`` and ``search_pending`` on every
dialect). Triggers on ``utterance`` queue new and changed rows in ``search_pending``;
assistant.storage.search_postgres computes the normalised form (``utterance_norm``) and the tsvector
(``utterance_search``) in Python for queued rows. A changed text drops the row's old entries at once; a
deleted utterance takes them with it. Existing rows are queued here.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_POSTGRES_SEARCH = [
    """CREATE TABLE utterance_search (
        utterance_id INTEGER PRIMARY KEY REFERENCES utterance(id) ON DELETE CASCADE,
        doc TSVECTOR NOT NULL)""",
    "CREATE INDEX ix_utterance_search_doc ON utterance_search USING GIN (doc)",
    "CREATE TABLE search_vocab (term TEXT PRIMARY KEY, doc INTEGER NOT NULL)",
    """CREATE FUNCTION utterance_search_queue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM utterance_search WHERE utterance_id = OLD.id;
            DELETE FROM utterance_norm WHERE utterance_id = OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_pending WHERE utterance_id = OLD.id;
            RETURN OLD;
        END IF;
        INSERT INTO search_pending(utterance_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER utterance_search_ai AFTER INSERT ON utterance
        FOR EACH ROW EXECUTE FUNCTION utterance_search_queue()""",
    """CREATE TRIGGER utterance_search_au AFTER UPDATE OF text ON utterance
        FOR EACH ROW EXECUTE FUNCTION utterance_search_queue()""",
    """CREATE TRIGGER utterance_search_ad AFTER DELETE ON utterance
        FOR EACH ROW EXECUTE FUNCTION utterance_search_queue()""",
    "INSERT INTO search_pending(utterance_id) SELECT id FROM utterance ON CONFLICT DO NOTHING",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _POSTGRES_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("utterance_search_ai", "utterance_search_au", "utterance_search_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON utterance")
        op.execute("DROP FUNCTION IF EXISTS utterance_search_queue()")
        for name in ("search_vocab", "utterance_search"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
