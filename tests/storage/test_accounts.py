"""Account storage (migration 0004): CRM columns beside the lead's Account table, contacts, ARR history,
upgrade of a database that already holds accounts, and which hits count as a signal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from assistant.accounts.records import AccountRow, Contact
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.settings import Settings
from assistant.storage import accounts, calls
from assistant.storage.db import Store, _alembic_config, head_revisions
from tests.accounts.helpers import hit, save


def test_migration_adds_columns_and_tables(settings: Settings) -> None:
    store = Store.open(settings)
    assert "0004" in head_revisions() and "0004" in store.current_revisions()
    schema = inspect(store.engine)
    columns = {c["name"] for c in schema.get_columns("account")}
    assert {"external_id", "owner", "customer_since", "churned_on", "status", "mrr", "currency"} <= columns
    assert {"account_contact", "account_arr"} <= set(schema.get_table_names())


def test_upgrade_keeps_accounts_made_by_ingest_and_my_branch_downgrades_alone(settings: Settings) -> None:
    store = Store.open(settings)
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0004-1")
    assert "0004" not in store.current_revisions()
    transcript = Transcript((Utterance("Jane", "customer", 0, 1, "Hi."),), "en", 1.0, "vtt")
    metadata = CallMetadata(account="Acme", arr=1000.0, renewal_date=date(2026, 5, 1))
    calls.save_call(store, source=SourceFile(Path("/a.vtt"), "h", 1), transcript=transcript, metadata=metadata)
    store = Store.open(settings)  # upgrades again
    acme = accounts.get_account(store, name="ACME")
    assert (acme.arr, acme.renewal_date, acme.calls, acme.customer_since, acme.contacts) == (
        1000.0,
        date(2026, 5, 1),
        1,
        None,
        (),
    )


def test_upsert_round_trip_and_counts(settings: Settings) -> None:
    store = Store.open(settings)
    row = AccountRow(
        line=2,
        name="Acme",
        external_id="A1",
        owner="Alex",
        customer_since=date(2024, 1, 1),
        arr=100.0,
        contacts=(Contact("Jane", "CFO", "jane@acme.com"),),
    )
    first = accounts.upsert_accounts(store, rows=[row], path="crm.csv", as_of=date(2026, 1, 1))
    again = accounts.upsert_accounts(store, rows=[row], path="crm.csv", as_of=date(2026, 2, 1))
    assert (first.created, again.unchanged) == (1, 1)
    renamed = accounts.upsert_accounts(
        store, rows=[AccountRow(3, "Acme Inc", "A1")], path="b.csv", as_of=date(2026, 2, 1)
    )
    assert renamed.updated == 1
    stored = accounts.get_account(store, name="acme inc")
    assert (stored.name, stored.owner, stored.contacts[0].email) == ("Acme Inc", "Alex", "jane@acme.com")
    assert [(h.on, h.arr) for h in stored.arr_history] == [(date(2024, 1, 1), 100.0)]


def test_activity_counts_only_customer_hits_that_are_not_negated_or_hypothetical(settings: Settings) -> None:
    store = Store.open(settings)
    save(
        store,
        "Acme",
        "2026-01-01",
        40.0,
        hits=(
            hit("price_too_high", "price", "Too expensive."),
            hit("competitor", "competitor", "Not looking at others.", negated=True),
            hit("cancel", "cancellation", "If it fails we would cancel.", hypothetical=True),
            hit("budget_cut", "budget", "Our budget is fine, yours?", role="rep"),
        ),
    )
    save(store, "Acme", "2026-02-01", 70.0)
    (activity,) = accounts.account_activity(store)
    assert (activity.name, activity.rules, activity.categories) == ("Acme", {"price_too_high"}, {"price"})
    assert activity.call_scores == (40.0, 70.0)
