"""The alert outbox and the watcher's memory: tables and keyword-only CRUD.

``enqueue`` runs inside the transaction that stores a call's analysis (``calls.save_call`` /
``save_analysis``): insert-if-absent on (content_hash, policy, channel), so a forced re-ingest or a
reanalysis never alerts twice for the same call and policy. Delivery claims a due row by committing
``attempts + 1`` and a lease (``leased_until``, and ``next_attempt_at`` as far) *before* sending, and records the
outcome after, ending the lease: a process killed mid-delivery leaves the row pending, to be sent again once
the lease runs out. Nothing else takes a leased row: ``reset_for_retry`` (`alerts retry`) leaves it alone.
With a job queue (PostgreSQL), ``enqueue``'s hook defers one delivery job per new alert in the same
transaction, and the job takes its alert with ``start_attempt`` instead: the queue's lock and its
dead-worker recovery stand in for the lease (it is written all the same, so `alerts retry` leaves an alert being sent
alone). Times are UTC.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from assistant.errors import NotFoundError
from assistant.records.alerts import (
    AlertDraft,
    AlertMessage,
    AlertStatus,
    ChannelSpec,
    RiskLine,
    StoredAlert,
    idempotency_key,
)
from assistant.storage.db import Store
from assistant.storage.tables import Account, Alert, Call, Hit, WatchedFile, fold


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    return _utc(value) if value is not None else None


# ---- writing alerts ------------------------------------------------------------------------------


def enqueue(
    session: Session,
    *,
    call_id: int,
    content_hash: str,
    drafts: Sequence[AlertDraft],
    hook: Callable[[Any, list[int]], None] | None = None,
) -> int:
    """Add the drafts not already in the outbox (same content, policy and channel); returns how many were new.
    Existing rows only learn the new call id (a forced re-ingest gives the call a new id). ``hook``: called
    in this transaction with its DBAPI connection and the new rows' ids (the job queue defers their jobs)."""
    added: list[Alert] = []
    for draft in drafts:
        row = session.exec(
            select(Alert).where(
                Alert.content_hash == content_hash, Alert.policy == draft.policy, Alert.channel == draft.channel.name
            )
        ).first()
        if row is not None:
            if row.call_id != call_id:
                row.call_id = call_id
                session.add(row)
            continue
        added.append(_new_row(call_id, content_hash, draft))
        session.add(added[-1])
    session.flush()
    if hook is not None and added:
        hook(session.connection().connection.dbapi_connection, [row.id for row in added if row.id is not None])
    return len(added)


def _new_row(call_id: int, content_hash: str, draft: AlertDraft) -> Alert:
    spec = draft.channel
    return Alert(
        call_id=call_id,
        content_hash=content_hash,
        policy=draft.policy,
        channel=spec.name,
        kind=spec.kind,
        target=json.dumps(asdict(spec)),
        key=idempotency_key(content_hash, draft.policy),
        message=json.dumps(asdict(draft.message), ensure_ascii=False),
        next_attempt_at=_now(),
    )


# ---- reading -------------------------------------------------------------------------------------


def _record(row: Alert) -> StoredAlert:
    assert row.id is not None  # rows read from the database have ids
    spec = json.loads(row.target)
    msg = json.loads(row.message)
    msg["risks"] = tuple(RiskLine(**r) for r in msg["risks"])
    for name in ("reasons", "executives", "recipients"):
        msg[name] = tuple(msg.get(name) or ())
    msg["call_id"] = row.call_id
    return StoredAlert(
        id=row.id,
        call_id=row.call_id,
        content_hash=row.content_hash,
        policy=row.policy,
        channel=ChannelSpec(kind=spec["kind"], name=spec["name"], url=spec.get("url"), to=tuple(spec.get("to") or ())),
        key=row.key,
        message=AlertMessage(**msg),
        status=row.status,  # type: ignore[arg-type]
        attempts=row.attempts,
        last_error=row.last_error,
        next_attempt_at=_aware(row.next_attempt_at),
        created_at=_aware(row.created_at) or row.created_at,
        sent_at=_aware(row.sent_at),
        history=tuple(json.loads(row.history or "[]")),
        leased_until=_aware(row.leased_until),
    )


def list_alerts(
    store: Store, *, status: AlertStatus | None = None, call_id: int | None = None, limit: int = 100
) -> list[StoredAlert]:
    with store.read() as session:
        query = select(Alert).order_by(col(Alert.id).desc())
        if status is not None:
            query = query.where(Alert.status == status)
        if call_id is not None:
            query = query.where(Alert.call_id == call_id)
        return [_record(r) for r in session.exec(query.limit(limit)).all()]


def get_alert(store: Store, *, alert_id: int) -> StoredAlert:
    with store.read() as session:
        row = session.get(Alert, alert_id)
        if row is None:
            raise NotFoundError(f"no alert with id {alert_id} (see `assistant alerts list`)")
        return _record(row)


def due_ids(store: Store, *, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Pending alerts whose next attempt time has come, oldest first."""
    when = _utc(now) if now else _now()
    with store.read() as session:
        query = (
            select(Alert.id)
            .where(col(Alert.status) == "pending", col(Alert.next_attempt_at) <= when)
            .order_by(col(Alert.next_attempt_at), col(Alert.id))
        )
        return [i for i in session.exec(query.limit(limit)).all() if i is not None]


def pending(store: Store, *, limit: int = 10_000) -> list[tuple[int, str, str, int]]:
    """Every pending alert, oldest first: (id, policy, channel, attempts)."""
    with store.read() as session:
        query = select(Alert.id, Alert.policy, Alert.channel, Alert.attempts).where(col(Alert.status) == "pending")
        rows = session.exec(query.order_by(col(Alert.id)).limit(limit)).all()
        return [(int(i), p, c, int(n)) for i, p, c, n in rows if i is not None]


def next_due(store: Store) -> datetime | None:
    """The earliest next attempt of a pending alert (None when nothing is pending)."""
    with store.read() as session:
        query = select(func.min(Alert.next_attempt_at)).where(col(Alert.status) == "pending")
        return _aware(session.exec(query).one())


def count_by_status(store: Store) -> dict[str, int]:
    with store.read() as session:
        rows = session.exec(select(Alert.status, func.count()).group_by(Alert.status)).all()
        return {status: int(n) for status, n in rows}


def account_categories(store: Store, *, account: str | None, exclude_hash: str) -> frozenset[str]:
    """Risk categories (customer side, not negated or hypothetical) in the account's other stored calls."""
    if not account:
        return frozenset()
    with store.read() as session:
        query = (
            select(Hit.category)
            .join(Call, col(Call.id) == col(Hit.call_id))
            .join(Account, col(Account.id) == col(Call.account_id))
            .where(Account.name_key == fold(account), Call.content_hash != exclude_hash)
            .where(col(Hit.negated).is_(False), col(Hit.hypothetical).is_(False), Hit.weight > 0)
            .where(col(Hit.role).in_(("customer", "unknown")))
            .distinct()
        )
        return frozenset(c.lower() for c in session.exec(query).all())


# ---- delivery state ------------------------------------------------------------------------------


def claim(store: Store, *, alert_id: int, now: datetime, lease_until: datetime) -> StoredAlert | None:
    """Take a due alert for one attempt (committed before sending); None if it is not due or someone else has it."""
    when, lease = _utc(now), _utc(lease_until)
    with store.transaction() as session:
        result = session.execute(
            update(Alert)
            .where(col(Alert.id) == alert_id, col(Alert.status) == "pending", col(Alert.next_attempt_at) <= when)
            .where(_unleased(when))
            .values(
                attempts=Alert.attempts + 1,
                next_attempt_at=lease,
                leased_until=lease,
                updated_at=when,
                last_error=f"attempt started {when:%Y-%m-%d %H:%M:%S} UTC; no outcome recorded (process stopped?)",
            )
        )
        if getattr(result, "rowcount", 0) != 1:
            return None
        row = session.get(Alert, alert_id)
        assert row is not None
        session.refresh(row)
        return _record(row)


def start_attempt(store: Store, *, alert_id: int, now: datetime, lease_until: datetime) -> StoredAlert | None:
    """A queue job takes its alert for one attempt (committed before sending); None when it needs none (sent
    already, or gone). The job's lock keeps other workers off it and the queue retries the job of a worker
    that died, so a lease does not stop the job; it is written so that `alerts retry` leaves the alert alone
    while it is being sent. A failed alert given to a job again (`jobs retry`) starts a fresh attempt count."""
    when = _utc(now)
    with store.transaction() as session:
        row = session.get(Alert, alert_id, with_for_update=True)
        if row is None or row.status == "sent":
            return None
        if row.status == "failed":
            row.attempts = 0
        row.status, row.attempts, row.updated_at = "pending", row.attempts + 1, when
        row.leased_until = _utc(lease_until)
        row.last_error = f"attempt started {when:%Y-%m-%d %H:%M:%S} UTC by a queue worker; no outcome recorded yet"
        session.add(row)
        session.flush()
        return _record(row)


def _log(row: Alert, when: datetime, line: str) -> None:
    history = json.loads(row.history or "[]")
    history.append(f"{when:%Y-%m-%d %H:%M:%S} #{row.attempts} {line}"[:500])
    row.history = json.dumps(history[-20:], ensure_ascii=False)


def record_sent(store: Store, *, alert_id: int, now: datetime) -> None:
    when = _utc(now)
    with store.transaction() as session:
        row = _row(session, alert_id)
        row.status, row.sent_at, row.updated_at = "sent", when, when
        row.last_error, row.next_attempt_at, row.leased_until = None, None, None
        _log(row, when, "sent")
        session.add(row)


def record_failure(store: Store, *, alert_id: int, now: datetime, error: str, next_attempt_at: datetime | None) -> None:
    """An attempt failed: retry at ``next_attempt_at``, or give up (status failed) when it is None."""
    when = _utc(now)
    with store.transaction() as session:
        row = _row(session, alert_id)
        row.last_error, row.updated_at, row.leased_until = error, when, None
        row.next_attempt_at = _utc(next_attempt_at) if next_attempt_at else None
        row.status = "pending" if next_attempt_at else "failed"
        _log(row, when, f"{'retry' if next_attempt_at else 'gave up'}: {error}")
        session.add(row)


def _unleased(when: datetime) -> Any:
    """No attempt of the alert is being sent at ``when`` (none started, or its lease ran out)."""
    return or_(col(Alert.leased_until).is_(None), col(Alert.leased_until) <= when)


def leased(store: Store, *, alert_ids: Sequence[int], now: datetime | None = None) -> list[StoredAlert]:
    """Those of the given alerts that are being sent right now (leased, not sent yet)."""
    when = _utc(now) if now else _now()
    if not alert_ids:
        return []
    with store.read() as session:
        query = select(Alert).where(col(Alert.id).in_(alert_ids), col(Alert.status) != "sent")
        rows = session.exec(query.where(col(Alert.leased_until) > when).order_by(col(Alert.id))).all()
        return [_record(row) for row in rows]


def reset_for_retry(store: Store, *, alert_ids: Sequence[int] | None = None, now: datetime | None = None) -> int:
    """Make failed alerts (or the given ones, unless sent) pending and due now, with a fresh attempt count.
    An alert being sent right now (leased) is left alone, in the same statement: it is never sent twice."""
    when = _utc(now) if now else _now()
    with store.transaction() as session:
        query = update(Alert).where(col(Alert.status) != "sent", _unleased(when))
        query = query.where(col(Alert.id).in_(alert_ids)) if alert_ids else query.where(col(Alert.status) == "failed")
        result = session.execute(query.values(status="pending", attempts=0, next_attempt_at=when, updated_at=when))
        return int(getattr(result, "rowcount", 0))


def _row(session: Session, alert_id: int) -> Alert:
    row = session.get(Alert, alert_id)
    if row is None:
        raise NotFoundError(f"no alert with id {alert_id} (see `assistant alerts list`)")
    return row


# ---- the folder watcher's memory ------------------------------------------------------------------


@dataclass(frozen=True)
class WatchedRecord:
    path: str
    size: int
    mtime_ns: int
    status: str  # done | failed | partial | started-N | queued | queued-partial
    call_id: int | None
    content_hash: str | None = None


def _watched_record(row: WatchedFile) -> WatchedRecord:
    return WatchedRecord(row.path, row.size, row.mtime_ns, row.status, row.call_id, row.content_hash)


def watched(store: Store, *, path: str) -> WatchedRecord | None:
    """What the watcher did with this file last time, or None if it never took it."""
    with store.read() as session:
        row = session.exec(select(WatchedFile).where(WatchedFile.path == path)).first()
        return _watched_record(row) if row else None


def watched_in(store: Store, *, statuses: Sequence[str]) -> list[WatchedRecord]:
    """The files the watcher left in one of ``statuses`` (e.g. queued for workers), oldest first."""
    with store.read() as session:
        query = select(WatchedFile).where(col(WatchedFile.status).in_(statuses)).order_by(col(WatchedFile.id))
        return [_watched_record(row) for row in session.exec(query).all()]


def mark_watched(
    store: Store,
    *,
    path: str,
    size: int,
    mtime_ns: int,
    status: str,
    content_hash: str | None = None,
    call_id: int | None = None,
    message: str = "",
) -> None:
    with store.transaction() as session:
        row = session.exec(select(WatchedFile).where(WatchedFile.path == path)).first() or WatchedFile(
            path=path, size=size, mtime_ns=mtime_ns, status=status
        )
        row.size, row.mtime_ns, row.status, row.content_hash = size, mtime_ns, status, content_hash
        row.call_id, row.message, row.processed_at = call_id, message, _now()
        session.add(row)
