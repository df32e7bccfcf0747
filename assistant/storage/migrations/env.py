"""Alembic environment: runs on the connection the Store hands over (no alembic.ini, no URL here)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from assistant.storage import tables  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER via table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
