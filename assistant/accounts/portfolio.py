"""Library functions the CLI calls: import a CRM file, churn over stored accounts, signals over stored calls.

Each reads the store through ``assistant.storage.accounts`` and hands plain records to the pure maths.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.accounts import churn, signals
from assistant.accounts.crm_import import parse_crm_csv
from assistant.records.accounts import AccountRecord, AccountSignals, Customer, ImportReport, PeriodChurn, SignalsReport
from assistant.storage import accounts as stored
from assistant.storage.db import Store
from assistant.storage.library_outcomes import list_outcomes


def import_csv(store: Store, path: Path, *, as_of: date | None = None, day_first: bool = False) -> ImportReport:
    """Parse the CRM export and load its good rows in one transaction; same file twice changes nothing."""
    parsed = parse_crm_csv(path, day_first=day_first)
    result = stored.upsert_accounts(store, rows=parsed.rows, path=str(path), as_of=as_of or date.today())
    errors = sorted([*parsed.errors, *result.errors], key=lambda p: p.line)
    return ImportReport(
        path=str(path),
        rows=parsed.total,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=tuple(errors),
        warnings=tuple(parsed.warnings),
        calls_linked=result.calls_linked,
    )


def customers(accounts: list[AccountRecord]) -> tuple[list[Customer], list[str]]:
    """Accounts that churn maths can use, and one note per kind of account left out."""
    usable = [
        Customer(a.name, a.customer_since, a.churned_on, a.arr_history)
        for a in accounts
        if a.customer_since is not None and not (a.status == "churned" and a.churned_on is None)
    ]
    notes = []
    if missing := sum(1 for a in accounts if a.customer_since is None):
        notes.append(f"{missing} account(s) have no customer-since date and are left out (import it from the CRM)")
    if undated := sum(1 for a in accounts if a.customer_since and a.status == "churned" and a.churned_on is None):
        notes.append(f"{undated} churned account(s) have no churn date and are left out")
    return usable, notes


def churn_report(store: Store, first: date, last: date, per: str = "range") -> tuple[list[PeriodChurn], list[str]]:
    usable, notes = customers(stored.list_accounts(store))
    if not usable:
        notes.append("no accounts with a customer-since date: run `assistant accounts import FILE.csv` first")
    return churn.churn_series(usable, first, last, per), notes


def _outcomes(store: Store) -> dict[str, str]:
    """Newest library outcome per account name (lower-cased)."""
    return {o.account.lower(): o.status for o in list_outcomes(store)}


def ending(account: AccountRecord, outcome: str | None) -> bool | None:
    """True = churned, False = stayed (renewed / expanded / downgraded), None = not known yet."""
    if account.churned_on is not None or account.status == "churned" or outcome == "churned":
        return True
    if outcome in ("renewed", "expanded", "downgraded"):
        return False
    return None


def signal_accounts(store: Store) -> list[AccountSignals]:
    records = {a.id: a for a in stored.list_accounts(store)}
    outcomes = _outcomes(store)
    out = []
    for act in stored.account_activity(store):
        account = records.get(act.account_id)
        churned = ending(account, outcomes.get(act.name.lower())) if account else None
        if churned is None:
            continue
        score = max(act.call_scores) if act.call_scores else None
        out.append(AccountSignals(act.name, churned, act.rules, act.categories, score, act.call_scores))
    return out


def signals_report(store: Store, *, min_churned: int = signals.MIN_EVENTS) -> SignalsReport:
    return signals.analyse(signal_accounts(store), min_events=min_churned)
