"""The churn-risk model's nearest-examples votes of a call's lines, as they pass between reanalysis and storage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ModelVotes:
    """The votes a reading of a call read under the head whose version is ``head`` (``ChurnModel.version``): per
    ``row_key`` of a line or sentence (``analysis/model/vote.py``), its vote (float64, one value per head column)."""

    head: str
    votes: Mapping[str, Any] = field(default_factory=dict, repr=False)  # row_key → np.ndarray
