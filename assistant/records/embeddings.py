"""Sentence embeddings of utterances as they pass between analysis, storage and search (no ORM, no encoder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.records.votes import ModelVotes


@dataclass(frozen=True)
class SentenceVectors:
    """The sentences of a call's long customer turns, which the churn-risk model reads one by one
    (``analysis/model/sentences.py``), embedded: per sentence the index of its utterance in the call, its text as
    embedded, and its row of ``vectors`` (float32, (sentences, dims)). A sentence's vector depends on its text
    alone, so a reader looks it up by text (``by_text``): a turn cut another way finds none of its new sentences."""

    utterances: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()
    vectors: Any = field(default=None, repr=False)  # np.ndarray | None (no sentences)

    def __len__(self) -> int:
        return len(self.texts)

    def by_text(self) -> dict[str, np.ndarray]:
        return {} if self.vectors is None else dict(zip(self.texts, np.asarray(self.vectors), strict=True))


NO_SENTENCES = SentenceVectors()


@dataclass(frozen=True)
class Embeddings:
    """One row per utterance of a call (in the call's order), all made by the embedding model ``model``.
    ``vectors`` is float32 of shape (utterances, dims); a zero row stands for a line without text. ``sentences``:
    the sentences of its long customer turns, by the same model (stored with them)."""

    model: str
    vectors: Any = field(repr=False)  # np.ndarray
    sentences: SentenceVectors = NO_SENTENCES

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
class StoredReading:
    """What a reanalysis of a stored call reads besides its transcript, read at once (``storage.embeddings.
    load_reading``): its lines' vectors (or the problem), the sentence vectors of its long turns it found, and the
    model's votes stored under the asked head (None: none asked)."""

    lines: StoredEmbeddings
    sentences: SentenceVectors = NO_SENTENCES
    votes: ModelVotes | None = None


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
