"""Precision, recall and F1 from true/false positive and false negative counts (accuracy evaluations)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


class PrecisionRecall:
    """Mixin for a dataclass with ``tp``, ``fp`` and ``fn`` counts. An empty denominator scores 1.0
    (nothing predicted: no false alarm; nothing to find: nothing missed)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Any) -> None:
        """Add another score's counts to this one's (every field of the dataclass)."""
        for f in fields(self):  # type: ignore[arg-type]
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
