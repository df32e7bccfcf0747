"""The real Whisper base model on real recordings (../shared/data). One model per session.

Word error rates are on normalised text (lower case, punctuation dropped). Measured on the 2-core dev box
with whisper-base int8, beam 1, VAD: jfk 0.0, osr_harvard_8k 0.0, sonnet001 0.13 (old spellings: "thy"/"thine").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jiwer
import numpy as np
import pytest
from faster_whisper.transcribe import Segment, Word

from assistant.audio import SAMPLE_RATE, load_channels
from assistant.errors import SilentAudioError
from assistant.records import Transcript
from assistant.settings import Settings, load_settings
from assistant.transcription import whisper
from assistant.transcription.whisper import Transcriber, keep_segment, make_tracks, windows

pytestmark = pytest.mark.whisper


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


def text_of(t: Transcript, speaker: str | None = None) -> str:
    return " ".join(u.text for u in t.utterances if speaker is None or u.speaker == speaker)


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    return load_settings(diarization="off")  # Whisper alone; voices: test_diarization.py, test_mono_calls.py


@pytest.fixture(scope="session")
def transcriber(base_settings: Settings) -> Transcriber:
    return Transcriber(base_settings)


@pytest.fixture(scope="session")
def jfk(transcriber: Transcriber, shared_data: Path) -> Transcript:
    return transcriber.transcribe(shared_data / "speech/jfk.flac")


@pytest.fixture(scope="session")
def stereo(transcriber: Transcriber, shared_data: Path) -> Transcript:
    return transcriber.transcribe(shared_data / "speech/stereo_two_speakers.wav")


def test_jfk_text(jfk, shared_data):
    reference = (shared_data / "speech/jfk.txt").read_text()
    assert jiwer.wer(norm(reference), norm(text_of(jfk))) <= 0.05  # measured 0.0
    # jfk.flac is stereo with the same signal on both sides: one track, not an invented rep and customer
    assert jfk.channels == 1
    assert {(u.role, u.speaker, u.channel) for u in jfk.utterances} == {("unknown", "speaker", None)}
    assert (jfk.language, jfk.languages, jfk.source_kind, jfk.model) == (
        "en",
        {"speaker": "en"},
        "audio",
        "whisper-base",
    )
    assert jfk.duration == pytest.approx(11.0, abs=0.05)


def test_confidences_and_word_times_are_kept(jfk):
    for u in jfk.utterances:
        assert u.avg_logprob is not None and u.avg_logprob > -1.0
        assert u.no_speech_prob is not None and u.compression_ratio is not None
        assert 0.5 < (u.confidence or 0) <= 1.0
        assert u.words and all(u.start - 0.05 <= w.start <= w.end <= u.end + 0.05 for w in u.words)
        assert [w.start for w in u.words] == sorted(w.start for w in u.words)
    words = [w.text.lower().strip(",.") for u in jfk.utterances for w in u.words]
    assert words[-2:] == ["your", "country"]


def test_stereo_sides_land_on_rep_and_customer(stereo, shared_data):
    lines = dict(
        line.split(": ", 1) for line in (shared_data / "speech/stereo_two_speakers.txt").read_text().splitlines()
    )
    assert jiwer.wer(norm(lines["left"]), norm(text_of(stereo, "rep"))) <= 0.1
    assert jiwer.wer(norm(lines["right"]), norm(text_of(stereo, "customer"))) <= 0.1
    assert {(u.speaker, u.role, u.channel) for u in stereo.utterances} == {
        ("rep", "rep", 0),
        ("customer", "customer", 1),
    }
    assert stereo.languages == {"rep": "en", "customer": "en"} and stereo.channels == 2
    assert [u.start for u in stereo.utterances] == sorted(u.start for u in stereo.utterances)


def test_rep_channel_right_flips_the_sides(base_settings, shared_data):
    lines = dict(
        line.split(": ", 1) for line in (shared_data / "speech/stereo_two_speakers.txt").read_text().splitlines()
    )
    flipped = Transcriber(base_settings.model_copy(update={"rep_channel": "right"}))
    t = flipped.transcribe(shared_data / "speech/stereo_two_speakers.wav")
    assert jiwer.wer(norm(lines["right"]), norm(text_of(t, "rep"))) <= 0.1
    assert jiwer.wer(norm(lines["left"]), norm(text_of(t, "customer"))) <= 0.1
    assert {u.channel for u in t.utterances if u.role == "rep"} == {1}


def test_osr_telephone_band_wer(transcriber, shared_data):
    reference = json.loads((shared_data / "speech/osr_harvard_8k.reference.json").read_text())[0]["transcription"]
    t = transcriber.transcribe(shared_data / "speech/osr_harvard_8k.wav")
    assert jiwer.wer(norm(reference), norm(text_of(t))) <= 0.05  # measured 0.0 (plain defaults: 0.014)
    assert t.utterances[0].start > 0.5  # VAD: the leading silence is not speech


def test_only_noise_gives_silent_audio_error(transcriber, shared_data):
    with pytest.raises(SilentAudioError, match=r"vad_n\.wav: no speech found"):
        transcriber.transcribe(shared_data / "speech/vad_n.wav")


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("multilingual/it_cheetah_test_it.wav", "it"),
        ("multilingual/ru_deepspeech_ru.wav", "ru"),
        ("multilingual/zh_wenet_aishell-BAC009S0724W0121.wav", "zh"),
    ],
)
def test_language_detected(transcriber, shared_data, name, language):
    t = transcriber.transcribe(shared_data / name)
    assert t.language == language and t.languages == {"speaker": language}
    assert all(u.language == language for u in t.utterances) and text_of(t)


def test_forced_language_and_biasing_are_passed_through(transcriber, shared_data):
    t = transcriber.transcribe(
        shared_data / "multilingual/it_cheetah_test_it.wav",
        language="it",
        hotwords="vetta cresta",
        initial_prompt="Escursione in montagna: la cresta sud.",
    )
    assert t.language == "it"
    assert "cresta" in text_of(t).lower()  # without the prompt base hears "non gracchesta"
    opts = transcriber.decode_options("it", "CFO Acme", "Renewal call.")
    assert (opts["hotwords"], opts["initial_prompt"], opts["language"]) == ("CFO Acme", "Renewal call.", "it")
    assert opts["condition_on_previous_text"] is False and opts["word_timestamps"] is True


def test_progress_runs_to_the_duration(transcriber, shared_data):
    ticks: list[float] = []
    t = transcriber.transcribe(shared_data / "speech/stereo_two_speakers.wav", progress=ticks.append)
    assert ticks == sorted(ticks) and ticks[-1] == pytest.approx(t.duration, abs=0.01)
    assert all(isinstance(x, float) for x in ticks)


def test_long_audio_is_windowed_at_quiet_places(transcriber, shared_data, monkeypatch):
    path = shared_data / "speech/en_60s_with_pauses.wav"
    (audio,) = load_channels(path)
    pieces = list(windows(audio, 20.0))
    assert len(pieces) >= 3 and sum(p.shape[0] for _, p in pieces) == audio.shape[0]
    assert all(p.shape[0] <= 20 * SAMPLE_RATE for _, p in pieces)
    loudness = np.sqrt(np.mean(np.square(audio)))
    for offset, _ in pieces[1:]:  # each cut sits where the signal is quiet
        at = int(offset * SAMPLE_RATE)
        assert np.sqrt(np.mean(np.square(audio[at - 800 : at + 800]))) < 0.5 * loudness
    whole = transcriber.transcribe(path)
    monkeypatch.setattr(whisper, "WINDOW_SECONDS", 20.0)
    windowed = transcriber.transcribe(path)
    assert windowed.utterances[-1].end > 45  # offsets added back
    assert jiwer.wer(norm(text_of(whole)), norm(text_of(windowed))) <= 0.15


def test_tracks_for_channel_layouts():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(16000).astype(np.float32), rng.standard_normal(16000).astype(np.float32)
    assert [t.speaker for t in make_tracks([a], "left")] == ["speaker"]
    assert [t.speaker for t in make_tracks([a, a * 0.9 + 0.01 * b], "left")] == ["speaker"]  # same signal
    assert [(t.speaker, t.channel) for t in make_tracks([a, b], "right")] == [("customer", 0), ("rep", 1)]
    four = make_tracks([a, b, a + b, a - b], "left")
    assert [(t.role, t.speaker) for t in four][:2] == [("rep", "channel 1"), ("customer", "channel 2")]


def _segment(text: str, no_speech: float = 0.01, logprob: float = -0.2, ratio: float = 1.3, prob: float = 0.9):
    words = [Word(start=i * 0.3, end=i * 0.3 + 0.3, word=f" {w}", probability=prob) for i, w in enumerate(text.split())]
    return Segment(
        id=0,
        seek=0,
        start=0.0,
        end=3.0,
        text=f" {text}",
        tokens=[],
        avg_logprob=logprob,
        compression_ratio=ratio,
        no_speech_prob=no_speech,
        words=words,
        temperature=0.0,
    )


def test_segment_filters(base_settings):
    s = base_settings
    assert keep_segment(_segment("We are reviewing the renewal with finance."), s)
    assert not keep_segment(_segment("   "), s)
    assert not keep_segment(_segment("..."), s)
    assert not keep_segment(_segment("We are reviewing it.", no_speech=0.9, logprob=-1.4), s)  # Whisper doubts it
    assert keep_segment(_segment("We are reviewing it.", no_speech=0.9, logprob=-0.3), s)  # confident text stays
    assert not keep_segment(_segment("so so so so so so so so so so"), s)  # loop
    assert not keep_segment(_segment("I think I think I think I think I think"), s)
    assert keep_segment(_segment("No, no, no. We are staying with you for another year."), s)
    assert not keep_segment(_segment("Some text", ratio=3.1), s)
    assert not keep_segment(_segment("Thank you for watching!", no_speech=0.5), s)  # classic silence line
    assert keep_segment(_segment("Thank you.", no_speech=0.02, prob=0.95), s)  # a real, clear thank-you
    assert not keep_segment(_segment("Thank you.", no_speech=0.02, prob=0.3), s)
