"""Canned calls for the library tests: real records saved with the real storage code (no mocks)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assistant.records import (
    Analysis,
    CallMetadata,
    Executive,
    Hit,
    RiskReport,
    SourceFile,
    Transcript,
    Utterance,
)
from assistant.storage import calls
from assistant.storage.db import Store


def utt(speaker: str, role: str, start: float, end: float, text: str, lang: str = "en") -> Utterance:
    return Utterance(speaker=speaker, role=role, start=start, end=end, text=text, language=lang)  # type: ignore[arg-type]


def risk_hit(u: Utterance, index: int, rule: str = "cancel", category: str = "churn", **kw: object) -> Hit:
    fields: dict[str, object] = dict(
        rule=rule, name=rule.title(), category=category, role=u.role, speaker=u.speaker, start=u.start,
        end=u.end, text=u.text, matched=rule, utterance_index=index, language=u.language or "en", weight=20.0,
    )  # fmt: skip
    fields.update(kw)
    return Hit(**fields)  # type: ignore[arg-type]


def save(
    store: Store,
    key: str,
    utterances: list[Utterance],
    *,
    lang: str = "en",
    account: str | None = None,
    rep: str | None = None,
    recorded: str | None = None,
    hits: tuple[Hit, ...] = (),
    executives: tuple[Executive, ...] = (),
    level: str = "low",
    source: Path | None = None,
    duration: float | None = None,
) -> int:
    kind = "audio" if source is not None else "vtt"
    transcript = Transcript(
        utterances=tuple(utterances),
        language=lang,
        duration=duration if duration is not None else max(u.end for u in utterances) + 1.0,
        source_kind=kind,  # type: ignore[arg-type]
    )
    metadata = CallMetadata(
        account=account, rep=rep, recorded_at=datetime.fromisoformat(recorded) if recorded else None
    )
    analysis = Analysis(hits=hits, executives=executives, report=RiskReport(score=50.0, level=level))  # type: ignore[arg-type]
    return calls.save_call(
        store,
        source=SourceFile(path=source or Path(f"/calls/{key}.vtt"), content_hash=key, size=1),
        transcript=transcript,
        metadata=metadata,
        analysis=analysis,
    )


def library(store: Store) -> dict[str, int]:
    """Five calls in four languages, two accounts, with hits and an executive."""
    en1 = [
        utt("Bob", "customer", 0.0, 4.0, "Honestly we are thinking about cancelling the contract."),
        utt("Ann", "rep", 4.5, 9.0, "I understand. Let me offer a discount on the renewal price."),
        utt("Bob", "customer", 9.5, 12.0, "A discount would help; our CFO wants lower pricing."),
    ]
    en2 = [
        utt("Carol", "customer", 0.0, 3.0, "The price increase is too steep for our budget."),
        utt("Dan", "rep", 3.5, 7.0, "We can phase the price increase over two years."),
    ]
    it = [utt("Giulia", "customer", 0.0, 5.0, "Vorremmo disdire il contratto entro marzo.", "it")]
    ru = [utt("Ivan", "customer", 0.0, 5.0, "Мы отменим подписку в следующем месяце.", "ru")]
    zh = [utt("Li", "customer", 0.0, 5.0, "我们想取消合同，价格太高了。", "zh")]
    cfo = Executive(title="CFO", kind="speaking", name="Bob", role="customer", speaker="Bob", start=9.5, end=12.0)
    return {
        "en1": save(
            store, "en1", en1, account="Acme", rep="Ann", recorded="2026-01-10T10:00:00",
            hits=(risk_hit(en1[0], 0),), executives=(cfo,), level="high",
        ),
        "en2": save(store, "en2", en2, account="Globex", rep="Dan", recorded="2026-03-05T09:00:00",
                    hits=(risk_hit(en2[0], 0, rule="price", category="pricing"),), level="medium"),
        "it": save(store, "it", it, lang="it", account="Rossi", rep="Ann", recorded="2026-02-01T09:00:00"),
        "ru": save(store, "ru", ru, lang="ru", account="Ivanov", rep="Dan", recorded="2026-02-02T09:00:00"),
        "zh": save(store, "zh", zh, lang="zh", account="Li Ltd", rep="Dan", recorded="2026-02-03T09:00:00"),
    }  # fmt: skip
