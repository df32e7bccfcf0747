"""Calibrate ``voiceprint_threshold``: cosine similarity of voices of the same person vs of different people.

Held-out clips (none of them is used by the tests that check enrolment): four one-person recordings of
../shared/data/speech, each cut into two halves (same person = the two halves), and the two sides of three sample
calls (rep = espeak-ng en-us+f3, customer = Piper joe;
the same synthetic voice across calls is the same "person"). Each clip is diarized on its own and its main voice's
embedding taken, as ``assistant reps enroll`` does. Prints the two distributions and the threshold halfway
between the closest different-person pair and the least similar same-person pair.

    .venv/bin/python bench/voiceprint_threshold.py
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audio import load_channels  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.transcription.diarization import load_engine  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CALLS = ["summit-expansion", "maple-negated-distractor", "cedar-cfo-joins"]
# one person each, long enough to cut in two (AMI's close-talk microphones are not used: each carries the other
# speakers' voices loudly enough that its main voice is not always its owner's)
SINGLE_SPEAKER = ["osr_harvard_8k.wav", "en_60s_with_pauses.wav", "sonnet001.mp3", "jfk.flac"]


def clips() -> list[tuple[str, np.ndarray]]:
    out = []
    for name in SINGLE_SPEAKER:
        audio = np.mean(load_channels(DATA / "speech" / name), axis=0)
        half = audio.shape[0] // 2
        out += [(name, audio[:half]), (name, audio[half:])]
    for name in CALLS:
        left, right = load_channels(ROOT / "samples" / "calls" / f"{name}.flac")
        out += [("espeak-rep", left), ("piper-customer", right)]
    return out


def main() -> None:
    engine = load_engine(load_settings())
    voices = []
    for who, audio in clips():
        start = time.perf_counter()
        result = engine.diarize(audio.astype(np.float32), speakers=None, max_speakers=4)
        main_voice = max(result.voices, key=lambda v: v.seconds, default=None)
        if main_voice is None or main_voice.seconds < 3:
            print(f"{who}: too little speech, skipped")
            continue
        voices.append((who, np.asarray(main_voice.embedding)))
        print(f"{who}: {main_voice.seconds:.0f} s of speech, {time.perf_counter() - start:.1f} s")
    same: list[tuple[float, str, str]] = []
    different: list[tuple[float, str, str]] = []
    for (a, ea), (b, eb) in itertools.combinations(voices, 2):
        (same if a == b else different).append((float(ea @ eb), a, b))
    same.sort()
    different.sort(reverse=True)
    print("\n| pairs | n | min | median | max |\n|---|---|---|---|---|")
    for label, rows in (("same person", same), ("different people", different)):
        values = [r[0] for r in rows]
        print(f"| {label} | {len(values)} | {min(values):.2f} | {np.median(values):.2f} | {max(values):.2f} |")
    print(f"\nleast similar same-person pair: {same[0]}")
    print(f"most similar different-people pair: {different[0]}")
    print(f"threshold halfway: {(same[0][0] + different[0][0]) / 2:.2f}")


if __name__ == "__main__":
    main()
