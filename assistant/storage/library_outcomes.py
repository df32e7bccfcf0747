"""Outcomes per account (and optionally per call): renewed, expanded, downgraded, churned, open."""

from __future__ import annotations

from datetime import date

from rapidfuzz import process
from sqlmodel import Session, col, select

from assistant.errors import NotFoundError, StorageError
from assistant.records.library import OUTCOME_STATUSES, Outcome
from assistant.storage.db import Store
from assistant.storage.tables import Account, Call, OutcomeRow, fold


def find_account(session: Session, name: str) -> Account:
    """The account of that name (case-insensitive), or a NotFoundError that suggests a close name."""
    account = session.exec(select(Account).where(Account.name_key == fold(name)).order_by(col(Account.id))).first()
    if account is not None:
        return account
    names = list(session.exec(select(Account.name)).all())
    close = process.extractOne(name, names, score_cutoff=70) if names else None
    hint = f" (did you mean {close[0]!r}?)" if close else " (see `assistant calls list` for accounts)"
    raise NotFoundError(f"account: no account named {name!r}{hint}")


def _record(row: OutcomeRow, account: str) -> Outcome:
    assert row.id is not None
    return Outcome(id=row.id, account=account, status=row.status, on=row.on, call_id=row.call_id, note=row.note)


def set_outcome(
    store: Store, *, account: str, status: str, on: date | None = None, call_id: int | None = None, note: str = ""
) -> Outcome:
    """Record an outcome for an account (and, optionally, one of its calls); the newest one counts."""
    status = status.strip().lower()
    if status not in OUTCOME_STATUSES:
        raise StorageError(f"status: {status!r} is not one of {', '.join(OUTCOME_STATUSES)}")
    with store.transaction() as session:
        acc = find_account(session, account)
        if call_id is not None:
            call = session.get(Call, call_id)
            if call is None or call.account_id != acc.id:
                raise NotFoundError(f"call: no call {call_id} of account {acc.name!r} (see `assistant calls list`)")
        assert acc.id is not None
        row = OutcomeRow(account_id=acc.id, call_id=call_id, status=status, on=on, note=note)
        session.add(row)
        session.flush()
        return _record(row, acc.name)


def list_outcomes(store: Store, *, account: str | None = None) -> list[Outcome]:
    with store.read() as session:
        query = select(OutcomeRow, Account).join(Account).order_by(col(OutcomeRow.id))
        if account is not None:
            query = query.where(OutcomeRow.account_id == find_account(session, account).id)
        return [_record(row, acc.name) for row, acc in session.exec(query).all()]


def current_outcomes(store: Store) -> dict[int, Outcome]:
    """The outcome that counts for each call: the call's own newest outcome, else its account's newest."""
    with store.read() as session:
        rows = session.exec(select(OutcomeRow, Account).join(Account).order_by(col(OutcomeRow.id))).all()
        calls = session.exec(select(Call.id, Call.account_id)).all()
    by_account: dict[int, Outcome] = {}
    by_call: dict[int, Outcome] = {}
    for row, acc in rows:  # ordered oldest first: later rows win
        target = by_call if row.call_id is not None else by_account
        key = row.call_id if row.call_id is not None else row.account_id
        target[key] = _record(row, acc.name)
    result: dict[int, Outcome] = {}
    for call_id, account_id in calls:
        if call_id is None:
            continue
        outcome = by_call.get(call_id) or (by_account.get(account_id) if account_id is not None else None)
        if outcome is not None:
            result[call_id] = outcome
    return result
