"""The churn-risk model (a trained head with the shared embedder) and its reading of a call's lines: one evaluation
of the head per call, which model hits (``hits.py``), look-alikes and the veto (``looks.py``) all use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.analysis.model.embedding import Embedder
from assistant.analysis.model.head import Head


@dataclass(frozen=True)
class Reading:
    """The head's probabilities of a call's lines (one row each): ``probs`` read with the turns before (the lines
    said first: alone), ``alone`` each line read by itself. Model hits, look-alikes and the veto all use it."""

    probs: np.ndarray
    alone: np.ndarray


@dataclass(frozen=True)
class ChurnModel:
    head: Head
    embedder: Embedder
    path: Path
    version: str = ""  # the head file's ``head_file.file_version`` (12 hex digits): part of a stored analysis's version

    def probabilities(self, vectors: np.ndarray, before: np.ndarray | None = None) -> np.ndarray:
        return self.head.probabilities(vectors, before)

    def read(self, vectors: np.ndarray, before: np.ndarray | None = None) -> Reading:
        """Each line's probabilities, with the turns before and alone, from one evaluation of the head."""
        if not len(vectors):
            empty = np.zeros((0, len(self.head.categories)))
            return Reading(empty, empty)
        return Reading(*self.head.readings(vectors, before))
