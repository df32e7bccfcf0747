"""A database as the first landed schema version (migration 0001) left it, filled the way that version's
ingest wrote rows: raw SQL against the old tables, so today's models (with columns 0001 did not have)
play no part in making it."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import create_engine, text

from assistant.settings import Settings
from assistant.storage.db import _alembic_config

# fmt: off
ROWS: dict[str, list[dict[str, Any]]] = {
    "account": [
        {"id": 1, "name": "Acme", "arr": 1000.0, "renewal_date": "2026-05-01", "created_at": "2026-01-01 09:00:00"},
        {"id": 2, "name": "ТрансЛайн", "arr": None, "renewal_date": None, "created_at": "2026-01-02 09:00:00"},
    ],
    "call": [
        {
            "id": 1,
            "account_id": 1,
            "title": "Q3 check-in",
            "source_path": "/calls/acme.vtt",
            "source_kind": "vtt",
            "content_hash": "h1",
            "size": 120,
            "duration": 9.5,
            "language": "en",
            "languages": "{}",
            "channels": 1,
            "model": None,
            "recorded_at": "2026-03-01 10:00:00",
            "renewal_date": "2026-05-01",
            "arr": 1000.0,
            "rep": "Alex",
            "status": "analyzed",
            "rules_version": "r1",
            "risk_score": 40.0,
            "risk_level": "medium",
            "risk_explanation": "Price.",
            "risk_contributions": "[]",
            "executive_present": 1,
            "created_at": "2026-03-01 10:00:00",
            "updated_at": "2026-03-01 10:00:00",
        },
        {
            "id": 2,
            "account_id": 2,
            "title": None,
            "source_path": "/calls/tl.vtt",
            "source_kind": "vtt",
            "content_hash": "h2",
            "size": 80,
            "duration": 4.0,
            "language": "it",
            "languages": "{}",
            "channels": 1,
            "model": None,
            "recorded_at": None,
            "renewal_date": None,
            "arr": None,
            "rep": None,
            "status": "transcribed",
            "rules_version": None,
            "risk_score": None,
            "risk_level": None,
            "risk_explanation": None,
            "risk_contributions": "[]",
            "executive_present": 0,
            "created_at": "2026-03-02 10:00:00",
            "updated_at": "2026-03-02 10:00:00",
        },
    ],
    "speaker": [
        {"id": 1, "call_id": 1, "label": "Alex", "role": "rep", "channel": None, "language": "en"},
        {"id": 2, "call_id": 1, "label": "Jane", "role": "customer", "channel": None, "language": "en"},
        {"id": 3, "call_id": 2, "label": "Laura", "role": "customer", "channel": None, "language": "it"},
    ],
    "utterance": [
        {
            "id": 1,
            "call_id": 1,
            "speaker_id": 1,
            "idx": 0,
            "role": "rep",
            "start": 0.0,
            "end": 2.0,
            "text": "Thanks for joining.",
            "language": "en",
            "channel": None,
            "confidence": None,
            "avg_logprob": None,
            "no_speech_prob": None,
            "compression_ratio": None,
            "words": "[]",
        },
        {
            "id": 2,
            "call_id": 1,
            "speaker_id": 2,
            "idx": 1,
            "role": "customer",
            "start": 2.5,
            "end": 9.5,
            "text": "Our CFO says the price is too high.",
            "language": "en",
            "channel": None,
            "confidence": 0.9,
            "avg_logprob": -0.2,
            "no_speech_prob": 0.01,
            "compression_ratio": 1.1,
            "words": '[[2.5, 3.0, "Our", 0.9]]',
        },
        {
            "id": 3,
            "call_id": 2,
            "speaker_id": 3,
            "idx": 0,
            "role": "customer",
            "start": 0.0,
            "end": 4.0,
            "text": "Vogliamo dare la disdetta del contratto.",
            "language": "it",
            "channel": None,
            "confidence": None,
            "avg_logprob": None,
            "no_speech_prob": None,
            "compression_ratio": None,
            "words": "[]",
        },
    ],
    "hit": [
        {
            "id": 1,
            "call_id": 1,
            "utterance_idx": 1,
            "rule": "price_too_high",
            "name": "Price too high",
            "category": "price",
            "role": "customer",
            "speaker": "Jane",
            "start": 2.5,
            "end": 9.5,
            "text": "Our CFO says the price is too high.",
            "matched": "price is too high",
            "language": "en",
            "weight": 20.0,
            "confidence": 1.0,
            "negated": 0,
            "hypothetical": 0,
            "evidence": "phrase",
        },
    ],
    "callexecutive": [
        {
            "id": 1,
            "call_id": 1,
            "title": "CFO",
            "kind": "mentioned",
            "name": None,
            "role": "customer",
            "speaker": "Jane",
            "start": 2.5,
            "end": 9.5,
            "quote": "Our CFO says",
            "language": "en",
            "confidence": 0.9,
        },
    ],
}
# fmt: on


def first_version_database(settings: Settings) -> None:
    """The settings' database at revision 0001 holding ``ROWS``."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.db_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        for table, rows in ROWS.items():
            columns = list(rows[0])
            names = ", ".join(f'"{c}"' for c in columns)
            conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(f':{c}' for c in columns)})"), rows)
    engine.dispose()


def table_rows(conn: Any, table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` as stored, limited to the columns the first version had."""
    columns = ", ".join(f'"{c}"' for c in ROWS[table][0])
    return [dict(r._mapping) for r in conn.execute(text(f"SELECT {columns} FROM {table} ORDER BY id"))]
