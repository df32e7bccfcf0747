"""Transcribe recordings with faster-whisper — the only module that imports it.

``Transcriber(settings).transcribe(path)`` → ``records.Transcript``:

- Channels. A stereo call recording keeps the two sides apart: each channel is transcribed on its own and the
  segments are merged by start time; ``settings.rep_channel`` says which side is the rep (role and speaker
  "rep", the other "customer"). Mono audio — and "stereo" files whose channels carry the same signal, such as a
  mono recording saved as stereo — is one track with role "unknown", speaker "speaker". More than two channels:
  the rep channel plus one customer track per other channel, speakers "channel N".
- Language. Detected per track on its first window (or forced: the argument, else ``settings.language``);
  ``Transcript.languages`` maps each side to its language, ``Transcript.language`` is the one spoken longest.
- Trust. VAD skips silence; ``condition_on_previous_text=False`` stops one error feeding the next; segments are
  dropped when Whisper itself doubts them (no_speech_prob above ``settings.no_speech_threshold`` and
  avg_logprob below ``settings.logprob_threshold``), when they look like the usual hallucinations on silence
  or music (compression ratio above 2.4, a phrase looping, empty text, "thanks for watching"-type lines with
  weak confidence). The figures stay on each Utterance. Nothing left on any track → SilentAudioError.
- Memory. A track is fed to Whisper in windows of at most ``WINDOW_SECONDS``, cut at the quietest moment
  near the window's end, so a two-hour call never builds a two-hour spectrogram.
- Progress. ``progress(seconds)`` is called with the audio-seconds processed summed over tracks and divided
  by the number of tracks, so it runs from 0 to the file's duration whatever the channel count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.audio import PCM_SCALE, SAMPLE_RATE, load_channels
from assistant.errors import SilentAudioError
from assistant.records import Role, Transcript, Utterance, Word
from assistant.settings import Settings
from assistant.transcription.model_store import MODELS, resolve_model
from assistant.transcription.voices import label_voices, start_voices

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment

Progress = Callable[[float], None]

WINDOW_SECONDS = 120.0  # longest stretch handed to Whisper at once: bounds its working memory (~260 MB)
SPLIT_SEARCH_SECONDS = 20.0  # look this far back from a window's end for a quiet place to cut
SAME_SIGNAL_CORRELATION = 0.98  # channels this alike are one signal (mono saved as stereo)
PAUSE_SPLIT_SECONDS = 1.5  # a silence this long between two words of a segment starts a new utterance
MAX_COMPRESSION_RATIO = 2.4  # above it, text repeats itself: Whisper's classic loop on noise
# Lines Whisper invents on silence and music (subtitle credits from its training data); dropped only when weak.
_SILENCE_PHRASES = re.compile(
    r"^(thanks?( you)? (so much )?for watching|please subscribe|subscribe to|subtitles by|"
    r"amara\.org|thank you\.?$|you\.?$|bye\.?$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Track:
    """One side of the call to transcribe: a channel (or a mono mix) and who speaks on it."""

    audio: np.ndarray
    role: Role
    speaker: str
    channel: int | None


@dataclass(frozen=True)
class TrackResult:
    utterances: tuple[Utterance, ...]
    language: str
    speech_seconds: float


def _same_signal(channels: list[np.ndarray]) -> bool:
    """True when every channel carries (almost) the same signal; a cheap strided correlation."""
    step = max(1, channels[0].shape[0] // 200_000)
    ref = channels[0][::step].astype(np.float64)
    for other in channels[1:]:
        cand = other[::step].astype(np.float64)
        if ref.std() == 0 or cand.std() == 0 or np.corrcoef(ref, cand)[0, 1] < SAME_SIGNAL_CORRELATION:
            return False
    return True


def _mixdown(channels: list[np.ndarray]) -> np.ndarray:
    """Mean of the channels into one new array of their dtype (np.mean on the list would stack a copy of
    them all); int16 channels are summed in float32 so loud samples cannot overflow."""
    mix = channels[0].astype(np.float32)
    for other in channels[1:]:
        np.add(mix, other, out=mix)
    mix /= len(channels)
    return mix.astype(channels[0].dtype, copy=False)


def as_float(piece: np.ndarray) -> np.ndarray:
    """float32 in [-1, 1] for Whisper: int16 PCM is converted one window at a time."""
    return piece.astype(np.float32) / PCM_SCALE if piece.dtype == np.int16 else piece


def make_tracks(channels: list[np.ndarray], rep_channel: str) -> list[Track]:
    """Tracks for the channels of one recording (see the module docstring for the labels)."""
    if len(channels) == 1 or _same_signal(channels):
        mix = channels[0] if len(channels) == 1 else _mixdown(channels)
        return [Track(mix, "unknown", "speaker", None)]
    rep = 0 if rep_channel == "left" else 1
    if len(channels) == 2:
        return [
            Track(c, "rep" if i == rep else "customer", "rep" if i == rep else "customer", i)
            for i, c in enumerate(channels)
        ]
    return [Track(c, "rep" if i == rep else "customer", f"channel {i + 1}", i) for i, c in enumerate(channels)]


def windows(audio: np.ndarray, limit: float = WINDOW_SECONDS) -> Iterator[tuple[float, np.ndarray]]:
    """(offset seconds, slice) pieces of at most ``limit`` seconds, each cut at the quietest 0.1 s near its end."""
    size, start = int(limit * SAMPLE_RATE), 0
    while audio.shape[0] - start > size:
        cut = start + _quiet_point(audio[start + size - int(SPLIT_SEARCH_SECONDS * SAMPLE_RATE) : start + size])
        cut += size - int(SPLIT_SEARCH_SECONDS * SAMPLE_RATE)
        yield start / SAMPLE_RATE, audio[start:cut]
        start = cut
    yield start / SAMPLE_RATE, audio[start:]


def _quiet_point(span: np.ndarray) -> int:
    frame = SAMPLE_RATE // 10
    usable = span[: span.shape[0] // frame * frame].reshape(-1, frame)
    energy = np.square(usable, dtype=np.float32).mean(axis=1)
    return int(np.argmin(energy)) * frame + frame // 2


def _is_loop(words: list[str]) -> bool:
    """A phrase of 1–4 words repeated back to back so often it is most of the segment."""
    if len(words) < 8:
        return False
    for n in range(1, 5):
        run = best = 1
        for i in range(n, len(words) - n + 1, n):
            run = run + 1 if words[i : i + n] == words[i - n : i] else 1
            best = max(best, run)
        if best >= 4 and best * n >= 0.6 * len(words):
            return True
    return False


def keep_segment(segment: Segment, settings: Settings) -> bool:
    """False for the segments we do not trust (module docstring, "Trust")."""
    text = segment.text.strip()
    if not text or not any(ch.isalnum() for ch in text):
        return False
    if segment.no_speech_prob > settings.no_speech_threshold and segment.avg_logprob < settings.logprob_threshold:
        return False
    if segment.compression_ratio > MAX_COMPRESSION_RATIO:
        return False
    if _is_loop(re.findall(r"\w+", text.lower())):
        return False
    probs = [w.probability for w in segment.words or ()]
    weak = segment.no_speech_prob > 0.3 or (bool(probs) and sum(probs) / len(probs) < 0.5)
    return not (weak and _SILENCE_PHRASES.match(text))


def split_at_pauses(words: list[Any], pause: float = PAUSE_SPLIT_SECONDS) -> list[list[Any]]:
    """Runs of words with no silence of ``pause`` seconds or more between them. With VAD on, Whisper is fed
    the speech of one channel glued together, so one segment can span several turns of that side with the
    other side's speech in between; the word timings still show the gaps."""
    runs: list[list[Any]] = []
    for word in words:
        if runs and word.start - runs[-1][-1].end < pause:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _utterances(segment: Segment, track: Track, offset: float, language: str) -> list[Utterance]:
    """One utterance per run of the segment's words (see split_at_pauses), with the segment's confidences."""
    runs = split_at_pauses([w for w in segment.words or () if w.word.strip()])
    if len(runs) <= 1:
        spans = [(segment.start, segment.end, segment.text.strip(), runs[0] if runs else [])]
    else:
        spans = [(run[0].start, run[-1].end, "".join(w.word for w in run).strip(), run) for run in runs]
    return [
        Utterance(
            speaker=track.speaker,
            role=track.role,
            start=round(start + offset, 3),
            end=round(end + offset, 3),
            text=text,
            words=tuple(
                Word(round(w.start + offset, 3), round(w.end + offset, 3), w.word.strip(), round(w.probability, 4))
                for w in run
            ),
            channel=track.channel,
            language=language,
            avg_logprob=round(segment.avg_logprob, 4),
            no_speech_prob=round(segment.no_speech_prob, 4),
            compression_ratio=round(segment.compression_ratio, 4),
        )
        for start, end, text, run in spans
    ]


class Transcriber:
    """Whisper with the project's defaults; the model loads on first use and is then reused."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._model: WhisperModel | None = None

    @property
    def model_name(self) -> str:
        name = self.settings.model
        return f"whisper-{name}" if name in MODELS else Path(name).name or name

    @property
    def model(self) -> WhisperModel:
        if self._model is None:
            from faster_whisper import WhisperModel

            s = self.settings
            self._model = WhisperModel(
                resolve_model(s), device=s.device, compute_type=s.compute_type, cpu_threads=s.cpu_threads
            )
        return self._model

    def decode_options(self, language: str | None, hotwords: str | None, initial_prompt: str | None) -> dict[str, Any]:
        """Keyword arguments for ``WhisperModel.transcribe`` (also used by the benchmark's bare baseline)."""
        s = self.settings
        return {
            "language": language,
            "beam_size": s.beam_size,
            "vad_filter": s.vad,
            "word_timestamps": True,
            "condition_on_previous_text": False,
            "no_speech_threshold": s.no_speech_threshold,
            "log_prob_threshold": s.logprob_threshold,
            "compression_ratio_threshold": MAX_COMPRESSION_RATIO,
            "hotwords": hotwords or None,
            "initial_prompt": initial_prompt or None,
        }

    def transcribe(
        self,
        path: Path,
        *,
        language: str | None = None,
        hotwords: str | None = None,
        initial_prompt: str | None = None,
        progress: Progress | None = None,
        speakers: int | None = None,
    ) -> Transcript:
        """Transcribe one recording; AudioDecodeError / SilentAudioError for files without usable speech.
        Voices are told apart meanwhile (``voices.start_voices``, ``label_voices``; ``speakers`` = voices on a
        mono recording)."""
        path = Path(path)
        channels = load_channels(path, dtype=np.int16)  # half the memory of float32 for long stereo calls
        duration = channels[0].shape[0] / SAMPLE_RATE
        tracks = make_tracks(channels, self.settings.rep_channel)
        del channels
        heard = start_voices(tracks, self.settings, speakers)
        options = self.decode_options(language or self.settings.language, hotwords, initial_prompt)
        tick = _Ticker(progress, len(tracks))
        results = [self._track(t, options, tick) for t in tracks]
        transcript = self._assemble(path, results, tracks, duration)
        return label_voices(transcript, tracks, self.settings, speakers, heard)

    def _track(self, track: Track, options: dict[str, Any], tick: _Ticker) -> TrackResult:
        found: list[Utterance] = []
        opts = dict(options)
        speech = 0.0
        for offset, piece in windows(track.audio, WINDOW_SECONDS):
            segments, info = self.model.transcribe(as_float(piece), **opts)
            opts["language"] = opts["language"] or info.language  # later windows keep the first one's language
            for seg in segments:
                tick(offset + min(seg.end, info.duration))
                if keep_segment(seg, self.settings):
                    found.extend(_utterances(seg, track, offset, opts["language"]))
                    speech += seg.end - seg.start
            tick(offset + piece.shape[0] / SAMPLE_RATE)
        tick.next_track()
        return TrackResult(tuple(found), opts["language"] or "und", speech)

    def _assemble(self, path: Path, results: list[TrackResult], tracks: list[Track], duration: float) -> Transcript:
        utterances = sorted((u for r in results for u in r.utterances), key=lambda u: (u.start, u.channel or 0))
        if not utterances:
            raise SilentAudioError(
                f"{path}: no speech found ({len(tracks)} track(s), {duration:.1f} s; VAD and confidence filters "
                "left nothing — is the recording only silence, music or noise?)"
            )
        spoken = [(r.speech_seconds, r.language) for r in results if r.utterances]
        return Transcript(
            utterances=tuple(utterances),
            language=max(spoken)[1],
            duration=round(duration, 3),
            source_kind="audio",
            channels=len(tracks),  # tracks transcribed: 1 for mono and same-signal stereo
            model=self.model_name,
            languages={t.speaker: r.language for t, r in zip(tracks, results, strict=True) if r.utterances},
        )


class _Ticker:
    """Turns per-track positions into one figure running from 0 to the file's duration."""

    def __init__(self, callback: Progress | None, tracks: int) -> None:
        self.callback, self.tracks, self.done, self.last = callback, tracks, 0.0, 0.0

    def __call__(self, position: float) -> None:
        self.last = max(self.last, position)
        if self.callback is not None:
            self.callback(float(self.done + self.last) / self.tracks)

    def next_track(self) -> None:
        self.done, self.last = self.done + self.last, 0.0
