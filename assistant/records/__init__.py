"""Plain, frozen dataclasses that flow between the stages of the pipeline.

audio → transcription produce a ``Transcript``; analysis turns it into an ``Analysis`` (hits,
executives, risk report); storage persists both. No stage passes ORM objects or dicts to another.
Times are seconds from the start of the recording.

This module holds the records of a call; the other domains have their own modules beside it:
``records.library`` (search, clips, collections, outcomes), ``records.accounts`` (CRM accounts, churn,
signals, briefs) and ``records.alerts`` (policies, alert messages, the outbox). Records are the ground
floor: they import nothing from the rest of the package (the import-linter contract in pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

Role = Literal["rep", "customer", "unknown"]
ROLES: tuple[str, ...] = ("rep", "customer", "unknown")


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str
    probability: float | None = None


@dataclass(frozen=True)
class Utterance:
    """One speaker's turn: a Whisper segment of one channel, or one cue of an imported transcript."""

    speaker: str  # label shown to users: a name from the transcript, or "rep" / "customer" / "speaker 1"
    role: Role
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    channel: int | None = None  # audio channel the utterance came from (0 = left), None for mono/imports
    language: str | None = None
    # Whisper's confidence figures, kept so users (and filters) can judge a line; None for imports.
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    compression_ratio: float | None = None

    @property
    def confidence(self) -> float | None:
        """Mean word probability (0..1), or None when the source gave none."""
        probs = [w.probability for w in self.words if w.probability is not None]
        return sum(probs) / len(probs) if probs else None


@dataclass(frozen=True)
class SpeakerProfile:
    """One voice of a call as diarization found it, and who we think it is.

    ``label`` is what utterances carry as ``speaker`` ("S1", "S2" on a mono call; "customer 2" when a stereo
    side holds two voices). ``method`` says how the role was decided: "channel" (stereo side), "voiceprint"
    (an enrolled rep's voice), "cues" (who opens the call, who asks the questions, who says the rep's name),
    "manual" (``assistant calls speaker``) or "" when nothing decided it. ``confidence`` is 0..1.
    ``embedding`` is the normalised speaker embedding of ``model`` (kept so a rep enrolled later can be matched).
    """

    label: str
    role: Role = "unknown"
    name: str | None = None
    channel: int | None = None
    seconds: float = 0.0
    method: str = ""
    confidence: float | None = None
    evidence: str = ""
    model: str | None = None
    embedding: tuple[float, ...] = ()


@dataclass(frozen=True)
class Voiceprint:
    """An enrolled rep's voice: one normalised speaker embedding of ``model`` (``assistant reps enroll``)."""

    name: str
    model: str
    embedding: tuple[float, ...]
    seconds: float = 0.0  # speech it was made from
    sources: tuple[str, ...] = ()  # file names


@dataclass(frozen=True)
class Transcript:
    utterances: tuple[Utterance, ...]
    language: str  # main language of the call (ISO 639-1), "und" when unknown
    duration: float
    source_kind: Literal["audio", "vtt", "srt", "whisper-json"]
    channels: int = 1
    model: str | None = None  # e.g. "whisper-base" for audio; None for imports
    languages: dict[str, str] = field(default_factory=dict)  # per side/channel: {"rep": "en", ...}
    speakers: tuple[SpeakerProfile, ...] = ()  # the voices diarization found (empty when it did not run)
    notes: tuple[str, ...] = ()  # what the user should know: "found 3 voices where 2 were expected ..."


@dataclass(frozen=True)
class CallMetadata:
    """What we know about a call besides its content: from CLI options or a sidecar JSON/CSV."""

    account: str | None = None
    rep: str | None = None
    recorded_at: datetime | None = None
    renewal_date: date | None = None
    arr: float | None = None
    title: str | None = None
    language: str | None = None  # force the language instead of detecting it
    speakers: int | None = None  # voices on a mono recording (0 = let diarization decide); None = the setting


@dataclass(frozen=True)
class SourceFile:
    path: Path
    content_hash: str  # sha256 of the bytes
    size: int


# ---- analysis (issue: keyword rules) -------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One rule firing on one utterance, with the evidence that explains it."""

    rule: str  # rule (tracker) id
    name: str
    category: str
    role: Role
    speaker: str
    start: float
    end: float
    text: str  # the quote: the utterance text (or the sentence within it)
    matched: str  # the words that matched
    utterance_index: int
    language: str
    weight: float
    confidence: float = 1.0  # 1.0 exact / lemma match; fuzzy score / 100 otherwise
    negated: bool = False
    hypothetical: bool = False
    evidence: str = ""  # why: "lemma 'cancel' matched 'cancelling'; negated by 'not'"

    @property
    def source(self) -> Literal["rules", "model"]:
        """Where the signal came from: a manager's tracker, or the learned model (rule ids ``model.<category>``)."""
        return "model" if self.rule.startswith("model.") else "rules"


@dataclass(frozen=True)
class Executive:
    title: str  # normalised title, e.g. "CFO"
    kind: Literal["speaking", "mentioned"]
    name: str | None = None
    role: Role = "unknown"  # side of the call the executive is on, when known
    speaker: str | None = None
    start: float = 0.0
    end: float = 0.0
    quote: str = ""
    language: str = "en"
    confidence: float = 1.0
    level: str = ""  # c_level | board | vp | director | owner | senior (keyword_rules/executives.yaml)
    evidence: str = ""  # why: "'CFO' -> CFO; self-introduction"


@dataclass(frozen=True)
class RiskContribution:
    rule: str
    category: str
    points: float
    quote: str
    start: float
    reason: str  # "customer said it; negated ×0; second repeat ×0.5"


@dataclass(frozen=True)
class RiskReport:
    score: float  # 0..100
    level: Literal["low", "medium", "high"]
    contributions: tuple[RiskContribution, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class Analysis:
    hits: tuple[Hit, ...]
    executives: tuple[Executive, ...]
    report: RiskReport
    rules_version: str = ""  # hash of the rule set that produced it
    warnings: tuple[str, ...] = ()  # e.g. an utterance skipped because it outran its time budget

    @property
    def executive_present(self) -> bool:
        return any(e.kind == "speaking" for e in self.executives)


# ---- stored calls (what storage hands back to the library and the edges) --------------------------


@dataclass(frozen=True)
class CallSummary:
    id: int
    title: str | None
    account: str | None
    rep: str | None
    source_path: str
    source_kind: str
    duration: float
    language: str
    recorded_at: datetime | None
    status: str
    utterances: int
    risk_score: float | None = None
    risk_level: str | None = None
    executive_present: bool = False


@dataclass(frozen=True)
class CallDetail:
    summary: CallSummary
    content_hash: str
    transcript: Transcript
    metadata: CallMetadata
    analysis: Analysis | None = None
