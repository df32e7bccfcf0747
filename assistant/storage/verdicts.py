"""Verdicts: a manager confirms or rejects a hit, or marks a line the analysis missed with its category.

A verdict keeps a snapshot of the line (call, utterance, rule, category, text), so it survives reanalysis (which
replaces hits) and the deletion of its call; ``list_verdicts`` links each to the hit that judges the same rule on
the same line now, or reports it as gone.
"""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, col, select

from assistant.errors import InputError, NotFoundError
from assistant.records.verdicts import TrackerPrecision, Verdict, VerdictKind
from assistant.storage.db import Store
from assistant.storage.tables import Hit, Utterance, VerdictRow


def judge_hit(store: Store, *, hit_id: int, verdict: VerdictKind) -> Verdict:
    """Confirm or reject the stored hit ``hit_id``; a second verdict on the same line and rule replaces the first."""
    with store.transaction() as session:
        hit = session.get(Hit, hit_id)
        if hit is None:
            raise NotFoundError(f"no hit with id {hit_id} (see `assistant hits list CALL`; reanalysis renumbers hits)")
        _drop_same(session, hit.call_id, hit.utterance_idx, hit.rule)
        row = VerdictRow(call_id=hit.call_id, utterance_idx=hit.utterance_idx, rule=hit.rule, category=hit.category,
                         verdict=verdict, text=hit.text, language=hit.language, start=hit.start)  # fmt: skip
        session.add(row)
        session.flush()
        return _record(row, hit_id)


def mark_missed(
    store: Store, *, call_id: int, at: float | None = None, line: int | None = None, category: str
) -> Verdict:
    """Mark the line said at ``at`` seconds (or line number ``line``, 1-based) of call ``call_id`` as a churn risk
    of ``category`` the analysis missed."""
    with store.transaction() as session:
        utt = _utterance_no(session, call_id, line) if line is not None else _utterance_at(session, call_id, at or 0.0)
        _drop_same(session, call_id, utt.idx, "", category)  # marked twice: one verdict
        row = VerdictRow(call_id=call_id, utterance_idx=utt.idx, rule="", category=category, verdict="missed",
                         text=utt.text, language=utt.language or "en", start=utt.start)  # fmt: skip
        session.add(row)
        session.flush()
        return _record(row, None)


def _utterance_no(session: Session, call_id: int, line: int) -> Utterance:
    query = select(Utterance).where(col(Utterance.call_id) == call_id, col(Utterance.idx) == line - 1)
    found = session.exec(query).first()
    if found is None:
        count = len(list(session.exec(select(Utterance.id).where(col(Utterance.call_id) == call_id))))
        if not count:
            raise NotFoundError(f"no call with id {call_id} (see `assistant calls list`)")
        raise InputError(f"line: call {call_id} has lines 1-{count}, not {line}")
    return found


def _utterance_at(session: Session, call_id: int, at: float) -> Utterance:
    utts = list(session.exec(select(Utterance).where(col(Utterance.call_id) == call_id)))
    if not utts:
        raise NotFoundError(f"no call with id {call_id} (see `assistant calls list`)")
    inside = [u for u in utts if u.start <= at <= u.end]
    if inside:
        return min(inside, key=lambda u: u.end - u.start)
    nearest = min(utts, key=lambda u: min(abs(u.start - at), abs(u.end - at)))
    if min(abs(nearest.start - at), abs(nearest.end - at)) > 5.0:
        raise InputError(
            f"call {call_id}: nothing is said near {at:g} s (lines run {utts[0].start:g}-{utts[-1].end:g} s)"
        )
    return nearest


def _drop_same(session: Session, call_id: int, utterance_idx: int, rule: str, category: str | None = None) -> None:
    query = select(VerdictRow).where(col(VerdictRow.call_id) == call_id, col(VerdictRow.utterance_idx) == utterance_idx,
                                     col(VerdictRow.rule) == rule)  # fmt: skip
    if category is not None:
        query = query.where(col(VerdictRow.category) == category)
    for row in session.exec(query):
        session.delete(row)


def list_verdicts(store: Store, *, call_id: int | None = None) -> list[Verdict]:
    """Every verdict (of one call), each linked to the hit it judges now, or with ``hit_id`` None when gone."""
    with store.read() as session:
        query = select(VerdictRow).order_by(col(VerdictRow.id))
        if call_id is not None:
            query = query.where(col(VerdictRow.call_id) == call_id)
        rows = list(session.exec(query))
        hit_rows = select(Hit) if call_id is None else select(Hit).where(col(Hit.call_id) == call_id)
        hits = {(h.call_id, h.utterance_idx, h.rule): h.id for h in session.exec(hit_rows)}
    return [_record(r, hits.get((r.call_id, r.utterance_idx, r.rule)) if r.rule else None) for r in rows]


def tracker_precision(store: Store) -> dict[str, TrackerPrecision]:
    """Per tracker (rule id, model.<category> included): how many of its hits managers confirmed and rejected."""
    counts: Counter[tuple[str, str]] = Counter()
    with store.read() as session:
        for row in session.exec(select(VerdictRow).where(col(VerdictRow.rule) != "")):
            counts[(row.rule, row.verdict)] += 1
    rules = sorted({rule for rule, _ in counts})
    return {r: TrackerPrecision(r, counts[(r, "confirm")], counts[(r, "reject")]) for r in rules}


def _record(row: VerdictRow, hit_id: int | None) -> Verdict:
    assert row.id is not None
    return Verdict(row.id, row.call_id, row.utterance_idx, row.rule, row.category, row.verdict,  # type: ignore[arg-type]
                   row.text, row.language, row.start, row.created_at, hit_id)  # fmt: skip
