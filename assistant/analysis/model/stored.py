"""The head's stored examples (the nearest-examples vote's pool and the explanations' lines): one per identical text
(fourteenth round, issue 10).

    kept, pool = stored(examples)        # rows of the training lines kept, and the examples the head stores

Short answers are written twice on purpose: "Not a soul." after "Who still answers the tickets?" is a support risk,
after "Anyone from the old team left?" it is none (a context contrast pair). The head's context reader learns from both
copies; but the vote reads the line *alone*, where the two are one vector with two different tags, and which of them
the ``k`` nearest keep at the edge of the ``k`` was up to numpy's selection order (the thirteenth-round head: 343
groups of identical example vectors, 301 with different tags). So the head stores one example per text (the same
after Unicode NFKC, case folding and white space; per language), tagged as a reader of the text alone reads it: with
the tags every copy carries (a risk the context gave one copy, and not the other, is not in the text) — the trainer's
out-of-fold vote reads the same pool (``training.voted``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.analysis.model import vote
from assistant.analysis.model.choosing import targets
from assistant.analysis.model.labelled import Example

# one stored example per text (False: every training line its own, as the thirteenth-round head stored them;
# ``bench/model_loco.py --pool 0``)
ONE_PER_TEXT = True


def normalised(text: str) -> str:
    """``text`` as the pool compares it: NFKC, case-folded, runs of white space as one space, stripped."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Pool:
    """The examples a head stores (``examples``) and the rows of the training lines they stand for (``rows``: the
    first copy of each text); ``merged``: texts written more than once, ``conflicting``: of them, with different
    tags."""

    rows: tuple[int, ...]
    examples: tuple[Example, ...]
    merged: int
    conflicting: int

    def describe(self) -> str:
        return (f"{len(self.examples)} stored examples, one per text: {self.merged} texts written more than once, "
                f"{self.conflicting} of them with different tags (stored with the tags all copies carry)")  # fmt: skip


def stored(examples: Sequence[Example]) -> Pool:
    """One example per (language, ``normalised`` text) of ``examples``, in the order of first appearance, tagged
    with what every copy carries (``common``)."""
    groups: dict[tuple[str, str, int], list[int]] = {}
    for n, e in enumerate(examples):
        groups.setdefault((e.language, normalised(e.text), -1 if ONE_PER_TEXT else n), []).append(n)
    rows, kept, conflicting = [], [], 0
    for members in groups.values():
        copies = [examples[n] for n in members]
        conflicting += len({(frozenset(c.labels), c.trap) for c in copies}) > 1
        rows.append(members[0])
        kept.append(common(copies))
    return Pool(tuple(rows), tuple(kept), sum(len(m) > 1 for m in groups.values()), conflicting)


def common(copies: Sequence[Example]) -> Example:
    """The first of ``copies`` with only the risk categories and look-alike every copy carries (itself where all
    agree)."""
    first = copies[0]
    labels = tuple(c for c in first.labels if all(c in e.labels for e in copies))
    trap = first.trap if all(e.trap == first.trap for e in copies) else ""
    return first if (labels, trap) == (first.labels, first.trap) else replace(first, labels=labels, trap=trap)


def out_of_fold(examples: Sequence[Example], vectors: np.ndarray, folds: np.ndarray, k: int) -> np.ndarray:
    """Each training line's vote among the stored examples (``stored``) of the other ``folds``: what a head that
    never saw the line reads for it, from the pool it would store (``vote.out_of_fold`` over every line's copy)."""
    pool = stored(examples)
    rows = np.array(pool.rows, dtype=int).reshape(len(pool.rows))
    unit, tags = vote.unit(vectors), targets(pool.examples)
    norms = np.ones(len(unit), dtype=np.float32)
    out = np.zeros((len(unit), tags.shape[1]))
    for f in sorted(set(np.asarray(folds).tolist())):
        test, kept = folds == f, rows[folds[rows] != f]
        out[test] = vote.votes(unit[test], unit[kept], norms[kept], tags[folds[rows] != f], k)
    return out
