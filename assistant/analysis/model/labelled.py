"""One labelled line the churn-risk head learned from (its own module: the head and its file both read it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Example:
    """One labelled line the head learned from."""

    text: str
    language: str
    labels: tuple[str, ...]  # () = not a risk
    source: str = ""  # "eval/en.yaml:12", "verdict:41"
    trap: str = ""  # for a line that is no risk: the kind of look-alike it is ("own_metrics", "logistics" ...)
    context: tuple[str, ...] = ()  # the turns said just before it, oldest first (the last one or two count)
    group: str = ""  # lines of one contrast pair share it ("eval_heldout3:a1"): cross-validation keeps them together
    rep: bool = False  # the rep's line (``kind: rep``): training only (the learned follow-up reads customer lines)


def writer(example: Example) -> str:
    """Who wrote the line, as far as the corpora say: its folder (``eval_heldout6``), and in ``model_train`` the
    batch its file name starts with (``s6a_en.yaml``: ``model_train/s6a``); a verdict: ``verdict``."""
    folder, _, name = example.source.split(":")[0].rpartition("/")
    if not folder:
        return example.source.split(":")[0]
    batch = name.split("_")[0] if "_" in name else "base"
    return f"{folder}/{batch}" if folder == "model_train" else folder


def writer_weights(examples: Sequence[Example], power: float) -> np.ndarray | None:
    """Each line's weight n_writer ** -``power`` in a fit, scaled to a mean of 1 (``training.WRITERS``); None when 0:
    every line 1."""
    if power <= 0 or not examples:
        return None
    names = [writer(e) for e in examples]
    counts = Counter(names)
    w = np.array([counts[n] ** -power for n in names], dtype=np.float64)
    return w * (len(w) / w.sum())
