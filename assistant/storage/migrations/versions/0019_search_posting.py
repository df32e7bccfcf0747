"""PostgreSQL search: search_posting, each indexed word's utterances (a btree on (term, utterance_id))

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 19:30:00

PostgreSQL only. A tier of a search is the newest matches of its query (see ``storage.search.fts5``); FTS5
reads them from each word's doclist, newest first, but PostgreSQL's GIN index cannot return matches in id
order, so a common word's tier walked the table backwards checking every row (a 1-in-40 filter: ~41,000 rows
for ``price``, ~127,000 for a common phrase). ``search_posting`` holds one row per (lexeme, utterance) of
``utterance_search.doc``: a backward index-only scan of one term gives its newest utterances as FTS5's
doclist does, and the search checks each against its document (``storage.search.pg_plan``). The index also holds each
utterance's call: a filter on the call then needs no visit to the utterance row (10 µs each on 1M rows). ``refresh()``
writes the rows of each document it indexes; a trigger on ``utterance_search`` deletes a document's rows
with it (or before it changes), by the document's own lexemes. Existing documents get their rows here.
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# Filled before its key is made (one sorted build, not a million index insertions); a document's lexemes are
# distinct, so the key holds. "C" collation: a prefix's words are exactly a range of ``term`` (pg_plan).
_TABLE = """CREATE TABLE search_posting (
    term TEXT COLLATE "C" NOT NULL, utterance_id INTEGER NOT NULL, call_id INTEGER NOT NULL)"""
_FILL = """INSERT INTO search_posting(term, utterance_id, call_id)
    SELECT w.lexeme, s.utterance_id, u.call_id FROM utterance_search s JOIN utterance u ON u.id = s.utterance_id,
    unnest(s.doc) AS w"""
_KEY = "ALTER TABLE search_posting ADD PRIMARY KEY (term, utterance_id) INCLUDE (call_id)"

# A document's postings go with it, however it goes (an edit or a delete of its utterance, a cascade from its
# call, an upsert by the refresh), by the lexemes of the document itself: one key probe each.
_DROP = [
    """CREATE FUNCTION search_posting_drop() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_posting p USING unnest(OLD.doc) AS w
        WHERE p.term = w.lexeme AND p.utterance_id = OLD.utterance_id;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$""",
    """CREATE TRIGGER search_posting_drop BEFORE DELETE OR UPDATE OF doc ON utterance_search
        FOR EACH ROW EXECUTE FUNCTION search_posting_drop()""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (_TABLE, _FILL, _KEY, *_DROP):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS search_posting_drop ON utterance_search")
        op.execute("DROP FUNCTION IF EXISTS search_posting_drop()")
        op.execute("DROP TABLE IF EXISTS search_posting")
