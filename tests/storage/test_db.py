"""The database opens, migrates once, keeps data across re-opens, and refuses a newer schema."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from assistant.errors import MigrationError
from assistant.settings import Settings
from assistant.storage.db import Store, _alembic_config, head_revisions


def test_open_creates_the_file_and_migrates(settings: Settings) -> None:
    store = Store.open(settings)
    assert (settings.data_dir / "assistant.db").is_file() == (store.engine.dialect.name == "sqlite")
    assert store.current_revisions() == head_revisions()


def test_reopen_keeps_data_and_does_not_back_up(settings: Settings) -> None:
    store = Store.open(settings)
    with store.transaction() as session:
        session.execute(text("insert into account (name, created_at) values ('Acme', '2026-01-01')"))
    store.close()
    again = Store.open(settings)
    with again.read() as session:
        assert session.execute(text("select name from account")).scalar() == "Acme"
    assert not list(settings.data_dir.glob("*.bak"))


def test_upgrade_from_an_older_schema_keeps_data_and_backs_up_first(settings: Settings) -> None:
    if head_revisions() == {"0001"}:
        pytest.skip("only the initial revision exists: nothing to upgrade from")
    store = Store.open(settings)
    with store.transaction() as session:
        session.execute(text("insert into account (name, created_at) values ('Acme', '2026-01-01')"))
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    assert store.current_revisions() == {"0001"}
    store.close()
    again = Store.open(settings)
    assert again.current_revisions() == head_revisions()
    with again.read() as session:
        assert session.execute(text("select name from account")).scalar() == "Acme"
    backups = list(settings.data_dir.glob("assistant.db.before-upgrade-from-0001.bak"))
    assert len(backups) == (1 if again.engine.dialect.name == "sqlite" else 0)  # PostgreSQL: pg_dump is yours


def test_a_newer_schema_is_refused(settings: Settings) -> None:
    store = Store.open(settings)
    with store.transaction() as session:
        session.execute(
            text(
                "update alembic_version set version_num = 'not-a-known-revision' "
                "where version_num = (select min(version_num) from alembic_version)"
            )
        )
    with pytest.raises(MigrationError, match="newer than this version"):
        Store.open(settings)


def test_failed_transaction_rolls_back(settings: Settings) -> None:
    store = Store.open(settings)
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.execute(text("insert into account (name, created_at) values ('Acme', '2026-01-01')"))
        raise RuntimeError("boom")
    with store.read() as session:
        assert session.execute(text("select count(*) from account")).scalar() == 0


def test_bad_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="nosuchdialect"):
        Store.open_url("nosuchdialect://x")


def test_unreachable_server_names_the_url_without_the_password(tmp_path: Path) -> None:
    from assistant.errors import StorageError

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+psycopg://app:hunter2@127.0.0.1:{port}/calls"
    with pytest.raises(StorageError) as caught:
        Store.open_url(url)
    message = str(caught.value)
    assert f"postgresql+psycopg://app:***@127.0.0.1:{port}/calls" in message
    assert "hunter2" not in message and "cannot connect" in message
