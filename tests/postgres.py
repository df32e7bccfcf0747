"""A throwaway PostgreSQL for the tests: the URL in ``ASSISTANT_TEST_POSTGRES_URL`` (``.ci/run`` starts a
cluster and exports it), else a cluster this session starts itself with ``scripts/pg-cluster`` in a temp
folder and stops at the end. Tests that need one skip with the reason only when no PostgreSQL binaries
exist at all. Each test gets its own database, copied from a template migrated once per session
(``CREATE DATABASE ... TEMPLATE``: a few ms instead of running every migration again).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
CLUSTER = REPO / "scripts" / "pg-cluster"
ENV = "ASSISTANT_TEST_POSTGRES_URL"
TEMPLATE = "assistant_template"
NO_BINARIES = 3


class Unavailable(Exception):
    """No PostgreSQL server can be had: the message says why (and how to get one)."""


@contextmanager
def server() -> Iterator[str]:
    """The URL of a PostgreSQL server (an ``…/postgres`` maintenance database) for the session."""
    if url := os.environ.get(ENV):
        yield url
        return
    folder = tempfile.mkdtemp(prefix="assistant-pg-")
    started = subprocess.run([str(CLUSTER), "start", folder], capture_output=True, text=True)
    try:
        if started.returncode == NO_BINARIES:
            raise Unavailable(f"no PostgreSQL binaries (apt-get install -y postgresql): {started.stderr.strip()}")
        if started.returncode != 0:
            raise RuntimeError(f"scripts/pg-cluster start failed: {started.stderr.strip()}")
        yield started.stdout.strip()
    finally:
        subprocess.run([str(CLUSTER), "stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _admin(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def database_url(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def make_template(server_url: str) -> str:
    """A database at the newest schema, to copy per test."""
    from assistant.storage.db import Store

    _admin(server_url, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)", f"CREATE DATABASE {TEMPLATE}")
    url = database_url(server_url, TEMPLATE)
    Store.open_url(url).close()
    return url


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new database copied from the template; dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    try:
        yield database_url(server_url, name)
    finally:
        _admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
