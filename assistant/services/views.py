"""Records → the JSON shapes of the product, shared by every ``--json`` and (later) the HTTP API.

``to_jsonable`` turns dataclasses, dates, paths and tuples into plain JSON values; the named views fix the
shape of the documents people script against (``calls show --json``, ``alerts list --json`` ...)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from assistant.analysis.conversation import REFERENCES, ConversationMetrics, measure, verdict
from assistant.records import Analysis, CallDetail, Hit, Transcript
from assistant.records.alerts import Policy, StoredAlert
from assistant.records.jobs import JobInfo
from assistant.records.users import CredentialRecord
from assistant.redact import MASK, mask_webhook


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, paths, tuples → plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):  # a file name that is not UTF-8 shows its bytes as \xNN, never crashes
        return os.fsencode(value).decode("utf-8", "backslashreplace")
    if isinstance(value, SecretStr):
        return MASK  # a secret setting is never shown, in JSON or the API
    return value


def job_view(job: JobInfo) -> dict[str, Any]:
    """A queued job as `jobs list|show --json` show it: procrastinate's state, every attempt (with its result or
    error), what the job produced, and its last error with the attempt it came from."""
    return {**to_jsonable(job), "worker": job.worker, "result": job.result, "outcome": job.outcome,
            "last_error": job.last_error, "failed_attempt": job.failed_attempt}  # fmt: skip


UTTERANCE_FIELDS = (
    "speaker",
    "role",
    "start",
    "end",
    "text",
    "language",
    "confidence",
    "avg_logprob",
    "no_speech_prob",
)
SPEAKER_FIELDS = ("label", "role", "name", "channel", "seconds", "method", "confidence", "evidence", "model")


def call_json(call: CallDetail) -> dict[str, Any]:
    """The JSON of `calls show --json`: call fields, utterances, hits, executives, risk report."""
    s, t, a = call.summary, call.transcript, call.analysis
    doc: dict[str, Any] = to_jsonable(s)
    doc.update(
        content_hash=call.content_hash,
        languages=t.languages,
        channels=t.channels,
        model=t.model,
        metadata=to_jsonable(call.metadata),
        utterances=[{name: getattr(u, name) for name in UTTERANCE_FIELDS} for u in t.utterances],
        hits=hits_json(a.hits) if a else [],
        executives=to_jsonable(a.executives) if a else [],
        executive_present=a.executive_present if a else False,
        report=to_jsonable(a.report) if a else None,
        speakers=speakers_json(t),
        notes=list(t.notes),
        metrics=metrics_json(measure(t)),
    )
    return doc


def hits_json(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """Hits with their ``source``: "rules" (a manager's tracker) or "model" (the learned churn-risk model)."""
    return [{**to_jsonable(h), "source": h.source} for h in hits]


def speakers_json(transcript: Transcript) -> list[dict[str, Any]]:
    """The voices of a call: label, role, name, how that was decided, confidence, evidence, speech seconds."""
    return [{name: getattr(p, name) for name in SPEAKER_FIELDS} for p in transcript.speakers]


def metrics_json(metrics: ConversationMetrics | dict[str, Any]) -> dict[str, Any]:
    """Conversation metrics with, for each, the reference figure, its source and how the value compares."""
    values = metrics.as_dict() if isinstance(metrics, ConversationMetrics) else metrics
    return {
        "values": values,
        "references": {
            name: {"text": ref.text, "source": ref.source, "verdict": verdict(name, values.get(name))}
            for name, ref in REFERENCES.items()
        },
    }


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The JSON of `rules test --json`: what one sentence would get, and why."""
    report = analysis.report
    return {
        "hits": hits_json(analysis.hits),
        "executives": to_jsonable(analysis.executives),
        "executive_present": analysis.executive_present,
        "report": {"score": report.score, "level": report.level, "explanation": report.explanation,
                   "contributions": to_jsonable(report.contributions)},
        "rules_version": analysis.rules_version,
    }  # fmt: skip


def alert_json(a: StoredAlert) -> dict[str, Any]:
    """An alert of the outbox; a channel URL (a Slack URL is a secret) is masked."""
    doc: dict[str, Any] = to_jsonable(a)
    doc["channel"]["url"] = mask_webhook(a.channel.url) if a.channel.url else None
    return doc


def policy_json(p: Policy) -> dict[str, Any]:
    """An alert policy; its channels' URLs are masked."""
    doc: dict[str, Any] = to_jsonable(p)
    for channel in doc["channels"]:
        channel["url"] = mask_webhook(channel["url"]) if channel.get("url") else None
    return doc


def token_json(t: CredentialRecord) -> dict[str, Any]:
    """An API token as `tokens list --json` and /api/tokens show it (never its secret)."""
    return {"id": t.id, "name": t.name, "user": t.user.username, "role": t.user.role, "created_at": t.created_at,
            "last_used_at": t.last_used_at, "expires_at": t.expires_at}  # fmt: skip
