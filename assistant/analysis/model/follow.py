"""The learned follow-up: a customer turn that goes on about a risk said in the customer's previous turn.

"All of them, every Monday." is no risk alone; after "the tills freeze every Monday morning" it is the same
complaint. A risk category said in the customer's previous turn (a live rule hit or a model hit there) counts on
this line, under the column's own threshold, when a small logistic model of five numbers says the line goes on
with it:

    [p_c(line) with the turns before, p_c(line) alone, the line's highest risk column, p_c(previous turn),
     cosine(line, previous turn)]

trained on the labelled lines of whole calls whose customer's previous turn is a labelled risk (``rows``), its
level chosen on out-of-fold scores for the risk columns' precision, counted on the lines the head's thresholds do not
flag already (``fit``). Stored in the head as ``follow = (level, bias, *weights)``; () = off.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.analysis.model.head import Example, Head, train_head

FEATURES = 5
LEVELS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))  # 0.30 ... 0.95


def features(
    probs: np.ndarray, alone: np.ndarray, top: float, previous: np.ndarray, cosine: float, col: int
) -> np.ndarray:
    """The five numbers of line ``probs`` / ``alone`` (one row each) going on with column ``col`` of ``previous``."""
    return np.array([probs[col], alone[col], top, previous[col], cosine], dtype=np.float64)


def score(head: Head, row: np.ndarray) -> float:
    """How likely the line goes on with the risk (``row``: ``features``); 0 when the head has no follow-up."""
    if len(head.follow) != FEATURES + 2:
        return 0.0
    z = head.follow[1] + float(np.dot(head.follow[2:], row))
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b) / norm) if norm > 0 else 0.0


def previous_risk(examples: Sequence[Example]) -> list[int]:
    """Per line, the labelled risk line of the same call said as one of the two turns before it (-1: none); a rep's
    line has none."""
    where: dict[tuple[str, str], int] = {}
    for n, e in enumerate(examples):
        if e.group and e.labels:
            where.setdefault((e.group, e.text), n)
    out = []
    for e in examples:
        found = [where.get((e.group, t), -1) for t in reversed(e.context[-2:])] if e.group and not e.rep else []
        out.append(next((j for j in found if j >= 0), -1))
    return out


def rows(
    examples: Sequence[Example], x: np.ndarray, probs: np.ndarray, alone: np.ndarray, risks: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(features, line is a risk, line index, column)`` per (line, category of its previous risk turn); ``risks``:
    the head's risk columns, its first ones."""
    feats, gold, at, cols = [], [], [], []
    for i, j in enumerate(previous_risk(examples)):
        if j < 0:
            continue
        top = float(probs[i, : len(risks)].max())
        for col in [c for c, name in enumerate(risks) if name in examples[j].labels]:
            feats.append(features(probs[i], alone[i], top, probs[j], cosine(x[i], x[j]), col))
            gold.append(bool(examples[i].labels))
            at.append(i)
            cols.append(col)
    return (np.array(feats).reshape(len(feats), FEATURES), np.array(gold, bool), np.array(at, int),
            np.array(cols, int))  # fmt: skip


def fit(
    examples: Sequence[Example], x: np.ndarray, probs: np.ndarray, alone: np.ndarray, risks: Sequence[str],
    thresholds: Sequence[float], fold: np.ndarray, precision: float, seed: int,
) -> tuple[float, ...]:  # fmt: skip
    """``(level, bias, *weights)`` fitted on every row (``probs`` / ``alone``: the lines' out-of-fold readings;
    ``risks``: the head's risk columns, its first ones; ``fold``: each line's), the level the lowest of ``LEVELS``
    where the out-of-fold scores of the rows the ``thresholds`` leave unflagged are a risk ``precision`` of the
    time; () when none is."""
    k = len(risks)
    feats, gold, at, _ = rows(examples, x, probs, alone, risks)
    if precision <= 0 or not len(gold) or gold.all() or not gold.any():
        return ()
    oof = np.zeros(len(gold))
    for f in sorted(set(fold[at].tolist())):
        test = fold[at] == f
        if (~test).any() and len(set(gold[~test].tolist())) == 2:
            oof[test] = _sigmoid(_apply(_train(feats[~test], gold[~test], seed), feats[test]))
    open_: np.ndarray = np.logical_not((probs[at, :k] >= np.asarray(thresholds[:k])).any(axis=1))
    level = next((t for t in LEVELS if _hits(oof >= t, open_, gold) >= precision), 0.0)
    return () if level <= 0 else (level, *_train(feats, gold, seed))


def _hits(picked: np.ndarray, open_: np.ndarray, gold: np.ndarray) -> float:
    chosen = picked & open_
    return float((chosen & gold).sum() / chosen.sum()) if chosen.sum() >= 5 else 0.0


def _train(feats: np.ndarray, gold: np.ndarray, seed: int) -> tuple[float, ...]:
    """Bias and weights on the raw features (the head's standardisation folded in)."""
    head = train_head(feats, gold.reshape(-1, 1).astype(float), ("follow",), seed=seed, l2=1e-2, epochs=400)
    w = head.weights[:, 0] / head.scale
    return (float(head.bias[0] - np.dot(w, head.center)), *(float(v) for v in w))


def _apply(params: tuple[float, ...], feats: np.ndarray) -> np.ndarray:
    return params[0] + feats @ np.asarray(params[1:])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
