"""Conversions between table rows and the plain records of ``assistant.records``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, cast

from assistant.records import (
    Analysis,
    Executive,
    RiskContribution,
    RiskReport,
    Role,
    SpeakerProfile,
    Transcript,
    Word,
)
from assistant.records import Hit as HitRecord
from assistant.records import Utterance as UtteranceRecord
from assistant.storage.tables import Call, CallExecutive, Hit, Speaker, Utterance


def words_json(words: Sequence[Word]) -> str:
    return json.dumps([[w.start, w.end, w.text, w.probability] for w in words], ensure_ascii=False)


def words_from_json(raw: str) -> tuple[Word, ...]:
    return tuple(Word(start=s, end=e, text=t, probability=p) for s, e, t, p in json.loads(raw or "[]"))


def utterance_row(call_id: int, speaker_id: int | None, idx: int, u: UtteranceRecord) -> Utterance:
    assert speaker_id is not None
    return Utterance(
        call_id=call_id,
        speaker_id=speaker_id,
        idx=idx,
        role=u.role,
        start=u.start,
        end=u.end,
        text=u.text,
        language=u.language,
        channel=u.channel,
        confidence=u.confidence,
        avg_logprob=u.avg_logprob,
        no_speech_prob=u.no_speech_prob,
        compression_ratio=u.compression_ratio,
        words=words_json(u.words),
    )


# What a transcript reads of each utterance: plain columns, not ORM objects (a 2-hour call has ~900 lines).
UTTERANCE_COLUMNS = (
    Utterance.speaker_id, Utterance.role, Utterance.start, Utterance.end, Utterance.text, Utterance.language,
    Utterance.channel, Utterance.avg_logprob, Utterance.no_speech_prob, Utterance.compression_ratio,
)  # fmt: skip


def utterance_record(row: Any, speaker: Speaker, *, words: bool = True) -> UtteranceRecord:
    """An utterance from a row of ``UTTERANCE_COLUMNS`` (plus ``words`` unless ``words=False``)."""
    return UtteranceRecord(
        speaker=speaker.label,
        role=cast(Role, row.role),
        start=row.start,
        end=row.end,
        text=row.text,
        words=words_from_json(row.words) if words else (),
        channel=row.channel,
        language=row.language,
        avg_logprob=row.avg_logprob,
        no_speech_prob=row.no_speech_prob,
        compression_ratio=row.compression_ratio,
    )


def speaker_row(call_id: int, p: SpeakerProfile) -> Speaker:
    row = Speaker(call_id=call_id, label=p.label, role=p.role, channel=p.channel)
    update_speaker_row(row, p, None)
    return row


def update_speaker_row(row: Speaker, p: SpeakerProfile, manual: str | None) -> None:
    row.role, row.name, row.seconds, row.method = p.role, p.name, p.seconds, p.method
    row.confidence, row.evidence, row.model, row.manual = p.confidence, p.evidence, p.model, manual
    row.embedding = json.dumps(list(p.embedding))


def speaker_profile(row: Speaker) -> SpeakerProfile:
    try:
        embedding = tuple(float(x) for x in json.loads(row.embedding or "[]"))
    except (ValueError, TypeError):
        embedding = ()
    return SpeakerProfile(
        label=row.label,
        role=cast(Role, row.role),
        name=row.name,
        channel=row.channel,
        seconds=row.seconds or 0.0,
        method=row.method or "",
        confidence=row.confidence,
        evidence=row.evidence or "",
        model=row.model,
        embedding=embedding,
    )


def transcript(call: Call, rows: Sequence[Any], speakers: Sequence[Speaker], *, words: bool = True) -> Transcript:
    """The call's transcript from its utterance rows in order (see ``utterance_record``) and its speakers;
    ``words=False``: the utterances without their word timings (not read)."""
    by_id = {s.id: s for s in speakers}
    heard: dict[str, Speaker] = {}  # each label's speaker, in the order they first speak
    for speaker_id in dict.fromkeys(r.speaker_id for r in rows):
        heard.setdefault(by_id[speaker_id].label, by_id[speaker_id])
    return Transcript(
        utterances=tuple(utterance_record(r, by_id[r.speaker_id], words=words) for r in rows),
        language=call.language,
        duration=call.duration,
        source_kind=cast(Any, call.source_kind),
        channels=call.channels,
        model=call.model,
        languages=json.loads(call.languages or "{}"),
        speakers=tuple(speaker_profile(s) for s in heard.values() if s.model or s.method),
        notes=tuple(json.loads(call.notes or "[]")),
    )


def hit_values(call_id: int, h: HitRecord) -> dict[str, Any]:
    """The columns of a hit's row (a ``Hit`` table row), for a bulk insert."""
    values = {f.name: getattr(h, f.name) for f in fields(h)}
    values["utterance_idx"] = values.pop("utterance_index")
    return {"call_id": call_id, **values}


def hit_record(row: Hit) -> HitRecord:
    fields = row.model_dump(exclude={"id", "call_id", "utterance_idx"})
    return HitRecord(utterance_index=row.utterance_idx, **fields)


def executive_record(row: CallExecutive) -> Executive:
    return Executive(**row.model_dump(exclude={"id", "call_id"}))


def analysis(call: Call, hits: Sequence[Hit], execs: Sequence[CallExecutive]) -> Analysis:
    contributions = tuple(RiskContribution(**c) for c in json.loads(call.risk_contributions or "[]"))
    report = RiskReport(
        score=call.risk_score or 0.0,
        level=cast(Any, call.risk_level or "low"),
        contributions=contributions,
        explanation=call.risk_explanation or "",
    )
    return Analysis(
        hits=tuple(hit_record(h) for h in hits),
        executives=tuple(executive_record(e) for e in execs),
        report=report,
        rules_version=call.rules_version or "",
    )
