"""Managers' verdicts on the churn-risk analysis: a hit confirmed or rejected, a missed line marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

VerdictKind = Literal["confirm", "reject", "missed"]


@dataclass(frozen=True)
class Verdict:
    id: int
    call_id: int
    utterance_index: int
    rule: str  # the tracker (or model.<category>) judged; "" for a missed line
    category: str
    verdict: VerdictKind
    text: str  # the line as it was when judged
    language: str
    start: float
    created_at: datetime
    hit_id: int | None = None  # the hit it judges now (after reanalysis too); None: that hit is gone


@dataclass(frozen=True)
class TrackerPrecision:
    """Measured precision of a tracker from verdicts: confirmed / (confirmed + rejected)."""

    rule: str
    confirmed: int
    rejected: int

    @property
    def judged(self) -> int:
        return self.confirmed + self.rejected

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.judged if self.judged else None
