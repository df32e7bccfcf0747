"""Plain, frozen dataclasses of the clip library: search queries and hits, clips, collections, outcomes.

Storage hands these back (never ORM rows); the library and the CLI work with them only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

OutcomeStatus = Literal["renewed", "expanded", "downgraded", "churned", "open"]
OUTCOME_STATUSES: tuple[str, ...] = ("renewed", "expanded", "downgraded", "churned", "open")
WON_STATUSES: tuple[str, ...] = ("renewed", "expanded")


@dataclass(frozen=True)
class SearchFilters:
    """Every filter is optional; names are matched case-insensitively."""

    account: str | None = None
    rep: str | None = None
    role: str | None = None  # rep | customer | unknown
    language: str | None = None  # the utterance's language (or the call's when unknown)
    date_from: date | None = None  # call recorded on or after this day
    date_to: date | None = None  # call recorded on or before this day
    tracker: str | None = None  # the call has a hit of this rule id
    category: str | None = None  # the call has a hit of this category
    risk_level: str | None = None  # low | medium | high
    outcome: str | None = None  # the account's (or call's) outcome status
    executive: bool | None = None  # an executive spoke in the call
    call_id: int | None = None


@dataclass(frozen=True)
class SearchHit:
    utterance_id: int
    call: int
    idx: int  # position of the utterance within the call
    start: float
    end: float
    role: str
    speaker: str
    text: str
    snippet: str  # the text with matches wrapped in <mark>...</mark> (meaning search: the text as it is)
    score: float  # bm25: lower is better; meaning search (--like): cosine similarity, higher is better
    account: str | None
    call_title: str | None
    language: str | None
    recorded_at: datetime | None


@dataclass(frozen=True)
class SearchPage:
    query: str
    expression: str  # the safe FTS expression the query became
    hits: tuple[SearchHit, ...]
    offset: int
    limit: int
    has_more: bool
    did_you_mean: str | None = None
    mode: str = "words"  # words (full text) | like (meaning search)
    notes: tuple[str, ...] = ()  # what could not be searched and how to fix it (lines without current embeddings)


@dataclass(frozen=True)
class Clip:
    id: int
    call_id: int | None
    title: str
    start: float
    end: float
    transcript: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    author: str | None = None
    origin: str = "range"  # range | search | hit | suggestion
    audio_path: str | None = None  # None for transcript-only clips
    transcript_path: str | None = None
    account: str | None = None
    created_at: datetime | None = None

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    description: str = ""
    clip_ids: tuple[int, ...] = ()  # in order
    created_at: datetime | None = None


@dataclass(frozen=True)
class Outcome:
    id: int
    account: str
    status: str
    on: date | None
    call_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Suggestion:
    kind: Literal["risk-handled", "executive-renewal"]
    call_id: int
    account: str | None
    start: float
    end: float
    title: str
    why: str
    transcript: str


@dataclass(frozen=True)
class CallFilters:
    account: str | None = None  # part of the account name, any case
    rep: str | None = None  # part of the rep's name, any case
    risk_level: str | None = None  # low | medium | high
    tracker: str | None = None  # the call has a (counted or not) hit of this rule id
    language: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    executive: bool | None = None  # an executive spoke
