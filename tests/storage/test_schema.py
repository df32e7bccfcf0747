"""One schema: one migration head, migrations that build exactly the table classes, and a database made by
the first landed schema version that upgrades to the head with nothing lost."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from assistant.library.search import backend
from assistant.settings import Settings
from assistant.storage import accounts, calls
from assistant.storage.db import MIGRATIONS, Store, head_revisions
from assistant.storage.tables import fold, is_search_internal
from tests.storage.old_schema import ROWS, first_version_database, table_rows


def test_there_is_exactly_one_head_and_every_revision_leads_to_it() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert len(head_revisions()) == 1, f"several migration heads: {head_revisions()} (add a merge revision)"
    (head,) = head_revisions()
    reachable = {r.revision for r in script.iterate_revisions(head, "base")}
    assert reachable == {r.revision for r in script.walk_revisions()}


def test_a_migrated_database_matches_the_table_classes(settings: Settings) -> None:
    store = Store.open(settings)
    assert store.schema_drift() == []
    tables = {t for t in inspect(store.engine).get_table_names() if not is_search_internal(t)}
    assert tables - {"alembic_version"} == set(SQLModel.metadata.tables)


def test_the_drift_check_sees_a_column_the_migrations_lack(settings: Settings) -> None:
    store = Store.open(settings)
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE call ADD COLUMN stray INTEGER"))
    assert [d[0] for d in store.schema_drift()] == ["remove_column"]


@pytest.mark.sqlite_only  # the first version was SQLite-only (FTS5, a file to back up)
def test_a_first_version_database_upgrades_with_nothing_lost(settings: Settings) -> None:
    first_version_database(settings)
    store = Store.open(settings)
    assert store.current_revisions() == head_revisions()
    assert store.schema_drift() == []
    with store.engine.connect() as conn:
        for table, rows in ROWS.items():
            assert table_rows(conn, table) == rows, table
        keys = conn.execute(text("SELECT name_key FROM account ORDER BY id")).scalars().all()
    assert keys == [fold(r["name"]) for r in ROWS["account"]]
    detail = calls.get_call(store, call_id=1)
    assert detail.analysis is not None and detail.analysis.hits[0].rule == "price_too_high"
    assert [u.text for u in detail.transcript.utterances][1] == "Our CFO says the price is too high."
    assert accounts.get_account(store, name="трансЛАЙН").calls == 1  # found through the backfilled key
    search = backend(store)
    assert [h.utterance_id for h in search.search("disdetta").hits] == [3]
    assert [h.utterance_id for h in search.search('"price is too high"').hits] == [2]
    assert list(settings.data_dir.glob("assistant.db.before-upgrade-from-0001.bak"))


@pytest.mark.sqlite_only  # the first version was SQLite-only (FTS5, a file to back up)
def test_accounts_made_by_ingest_before_the_crm_columns_survive_the_upgrade(settings: Settings) -> None:
    first_version_database(settings)
    store = Store.open(settings)
    acme = accounts.get_account(store, name="ACME")
    assert (acme.arr, acme.renewal_date.isoformat() if acme.renewal_date else None, acme.calls) == (
        1000.0,
        "2026-05-01",
        1,
    )
    assert (acme.external_id, acme.customer_since, acme.contacts, acme.arr_history) == (None, None, (), ())
