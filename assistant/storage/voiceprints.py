"""Enrolled rep voiceprints (``assistant reps enroll``): one row per rep name, replaced on re-enrolment.

A row whose embedding is not a JSON list of numbers comes back with an empty embedding, so the role step can
skip it with a note naming the rep instead of failing the call (``speaker_roles.usable``).
"""

from __future__ import annotations

import json

from sqlmodel import col, select

from assistant.errors import NotFoundError
from assistant.records import Voiceprint
from assistant.storage.db import Store
from assistant.storage.tables import RepVoiceprint, utcnow


def save_voiceprint(store: Store, voiceprint: Voiceprint) -> None:
    with store.transaction() as session:
        row = session.exec(select(RepVoiceprint).where(RepVoiceprint.name == voiceprint.name)).first()
        row = row or RepVoiceprint(name=voiceprint.name, model=voiceprint.model)
        row.model, row.seconds, row.created_at = voiceprint.model, voiceprint.seconds, utcnow()
        row.embedding = json.dumps(list(voiceprint.embedding))
        row.sources = json.dumps(list(voiceprint.sources), ensure_ascii=False)
        session.add(row)


def list_voiceprints(store: Store) -> list[Voiceprint]:
    with store.read() as session:
        return [_record(r) for r in session.exec(select(RepVoiceprint).order_by(col(RepVoiceprint.name))).all()]


def delete_voiceprint(store: Store, name: str) -> None:
    with store.transaction() as session:
        row = session.exec(select(RepVoiceprint).where(RepVoiceprint.name == name)).first()
        if row is None:
            raise NotFoundError(f"no voiceprint for {name!r} (see `assistant reps list`)")
        session.delete(row)


def _record(row: RepVoiceprint) -> Voiceprint:
    try:
        values = json.loads(row.embedding or "[]")
        embedding = tuple(float(x) for x in values) if isinstance(values, list) else ()
    except (ValueError, TypeError):
        embedding = ()
    try:
        sources = tuple(str(s) for s in json.loads(row.sources or "[]"))
    except (ValueError, TypeError):
        sources = ()
    return Voiceprint(name=row.name, model=row.model, embedding=embedding, seconds=row.seconds, sources=sources)
