"""clip library: clips, collections, outcomes, full-text search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:00:00

Search (SQLite only): ``utterance_fts`` is an FTS5 table with external content: the view ``utterance_doc``
(the utterance text plus its normalised form from ``utterance_norm``). Triggers on ``utterance`` keep it in
sync and queue new or changed rows in ``search_pending``; assistant.storage.search computes the normalised
form (lemmas, stems, CJK characters) in Python for queued rows. Existing rows are backfilled here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_SEARCH = [
    "CREATE TABLE utterance_norm (utterance_id INTEGER PRIMARY KEY, norm TEXT NOT NULL)",
    "CREATE TABLE search_pending (utterance_id INTEGER PRIMARY KEY)",
    "CREATE VIEW utterance_doc AS SELECT u.id AS id, u.text AS text, coalesce(n.norm, '') AS norm "
    "FROM utterance u LEFT JOIN utterance_norm n ON n.utterance_id = u.id",
    "CREATE VIRTUAL TABLE utterance_fts USING fts5(text, norm, content='utterance_doc', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE VIRTUAL TABLE utterance_vocab USING fts5vocab(utterance_fts, 'row')",
    """CREATE TRIGGER utterance_fts_ai AFTER INSERT ON utterance BEGIN
        INSERT INTO utterance_fts(rowid, text, norm) VALUES (new.id, new.text, '');
        INSERT OR IGNORE INTO search_pending(utterance_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER utterance_fts_ad AFTER DELETE ON utterance BEGIN
        INSERT INTO utterance_fts(utterance_fts, rowid, text, norm) VALUES ('delete', old.id, old.text,
            coalesce((SELECT norm FROM utterance_norm WHERE utterance_id = old.id), ''));
        DELETE FROM utterance_norm WHERE utterance_id = old.id;
        DELETE FROM search_pending WHERE utterance_id = old.id;
    END""",
    """CREATE TRIGGER utterance_fts_au AFTER UPDATE OF text ON utterance BEGIN
        INSERT INTO utterance_fts(utterance_fts, rowid, text, norm) VALUES ('delete', old.id, old.text,
            coalesce((SELECT norm FROM utterance_norm WHERE utterance_id = old.id), ''));
        DELETE FROM utterance_norm WHERE utterance_id = old.id;
        INSERT INTO utterance_fts(rowid, text, norm) VALUES (new.id, new.text, '');
        INSERT OR IGNORE INTO search_pending(utterance_id) VALUES (new.id);
    END""",
    "INSERT INTO utterance_fts(utterance_fts) VALUES ('rebuild')",
    "INSERT OR IGNORE INTO search_pending(utterance_id) SELECT id FROM utterance",
]


def upgrade() -> None:
    op.create_table(
        "clip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("start", sa.Float(), nullable=False),
        sa.Column("end", sa.Float(), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("audio_path", sa.String(), nullable=True),
        sa.Column("transcript_path", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_clip_call_id", "clip", ["call_id"])
    op.create_table(
        "collection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_collection_name", "collection", ["name"], unique=True)
    op.create_table(
        "collectionclip",
        sa.Column("collection_id", sa.Integer(), nullable=False),
        sa.Column("clip_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["collection_id"], ["collection.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["clip_id"], ["clip.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("collection_id", "clip_id"),
    )
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outcome_account_id", "outcome", ["account_id"])
    op.create_index("ix_outcome_status", "outcome", ["status"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("utterance_fts_ai", "utterance_fts_ad", "utterance_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("utterance_vocab", "utterance_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
        op.execute("DROP VIEW IF EXISTS utterance_doc")
        op.execute("DROP TABLE IF EXISTS search_pending")
        op.execute("DROP TABLE IF EXISTS utterance_norm")
    op.drop_table("outcome")
    op.drop_table("collectionclip")
    op.drop_table("collection")
    op.drop_table("clip")
