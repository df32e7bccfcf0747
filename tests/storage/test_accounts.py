"""Account storage: CRM columns on Account with case-folded lookup keys, contacts, ARR history, and which
hits count as a signal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect

from assistant.records.accounts import AccountRow, Contact
from assistant.settings import Settings
from assistant.storage import accounts
from assistant.storage.db import Store
from tests.accounts.helpers import hit, save


def test_migration_adds_columns_and_tables(settings: Settings) -> None:
    store = Store.open(settings)
    schema = inspect(store.engine)
    columns = {c["name"] for c in schema.get_columns("account")}
    assert {"external_id", "owner", "customer_since", "churned_on", "status", "mrr", "currency"} <= columns
    assert {"name_key", "external_id_key"} <= columns
    assert {"account_contact", "account_arr"} <= set(schema.get_table_names())
    indexed = {tuple(i["column_names"]) for i in schema.get_indexes("account")}
    assert {("name_key",), ("external_id_key",)} <= indexed


# Accounts made by ingest before the CRM columns existed: tests/storage/test_schema.py builds such a
# database with the first schema version's own SQL and upgrades it.


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
