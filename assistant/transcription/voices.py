"""Voices on a track: run the diarization engine where it is wanted and label each word with its voice.

``label_voices(transcript, tracks, settings, speakers)`` is called by the Transcriber after Whisper:

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
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.audio import PCM_SCALE, SAMPLE_RATE
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


def label_voices(
    transcript: Transcript, tracks: Sequence[Track], settings: Settings, speakers: int | None = None
) -> Transcript:
    """The transcript with utterances split by voice and one SpeakerProfile per voice (see module docstring)."""
    todo = wanted_tracks(tracks, settings)
    if not todo:
        return transcript
    try:
        engine = load_engine(settings)
    except DiarizationError as exc:
        return replace(transcript, notes=(*transcript.notes, f"voices not told apart: {exc}"))
    utterances, profiles, notes = list(transcript.utterances), [], list(transcript.notes)
    for track in todo:
        mine = [u for u in utterances if u.channel == track.channel]
        split, found, said = _one_track(engine, track, mine, settings, speakers)
        utterances = [u for u in utterances if u.channel != track.channel] + list(split)
        profiles.extend(found)
        notes.extend(said)
    utterances.sort(key=lambda u: (u.start, u.channel or 0))
    return replace(transcript, utterances=tuple(utterances), speakers=tuple(profiles), notes=tuple(notes))


def _one_track(
    engine: DiarizationEngine, track: Track, utterances: list[Utterance], settings: Settings, speakers: int | None
) -> tuple[tuple[Utterance, ...], list[SpeakerProfile], list[str]]:
    mono = track.role == "unknown"
    side = "the recording" if mono else f"the {track.speaker} side"
    wanted = (settings.speakers if speakers is None else speakers) if mono else 0
    seconds = track.audio.shape[0] / SAMPLE_RATE
    if seconds < MIN_SECONDS:
        return tuple(utterances), [], [f"{side} is {seconds:.1f} s long: too short to tell voices apart"]
    audio = track.audio.astype(np.float32) / PCM_SCALE if track.audio.dtype == np.int16 else track.audio
    try:
        result = engine.diarize(audio, speakers=wanted or None, max_speakers=8 if mono else MAX_VOICES_PER_SIDE)
    except DiarizationError as exc:
        return tuple(utterances), [], [f"voices on {side} not told apart: {exc}"]
    notes = _count_notes(result, wanted, side, mono)
    if not result.voices:
        return tuple(utterances), [], notes
    labels = _labels(result, track, mono)
    split = split_by_speaker(utterances, result.turns, labels)
    return split, _profiles(result, labels, track, split), notes


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
