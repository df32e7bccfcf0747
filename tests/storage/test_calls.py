"""Storage of calls: exact round-trip, one transaction per call, replace, not-found errors."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.errors import NotFoundError
from assistant.records import (
    Analysis,
    CallMetadata,
    Executive,
    Hit,
    RiskContribution,
    RiskReport,
    SourceFile,
    Transcript,
    Utterance,
    Word,
)
from assistant.storage import calls
from assistant.storage.db import Store

TRANSCRIPT = Transcript(
    utterances=(
        Utterance(
            "rep",
            "rep",
            0.0,
            1.5,
            "Hi, thanks for joining.",
            (Word(0.0, 0.4, "Hi,", 0.9),),
            channel=0,
            language="en",
            avg_logprob=-0.2,
            no_speech_prob=0.01,
            compression_ratio=1.1,
        ),
        Utterance("customer", "customer", 1.6, 4.0, "Honestly the price is too high.", channel=1, language="en"),
    ),
    language="en",
    duration=4.0,
    source_kind="audio",
    channels=2,
    model="whisper-base",
    languages={"rep": "en", "customer": "en"},
)
ANALYSIS = Analysis(
    hits=(
        Hit(
            "price_too_high",
            "Price too high",
            "price",
            "customer",
            "customer",
            1.6,
            4.0,
            "Honestly the price is too high.",
            "price is too high",
            1,
            "en",
            30.0,
            evidence="lemma match",
        ),
    ),
    executives=(Executive("CFO", "speaking", name="Dana", role="customer", speaker="customer", start=1.6),),
    report=RiskReport(30.0, "low", (RiskContribution("price_too_high", "price", 30.0, "q", 1.6, "customer"),), "why"),
    rules_version="abc",
)
META = CallMetadata(
    account="Acme",
    rep="Alex",
    recorded_at=datetime(2026, 3, 1, 10, 30),
    renewal_date=date(2026, 6, 30),
    arr=120000.0,
    title="Q1 check-in",
)


def source(h: str = "hash1") -> SourceFile:
    return SourceFile(path=Path("/calls/acme.flac"), content_hash=h, size=1234)


def test_round_trip_is_exact(store: Store) -> None:
    call_id = calls.save_call(store, source=source(), transcript=TRANSCRIPT, metadata=META, analysis=ANALYSIS)
    detail = calls.get_call(store, call_id=call_id)
    assert detail.transcript == TRANSCRIPT
    assert detail.analysis == ANALYSIS
    assert detail.metadata.account == "Acme" and detail.metadata.arr == 120000.0
    assert detail.summary.risk_level == "low" and detail.summary.executive_present
    assert detail.transcript.utterances[0].confidence == pytest.approx(0.9)


def test_the_player_reads_the_call_without_word_records_and_the_words_as_one_json_array(store: Store) -> None:
    hostile = Word(0.5, 0.9, "</script><b>&", 0.5)
    lines = (
        replace(TRANSCRIPT.utterances[0], words=(*TRANSCRIPT.utterances[0].words, hostile)),
        TRANSCRIPT.utterances[1],
    )
    transcript = replace(TRANSCRIPT, utterances=lines)
    call_id = calls.save_call(store, source=source(), transcript=transcript, metadata=META, analysis=ANALYSIS)
    detail, words = calls.get_call_for_player(store, call_id=call_id)
    bare = tuple(replace(u, words=()) for u in transcript.utterances)
    assert detail.transcript == replace(transcript, utterances=bare) and detail.analysis == ANALYSIS
    assert json.loads(words) == [[[0.0, 0.4, "Hi,", 0.9], [0.5, 0.9, "</script><b>&", 0.5]], []]  # line order
    assert calls.get_call(store, call_id=call_id).transcript == transcript  # the full read keeps every word


def test_accounts_are_shared_case_insensitively(store: Store) -> None:
    calls.save_call(store, source=source("a"), transcript=TRANSCRIPT, metadata=META)
    calls.save_call(store, source=source("b"), transcript=TRANSCRIPT, metadata=replace(META, account="ACME"))
    assert [c.account for c in calls.list_calls(store, account="acme")] == ["Acme", "Acme"]
    assert calls.list_calls(store, account="Other") == []


def test_non_ascii_account_names_match_case_insensitively(store: Store) -> None:
    calls.save_call(store, source=source("a"), transcript=TRANSCRIPT, metadata=replace(META, account="ТрансЛайн"))
    calls.save_call(store, source=source("b"), transcript=TRANSCRIPT, metadata=replace(META, account="трансЛАЙН"))
    assert [c.account for c in calls.list_calls(store, account="ТРАНСЛАЙН")] == ["ТрансЛайн", "ТрансЛайн"]


def test_failure_mid_call_leaves_nothing(store: Store) -> None:
    broken = replace(TRANSCRIPT, utterances=(*TRANSCRIPT.utterances, replace(TRANSCRIPT.utterances[0], text=None)))
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the NULL text
        calls.save_call(store, source=source(), transcript=broken, metadata=META, analysis=ANALYSIS)
    with store.read() as session:
        for table in ("call", "speaker", "utterance", "hit", "callexecutive", "account"):
            assert session.execute(text(f"select count(*) from {table}")).scalar() == 0, table


def test_replace_swaps_the_call_atomically(store: Store) -> None:
    first = calls.save_call(store, source=source(), transcript=TRANSCRIPT, metadata=META, analysis=ANALYSIS)
    shorter = replace(TRANSCRIPT, utterances=TRANSCRIPT.utterances[:1])
    calls.save_call(store, source=source("other"), transcript=TRANSCRIPT, metadata=META)  # a later call
    second = calls.save_call(store, source=source(), transcript=shorter, metadata=META, replace=first)
    assert second == first and calls.call_ids(store) == [first, first + 1]  # same id: clips stay linked
    detail = calls.get_call(store, call_id=second)
    assert detail.transcript == shorter and detail.analysis is None
    assert detail.summary.risk_level is None and not detail.summary.executive_present


def test_failed_replace_keeps_the_old_version(store: Store) -> None:
    first = calls.save_call(store, source=source(), transcript=TRANSCRIPT, metadata=META)
    broken = replace(TRANSCRIPT, utterances=(replace(TRANSCRIPT.utterances[0], text=None),))
    with pytest.raises(Exception):  # noqa: B017
        calls.save_call(store, source=source(), transcript=broken, metadata=META, replace=first)
    assert calls.get_call(store, call_id=first).transcript == TRANSCRIPT


def test_reanalysis_replaces_hits(store: Store) -> None:
    call_id = calls.save_call(store, source=source(), transcript=TRANSCRIPT, metadata=META, analysis=ANALYSIS)
    calm = Analysis(hits=(), executives=(), report=RiskReport(0.0, "low"), rules_version="v2")
    calls.save_analysis(store, call_id=call_id, analysis=calm)
    assert calls.get_call(store, call_id=call_id).analysis == calm


def test_find_by_hash_and_not_found(store: Store) -> None:
    call_id = calls.save_call(store, source=source("xyz"), transcript=TRANSCRIPT, metadata=CallMetadata())
    found = calls.find_by_hash(store, "xyz")
    assert found is not None and found.id == call_id and found.account is None
    assert calls.find_by_hash(store, "nope") is None
    with pytest.raises(NotFoundError, match="no call with id 999"):
        calls.get_call(store, call_id=999)
    with pytest.raises(NotFoundError):
        calls.delete_call(store, call_id=999)
