"""Enrolment on real recordings: the same voice on another call matches, other people's voices do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.diarize


def test_an_unknown_voice_matches_no_enrolled_rep(shared_data: Path, diarized, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.settings import load_settings
    from assistant.transcription.speaker_roles import cosine
    from assistant.transcription.voiceprints import enroll

    settings = load_settings(data_dir=tmp_path / "data")
    alex, _ = enroll("Alex Morgan", [SAMPLES / "calls" / "summit-expansion.flac"], settings)
    phone = diarized(shared_data / "conversations" / "phone_two_speakers" / "sample.wav", 2)
    assert all(cosine(v.embedding, alex.embedding) < settings.voiceprint_threshold for v in phone.voices)
    again, _ = enroll("Alex again", [SAMPLES / "calls" / "maple-negated-distractor.flac"], settings)
    assert cosine(again.embedding, alex.embedding) >= settings.voiceprint_threshold  # the same voice, another call
