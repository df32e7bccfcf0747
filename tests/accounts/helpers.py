"""Canned calls for account tests: real storage, plain records, no analysis model needed."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from assistant.records import Analysis, CallMetadata, Executive, Hit, RiskReport, SourceFile, Transcript, Utterance
from assistant.storage import calls
from assistant.storage.db import Store

_ids = count(1)


def hit(rule: str, category: str, text: str, *, start: float = 5.0, speaker: str = "Jane", **kw: object) -> Hit:
    fields: dict[str, object] = {"role": "customer", "language": "en", "negated": False, "hypothetical": False}
    fields.update(kw)
    return Hit(
        rule,
        rule.replace("_", " "),
        category,
        speaker=speaker,
        start=start,
        end=start + 3,
        text=text,
        matched=text.split()[0],
        utterance_index=1,
        weight=20.0,
        **fields,  # type: ignore[arg-type]
    )


def save(
    store: Store,
    account: str,
    when: str,
    score: float,
    *,
    hits: tuple[Hit, ...] = (),
    executives: tuple[Executive, ...] = (),
    speakers: tuple[str, ...] = ("Jane",),
    language: str = "en",
) -> int:
    """One analysed call of ``account`` recorded on ``when`` (YYYY-MM-DD) with the given risk score."""
    utterances = [Utterance("Rep", "rep", 0.0, 2.0, "Thanks for joining.", language=language)]
    utterances += [
        Utterance(s, "customer", 2.0 + i * 3, 4.0 + i * 3, "We need to talk.", language=language)
        for i, s in enumerate(speakers)
    ]
    transcript = Transcript(tuple(utterances), language, 30.0, "vtt")
    level = "high" if score >= 65 else "medium" if score >= 35 else "low"
    n = next(_ids)
    return calls.save_call(
        store,
        source=SourceFile(Path(f"/calls/{account}-{n}.vtt"), f"hash-{account}-{n}-{when}", 100),
        transcript=transcript,
        metadata=CallMetadata(account=account, recorded_at=datetime.fromisoformat(when).replace(tzinfo=UTC)),
        analysis=Analysis(hits, executives, RiskReport(score, level)),  # type: ignore[arg-type]
    )
