"""Decode recordings with PyAV (FFmpeg's libraries; no ffmpeg binary needed).

- ``probe(path)``: what is in the file (duration, channels, rate, codec, container).
- ``load_channels(path)``: float32 arrays at 16 kHz, one per channel (a stereo call keeps rep and customer
  apart; more than two channels are kept too).
- ``cut_clip(src, start, end, dst)``: a small playable file of one span, all channels kept.

Bad input raises ``AudioDecodeError`` (cannot be decoded) or ``SilentAudioError`` (decodes, but holds nothing:
zero length, or digital silence below ``SILENCE_DBFS``), each with one line naming the file and the reason.

Truncated files: FFmpeg decodes a cut-off MP3 / AAC up to the damage. When at least ``MIN_PARTIAL_SECONDS``
decoded before a mid-stream error we keep that audio and log a warning (a call recording that lost its last
seconds is still worth transcribing); when less decoded, the file is rejected with AudioDecodeError.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from assistant.errors import AudioDecodeError, ClipError, SilentAudioError
from assistant.files import replacing

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
PCM_SCALE = 32767.0  # int16 sample value of full scale (1.0)
SILENCE_DBFS = -60.0  # a peak below this is digital silence, not a quiet speaker
MIN_PARTIAL_SECONDS = 1.0  # keep a truncated file's audio when at least this much decoded
_LAYOUTS = {1: "mono", 2: "stereo"}


@dataclass(frozen=True)
class AudioInfo:
    duration: float  # seconds
    channels: int
    sample_rate: int
    codec: str  # e.g. "mp3", "pcm_s16le", "opus"
    container: str  # FFmpeg demuxer name, e.g. "wav", "mp3", "mov,mp4,m4a,3gp,3g2,mj2"


def _check_file(path: Path) -> None:
    if not path.exists():
        raise AudioDecodeError(f"{path}: no such file")
    if not path.is_file():
        raise AudioDecodeError(f"{path}: not a file (a folder or device?)")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise AudioDecodeError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if size == 0:
        raise AudioDecodeError(f"{path}: the file is empty (0 bytes); re-export or re-download the recording")


def _open(path: Path) -> av.container.InputContainer:
    _check_file(path)
    try:
        return av.open(str(path), mode="r")
    except av.error.FFmpegError as exc:
        raise AudioDecodeError(
            f"{path}: not a recording FFmpeg can decode ({_reason(exc)}); use wav, flac, mp3, m4a/mp4, ogg/opus or webm"
        ) from exc


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).strip().rstrip(".").lower() or exc.__class__.__name__


def _audio_stream(container: av.container.InputContainer, path: Path) -> av.audio.stream.AudioStream:
    if not container.streams.audio:
        kinds = ", ".join(sorted({s.type for s in container.streams})) or "nothing"
        raise AudioDecodeError(f"{path}: the file has no audio stream (it holds {kinds})")
    return container.streams.audio[0]


def _duration(container: av.container.InputContainer, stream: av.audio.stream.AudioStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return 0.0


def probe(path: Path) -> AudioInfo:
    """What is in the file, read from its headers (no full decode)."""
    path = Path(path)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        ctx = stream.codec_context
        return AudioInfo(
            duration=_duration(container, stream),
            channels=ctx.channels or len(ctx.layout.channels),
            sample_rate=ctx.sample_rate or 0,
            codec=ctx.name,
            container=container.format.name,
        )


def _decoded_frames(container: av.container.InputContainer, path: Path) -> Iterator[av.AudioFrame]:
    """Frames of the first audio stream; a mid-stream error ends the stream (see the module docstring)."""
    stream = _audio_stream(container, path)
    try:
        yield from container.decode(stream)
    except av.error.FFmpegError as exc:
        raise _Truncated(_reason(exc)) from exc


class _Truncated(Exception):
    pass


class _Growing:
    """A (channels, n) buffer that grows by doubling: no list of chunks, no second full copy. float32 in
    [-1, 1], or int16 (PCM scale, half the memory: what a two-hour stereo call needs)."""

    def __init__(self, channels: int, expected: int, dtype: type[np.generic] = np.float32) -> None:
        self.dtype = np.dtype(dtype)
        self.data = np.zeros((channels, max(expected, SAMPLE_RATE)), dtype=self.dtype)
        self.size = 0

    def append(self, block: np.ndarray) -> None:
        need = self.size + block.shape[1]
        if need > self.data.shape[1]:
            bigger = np.zeros((self.data.shape[0], max(need, self.data.shape[1] * 2)), dtype=self.dtype)
            bigger[:, : self.size] = self.data[:, : self.size]
            self.data = bigger
        if self.dtype == np.int16:
            block = np.rint(np.clip(block, -1.0, 1.0) * PCM_SCALE)
        self.data[:, self.size : need] = block
        self.size = need


def _resampler(channels: int, sample_rate: int) -> av.AudioResampler:
    layout = _LAYOUTS.get(channels, f"{channels}c")
    return av.AudioResampler(format="fltp", layout=layout, rate=sample_rate)


def _decode(
    path: Path,
    sample_rate: int,
    start: float = 0.0,
    end: float | None = None,
    dtype: type[np.generic] = np.float32,
) -> np.ndarray:
    """All channels of ``path`` (or of ``start``..``end`` seconds) as a (channels, n) array of ``dtype``."""
    with _open(path) as container:
        stream = _audio_stream(container, path)
        channels = stream.codec_context.channels or 1
        if start > 0 and stream.time_base is not None:
            container.seek(int(start / stream.time_base), stream=stream)
        span = (end if end is not None else _duration(container, stream)) - start
        buf, resampler = (
            _Growing(channels, int((span + 1.0) * sample_rate), dtype),
            _resampler(channels, sample_rate),
        )
        first = _feed(container, path, resampler, buf, end)
        for out in resampler.resample(None):
            buf.append(out.to_ndarray().reshape(channels, -1))
        if end is None and start == 0:
            _check_length(path, buf.size / sample_rate, _duration(container, stream))
        skip = max(0, round((start - (first or 0.0)) * sample_rate))
        stop = buf.size if end is None else min(buf.size, skip + round((end - start) * sample_rate))
        return buf.data[:, skip:stop]


def _feed(
    container: av.container.InputContainer,
    path: Path,
    resampler: av.AudioResampler,
    buf: _Growing,
    end: float | None,
) -> float | None:
    """Decode and resample into ``buf`` until ``end``; returns the start time of the first frame fed."""
    first: float | None = None
    try:
        for frame in _decoded_frames(container, path):
            if first is None:
                first = frame.time or 0.0
            for out in resampler.resample(frame):
                buf.append(out.to_ndarray().reshape(buf.data.shape[0], -1))
            if end is not None and frame.time is not None and frame.time > end:
                break
    except _Truncated as exc:
        _accept_partial(path, buf.size / resampler.rate, str(exc))
    return first


def _accept_partial(path: Path, seconds: float, reason: str) -> None:
    if seconds < MIN_PARTIAL_SECONDS:
        raise AudioDecodeError(f"{path}: the audio is damaged or truncated ({reason}); re-export the file")
    log.warning("%s: audio is damaged or truncated (%s); using the first %.1f s", path, reason, seconds)


def incomplete(path: Path) -> str | None:
    """Why ``path`` does not decode whole (cut off, damaged, or still being written), or None when every
    frame decodes and they add up to the length its header promises. Decodes without resampling or keeping
    the audio: cheap enough for a watcher to ask before it ingests a recording."""
    decoded = 0.0
    try:
        with _open(Path(path)) as container:
            stream = _audio_stream(container, Path(path))
            header = _duration(container, stream)
            for frame in _decoded_frames(container, Path(path)):
                decoded += frame.samples / (frame.sample_rate or stream.codec_context.sample_rate or 1)
    except _Truncated as exc:
        return f"damaged or cut off after {decoded:.1f} s ({exc})"
    except AudioDecodeError as exc:
        return str(exc)
    if header - decoded > max(1.0, 0.1 * header):
        return f"the header says {header:.1f} s but only {decoded:.1f} s decode"
    return None


def _check_length(path: Path, decoded: float, header: float) -> None:
    """A file that decodes to much less than its header promises was cut off (e.g. an interrupted upload)."""
    if header - decoded > max(1.0, 0.1 * header):
        _accept_partial(path, decoded, f"the header says {header:.1f} s but only {decoded:.1f} s decode")


def _peak(audio: np.ndarray, block: int = 1 << 20) -> float:
    """Largest absolute sample, block by block (no full-size temporary for a two-hour call)."""
    return max(float(np.abs(audio[:, i : i + block].astype(np.float32)).max()) for i in range(0, audio.shape[1], block))


def load_channels(path: Path, sample_rate: int = SAMPLE_RATE, dtype: type[np.generic] = np.float32) -> list[np.ndarray]:
    """Decode to arrays at ``sample_rate``, one per channel (a stereo call stays two): float32 in [-1, 1],
    or int16 PCM (``dtype=np.int16``; divide by PCM_SCALE for float) to hold long recordings in half the memory."""
    path = Path(path)
    audio = _decode(path, sample_rate, dtype=dtype)
    if audio.shape[1] == 0:
        raise SilentAudioError(f"{path}: the recording is empty (zero-length audio)")
    peak = _peak(audio) / (PCM_SCALE if audio.dtype == np.int16 else 1.0)
    if peak <= 10 ** (SILENCE_DBFS / 20):
        level = "-inf" if peak == 0 else f"{20 * math.log10(peak):.0f}"
        raise SilentAudioError(
            f"{path}: the recording is silent (peak {level} dBFS over {audio.shape[1] / sample_rate:.1f} s)"
        )
    return [np.ascontiguousarray(row) for row in audio]


def _encoder_for(dst: Path) -> tuple[str, str, int]:
    """(codec, sample format, sample rate) for the clip's suffix."""
    suffix = dst.suffix.lower()
    if suffix in (".ogg", ".opus", ".webm"):
        return "libopus", "flt", 48000
    if suffix == ".wav":
        return "pcm_s16le", "s16", SAMPLE_RATE
    if suffix == ".flac":
        return "flac", "s16", SAMPLE_RATE
    if suffix == ".mp3":
        return "libmp3lame", "fltp", SAMPLE_RATE
    raise ClipError(f"{dst}: unsupported clip format {suffix or '(none)'!r}; use .ogg, .opus, .wav, .flac or .mp3")


def cut_clip(src: Path, start: float, end: float, dst: Path) -> Path:
    """Write ``src[start:end]`` to ``dst`` (format from its suffix), all channels kept; returns ``dst``."""
    src, dst = Path(src), Path(dst)
    if not (0 <= start < end) or math.isinf(end):
        raise ClipError(f"{src}: invalid clip span {start:.2f}–{end:.2f} s (need 0 <= start < end)")
    codec, fmt, rate = _encoder_for(dst)
    audio = _decode(src, rate, start, end)
    if audio.shape[1] == 0:
        raise ClipError(f"{src}: clip starts at {start:.2f} s, after the end of the recording")
    _encode(audio, dst, codec, fmt, rate)
    return dst


def _encode(audio: np.ndarray, dst: Path, codec: str, fmt: str, rate: int) -> None:
    """Encode into a temporary file opened exclusively in ``dst``'s folder, renamed to ``dst`` when complete:
    a symlink planted at any of the names is never written through (``assistant.files.replacing``)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    layout = _LAYOUTS.get(audio.shape[0], f"{audio.shape[0]}c")
    try:
        with replacing(dst) as fh, av.open(fh, mode="w", format=_muxer(dst)) as out:
            stream = out.add_stream(codec, rate=rate, layout=layout)
            if not isinstance(stream, av.audio.stream.AudioStream):  # add_stream is typed for any kind
                raise ClipError(f"{dst}: {codec} is not an audio encoder")
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(audio), format="fltp", layout=layout)
            frame.sample_rate = rate
            resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate, frame_size=stream.frame_size or None)
            for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
                out.mux(stream.encode(chunk))
            out.mux(stream.encode(None))
    except av.error.FFmpegError as exc:
        raise ClipError(f"{dst}: cannot write the clip ({_reason(exc)})") from exc


def _muxer(dst: Path) -> str:
    return {".ogg": "ogg", ".opus": "ogg", ".webm": "webm", ".wav": "wav", ".flac": "flac", ".mp3": "mp3"}[
        dst.suffix.lower()
    ]
