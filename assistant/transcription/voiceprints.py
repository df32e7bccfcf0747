"""Enrol a rep's voice: ``enroll(name, files, settings)`` → one normalised speaker embedding (a ``Voiceprint``).

Each file is a recording of the rep: a mono recording (the voice that speaks most is taken; when another voice
speaks a good deal too, a note says so), or a stereo call, whose rep channel (``rep_channel``) is used. The
embeddings of the files are averaged, weighted by their speech, and normalised again. The model id of the
diarization engine is stored with it: a voiceprint is only ever compared with voices of the same model.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.audio import load_channels
from assistant.errors import InputError
from assistant.records import Voiceprint
from assistant.settings import Settings
from assistant.transcription.diarization import Voice, load_engine, normalise
from assistant.transcription.whisper import make_tracks

MIN_SPEECH_SECONDS = 3.0  # less speech than this gives an unreliable voiceprint
OTHER_VOICE_SHARE = 0.3  # a second voice speaking this share of the main one's time gets a note


def enroll(name: str, paths: Sequence[Path], settings: Settings) -> tuple[Voiceprint, list[str]]:
    """The voiceprint of ``name`` from ``paths``, and notes for the user; InputError for unusable files."""
    if not name.strip():
        raise InputError("a rep name is needed (assistant reps enroll NAME FILE...)")
    if not paths:
        raise InputError("no recording given: assistant reps enroll NAME FILE...")
    engine = load_engine(settings)
    voices, notes = [], []
    for path in paths:
        voice, note = _main_voice(path, engine, settings)
        voices.append(voice)
        notes += [note] if note else []
    total = sum(v.seconds for v in voices)
    mixed = np.sum([np.asarray(v.embedding) * v.seconds for v in voices], axis=0)
    sources = tuple(Path(p).name for p in paths)
    return Voiceprint(name.strip(), engine.model_id, normalise(mixed), round(total, 1), sources), notes


def _main_voice(path: Path, engine: object, settings: Settings) -> tuple[Voice, str | None]:
    channels = load_channels(Path(path))
    track = next(t for t in make_tracks(channels, settings.rep_channel) if t.role in ("rep", "unknown"))
    result = engine.diarize(track.audio, speakers=None, max_speakers=4)  # type: ignore[attr-defined]
    ranked = sorted(result.voices, key=lambda v: v.seconds, reverse=True)
    if not ranked or ranked[0].seconds < MIN_SPEECH_SECONDS:
        found = ranked[0].seconds if ranked else 0.0
        raise InputError(
            f"{path}: only {found:.1f} s of speech found; a voiceprint needs at least {MIN_SPEECH_SECONDS:.0f} s "
            "of the rep speaking"
        )
    note = None
    if len(ranked) > 1 and ranked[1].seconds >= OTHER_VOICE_SHARE * ranked[0].seconds:
        note = (
            f"{path}: {len(ranked)} voices; took the one speaking most ({ranked[0].seconds:.0f} s, next "
            f"{ranked[1].seconds:.0f} s) — give a recording of the rep alone if that is not the rep"
        )
    return ranked[0], note
