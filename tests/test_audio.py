"""assistant.audio on real recordings and on the broken files users actually upload."""

from __future__ import annotations

import logging
import math
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.audio import PCM_SCALE, SAMPLE_RATE, cut_clip, load_channels, probe
from assistant.errors import AudioDecodeError, ClipError, SilentAudioError


def _write_wav(path: Path, audio: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """(channels, n) float array → 16-bit PCM WAV via the stdlib wave module."""
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").T.copy()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(audio.shape[0])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def _sine(freq: float, seconds: float, amplitude: float, rate: int = SAMPLE_RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2 * np.pi * freq * t)


def _dominant_hz(x: np.ndarray) -> float:
    return float(np.argmax(np.abs(np.fft.rfft(x))) * SAMPLE_RATE / x.shape[0])


@pytest.mark.parametrize(
    ("name", "channels", "rate", "codec", "seconds"),
    [
        ("speech/jfk.flac", 2, 44100, "flac", 11.0),
        ("speech/sonnet001.mp3", 2, 44100, "mp3", 53.3),
        ("speech/stereo_two_speakers.wav", 2, 16000, "pcm_s16le", 5.0),
        ("speech/osr_harvard_8k.wav", 1, 8000, "pcm_s16le", 35.5),
    ],
)
def test_probe_and_load_real_files(shared_data, name, channels, rate, codec, seconds):
    info = probe(shared_data / name)
    assert (info.channels, info.sample_rate) == (channels, rate)
    assert info.codec.startswith(codec)
    assert info.duration == pytest.approx(seconds, abs=0.1)
    loaded = load_channels(shared_data / name)
    assert len(loaded) == channels
    assert all(c.dtype == np.float32 and c.ndim == 1 for c in loaded)
    assert loaded[0].shape[0] / SAMPLE_RATE == pytest.approx(seconds, abs=0.1)  # resampled to 16 kHz
    assert 0.1 < max(float(np.abs(c).max()) for c in loaded) <= 1.0


def test_stereo_channels_stay_apart(shared_data):
    left, right = load_channels(shared_data / "speech/stereo_two_speakers.wav")
    assert abs(np.corrcoef(left, right)[0, 1]) < 0.2  # two different speakers, not a copy


def test_four_channels_kept_in_order(tmp_path):
    tones = np.stack([_sine(f, 1.0, 0.3, 8000) for f in (200, 400, 800, 1600)])
    channels = load_channels(_write_wav(tmp_path / "four.wav", tones, rate=8000))
    assert [round(_dominant_hz(c)) for c in channels] == [200, 400, 800, 1600]
    assert probe(tmp_path / "four.wav").channels == 4


def test_missing_file(tmp_path):
    with pytest.raises(AudioDecodeError, match=r"nope\.wav: no such file"):
        load_channels(tmp_path / "nope.wav")


def test_empty_file(tmp_path):
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(AudioDecodeError, match=r"empty\.wav: the file is empty \(0 bytes\)"):
        probe(tmp_path / "empty.wav")


def test_text_renamed_wav(tmp_path):
    (tmp_path / "notes.wav").write_text("Call notes: customer wants a discount.\n" * 50)
    with pytest.raises(AudioDecodeError, match=r"notes\.wav: not a recording FFmpeg can decode"):
        load_channels(tmp_path / "notes.wav")


def test_unsupported_container(tmp_path):
    (tmp_path / "call.xyz").write_bytes(bytes(range(256)) * 64)
    with pytest.raises(AudioDecodeError, match=r"call\.xyz: .*use wav, flac, mp3"):
        load_channels(tmp_path / "call.xyz")


def test_container_without_audio(tmp_path):
    path = tmp_path / "screen.mkv"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mjpeg", rate=1)
        stream.width, stream.height, stream.pix_fmt = 16, 16, "yuvj420p"
        frame = av.VideoFrame.from_ndarray(np.zeros((16, 16, 3), np.uint8), format="rgb24")
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    with pytest.raises(AudioDecodeError, match=r"screen\.mkv: the file has no audio stream \(it holds video\)"):
        load_channels(path)


def test_zero_length_audio(tmp_path):
    with pytest.raises(SilentAudioError, match=r"zero\.wav: the recording is empty"):
        load_channels(_write_wav(tmp_path / "zero.wav", np.zeros((1, 0))))


def test_digital_silence(tmp_path):
    quiet = _sine(440, 2.0, 10 ** (-70 / 20))[None]  # -70 dBFS: below the -60 dBFS floor
    with pytest.raises(SilentAudioError, match=r"quiet\.wav: the recording is silent \(peak -7\d dBFS over 2\.0 s\)"):
        load_channels(_write_wav(tmp_path / "quiet.wav", quiet))


def test_quiet_but_real_signal_is_not_silence(tmp_path):
    soft = _sine(440, 1.0, 10 ** (-40 / 20))[None]  # -40 dBFS: a soft speaker, must pass
    (channel,) = load_channels(_write_wav(tmp_path / "soft.wav", soft))
    assert 20 * math.log10(float(np.abs(channel).max())) == pytest.approx(-40, abs=1)


def test_truncated_mp3_is_kept_with_a_warning(shared_data, tmp_path, caplog):
    """Our choice: an interrupted upload with most of its audio is transcribed as far as it decodes."""
    raw = (shared_data / "speech/sonnet001.mp3").read_bytes()
    (tmp_path / "cut.mp3").write_bytes(raw[: len(raw) // 3])
    with caplog.at_level(logging.WARNING, logger="assistant.audio"):
        channels = load_channels(tmp_path / "cut.mp3")
    assert 10 < channels[0].shape[0] / SAMPLE_RATE < 25  # about a third of 53 s
    assert "cut.mp3: audio is damaged or truncated (the header says 53.3 s" in caplog.text


def test_truncated_mp3_with_almost_nothing_is_rejected(shared_data, tmp_path):
    (tmp_path / "stub.mp3").write_bytes((shared_data / "speech/sonnet001.mp3").read_bytes()[:3000])
    with pytest.raises(AudioDecodeError, match=r"stub\.mp3: the audio is damaged or truncated"):
        load_channels(tmp_path / "stub.mp3")


@pytest.mark.parametrize("suffix", [".ogg", ".wav", ".flac", ".mp3"])
def test_cut_clip_keeps_span_and_channels(shared_data, tmp_path, suffix):
    dst = cut_clip(shared_data / "speech/sonnet001.mp3", 10.0, 14.5, tmp_path / "clips" / f"clip{suffix}")
    info = probe(dst)
    assert info.channels == 2
    assert info.duration == pytest.approx(4.5, abs=0.05)
    assert dst.stat().st_size < 400_000
    assert not list(dst.parent.glob(".*part"))  # temp file renamed away


def test_cut_clip_takes_the_right_samples(shared_data, tmp_path):
    src = shared_data / "speech/stereo_two_speakers.wav"
    left, right = load_channels(src)
    clip_l, clip_r = load_channels(cut_clip(src, 1.0, 3.0, tmp_path / "c.wav"))
    a = SAMPLE_RATE
    assert np.abs(clip_l - left[a : 3 * a]).max() < 1e-3
    assert np.abs(clip_r - right[a : 3 * a]).max() < 1e-3


def test_cut_clip_bad_requests(shared_data, tmp_path):
    src = shared_data / "speech/jfk.flac"
    with pytest.raises(ClipError, match=r"invalid clip span 5\.00–2\.00"):
        cut_clip(src, 5.0, 2.0, tmp_path / "c.ogg")
    with pytest.raises(ClipError, match=r"c\.aiff: unsupported clip format '\.aiff'"):
        cut_clip(src, 1.0, 2.0, tmp_path / "c.aiff")
    with pytest.raises(ClipError, match=r"after the end of the recording"):
        cut_clip(src, 60.0, 61.0, tmp_path / "c.wav")


def test_int16_loading_matches_float(shared_data: Path) -> None:
    path = shared_data / "speech/stereo_two_speakers.wav"
    floats = load_channels(path)
    pcm = load_channels(path, dtype=np.int16)
    assert [c.dtype for c in pcm] == [np.int16, np.int16]
    for f, i in zip(floats, pcm, strict=True):
        assert np.max(np.abs(i / PCM_SCALE - f)) <= 1.0 / PCM_SCALE


def test_int16_mixdown_does_not_overflow() -> None:
    from assistant.transcription.whisper import _mixdown, as_float

    loud = np.full(1000, 30000, dtype=np.int16)
    mix = _mixdown([loud, loud.copy()])
    assert mix.dtype == np.int16 and int(mix.max()) == 30000
    assert as_float(mix).dtype == np.float32 and abs(float(as_float(mix).max()) - 30000 / PCM_SCALE) < 1e-6


@pytest.mark.parametrize("suffix", [".ogg", ".wav"])
def test_cut_clip_never_writes_through_a_planted_symlink(shared_data, tmp_path, suffix):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    folder = tmp_path / "clips"
    folder.mkdir()
    dst = folder / f"clip{suffix}"
    for name in (dst.name, f".{dst.name}.part", f".{dst.name}.tmp"):  # the target and the old temporary name
        (folder / name).symlink_to(victim)
    cut_clip(shared_data / "speech/jfk.flac", 1.0, 3.0, dst)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not dst.is_symlink() and probe(dst).duration == pytest.approx(2.0, abs=0.1)
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith("part")) == [f".{dst.name}.part"]  # planted


def test_a_failed_clip_leaves_no_file_and_keeps_the_old_one(shared_data, tmp_path, monkeypatch):
    dst = tmp_path / "clip.wav"
    cut_clip(shared_data / "speech/jfk.flac", 1.0, 3.0, dst)
    before = dst.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:  # the encoder fails half-way through the file
        raise av.error.FFmpegError(5, "Input/output error")

    monkeypatch.setattr(av.AudioFrame, "from_ndarray", broken)
    with pytest.raises(ClipError, match=r"clip\.wav: cannot write the clip"):
        cut_clip(shared_data / "speech/jfk.flac", 3.0, 5.0, dst)
    assert dst.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["clip.wav"]
