"""Engine-independent pieces of window-based diarization: bounded memory on long recordings.

An engine embeds a long recording one window at a time (``spans``): only that window's audio (as float32) and its
features are held, while the embeddings kept are small (192 floats a second of speech). Short recordings are then
clustered whole; long ones window by window, and the voices of the windows are joined by ``link``.

- ``subsegments``: the short, overlapping pieces of speech each embedding is computed on;
- ``labelled``: turns and voices (mean embedding, seconds spoken) from the pieces' cluster labels;
- ``link``: voices of different windows joined, most alike first, while they are as alike as one person's voice
  (two voices of one window are never joined here: that window's clustering already told them apart).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.audio import SAMPLE_RATE
from assistant.transcription.diarization import Diarization, Turn, Voice, merge_turns, normalise

Span = tuple[float, float]


@dataclass(frozen=True)
class Embedded:
    """Speech pieces (seconds from the start of the recording) and one embedding (row) per piece."""

    pieces: tuple[Span, ...]
    vectors: np.ndarray


def spans(samples: int, seconds: float) -> list[tuple[int, int]]:
    """(start, stop) sample indices of consecutive windows of at most ``seconds``; a last window shorter than a
    quarter of a window is joined to the one before it."""
    size = max(1, int(seconds * SAMPLE_RATE))
    starts = list(range(0, samples, size)) or [0]
    if len(starts) > 1 and samples - starts[-1] < size // 4:
        starts.pop()
    return [(a, starts[i + 1] if i + 1 < len(starts) else samples) for i, a in enumerate(starts)]


def subsegments(regions: Sequence[Span], length: float, shift: float) -> list[Span]:
    """Pieces of ``length`` seconds every ``shift`` seconds over each speech region; a region's last piece ends
    with it (reaching back into the region, never before 0), a region shorter than ``length`` is one piece."""
    out: list[Span] = []
    for start, end in regions:
        t = start
        while t + length < end:
            out.append((t, t + length))
            t += shift
        if t < end:
            out.append((max(0.0, min(end - length, t)), end))
    return out


def join(parts: Sequence[Embedded]) -> Embedded:
    vectors = [p.vectors for p in parts if len(p.pieces)]
    return Embedded(tuple(s for p in parts for s in p.pieces), np.concatenate(vectors) if vectors else np.empty(0))


def labelled(
    emb: Embedded, labels: Sequence[int] | np.ndarray, model: str, estimated: int | None, prefix: str = ""
) -> Diarization:
    """Turns (overlapping pieces of two voices are cut halfway through the overlap) and one voice per label
    with the mean of its pieces' embeddings; ``estimated`` None = the number of voices found."""
    turns: list[Turn] = []
    for (start, end), label in sorted(zip(emb.pieces, labels, strict=True), key=lambda p: p[0]):
        speaker = f"{prefix}{int(label)}"
        if turns and turns[-1].speaker != speaker and start < turns[-1].end:
            cut = max(0.0, (turns[-1].end + start) / 2)
            turns[-1], start = replace(turns[-1], end=cut), cut
        turns.append(Turn(round(start, 3), round(end, 3), speaker))
    merged = merge_turns(turns)
    seconds: dict[str, float] = {}
    for t in merged:
        seconds[t.speaker] = seconds.get(t.speaker, 0.0) + t.end - t.start
    codes = np.asarray(labels)
    voices = tuple(
        Voice(f"{prefix}{int(c)}", round(seconds[f"{prefix}{int(c)}"], 3), normalise(emb.vectors[codes == c].mean(0)))
        for c in np.unique(codes)
        if seconds.get(f"{prefix}{int(c)}", 0.0) > 0
    )
    return Diarization(merged, voices, model, len(voices) if estimated is None else estimated)


def link(parts: Sequence[Diarization], same_voice: float) -> Diarization:
    """The windows' diarizations as one: voices of different windows joined (closest pair first, weighted by
    seconds) while their cosine similarity is at least ``same_voice``. Labels must be unique across parts."""
    groups = [(v, {i}, [v.label]) for i, part in enumerate(parts) for v in part.voices]
    while True:
        pair = _closest_joinable(groups, same_voice)
        if pair is None:
            break
        (va, wa, la), (vb, wb, lb) = groups[pair[0]], groups[pair[1]]
        keep, gone = (va, vb) if va.seconds >= vb.seconds else (vb, va)
        mixed = np.asarray(keep.embedding) * keep.seconds + np.asarray(gone.embedding) * gone.seconds
        joined = (Voice(keep.label, keep.seconds + gone.seconds, normalise(mixed)), wa | wb, la + lb)
        groups = [g for k, g in enumerate(groups) if k not in pair] + [joined]
    rename = {label: voice.label for voice, _, labels in groups for label in labels}
    turns = [replace(t, speaker=rename[t.speaker]) for part in parts for t in part.turns]
    model = parts[0].model if parts else ""
    return Diarization(merge_turns(turns), tuple(v for v, _, _ in groups), model, len(groups))


def _closest_joinable(groups: list[tuple[Voice, set[int], list[str]]], same_voice: float) -> tuple[int, int] | None:
    if len(groups) < 2:
        return None
    emb = np.asarray([v.embedding for v, _, _ in groups])
    sim = emb @ emb.T
    for a, (_, wa, _) in enumerate(groups):
        for b, (_, wb, _) in enumerate(groups):
            if b <= a or wa & wb:
                sim[a, b] = -np.inf
    best = np.unravel_index(int(np.argmax(sim)), sim.shape)
    a, b = int(best[0]), int(best[1])
    return (a, b) if sim[a, b] >= same_voice else None
