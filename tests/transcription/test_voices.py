"""Voices on a track with an engine registered like any other (canned turns): what reaches the transcript when the
engine hears nothing, more voices than asked, fails, or cannot be loaded — the lines are kept, a note says why —
and the diarization started beside Whisper gives what a run after it gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.errors import DiarizationError
from assistant.records import Transcript, Utterance, Word
from assistant.settings import Settings, load_settings
from assistant.transcription.diarization import Diarization, Turn, Voice, normalise, register_engine
from assistant.transcription.voices import label_voices, start_voices
from assistant.transcription.whisper import Track

SECONDS = 10
MONO = Track(np.zeros(SECONDS * 16000, dtype=np.int16), "unknown", "speaker", None)


class Canned:
    """An engine that answers with a given result (or raises), and records the audio it was given."""

    model_id = "canned/1"

    def __init__(self, answer: Diarization | Exception) -> None:
        self.name, self.answer = "canned", answer
        self.seen: list[np.ndarray] = []

    def diarize(self, audio: np.ndarray, *, speakers: int | None = None, max_speakers: int = 8) -> Diarization:
        self.seen.append(audio)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def _settings(tmp_path: Path, name: str, engine: Canned | None) -> Settings:
    if engine is not None:
        register_engine(name, lambda settings: engine)
    return load_settings(data_dir=tmp_path / "data", diarization_engine=name)


def _transcript() -> Transcript:
    words = tuple(Word(float(i), i + 0.5, f"w{i}", 0.9) for i in range(8))
    line = Utterance("speaker", "unknown", 0.0, 7.5, " ".join(w.text for w in words), words, language="en")
    return Transcript((line,), "en", float(SECONDS), "audio")


def _two_voices(estimated: int = 2) -> Diarization:
    turns = (Turn(0.0, 3.8, "A"), Turn(3.8, 8.0, "B"))
    voices = (Voice("A", 3.8, normalise([1, 0])), Voice("B", 4.2, normalise([0, 1])))
    return Diarization(turns, voices, "canned/1", estimated)


def test_two_voices_split_the_line_and_the_engine_gets_the_int16_audio_as_it_is(tmp_path: Path) -> None:
    engine = Canned(_two_voices())
    out = label_voices(_transcript(), [MONO], _settings(tmp_path, "canned-two", engine), speakers=2)
    assert [(u.speaker, u.text) for u in out.utterances] == [("S1", "w0 w1 w2 w3"), ("S2", "w4 w5 w6 w7")]
    assert [p.label for p in out.speakers] == ["S1", "S2"] and out.notes == ()
    assert engine.seen[0] is MONO.audio  # no float32 copy of the whole call


def test_no_speech_heard_keeps_the_lines_with_a_note(tmp_path: Path) -> None:
    silent = Diarization((), (), "canned/1", 0, ("no speech found by voice activity detection",))
    out = label_voices(_transcript(), [MONO], _settings(tmp_path, "canned-silent", Canned(silent)), speakers=2)
    assert out.utterances == _transcript().utterances and out.speakers == ()
    assert out.notes == ("the recording: no speech found by voice activity detection",)


def test_more_voices_than_expected_says_how_many_and_how_to_ask_for_them(tmp_path: Path) -> None:
    engine = Canned(_two_voices(estimated=3))
    out = label_voices(_transcript(), [MONO], _settings(tmp_path, "canned-three", engine), speakers=2)
    assert len(out.speakers) == 2
    assert any("sounds like 3 voices where 2 were expected" in n and "--speakers 3" in n for n in out.notes)


def test_an_engine_failure_keeps_the_lines_with_the_reason(tmp_path: Path) -> None:
    engine = Canned(DiarizationError("diarization failed: RuntimeError: bad input"))
    out = label_voices(_transcript(), [MONO], _settings(tmp_path, "canned-broken", engine), speakers=2)
    assert out.utterances == _transcript().utterances and out.speakers == ()
    assert out.notes == ("voices on the recording not told apart: diarization failed: RuntimeError: bad input",)


def test_an_engine_that_cannot_load_is_a_note(tmp_path: Path) -> None:
    def missing(settings: Settings) -> Canned:
        raise DiarizationError("speaker diarization is not installed (torch missing): pip install ...")

    register_engine("canned-missing", missing)
    out = label_voices(_transcript(), [MONO], _settings(tmp_path, "canned-missing", None), speakers=2)
    assert out.utterances == _transcript().utterances
    assert out.notes == (
        "voices not told apart: speaker diarization is not installed (torch missing): pip install ...",
    )


def test_started_beside_whisper_gives_what_a_run_after_it_gives(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "canned-beside", Canned(_two_voices()))
    heard = start_voices([MONO], settings, speakers=2)
    assert label_voices(_transcript(), [MONO], settings, 2, heard) == label_voices(
        _transcript(), [MONO], settings, speakers=2
    )


def test_diarization_off_leaves_the_transcript_alone(tmp_path: Path) -> None:
    engine = Canned(_two_voices())
    settings = _settings(tmp_path, "canned-off", engine).model_copy(update={"diarization": "off"})
    assert label_voices(_transcript(), [MONO], settings, 2, start_voices([MONO], settings, 2)) == _transcript()
    assert engine.seen == []
