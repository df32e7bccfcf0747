"""Write a new migration on the single head, generated from what the table classes add to a database
migrated to the head (Alembic autogenerate; the FTS5 tables of search are left out):

    .venv/bin/python -m assistant.storage.revision "clips get a rating"

The revision is numbered after the head (0007 → 0008) and written to storage/migrations/versions/. Read it
before committing: autogenerate cannot tell a rename from a drop and an add, nor write data migrations.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from assistant.storage.db import MIGRATIONS, Store, _alembic_config


def next_id(folder: Path = MIGRATIONS) -> str:
    """The id after the single head: ``0007`` → ``0008``."""
    (head,) = ScriptDirectory(str(folder)).get_heads()
    return f"{int(head) + 1:04d}" if head.isdigit() else f"{head}_1"


def new_revision(message: str, folder: Path = MIGRATIONS) -> Path:
    """Generate the migration file for ``message`` in ``folder``; returns its path."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open_url(f"sqlite:///{Path(tmp) / 'head.db'}")
        with store.engine.begin() as conn:
            config = _alembic_config(conn)
            config.set_main_option("script_location", str(folder))
            script = command.revision(config, message=message, autogenerate=True, rev_id=next_id(folder))
        store.close()
    if script is None or isinstance(script, list):
        raise RuntimeError("alembic wrote no single revision")
    return Path(script.path)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].strip():
        sys.exit('usage: python -m assistant.storage.revision "what the migration does"')
    print(new_revision(sys.argv[1].strip()))
