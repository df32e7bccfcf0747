"""Opening a new data folder is safe with several processes at once (the first migration runs once, the
others wait for it), and what it creates is private to its owner (folder 0700, database 0600)."""

from __future__ import annotations

import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.settings import Settings
from assistant.storage.db import Store, head_revisions
from tests import postgres
from tests.conftest import REPO

PROCESSES = 6


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_processes_opening_a_new_data_folder_at_once_all_succeed(settings: Settings) -> None:
    _run_all([sys.executable, "-m", "tests.storage.workers", "open", str(settings.data_dir)], PROCESSES)
    store = Store.open(settings)
    assert store.current_revisions() == head_revisions()
    assert store.schema_drift() == []
    assert not list(settings.data_dir.glob("*.bak"))  # a new folder: nothing to back up, nothing upgraded twice
    store.close()


def _run_all(cmd: list[str], n: int) -> None:
    procs = [subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    codes = [p.wait(timeout=180) for p in procs]
    failures = [p.stderr.read()[-2000:] if p.stderr else "" for p, code in zip(procs, codes, strict=True) if code]
    assert not failures, "\n".join(failures)


def test_workers_upgrading_a_new_postgresql_database_at_once_all_succeed(postgres_server: str) -> None:
    """Several machines' first start on one empty PostgreSQL database: the advisory lock lets one migrate
    while the others wait (without it, they collide on CREATE TABLE / the alembic_version row)."""
    name = f"test_empty_{uuid.uuid4().hex[:10]}"
    postgres._admin(postgres_server, f"CREATE DATABASE {name}")  # empty: no template
    url = postgres.database_url(postgres_server, name)
    try:
        _run_all([sys.executable, "-m", "tests.storage.workers", "open_url", url], PROCESSES)
        store = Store.open_url(url, migrate=False)  # refuses unless the schema is exactly current
        assert store.schema_drift() == []
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        store.close()
    finally:
        postgres._admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.sqlite_only  # the database file's permissions
def test_the_data_folder_and_database_are_owner_only(settings: Settings) -> None:
    Store.open(settings).close()
    assert _mode(settings.data_dir) == 0o700
    database = settings.data_dir / "assistant.db"
    assert _mode(database) == 0o600
    for companion in settings.data_dir.glob("assistant.db*"):  # -wal, -shm, the migration lock
        assert _mode(companion) & 0o077 == 0, companion


@pytest.mark.sqlite_only  # the database file's permissions
def test_an_existing_folder_keeps_its_mode(settings: Settings) -> None:
    settings.data_dir.mkdir(mode=0o755)
    settings.data_dir.chmod(0o755)
    Store.open(settings).close()
    assert _mode(settings.data_dir) == 0o755  # the owner chose it; only the files inside are created private
    assert _mode(settings.data_dir / "assistant.db") == 0o600
