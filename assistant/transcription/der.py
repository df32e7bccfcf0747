"""Diarization error rate (DER), the standard score of who-spoke-when, and RTTM reading.

DER = (missed speech + false alarm + speaker confusion) / reference speech, all in seconds, after the one-to-one
mapping of hypothesis voices to reference speakers that maximises their shared time (NIST md-eval; pyannote.metrics
computes the same). Overlapped speech counts once per speaker. ``collar`` follows pyannote.metrics: a total width
centred on every reference boundary (half before, half after) that is left out of the score; 0.25 s is common.
Time is scored on a ``FRAME`` grid (10 ms), fine enough that the figure matches an exact computation to a
fraction of a percent on real turns.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import InputError
from assistant.transcription.diarization import Turn

FRAME = 0.01


@dataclass(frozen=True)
class DerScore:
    der: float  # 0..(can exceed 1 with many false alarms)
    missed: float  # seconds
    false_alarm: float
    confusion: float
    total: float  # reference speech scored, seconds
    mapping: dict[str, str]  # hypothesis label → reference label


def read_rttm(path: Path) -> tuple[Turn, ...]:
    """SPEAKER lines of an RTTM file as turns; a malformed line is an InputError naming file:line."""
    turns: list[Turn] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split()
        if not fields or fields[0] != "SPEAKER":
            continue
        try:
            start, duration = float(fields[3]), float(fields[4])
            label = fields[7]
        except (IndexError, ValueError):
            raise InputError(f"{path}:{number}: not an RTTM SPEAKER line (type file chan start dur ... name)") from None
        if duration < 0:
            raise InputError(f"{path}:{number}: negative duration {duration}")
        turns.append(Turn(start, start + duration, label))
    return tuple(turns)


def _grid(turns: Iterable[Turn], labels: Sequence[str], frames: int) -> np.ndarray:
    grid = np.zeros((len(labels), frames), dtype=bool)
    index = {label: i for i, label in enumerate(labels)}
    for t in turns:
        grid[index[t.speaker], round(t.start / FRAME) : round(t.end / FRAME)] = True
    return grid


def _scored(reference: Sequence[Turn], frames: int, collar: float) -> np.ndarray:
    keep = np.ones(frames, dtype=bool)
    half = round(collar / 2 / FRAME)
    if half:
        for t in reference:
            for edge in (round(t.start / FRAME), round(t.end / FRAME)):
                keep[max(0, edge - half) : edge + half] = False
    return keep


def best_mapping(overlap: np.ndarray) -> list[tuple[int, int]]:
    """(hypothesis, reference) index pairs, one-to-one, with the most shared frames (exhaustive up to 8 voices)."""
    n_hyp, n_ref = overlap.shape
    if min(n_hyp, n_ref) == 0:
        return []
    if max(n_hyp, n_ref) > 8:
        return _greedy_mapping(overlap)
    if n_hyp <= n_ref:
        best = max(
            itertools.permutations(range(n_ref), n_hyp), key=lambda p: sum(overlap[h, r] for h, r in enumerate(p))
        )
        return list(enumerate(best))
    best = max(itertools.permutations(range(n_hyp), n_ref), key=lambda p: sum(overlap[h, r] for r, h in enumerate(p)))
    return [(h, r) for r, h in enumerate(best)]


def _greedy_mapping(overlap: np.ndarray) -> list[tuple[int, int]]:
    pairs, work = [], overlap.astype(float).copy()
    for _ in range(min(work.shape)):
        h, r = np.unravel_index(int(np.argmax(work)), work.shape)
        pairs.append((int(h), int(r)))
        work[h, :], work[:, r] = -1, -1
    return pairs


def der(reference: Sequence[Turn], hypothesis: Sequence[Turn], *, collar: float = 0.0) -> DerScore:
    """Score ``hypothesis`` against ``reference`` (see the module docstring)."""
    end = max((t.end for t in [*reference, *hypothesis]), default=0.0)
    frames = round(end / FRAME) + 1
    ref_labels = sorted({t.speaker for t in reference})
    hyp_labels = sorted({t.speaker for t in hypothesis})
    keep = _scored(reference, frames, collar)
    ref = _grid(reference, ref_labels, frames)[:, keep]
    hyp = _grid(hypothesis, hyp_labels, frames)[:, keep]
    overlap = hyp.astype(np.int64) @ ref.T.astype(np.int64)
    pairs = best_mapping(overlap)
    n_ref, n_hyp = ref.sum(axis=0), hyp.sum(axis=0)
    correct = sum((hyp[h] & ref[r]).astype(np.int64) for h, r in pairs) if pairs else np.zeros_like(n_ref)
    missed = np.maximum(n_ref - n_hyp, 0).sum() * FRAME
    false_alarm = np.maximum(n_hyp - n_ref, 0).sum() * FRAME
    confusion = (np.minimum(n_ref, n_hyp) - correct).sum() * FRAME
    total = n_ref.sum() * FRAME
    error = missed + false_alarm + confusion
    return DerScore(
        der=float(error / total) if total else float(error > 0),
        missed=round(float(missed), 3),
        false_alarm=round(float(false_alarm), 3),
        confusion=round(float(confusion), 3),
        total=round(float(total), 3),
        mapping={hyp_labels[h]: ref_labels[r] for h, r in pairs},
    )
