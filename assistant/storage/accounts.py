"""Accounts from the CRM: the account's CRM columns, contacts and ARR history (migrations 0004, 0005).

Accounts are found by name or CRM id case-insensitively through the indexed case-folded keys
(``Account.name_key``, ``Account.external_id_key``), so an import costs one index lookup per row.
Keyword-only functions; they take and return the records of ``assistant.records.accounts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import process
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from assistant.errors import NotFoundError
from assistant.records.accounts import AccountActivity, AccountRecord, AccountRow, ArrChange, Contact, ImportProblem
from assistant.storage.db import Store
from assistant.storage.tables import Account, ArrRow, Call, ContactRow, Hit, OutcomeRow, fold, utcnow

FIELDS: tuple[str, ...] = ("name", "external_id", "owner", "customer_since", "renewal_date", "churned_on", "status")
FIELDS += ("arr", "mrr", "currency")


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    calls_linked: int = 0


# ---- import ---------------------------------------------------------------------------------------------


def upsert_accounts(store: Store, *, rows: Sequence[AccountRow], path: str, as_of: date) -> UpsertResult:
    """Create or update every row in one transaction; a row that clashes is reported and left out."""
    result = UpsertResult()
    with store.transaction() as session:
        for row in rows:
            existing, problem = _match(session, row, path)
            if problem:
                result.errors.append(ImportProblem(row.line, "name", problem))
                continue
            account_id, changed = _write(session, row, existing)
            changed |= _write_arr(session, account_id, row, as_of, new=existing is None)
            changed |= _write_contacts(session, account_id, row.contacts, new=existing is None)
            kind = "created" if existing is None else "updated" if changed else "unchanged"
            setattr(result, kind, getattr(result, kind) + 1)
        result.calls_linked = _link_stubs(session, [r.external_id for r in rows if r.external_id])
    return result


def _find(session: Session, column: str, value: str) -> Account | None:
    """The account whose ``name`` or ``external_id`` is ``value``, case-insensitively (exact spelling first)."""
    key = getattr(Account, f"{column}_key")
    exact = getattr(Account, column) == value
    return session.exec(select(Account).where(key == fold(value)).order_by(exact.desc(), col(Account.id))).first()


def _match(session: Session, row: AccountRow, path: str) -> tuple[Account | None, str | None]:
    by_name = _find(session, "name", row.name)
    by_id = _find(session, "external_id", row.external_id) if row.external_id else None
    if by_id is None:
        if by_name and by_name.external_id and row.external_id and by_name.external_id != row.external_id:
            return None, (
                f"{path}:{row.line}: account '{row.name}' is already stored with CRM id '{by_name.external_id}', "
                f"this row has id '{row.external_id}': two CRM records share a name; rename one or merge them"
            )
        return by_name, None
    if by_name and by_name.id != by_id.id and by_name.external_id:
        return None, (
            f"{path}:{row.line}: cannot rename '{by_id.name}' (id '{row.external_id}') to '{row.name}': "
            f"that name belongs to the account with id '{by_name.external_id}'"
        )
    return by_id, None


def _values(row: AccountRow) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in FIELDS if getattr(row, name) is not None}
    if row.arr is None and row.mrr is not None:
        values["arr"] = row.mrr * 12
    return values


def _write(session: Session, row: AccountRow, existing: Account | None) -> tuple[int, bool]:
    values = _values(row)
    account = existing or Account(name=row.name, created_at=utcnow())
    changes = {k: v for k, v in values.items() if getattr(account, k) != v}
    if existing is None or changes:
        for name, value in {**changes, "updated_at": utcnow()}.items():
            setattr(account, name, value)
        session.add(account)
        session.flush()
    assert account.id is not None
    return account.id, existing is None or bool(changes)


def _write_arr(session: Session, account_id: int, row: AccountRow, as_of: date, *, new: bool) -> bool:
    arr = row.arr if row.arr is not None else row.mrr * 12 if row.mrr is not None else None
    if arr is None:
        return False
    query = select(ArrRow).where(ArrRow.account_id == account_id).order_by(col(ArrRow.on))
    history = [] if new else session.exec(query).all()  # a new account has no history: no query
    if history and history[-1].arr == arr:
        return False
    on = as_of if history else min(row.customer_since or as_of, as_of)
    same_day = next((h for h in history if h.on == on), None)
    session.add(ArrRow(account_id=account_id, on=on, arr=arr) if same_day is None else same_day)
    if same_day is not None:
        same_day.arr = arr
    return True


def _write_contacts(session: Session, account_id: int, contacts: Sequence[Contact], *, new: bool) -> bool:
    if not contacts:
        return False
    query = select(ContactRow).where(ContactRow.account_id == account_id)
    stored = {} if new else {c.key: c for c in session.exec(query).all()}  # one query per account, not per contact
    changed = False
    for c in contacts:
        key = c.name.lower()
        row = stored.get(key)
        if row is None:
            stored[key] = ContactRow(account_id=account_id, name=c.name, key=key, title=c.title, email=c.email)
            session.add(stored[key])
            changed = True
        elif (c.title and c.title != row.title) or (c.email and c.email != row.email):
            row.title, row.email = c.title or row.title, c.email or row.email
            session.add(row)
            changed = True
    return changed  # written at the next flush, together with the next row's account


def _stubs(session: Session, external_ids: Sequence[str]) -> list[str]:
    """The CRM ids that are also the name of an account without a CRM id (made by ingest), by index lookups."""
    keys = sorted({k for k in map(fold, external_ids) if k})
    names: set[str] = set()
    for at in range(0, len(keys), 500):
        query = select(Account.name_key).where(
            col(Account.external_id).is_(None), col(Account.name_key).in_(keys[at : at + 500])
        )
        names.update(k for k in session.exec(query).all() if k)
    return [ext for ext in external_ids if fold(ext) in names]


def _link_stubs(session: Session, external_ids: Sequence[str]) -> int:
    """Calls ingested under a CRM id as account name move to the imported account; the stub goes."""
    moved = 0
    for ext in _stubs(session, external_ids):
        target, stub = _find(session, "external_id", ext), _find(session, "name", ext)
        if target is None or stub is None or stub.id == target.id or stub.external_id:
            continue
        result: Any = session.execute(update(Call).where(col(Call.account_id) == stub.id).values(account_id=target.id))
        moved += result.rowcount
        session.execute(update(OutcomeRow).where(col(OutcomeRow.account_id) == stub.id).values(account_id=target.id))
        session.delete(stub)
        session.flush()
    return moved


# ---- reading --------------------------------------------------------------------------------------------


def _record(session: Session, row: Account) -> AccountRecord:
    contacts = session.exec(select(ContactRow).where(ContactRow.account_id == row.id).order_by(col(ContactRow.id)))
    history = session.exec(select(ArrRow).where(ArrRow.account_id == row.id).order_by(col(ArrRow.on)))
    calls = session.exec(select(func.count()).select_from(Call).where(Call.account_id == row.id)).one()
    return AccountRecord(
        **{k: getattr(row, k) for k in ("id", *FIELDS)},
        contacts=tuple(Contact(c.name, c.title, c.email) for c in contacts),
        arr_history=tuple(ArrChange(h.on, h.arr) for h in history),
        calls=int(calls),
    )


def get_account(store: Store, *, name: str) -> AccountRecord:
    """The account with that name or CRM id (case-insensitive); NotFoundError suggests a close name."""
    with store.read() as session:
        row = _find(session, "name", name.strip()) or _find(session, "external_id", name.strip())
        if row is None:
            names = list(session.exec(select(Account.name)).all())
            close = process.extractOne(name, names, score_cutoff=70) if names else None
            hint = f" (did you mean {close[0]!r}?)" if close else " (see `assistant accounts list`)"
            raise NotFoundError(f"account: no account named {name!r}{hint}")
        return _record(session, row)


def list_accounts(store: Store) -> list[AccountRecord]:
    with store.read() as session:
        rows = session.exec(select(Account).order_by(col(Account.name_key), col(Account.id))).all()
        return [_record(session, r) for r in rows]


def call_ids(store: Store, *, account_id: int) -> list[int]:
    """Ids of the account's calls, oldest id first."""
    with store.read() as session:
        query = select(Call.id).where(Call.account_id == account_id).order_by(col(Call.id))
        return [i for i in session.exec(query).all() if i is not None]


def account_activity(store: Store) -> list[AccountActivity]:
    """Per account with calls: trackers/categories that fired (customer, not negated, not hypothetical)."""
    with store.read() as session:
        calls = session.exec(select(Call).where(col(Call.account_id).is_not(None))).all()
        hits = session.exec(
            select(Call.account_id, Hit.rule, Hit.category)
            .join(Call, col(Call.id) == col(Hit.call_id))
            .where(Hit.role == "customer", col(Hit.negated).is_(False), col(Hit.hypothetical).is_(False))
        ).all()
        names = {i: n for i, n in session.exec(select(Account.id, Account.name)).all() if i is not None}
    return _activity(calls, hits, names)


def _activity(calls: Sequence[Call], hits: Sequence[Any], names: dict[int, str]) -> list[AccountActivity]:
    scores: dict[int, list[tuple[Any, float]]] = {}
    for c in calls:
        if c.account_id is not None and c.risk_score is not None:
            scores.setdefault(c.account_id, []).append((c.recorded_at or c.created_at, c.risk_score))
    fired: dict[int, tuple[set[str], set[str]]] = {}
    for account_id, rule, category in hits:
        rules, cats = fired.setdefault(account_id, (set(), set()))
        rules.add(rule)
        cats.add(category)
    ids = sorted({c.account_id for c in calls if c.account_id is not None})
    return [
        AccountActivity(
            account_id=i,
            name=names.get(i, str(i)),
            rules=frozenset(fired.get(i, (set(), set()))[0]),
            categories=frozenset(fired.get(i, (set(), set()))[1]),
            call_scores=tuple(s for _, s in sorted(scores.get(i, []), key=lambda p: str(p[0]))),
        )
        for i in ids
    ]
