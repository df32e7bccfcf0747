"""Stored calls found by filters (account, rep, risk level, tracker, language, dates, executive), sorted and
a page at a time: what the web app's calls page and GET /api/calls/find ask for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from assistant.errors import InputError
from assistant.records import CallSummary
from assistant.records.library import CallFilters
from assistant.storage.calls import summaries_of
from assistant.storage.db import Store
from assistant.storage.tables import Account, Call, Hit

SORTS: dict[str, tuple[Any, ...]] = {
    "newest": (col(Call.recorded_at).desc(), col(Call.id).desc()),
    "oldest": (col(Call.recorded_at).asc(), col(Call.id).asc()),
    "risk": (col(Call.risk_score).desc(), col(Call.id).desc()),
    "longest": (col(Call.duration).desc(), col(Call.id).desc()),
}


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").casefold() + "%"


def _conditions(f: CallFilters) -> list[Any]:
    where: list[Any] = []
    if f.account:
        names = select(Account.id).where(func.lower(Account.name).like(_like(f.account), escape="\\"))
        where.append(col(Call.account_id).in_(names))
    if f.rep:
        where.append(func.lower(col(Call.rep)).like(_like(f.rep), escape="\\"))
    if f.risk_level:
        where.append(Call.risk_level == f.risk_level)
    if f.tracker:
        where.append(col(Call.id).in_(select(Hit.call_id).where(Hit.rule == f.tracker)))
    if f.language:
        where.append(Call.language == f.language.lower())
    if f.date_from:
        where.append(col(Call.recorded_at) >= datetime.combine(f.date_from, time.min, tzinfo=UTC))
    if f.date_to:
        where.append(col(Call.recorded_at) <= datetime.combine(f.date_to, time.max, tzinfo=UTC))
    if f.executive is not None:
        where.append(Call.executive_present == f.executive)
    return where


def find_calls(
    store: Store, *, filters: CallFilters, sort: str = "newest", limit: int = 50, offset: int = 0
) -> tuple[list[CallSummary], int]:
    """One page of the calls matching ``filters`` in ``sort`` order, and how many match in all."""
    if sort not in SORTS:
        raise InputError(f"sort {sort!r}: use one of {', '.join(SORTS)}")
    where = _conditions(filters)
    with store.read() as session:
        total = session.exec(select(func.count()).select_from(Call).where(*where)).one()
        rows = session.exec(select(Call).where(*where).order_by(*SORTS[sort]).offset(offset).limit(limit)).all()
        return summaries_of(session, rows), int(total)


def summaries(store: Store, *, call_ids: Iterable[int]) -> dict[int, CallSummary]:
    """The summaries of these calls (missing ids left out): one query, no transcripts loaded."""
    wanted = sorted(set(call_ids))
    with store.read() as session:
        rows = session.exec(select(Call).where(col(Call.id).in_(wanted))).all() if wanted else []
        return {s.id: s for s in summaries_of(session, rows)}
