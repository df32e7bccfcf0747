"""Voices on a track: run the diarization engine where it is wanted and label each word with its voice.

``start_voices(tracks, settings, speakers)`` is called by the Transcriber before Whisper decodes (diarization runs
in a background thread meanwhile, on the track's int16 audio as it is), ``label_voices(transcript, tracks,
settings, speakers, heard)`` after:

- a mono recording (one track, role "unknown") is split into voices "S1", "S2" ... numbered in the order they
  first speak; ``speakers`` (the file's option, else the ``speakers`` setting; 0 = automatic) fixes the count;
- with ``diarization = "all"``, each stereo side is split too: a side with two voices becomes "customer 1" and
  "customer 2" (same role, each person's own lines); a side with one voice keeps its label.

Whatever goes wrong (engine not installed, audio too short to tell voices apart, no speech found, more or fewer
voices than expected) becomes a note on the transcript, and the lines keep the labels they had: the call is still
stored with what could be known. Which voice is the rep is decided later (``speaker_roles``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.audio import SAMPLE_RATE
from assistant.errors import DiarizationError
from assistant.records import SpeakerProfile, Transcript, Utterance
from assistant.settings import Settings
from assistant.transcription.diarization import Diarization, DiarizationEngine, load_engine, split_by_speaker

if TYPE_CHECKING:
    from assistant.transcription.whisper import Track

log = logging.getLogger(__name__)
MIN_SECONDS = 2.0  # shorter audio cannot be told apart by voice
MAX_VOICES_PER_SIDE = 4


def wanted_tracks(tracks: Sequence[Track], settings: Settings) -> list[Track]:
    if settings.diarization == "off":
        return []
    return [t for t in tracks if t.role == "unknown" or settings.diarization == "all"]


@dataclass(frozen=True)
class Heard:
    """One track's diarization (None where it could not run) and what to tell the user about it; ``track`` is
    None for a note about all tracks (the engine could not be loaded)."""

    track: Track | None
    result: Diarization | None
    notes: tuple[str, ...]
    wanted: int = 0


def start_voices(tracks: Sequence[Track], settings: Settings, speakers: int | None = None) -> Future[list[Heard]]:
    """Diarize the tracks that want it in a background thread: it needs only the audio, so it runs while
    Whisper decodes the same audio; ``label_voices(..., heard=)`` waits for it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="diarize")
    try:
        return pool.submit(hear, tracks, settings, speakers)
    finally:
        pool.shutdown(wait=False)


def hear(tracks: Sequence[Track], settings: Settings, speakers: int | None = None) -> list[Heard]:
    todo = wanted_tracks(tracks, settings)
    if not todo:
        return []
    try:
        engine = load_engine(settings)
    except DiarizationError as exc:
        return [Heard(None, None, (f"voices not told apart: {exc}",))]
    return [_hear_one(engine, t, settings, speakers) for t in todo]


def label_voices(
    transcript: Transcript,
    tracks: Sequence[Track],
    settings: Settings,
    speakers: int | None = None,
    heard: Future[list[Heard]] | None = None,
) -> Transcript:
    """The transcript with utterances split by voice and one SpeakerProfile per voice (see module docstring);
    ``heard`` is the diarization started by ``start_voices`` (else it runs now)."""
    found = heard.result() if heard is not None else hear(tracks, settings, speakers)
    if not found:
        return transcript
    utterances, profiles, notes = list(transcript.utterances), [], list(transcript.notes)
    for h in found:
        notes.extend(h.notes)
        if h.track is None or h.result is None or not h.result.voices:
            continue
        channel = h.track.channel
        split, voices = _apply(h.result, h.track, [u for u in utterances if u.channel == channel])
        utterances = [u for u in utterances if u.channel != channel] + list(split)
        profiles.extend(voices)
    if all(h.track is None for h in found):
        return replace(transcript, notes=tuple(notes))
    utterances.sort(key=lambda u: (u.start, u.channel or 0))
    return replace(transcript, utterances=tuple(utterances), speakers=tuple(profiles), notes=tuple(notes))


def _hear_one(engine: DiarizationEngine, track: Track, settings: Settings, speakers: int | None) -> Heard:
    mono = track.role == "unknown"
    side = "the recording" if mono else f"the {track.speaker} side"
    wanted = (settings.speakers if speakers is None else speakers) if mono else 0
    seconds = track.audio.shape[0] / SAMPLE_RATE
    if seconds < MIN_SECONDS:
        return Heard(track, None, (f"{side} is {seconds:.1f} s long: too short to tell voices apart",), wanted)
    try:
        result = engine.diarize(track.audio, speakers=wanted or None, max_speakers=8 if mono else MAX_VOICES_PER_SIDE)
    except DiarizationError as exc:
        return Heard(track, None, (f"voices on {side} not told apart: {exc}",), wanted)
    return Heard(track, result, tuple(_count_notes(result, wanted, side, mono)), wanted)


def _apply(
    result: Diarization, track: Track, utterances: list[Utterance]
) -> tuple[tuple[Utterance, ...], list[SpeakerProfile]]:
    labels = _labels(result, track, track.role == "unknown")
    split = split_by_speaker(utterances, result.turns, labels)
    return split, _profiles(result, labels, track, split)


def _count_notes(result: Diarization, wanted: int, side: str, mono: bool) -> list[str]:
    notes = list(f"{side}: {n}" for n in result.notes)
    found = len(result.voices)
    if wanted and result.estimated and result.estimated > wanted:
        notes.append(
            f"{side} sounds like {result.estimated} voices where {wanted} were expected: the lines are split "
            f"into {found}; give the real count with `ingest --speakers {result.estimated}` (0 = automatic)"
        )
    elif wanted and 0 < found < wanted:
        notes.append(f"only {found} voice(s) found on {side} where {wanted} were expected")
    elif mono and found == 1 and not wanted:
        notes.append(f"one voice found on {side}")
    return notes


def _labels(result: Diarization, track: Track, mono: bool) -> dict[str, str]:
    first: dict[str, float] = {}
    for t in result.turns:
        first.setdefault(t.speaker, t.start)
    order = sorted((v.label for v in result.voices), key=lambda label: first.get(label, float("inf")))
    if mono:
        return {label: f"S{i}" for i, label in enumerate(order, 1)}
    if len(order) == 1:
        return {order[0]: track.speaker}
    return {label: f"{track.speaker} {i}" for i, label in enumerate(order, 1)}


def _profiles(
    result: Diarization, labels: dict[str, str], track: Track, utterances: Sequence[Utterance]
) -> list[SpeakerProfile]:
    spoken = {u.speaker for u in utterances}
    return [
        SpeakerProfile(
            label=labels[v.label],
            role=track.role,
            channel=track.channel,
            seconds=v.seconds,
            method="" if track.role == "unknown" else "channel",
            confidence=None if track.role == "unknown" else 1.0,
            model=result.model,
            embedding=v.embedding,
        )
        for v in sorted(result.voices, key=lambda v: labels[v.label])
        if labels[v.label] in spoken
    ]
