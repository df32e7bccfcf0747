"""The alert outbox and the watcher's memory: tables and keyword-only CRUD.

``enqueue`` runs inside the transaction that stores a call's analysis (``calls.save_call`` /
``save_analysis``): insert-if-absent on (content_hash, policy, channel), so a forced re-ingest or a
reanalysis never alerts twice for the same call and policy. Delivery claims a due row by committing
``attempts + 1`` and a lease (``next_attempt_at`` in the future) *before* sending, and records the outcome
after: a process killed mid-delivery leaves the row pending, to be sent again once the lease runs out.
Times are UTC.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import func, update
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


def enqueue(session: Session, *, call_id: int, content_hash: str, drafts: Sequence[AlertDraft]) -> int:
    """Add the drafts not already in the outbox (same content, policy and channel); returns how many were new.
    Existing rows only learn the new call id (a forced re-ingest gives the call a new id)."""
    added = 0
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
        session.add(_new_row(call_id, content_hash, draft))
        added += 1
    session.flush()
    return added


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
            .values(
                attempts=Alert.attempts + 1,
                next_attempt_at=lease,
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


def _log(row: Alert, when: datetime, line: str) -> None:
    history = json.loads(row.history or "[]")
    history.append(f"{when:%Y-%m-%d %H:%M:%S} #{row.attempts} {line}"[:500])
    row.history = json.dumps(history[-20:], ensure_ascii=False)


def record_sent(store: Store, *, alert_id: int, now: datetime) -> None:
    when = _utc(now)
    with store.transaction() as session:
        row = _row(session, alert_id)
        row.status, row.sent_at, row.updated_at = "sent", when, when
        row.last_error, row.next_attempt_at = None, None
        _log(row, when, "sent")
        session.add(row)


def record_failure(store: Store, *, alert_id: int, now: datetime, error: str, next_attempt_at: datetime | None) -> None:
    """An attempt failed: retry at ``next_attempt_at``, or give up (status failed) when it is None."""
    when = _utc(now)
    with store.transaction() as session:
        row = _row(session, alert_id)
        row.last_error, row.updated_at = error, when
        row.next_attempt_at = _utc(next_attempt_at) if next_attempt_at else None
        row.status = "pending" if next_attempt_at else "failed"
        _log(row, when, f"{'retry' if next_attempt_at else 'gave up'}: {error}")
        session.add(row)


def reset_for_retry(store: Store, *, alert_ids: Sequence[int] | None = None, now: datetime | None = None) -> int:
    """Make failed alerts (or the given ones, unless sent) pending and due now, with a fresh attempt count."""
    when = _utc(now) if now else _now()
    with store.transaction() as session:
        query = update(Alert).where(col(Alert.status) != "sent")
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
    status: str  # done | failed
    call_id: int | None


def watched(store: Store, *, path: str) -> WatchedRecord | None:
    """What the watcher did with this file last time, or None if it never took it."""
    with store.read() as session:
        row = session.exec(select(WatchedFile).where(WatchedFile.path == path)).first()
        return WatchedRecord(row.path, row.size, row.mtime_ns, row.status, row.call_id) if row else None


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
