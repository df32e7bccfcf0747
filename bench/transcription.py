"""Transcription benchmark (not a test): overhead, speed and accuracy of our defaults, memory on a long call.

    .venv/bin/python bench/transcription.py            # full run (the 2-hour memory run takes a while)
    .venv/bin/python bench/transcription.py --quick    # memory run on 20 minutes only
    .venv/bin/python bench/transcription.py --only a   # one part: a, b or c

(a) overhead: our Transcriber on a file vs bare ``WhisperModel.transcribe`` on the same file, same model
    object, same decoding options (``Transcriber.decode_options``); best of 5 each, interleaved.
(b) defaults: our settings (beam 1, VAD, word timestamps, no conditioning, filters) vs faster-whisper's plain
    defaults (beam 5, no VAD, no word timestamps) — speed ratio and WER. Files with a human reference:
    osr_harvard_8k, sonnet001, and a ~2.5-minute file built from seven reference clips joined with 2 s pauses.
    en_60s_with_pauses has no reference: its "reference" is the plain-defaults output with beam 10 (a
    pseudo-reference that favours the plain run; said so in the output).
(c) memory: peak RSS (VmHWM) of a fresh process transcribing a long mono recording made by looping real speech
    (written to a temp FLAC), read from /proc/self/status in that child process.
Writes nothing to the repo; paste the printed Markdown into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import av
import jiwer
import numpy as np

from assistant.audio import SAMPLE_RATE, load_channels
from assistant.settings import load_settings
from assistant.transcription.whisper import Transcriber

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REFERENCED = [  # (file, reference text) for the joined long file
    ("speech/osr_harvard_8k.wav", None),
    ("speech/sonnet001.mp3", "speech/sonnet001.txt"),
    ("speech/jfk.flac", "speech/jfk.txt"),
    ("multilingual/en_wenet_librispeech-1995-1837-0001.wav", "multilingual/en_wenet_librispeech-1995-1837-0001.txt"),
    ("multilingual/en_leopard_test.wav", "multilingual/en_leopard_test.txt"),
    ("conversations/three_speakers.wav", None),
    ("speech/stereo_two_speakers.wav", None),
]


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


def reference(name: str) -> str:
    if name == "speech/osr_harvard_8k.wav":
        return json.loads((DATA / "speech/osr_harvard_8k.reference.json").read_text())[0]["transcription"]
    if name == "conversations/three_speakers.wav":
        lines = (DATA / "conversations/three_speakers.reference.txt").read_text().splitlines()
        return " ".join(line.split(":", 1)[-1] for line in lines)
    if name == "speech/stereo_two_speakers.wav":
        lines = (DATA / "speech/stereo_two_speakers.txt").read_text().splitlines()
        return " ".join(line.split(":", 1)[-1] for line in lines)
    return (DATA / dict(REFERENCED)[name]).read_text()  # type: ignore[operator]


def write_wav(audio: np.ndarray, dst: Path) -> Path:
    """Write mono (n,) or multi-channel (channels, n) float audio as 16-bit WAV or FLAC."""
    channels = 1 if audio.ndim == 1 else audio.shape[0]
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(dst), "w", format="wav" if dst.suffix == ".wav" else "flac") as out:
        stream = out.add_stream("pcm_s16le" if dst.suffix == ".wav" else "flac", rate=SAMPLE_RATE, layout=layout)
        pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16).reshape(channels, -1)
        step = SAMPLE_RATE * 10
        for start in range(0, pcm.shape[1], step):
            interleaved = np.ascontiguousarray(pcm[:, start : start + step].T).reshape(1, -1)  # packed s16
            frame = av.AudioFrame.from_ndarray(interleaved, format="s16", layout=layout)
            frame.sample_rate = SAMPLE_RATE
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return dst


def joined_file(tmp: Path) -> tuple[Path, str]:
    """Seven reference clips (stereo ones mixed down) with 2 s pauses; returns (file, reference)."""
    pause = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)
    pieces, refs = [], []
    for name, _ in REFERENCED:
        pieces += [np.mean(load_channels(DATA / name), axis=0).astype(np.float32), pause]
        refs.append(reference(name))
    return write_wav(np.concatenate(pieces), tmp / "joined.wav"), " ".join(refs)


def best_of(n: int, fn: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def bare_text(model, path: Path, **options) -> str:
    segments, _ = model.transcribe(str(path), **options)
    return " ".join(s.text.strip() for s in segments)


def ours_text(tr: Transcriber, path: Path) -> str:
    return " ".join(u.text for u in tr.transcribe(path).utterances)


def part_a(tr: Transcriber, path: Path, rounds: int) -> str:
    options = tr.decode_options(None, None, None)
    ours = bare = float("inf")
    for _ in range(rounds):  # interleaved so both see the same machine load
        ours = min(ours, best_of(1, lambda: tr.transcribe(path))[0])
        bare = min(bare, best_of(1, lambda: bare_text(tr.model, path, **options))[0])
    return f"| {path.name} | {ours:.2f} s | {bare:.2f} s | **{ours / bare:.3f}** |"


def part_b(tr: Transcriber, path: Path, ref: str | None) -> str:
    plain = {"beam_size": 5}
    if ref is None:
        ref = bare_text(tr.model, path, beam_size=10)
        path_label = f"{path.name} (pseudo-reference: plain beam 10)"
    else:
        path_label = path.name
    t_ours, ours = best_of(1, lambda: ours_text(tr, path))
    t_plain, plain_out = best_of(1, lambda: bare_text(tr.model, path, **plain))
    w_ours, w_plain = jiwer.wer(norm(ref), norm(str(ours))), jiwer.wer(norm(ref), norm(str(plain_out)))
    return (
        f"| {path_label} | {t_ours:.2f} s | {t_plain:.2f} s | **{t_plain / t_ours:.2f}×** | "
        f"{100 * w_ours:.1f} % | {100 * w_plain:.1f} % |"
    )


def long_file(tmp: Path, minutes: float, stereo: bool = False) -> Path:
    unit = np.concatenate(
        [
            np.mean(load_channels(DATA / n), axis=0).astype(np.float32)
            for n in ("speech/en_60s_with_pauses.wav", "speech/osr_harvard_8k.wav", "speech/sonnet001.mp3")
        ]
    )
    reps = int(np.ceil(minutes * 60 * SAMPLE_RATE / unit.shape[0]))
    mono = np.tile(unit, reps)[: int(minutes * 60 * SAMPLE_RATE)]
    if not stereo:
        return write_wav(mono, tmp / f"long_{minutes:g}min.flac")
    # a call: the other side speaks the same material a third of the way along (not the same signal)
    return write_wav(np.stack([mono, np.roll(mono, mono.shape[0] // 3)]), tmp / f"long_{minutes:g}min_stereo.flac")


def _vm_hwm_kb() -> int:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux carries that over fork + exec, so a
    child would report its parent's peak (here: the parent building the long file)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_child(path: Path) -> None:
    """Runs in a fresh process: transcribe and print JSON with peak RSS and timings."""
    tr = Transcriber(load_settings())
    t = time.perf_counter()
    transcript = tr.transcribe(path)
    elapsed = time.perf_counter() - t
    peak_kb = _vm_hwm_kb()
    print(
        json.dumps(
            {
                "peak_rss_mb": peak_kb / 1024,
                "seconds": elapsed,
                "audio_s": transcript.duration,
                "utterances": len(transcript.utterances),
            }
        )
    )


def part_c(tmp: Path, minutes: float, stereo: bool = False) -> str:
    path = long_file(tmp, minutes, stereo)
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(path)], capture_output=True, text=True, check=True
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return (
        f"| {minutes:g} min looped real speech, {'stereo' if stereo else 'mono'} FLAC | "
        f"{r['peak_rss_mb']:.0f} MB | {r['seconds']:.0f} s "
        f"({r['audio_s'] / r['seconds']:.1f}× real time) | {r['utterances']} |"
    )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="memory run on 20 minutes instead of 120")
    ap.add_argument("--minutes", type=float, default=None, help="length of the memory run")
    ap.add_argument("--stereo", action="store_true", help="memory run on a two-channel call recording")
    ap.add_argument("--only", choices=("a", "b", "c"), default=None)
    ap.add_argument("--rss-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    settings = load_settings()
    tr = Transcriber(settings)
    print(
        f"Machine: {machine()}; model whisper-{settings.model} {settings.compute_type} on {settings.device}, "
        f"beam {settings.beam_size}, VAD {settings.vad}\n",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        joined, joined_ref = joined_file(tmp)
        if args.only in (None, "a"):
            print("(a) | file | ours | bare faster-whisper, same options | overhead |\n|---|---|---|---|", flush=True)
            for path in (DATA / "speech/en_60s_with_pauses.wav", joined):
                print(part_a(tr, path, rounds=5), flush=True)
        if args.only in (None, "b"):
            print(
                "\n(b) | file | ours | plain defaults (beam 5, no VAD) | speed-up | WER ours | WER plain |\n"
                "|---|---|---|---|---|---|",
                flush=True,
            )
            print(part_b(tr, DATA / "speech/en_60s_with_pauses.wav", None), flush=True)
            for name in ("speech/osr_harvard_8k.wav", "speech/sonnet001.mp3"):
                print(part_b(tr, DATA / name, reference(name)), flush=True)
            print(part_b(tr, joined, joined_ref), flush=True)
        if args.only in (None, "c"):
            minutes = args.minutes or (20.0 if args.quick else 120.0)
            print("\n(c) | recording | peak RSS | time | utterances |\n|---|---|---|---|", flush=True)
            print(part_c(tmp, minutes, args.stereo), flush=True)


if __name__ == "__main__":
    main()
