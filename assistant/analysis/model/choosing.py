"""What cross-validation chooses for the churn-risk head from its out-of-fold readings: each column's threshold, the
veto and the dismiss level (``training.choose`` calls these; ``training`` re-exports them and the grids)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.analysis.model.labelled import CATEGORIES, COLUMNS, QUIET, Example
from assistant.analysis.model.looks import DISMISS_AT_LEAST, LOOK_MARGIN

GRID = tuple(round(0.3 + 0.05 * i, 2) for i in range(13))  # 0.30 ... 0.90
RISK_PRECISION = 0.9  # a risk column's threshold: the lowest where the lines it flags are a risk this often
QUIET_PRECISION = 0.97  # a look-alike column's: the lowest where the lines it picks are no risk this often
VETO_GRID = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1)
VETO_LOSS = 0.0  # the veto: the highest where the rule-flagged risk lines it dismisses are at most this share (none)
SURE_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
# a rule hit's line taken for a look-alike when a look-alike column wins in both readings (with the turns before and
# alone) at ``dismiss``: the lowest of the grid where the rule-flagged lines so dismissed are no risk this often
DISMISS_PRECISION = 0.95


def targets(examples: Sequence[Example], columns: Sequence[str] = COLUMNS) -> np.ndarray:
    rows = [[1.0 if c in e.labels or c == e.trap else 0.0 for c in columns] for e in examples]
    return np.array(rows, dtype=np.float64).reshape(len(examples), len(columns))


def choose_veto(probs: np.ndarray, examples: Sequence[Example], loss: float = VETO_LOSS) -> float:
    """The highest of ``VETO_GRID`` below which the out-of-fold risk probabilities of the rule-flagged lines
    ``examples`` dismiss at most ``loss`` of those that are a risk; 0 (off) without rule-flagged lines."""
    if not len(examples):
        return 0.0
    risk = targets(examples)[:, : len(CATEGORIES)].any(axis=1)
    top = probs[:, : len(CATEGORIES)].max(axis=1) if len(probs) else np.zeros(0)
    fine = [v for v in VETO_GRID if (risk & (top < v)).sum() <= loss * max(risk.sum(), 1)]
    return max(fine, default=0.0)


def choose_sure_veto(probs: np.ndarray, alone: np.ndarray, examples: Sequence[Example], precision: float) -> float:
    """The highest of ``SURE_GRID`` at which the rule-flagged lines ``examples`` whose every risk column is under it
    in both out-of-fold readings (``probs`` with the turns before, ``alone``) are no risk ``precision`` of the time;
    0 (off) when none is."""
    k = len(CATEGORIES)
    no_risk: np.ndarray = np.logical_not(targets(examples)[:, :k].any(axis=1))
    top = np.maximum(probs[:, :k].max(axis=1, initial=0), alone[:, :k].max(axis=1, initial=0))
    fine = [v for v in SURE_GRID if (top < v).any() and _precision(top < v, no_risk) >= precision]
    return max(fine, default=0.0)


def choose_dismiss(
    probs: np.ndarray, alone: np.ndarray, examples: Sequence[Example], precision: float = DISMISS_PRECISION
) -> float:
    """The lowest of ``GRID`` at which the rule-flagged lines ``examples`` whose best look-alike column is at least
    it and above every risk column, in both out-of-fold readings (``probs`` with the turns before, ``alone``), are
    no risk ``DISMISS_PRECISION`` of the time; 0 (off) when no value is. Never below ``looks.DISMISS_AT_LEAST``
    (0.5: a look-alike silences a manager's rule hit only where the model finds it more likely than not; the
    eighth-round head's level 0.40, chosen here before the floor, dismissed a real cancellation at p=0.44)."""
    no_risk: np.ndarray = np.logical_not(targets(examples)[:, : len(CATEGORIES)].any(axis=1))
    k = len(CATEGORIES)
    best = np.argmax(np.minimum(probs, alone)[:, k:], axis=1) + k if len(probs) else np.zeros(0, int)
    level = np.minimum(probs, alone)[np.arange(len(best)), best] if len(best) else np.zeros(0)
    wins = (level > probs[:, :k].max(axis=1, initial=0)) & (level > alone[:, :k].max(axis=1, initial=0))
    fine = [t for t in GRID if t >= DISMISS_AT_LEAST and (wins & (level >= t)).any()]
    return next((t for t in fine if _precision(wins & (level >= t), no_risk) >= precision), 0.0)


def choose_thresholds(
    probs: np.ndarray, examples: Sequence[Example], risk_precision: float = RISK_PRECISION
) -> tuple[float, ...]:
    """Per column, the lowest threshold of ``GRID`` at which the out-of-fold ``probs`` are right often enough: the
    lines a risk column flags are a churn risk (``RISK_PRECISION``; the category is reported, not chosen for), the
    lines a look-alike column picks are no risk (``QUIET_PRECISION``); the highest of the grid where none is."""
    y = targets(examples) > 0
    no_risk = np.logical_not(y[:, : len(CATEGORIES)].any(axis=1))
    chosen = []
    for col, name in enumerate(COLUMNS):
        right, goal = (no_risk, QUIET_PRECISION) if name in QUIET else (~no_risk, risk_precision)
        chosen.append(next((t for t in GRID if _precision(probs[:, col] >= t, right) >= goal), GRID[-1]))
    return tuple(chosen)


def clear_of_risk(
    thresholds: Sequence[float], dismiss: float, probs: np.ndarray, alone: np.ndarray, examples: Sequence[Example],
    margin: float = LOOK_MARGIN,
) -> tuple[tuple[float, ...], float]:  # fmt: skip
    """The look-alike columns' thresholds and the dismiss level raised (along ``GRID``; past it: 0, off) until no
    risk line of the rule-flagged lines ``examples`` is a look-alike at them in the out-of-fold readings (``probs``
    with the turns before, ``alone``): a look-alike column at its threshold and above every risk column by
    ``margin`` in both readings (as ``looks.look_alike`` reads a line). The twelfth-round head's third_party
    threshold (0.60, by precision over all lines) silenced "we are going to cancel the contract, it's too
    expensive" at p 0.72."""
    k = len(CATEGORIES)
    risk = targets(examples)[:, :k].any(axis=1)
    top, top_alone = probs[:, :k].max(axis=1, initial=0) + margin, alone[:, :k].max(axis=1, initial=0) + margin
    raised = list(thresholds)
    for col in range(k, len(COLUMNS)):
        harm = risk & (probs[:, col] > top) & (alone[:, col] > top_alone)
        raised[col] = _clear(raised[col], probs[harm, col]) if raised[col] > 0 else 0.0
    level = np.minimum(probs, alone)[:, k:].max(axis=1, initial=0)
    harm = risk & (level > np.maximum(top, top_alone))
    return tuple(raised), (_clear(dismiss, level[harm]) if dismiss > 0 else 0.0)


def _clear(start: float, harmful: np.ndarray) -> float:
    """The lowest of ``GRID`` from ``start`` above every level in ``harmful``; 0 (off) where none is."""
    return next((t for t in GRID if t >= start and not (harmful >= t).any()), 0.0)


def _precision(picked: np.ndarray, right: np.ndarray) -> float:
    return float((picked & right).sum() / picked.sum()) if picked.any() else 1.0
