"""Alembic environment: runs on the connection the Store hands over (no alembic.ini, no URL here).

Every table is a SQLModel class in ``assistant.storage.tables``, so ``SQLModel.metadata`` is the whole
schema; the FTS5 tables of search are left out of comparisons (``db.include_object``).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from assistant.storage.db import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER via table copies
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
