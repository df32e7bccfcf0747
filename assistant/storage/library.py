"""Clip library tables (clips, collections, outcomes) and the keyword-only CRUD over them.

Tables (``tables.ClipRow`` ...) are created by migration 0002; functions take and return the records of
``assistant.records.library``, never ORM rows.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence

from sqlalchemy import delete
from sqlmodel import Session, col, select

from assistant.errors import ClipError, NotFoundError, StorageError
from assistant.records.library import Clip, Collection
from assistant.storage.db import Store
from assistant.storage.tables import Account, Call, ClipRow, CollectionClipRow, CollectionRow, Utterance

# ---- clips ------------------------------------------------------------------------------------------


def _clip_record(session: Session, row: ClipRow) -> Clip:
    assert row.id is not None
    account = None
    if row.call_id is not None:
        call = session.get(Call, row.call_id)
        acc = session.get(Account, call.account_id) if call and call.account_id else None
        account = acc.name if acc else None
    return Clip(
        id=row.id,
        call_id=row.call_id,
        title=row.title,
        start=row.start,
        end=row.end,
        transcript=row.transcript,
        tags=tuple(json.loads(row.tags or "[]")),
        notes=row.notes,
        author=row.author,
        origin=row.origin,
        audio_path=row.audio_path,
        transcript_path=row.transcript_path,
        account=account,
        created_at=row.created_at,
    )


def add_clip(store: Store, *, clip: Clip, write_files: Callable[[int], tuple[str | None, str | None]]) -> Clip:
    """Store a clip; ``write_files(clip_id)`` writes its audio / transcript files and returns their paths.

    Runs inside the transaction: when ``write_files`` raises, no row is kept.
    """
    with store.transaction() as session:
        row = ClipRow(
            call_id=clip.call_id,
            title=clip.title,
            start=clip.start,
            end=clip.end,
            transcript=clip.transcript,
            tags=json.dumps(list(clip.tags), ensure_ascii=False),
            notes=clip.notes,
            author=clip.author,
            origin=clip.origin,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        row.audio_path, row.transcript_path = write_files(row.id)
        session.add(row)
        session.flush()
        return _clip_record(session, row)


def _get_clip(session: Session, clip_id: int) -> ClipRow:
    row = session.get(ClipRow, clip_id)
    if row is None:
        raise NotFoundError(f"no clip with id {clip_id} (see `assistant clips list`)")
    return row


def get_clip(store: Store, *, clip_id: int) -> Clip:
    with store.read() as session:
        return _clip_record(session, _get_clip(session, clip_id))


def list_clips(
    store: Store, *, tag: str | None = None, call_id: int | None = None, limit: int = 100, offset: int = 0
) -> list[Clip]:
    with store.read() as session:
        query = select(ClipRow).order_by(col(ClipRow.id))
        if call_id is not None:
            query = query.where(ClipRow.call_id == call_id)
        rows = session.exec(query).all()
        clips = [_clip_record(session, r) for r in rows]
    if tag is not None:
        clips = [c for c in clips if tag.lower() in (t.lower() for t in c.tags)]
    return clips[offset : offset + limit]


def update_clip(
    store: Store, *, clip_id: int, title: str | None = None, notes: str | None = None,
    tags: Sequence[str] | None = None,
) -> Clip:  # fmt: skip
    """Change a clip's title, notes or tags (None: left as it is); its cut audio and span stay."""
    with store.transaction() as session:
        row = _get_clip(session, clip_id)
        row.title = row.title if title is None else title
        row.notes = row.notes if notes is None else notes
        row.tags = row.tags if tags is None else json.dumps(list(tags), ensure_ascii=False)
        session.add(row)
        session.flush()
        return _clip_record(session, row)


def utterance_span(store: Store, *, utterance_id: int) -> tuple[int, float, float] | None:
    """(call id, start, end) of a stored utterance, None when there is none with that id."""
    with store.read() as session:
        row = session.get(Utterance, utterance_id)
        return (row.call_id, row.start, row.end) if row else None


def delete_clip(store: Store, *, clip_id: int) -> Clip:
    """Remove the clip's row (and its places in collections); returns it so the caller can remove files."""
    with store.transaction() as session:
        row = _get_clip(session, clip_id)
        clip = _clip_record(session, row)
        session.execute(delete(CollectionClipRow).where(col(CollectionClipRow.clip_id) == clip_id))
        session.delete(row)
        return clip


# ---- collections ------------------------------------------------------------------------------------


def _same_name(session: Session, name: str) -> CollectionRow | None:
    """The collection of this name, any case: folded in Python (SQLite's lower() folds ASCII only, so 'Цены'
    and 'цены' would differ there); collections are few."""
    key = name.strip().casefold()
    return next((r for r in session.exec(select(CollectionRow)) if r.name.casefold() == key), None)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise StorageError("collection name: must not be empty")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        raise StorageError(f"collection name {name!r}: control or unprintable characters are not allowed")
    return name


def _find_collection(session: Session, name: str) -> CollectionRow:
    row = _same_name(session, name)
    if row is None and name.strip().isdigit():
        row = session.get(CollectionRow, int(name))
    if row is None:
        raise NotFoundError(f"no collection named {name!r} (see `assistant collections list`)")
    return row


def _collection_record(session: Session, row: CollectionRow) -> Collection:
    assert row.id is not None
    ids = session.exec(
        select(CollectionClipRow.clip_id)
        .where(CollectionClipRow.collection_id == row.id)
        .order_by(col(CollectionClipRow.position))
    ).all()
    return Collection(
        id=row.id, name=row.name, description=row.description, clip_ids=tuple(ids), created_at=row.created_at
    )


def create_collection(store: Store, *, name: str, description: str = "") -> Collection:
    name = _check_name(name)
    with store.transaction() as session:
        clash = _same_name(session, name)
        if clash is not None:
            raise StorageError(f"collection name: {name!r} already exists (id {clash.id}); pick another name")
        row = CollectionRow(name=name, description=description)
        session.add(row)
        session.flush()
        return _collection_record(session, row)


def get_collection(store: Store, *, name: str) -> Collection:
    with store.read() as session:
        return _collection_record(session, _find_collection(session, name))


def list_collections(store: Store) -> list[Collection]:
    with store.read() as session:
        rows = session.exec(select(CollectionRow).order_by(col(CollectionRow.id))).all()
        return [_collection_record(session, r) for r in rows]


def delete_collection(store: Store, *, name: str) -> None:
    """Delete a collection; its clips stay in the library."""
    with store.transaction() as session:
        row = _find_collection(session, name)
        session.execute(delete(CollectionClipRow).where(col(CollectionClipRow.collection_id) == row.id))
        session.delete(row)


def _reorder(session: Session, collection_id: int, clip_ids: Sequence[int]) -> None:
    session.execute(delete(CollectionClipRow).where(col(CollectionClipRow.collection_id) == collection_id))
    session.flush()
    for position, clip_id in enumerate(clip_ids):
        session.add(CollectionClipRow(collection_id=collection_id, clip_id=clip_id, position=position))


def add_to_collection(store: Store, *, name: str, clip_id: int, position: int | None = None) -> Collection:
    """Put a clip in a collection (at ``position``, 1-based; default last). Already there: it moves."""
    with store.transaction() as session:
        row = _find_collection(session, name)
        _get_clip(session, clip_id)
        assert row.id is not None
        ids = [i for i in _collection_record(session, row).clip_ids if i != clip_id]
        if position is not None and position < 1:
            raise ClipError(f"position: {position} is not valid; positions start at 1")
        at = len(ids) if position is None else min(position - 1, len(ids))
        ids.insert(at, clip_id)
        _reorder(session, row.id, ids)
        session.flush()
        return _collection_record(session, row)


def remove_from_collection(store: Store, *, name: str, clip_id: int) -> Collection:
    with store.transaction() as session:
        row = _find_collection(session, name)
        assert row.id is not None
        ids = list(_collection_record(session, row).clip_ids)
        if clip_id not in ids:
            raise NotFoundError(f"clip {clip_id} is not in collection {row.name!r}")
        _reorder(session, row.id, [i for i in ids if i != clip_id])
        session.flush()
        return _collection_record(session, row)
