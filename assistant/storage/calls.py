"""Calls: save a transcribed (and analysed) call in one transaction, read it back as records.

Keyword-only functions over a ``Store``; they take and return the plain dataclasses of
``assistant.records``, never ORM rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from assistant.errors import NotFoundError
from assistant.records import (
    Analysis,
    CallDetail,
    CallMetadata,
    CallSummary,
    SourceFile,
    Transcript,
)
from assistant.records import (
    Hit as HitRecord,
)
from assistant.records.alerts import AlertDraft
from assistant.records.embeddings import Embeddings
from assistant.records.votes import ModelVotes
from assistant.storage import convert, outbox
from assistant.storage.db import Store
from assistant.storage.embeddings import add_embeddings, utterance_ids
from assistant.storage.tables import (
    Account,
    Call,
    CallExecutive,
    Hit,
    ModelVote,
    SentenceEmbedding,
    Speaker,
    Utterance,
    UtteranceEmbedding,
    fold,
    utcnow,
)
from assistant.storage.votes import add_votes


def find_by_hash(store: Store, content_hash: str) -> CallSummary | None:
    with store.read() as session:
        call = session.exec(select(Call).where(Call.content_hash == content_hash)).first()
        return _summary(session, call) if call else None


def save_call(
    store: Store,
    *,
    source: SourceFile,
    transcript: Transcript,
    metadata: CallMetadata,
    analysis: Analysis | None = None,
    replace: int | None = None,
    alerts: Sequence[AlertDraft] = (),
    embeddings: Embeddings | None = None,
    votes: ModelVotes | None = None,
) -> int:
    """Store a call with its speakers, utterances, their embeddings and analysis, all or nothing; returns the
    call id.

    ``replace``: id of an earlier version of the same content (forced re-ingest). That call keeps its id,
    so clips, outcomes and alerts that point at it stay linked; its transcript and analysis are swapped in
    the same transaction, so a failure keeps the old version whole. ``alerts``: drafts for the alert
    outbox, written in the same transaction (never twice for the same content and policy). ``votes``: the
    churn-risk model's votes the analysis read (``votes.py``).
    """
    with store.transaction() as session:
        fields = _call_fields(session, source, transcript, metadata)
        fields["source_path"] = store.media.name(source.path)  # relative to media_root when under it
        if replace is None:
            call = Call(**fields)
        else:
            call = _get(session, replace)
            _delete_children(session, replace)
            for name, value in {**fields, **_NOT_ANALYZED, "updated_at": utcnow()}.items():
                setattr(call, name, value)
        session.add(call)
        session.flush()
        assert call.id is not None  # assigned by flush
        ids = _add_utterances(session, call.id, transcript)
        if embeddings is not None:
            add_embeddings(session, call.id, ids, embeddings)
        if votes is not None:
            add_votes(session, call.id, votes)
        if analysis is not None:
            _write_analysis(session, call, analysis)
        _enqueue_alerts(store, session, call, alerts)
        return call.id


def save_analysis(
    store: Store, *, call_id: int, analysis: Analysis, alerts: Sequence[AlertDraft] = (),
    embeddings: Embeddings | None = None, votes: ModelVotes | None = None,
) -> None:  # fmt: skip
    """Replace a stored call's hits, executives and risk report (reanalysis) in one transaction,
    with the alert drafts of the new analysis (policies that already alerted for this call stay quiet) and,
    when given, the embeddings the analysis was made with (made again because the stored ones were unusable) and
    the model's votes it read (``votes.py``: replacing those stored)."""
    with store.transaction() as session:
        call = _get(session, call_id)
        if embeddings is not None:
            add_embeddings(session, call_id, utterance_ids(session, call_id), embeddings)
        if votes is not None:
            add_votes(session, call_id, votes)
        session.execute(delete(Hit).where(col(Hit.call_id) == call_id))
        session.execute(delete(CallExecutive).where(col(CallExecutive.call_id) == call_id))
        _write_analysis(session, call, analysis)
        _enqueue_alerts(store, session, call, alerts)


def _enqueue_alerts(store: Store, session: Session, call: Call, alerts: Sequence[AlertDraft]) -> None:
    if not alerts:
        return
    assert call.id is not None
    outbox.enqueue(session, call_id=call.id, content_hash=call.content_hash, drafts=alerts, hook=store.on_new_alerts)


def delete_call(store: Store, *, call_id: int) -> None:
    with store.transaction() as session:
        _delete(session, call_id)


def list_calls(store: Store, *, account: str | None = None, limit: int = 100, offset: int = 0) -> list[CallSummary]:
    with store.read() as session:
        query = select(Call).order_by(col(Call.id))
        if account is not None:
            found = find_account(session, account)
            query = query.where(Call.account_id == (found.id if found else -1))
        calls = session.exec(query.offset(offset).limit(limit)).all()
        return summaries_of(session, calls)


def call_ids(store: Store) -> list[int]:
    with store.read() as session:
        return [i for i in session.exec(select(Call.id).order_by(col(Call.id))).all() if i is not None]


def get_call(store: Store, *, call_id: int) -> CallDetail:
    with store.read() as session:
        call = _get(session, call_id)
        return _detail(session, call, _transcript(session, call, words=True))


def get_call_for_player(store: Store, *, call_id: int) -> tuple[CallDetail, str]:
    """The call with its utterances' word timings left out of the records, and those timings as one JSON
    array in line order (``[[[start, end, text, probability], ...], ...]``): the stored JSON of each line
    joined, never parsed. What the call page sends to its player; a 2-hour call has ~14,000 words, and
    making a record of each was most of the page's time."""
    with store.read() as session:
        call = _get(session, call_id)
        packed = session.exec(select(Utterance.words).where(Utterance.call_id == call_id).order_by(col(Utterance.idx)))
        words = "[" + ",".join(w or "[]" for w in packed) + "]"
        return _detail(session, call, _transcript(session, call, words=False)), words


def _transcript(session: Session, call: Call, *, words: bool) -> Transcript:
    columns = (*convert.UTTERANCE_COLUMNS, Utterance.words) if words else convert.UTTERANCE_COLUMNS
    rows = session.execute(sa_select(*columns).where(col(Utterance.call_id) == call.id).order_by(col(Utterance.idx)))
    speakers = session.exec(select(Speaker).where(Speaker.call_id == call.id)).all()
    return convert.transcript(call, rows.all(), speakers, words=words)


def _detail(session: Session, call: Call, transcript: Transcript) -> CallDetail:
    assert call.id is not None
    hits = session.exec(select(Hit).where(Hit.call_id == call.id).order_by(col(Hit.start))).all()
    execs = session.exec(
        select(CallExecutive).where(CallExecutive.call_id == call.id).order_by(col(CallExecutive.start))
    ).all()
    return CallDetail(
        summary=_summary(session, call),
        content_hash=call.content_hash,
        transcript=transcript,
        metadata=_metadata(session, call),
        analysis=convert.analysis(call, hits, execs) if call.status == "analyzed" else None,
    )


# ---- helpers ----------------------------------------------------------------------------------------


def _get(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFoundError(f"no call with id {call_id} (see `assistant calls list`)")
    return call


_NOT_ANALYZED: dict[str, Any] = {
    "status": "transcribed",
    "rules_version": None,
    "risk_score": None,
    "risk_level": None,
    "risk_explanation": None,
    "risk_contributions": "[]",
    "executive_present": False,
}


def _delete_children(session: Session, call_id: int) -> None:
    for table in (Hit, CallExecutive, ModelVote, SentenceEmbedding, UtteranceEmbedding, Utterance, Speaker):
        session.execute(delete(table).where(col(table.call_id) == call_id))
    session.flush()


def _delete(session: Session, call_id: int) -> None:
    call = _get(session, call_id)
    _delete_children(session, call_id)
    session.delete(call)


def find_account(session: Session, name: str) -> Account | None:
    """The account with this name, case-insensitively through the case-folded key (SQLite's lower() is
    ASCII-only, so "ТрансЛайн" and "трансЛайн" would not meet in SQL); the exact spelling wins."""
    exact = col(Account.name) == name
    query = select(Account).where(Account.name_key == fold(name)).order_by(exact.desc(), col(Account.id))
    return session.exec(query).first()


def _account_id(session: Session, metadata: CallMetadata) -> int | None:
    if not metadata.account:
        return None
    name = metadata.account.strip()
    account = find_account(session, name) or _new_account(session, name, metadata)
    account.arr = metadata.arr if metadata.arr is not None else account.arr
    account.renewal_date = metadata.renewal_date or account.renewal_date
    return account.id


def _new_account(session: Session, name: str, metadata: CallMetadata) -> Account:
    """A new account row; when another process inserted the same name meanwhile (PostgreSQL lets both
    transactions try; SQLite's write lock never does), that row instead."""
    account = Account(name=name, arr=metadata.arr, renewal_date=metadata.renewal_date)
    try:
        with session.begin_nested():
            session.add(account)
            session.flush()
    except IntegrityError:
        found = find_account(session, name)
        if found is None:
            raise
        return found
    return account


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _call_fields(
    session: Session, source: SourceFile, transcript: Transcript, metadata: CallMetadata
) -> dict[str, Any]:
    return dict(
        account_id=_account_id(session, metadata),
        title=metadata.title,
        source_path=str(source.path),
        source_kind=transcript.source_kind,
        content_hash=source.content_hash,
        size=source.size,
        duration=transcript.duration,
        language=transcript.language,
        languages=json.dumps(transcript.languages),
        notes=json.dumps(list(transcript.notes), ensure_ascii=False),
        channels=transcript.channels,
        model=transcript.model,
        recorded_at=_aware(metadata.recorded_at),
        renewal_date=metadata.renewal_date,
        arr=metadata.arr,
        rep=metadata.rep,
    )


def _add_utterances(session: Session, call_id: int, transcript: Transcript) -> list[int]:
    """Add the call's speakers and utterances; the utterances' ids, in order."""
    speakers: dict[str, Speaker] = {p.label: convert.speaker_row(call_id, p) for p in transcript.speakers}
    for u in transcript.utterances:
        if u.speaker not in speakers:
            speakers[u.speaker] = Speaker(
                call_id=call_id, label=u.speaker, role=u.role, channel=u.channel, language=u.language
            )
        elif speakers[u.speaker].language is None:
            speakers[u.speaker].language = u.language
    session.add_all(speakers.values())
    session.flush()
    rows = [
        convert.utterance_row(call_id, speakers[u.speaker].id, idx, u) for idx, u in enumerate(transcript.utterances)
    ]
    session.add_all(rows)
    session.flush()
    return [row.id or 0 for row in rows]


def save_speakers(
    store: Store,
    *,
    call_id: int,
    transcript: Transcript,
    manual: dict[str, str],
    analysis: Analysis | None = None,
    alerts: Sequence[AlertDraft] = (),
    embeddings: Embeddings | None = None,
    votes: ModelVotes | None = None,
) -> None:
    """After a speaker was fixed by hand: the voices' roles and names, the lines' roles, ``manual`` (label →
    what the user said), the new analysis and the alert drafts it raises, in one transaction; with the embeddings
    and the model's votes the analysis was made with when some were made now (``save_analysis``)."""
    with store.transaction() as session:
        call = _get(session, call_id)
        if embeddings is not None:
            add_embeddings(session, call_id, utterance_ids(session, call_id), embeddings)
        if votes is not None:
            add_votes(session, call_id, votes)
        rows = {r.label: r for r in session.exec(select(Speaker).where(Speaker.call_id == call_id)).all()}
        for profile in transcript.speakers:
            row = rows.get(profile.label)
            if row is not None:
                convert.update_speaker_row(row, profile, manual.get(profile.label, row.manual))
                session.add(row)
        roles = {u.speaker: u.role for u in transcript.utterances}
        for label, role in roles.items():
            if label in rows:
                session.execute(update(Utterance).where(col(Utterance.speaker_id) == rows[label].id).values(role=role))
        call.notes = json.dumps(list(transcript.notes), ensure_ascii=False)
        session.add(call)
        if analysis is not None:
            session.execute(delete(Hit).where(col(Hit.call_id) == call_id))
            session.execute(delete(CallExecutive).where(col(CallExecutive.call_id) == call_id))
            _write_analysis(session, call, analysis)
        _enqueue_alerts(store, session, call, alerts)


def manual_speakers(store: Store, *, call_id: int) -> dict[str, str]:
    """What users set by hand on this call's voices (label → rep | customer | unknown | a name)."""
    with store.read() as session:
        rows = session.exec(select(Speaker).where(Speaker.call_id == call_id)).all()
        return {r.label: r.manual for r in rows if r.manual}


def _write_analysis(session: Session, call: Call, analysis: Analysis) -> None:
    """The analysis's hits and executives (one bulk insert each, in their order) and the call's risk columns."""
    assert call.id is not None
    if analysis.hits:
        session.execute(insert(Hit), [convert.hit_values(call.id, h) for h in analysis.hits])
    if analysis.executives:
        session.execute(insert(CallExecutive), [{"call_id": call.id, **asdict(e)} for e in analysis.executives])
    report = analysis.report
    call.status = "analyzed"
    call.rules_version = analysis.rules_version
    call.risk_score = report.score
    call.risk_level = report.level
    call.risk_explanation = report.explanation
    call.risk_contributions = json.dumps([asdict(c) for c in report.contributions], ensure_ascii=False)
    call.executive_present = analysis.executive_present
    call.updated_at = utcnow()
    session.add(call)


def _metadata(session: Session, call: Call) -> CallMetadata:
    account = session.get(Account, call.account_id) if call.account_id else None
    return CallMetadata(
        account=account.name if account else None,
        rep=call.rep,
        recorded_at=call.recorded_at,
        renewal_date=call.renewal_date,
        arr=call.arr,
        title=call.title,
    )


def _summary(session: Session, call: Call) -> CallSummary:
    return summaries_of(session, [call])[0]


def summaries_of(session: Session, calls: Sequence[Call]) -> list[CallSummary]:
    """The summaries of these calls in their order: two queries for them all (line counts, account names)."""
    ids = [c.id for c in calls]
    per_call = select(col(Utterance.call_id), func.count()).where(col(Utterance.call_id).in_(ids))
    counts = {i: int(n) for i, n in session.execute(per_call.group_by(col(Utterance.call_id)))}
    wanted = {c.account_id for c in calls if c.account_id}
    accounts = select(col(Account.id), col(Account.name)).where(col(Account.id).in_(wanted))
    names: dict[int | None, str] = {i: n for i, n in session.execute(accounts)} if wanted else {}
    return [_summary_of(c, names.get(c.account_id), counts.get(c.id or 0, 0)) for c in calls]


def _summary_of(call: Call, account: str | None, utterances: int) -> CallSummary:
    assert call.id is not None
    return CallSummary(
        id=call.id,
        title=call.title,
        account=account,
        rep=call.rep,
        source_path=call.source_path,
        source_kind=call.source_kind,
        duration=call.duration,
        language=call.language,
        recorded_at=call.recorded_at,
        status=call.status,
        utterances=utterances,
        risk_score=call.risk_score,
        risk_level=call.risk_level,
        executive_present=call.executive_present,
    )


def hits_with_ids(store: Store, *, call_id: int) -> list[tuple[int, HitRecord]]:
    """A stored call's hits with their database ids (what verdicts refer to), in time order."""
    with store.read() as session:
        _get(session, call_id)
        rows = session.exec(select(Hit).where(Hit.call_id == call_id).order_by(col(Hit.start), col(Hit.id))).all()
        return [(row.id or 0, convert.hit_record(row)) for row in rows]
