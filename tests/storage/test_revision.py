"""`python -m assistant.storage.revision` writes the next migration on the single head, from the table classes."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, Table
from sqlmodel import SQLModel

from assistant.storage.db import MIGRATIONS, head_revisions
from assistant.storage.revision import new_revision, next_id


def test_a_new_table_becomes_the_next_revision_on_the_head(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (head,) = head_revisions()
    extra = Table("rating", SQLModel.metadata, Column("id", Integer, primary_key=True))
    try:
        path = new_revision("clips get a rating", folder)
    finally:
        SQLModel.metadata.remove(extra)
    assert path.parent == folder / "versions" and path.name.startswith(next_id(MIGRATIONS))
    script = ScriptDirectory(str(folder))
    assert (
        script.get_heads() == [next_id(MIGRATIONS)] and script.get_revision(next_id(MIGRATIONS)).down_revision == head
    )
    text = path.read_text()
    assert "op.create_table('rating'" in text and "utterance_fts" not in text  # search internals left out
    assert "rating" not in SQLModel.metadata.tables  # the test's table is gone again
