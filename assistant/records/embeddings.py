"""Sentence embeddings of utterances as they pass between analysis, storage and search (no ORM, no encoder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Embeddings:
    """One row per utterance of a call (in the call's order), all made by the embedding model ``model``.
    ``vectors`` is float32 of shape (utterances, dims); a zero row stands for a line without text."""

    model: str
    vectors: Any = field(repr=False)  # np.ndarray

    @property
    def dims(self) -> int:
        return int(np.asarray(self.vectors).shape[1])


@dataclass(frozen=True)
class StoredEmbeddings:
    """What storage holds for one call: its vectors when every utterance has a sound one of ``model``, else
    None and ``problem`` saying why (missing rows, another model's, corrupt bytes)."""

    vectors: Any  # np.ndarray | None
    problem: str = ""


@dataclass(frozen=True)
class EmbeddingStatus:
    """How many stored utterances have a current embedding, one of another model (stale), or none."""

    model: str
    utterances: int
    current: int
    stale: dict[str, int]  # other model id → utterances
    missing: int
    calls_due: int  # calls with at least one utterance not embedded by ``model``

    @property
    def stale_total(self) -> int:
        return sum(self.stale.values())


@dataclass(frozen=True)
class EmbedResult:
    """One call embedded again by ``assistant model embed``."""

    call_id: int
    status: str  # embedded | failed
    utterances: int = 0
    message: str = ""
