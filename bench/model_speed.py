"""Speed of the learned churn-risk model beside the rules-only figure, in the same run.

    .venv/bin/python bench/model_speed.py                 # reanalysis words/s/core, embeddings, ingest overhead

1. Reanalysis (stored transcripts → hits → report; no database) on synthetic calls (bench/analysis.py's):
   rules only; rules + model embedding every line now; rules + model with the embeddings already stored.
   CPU time (``time.process_time``), so words per second **per core**.
   Then the same through ``assistant reanalyze`` (``reanalysis.reanalyze``: read each stored call, analyse,
   write the analysis back) on a temporary SQLite library whose calls were stored with their embeddings:
   rules only, and rules + model reading the stored vectors.
2. Ingest of a real recording (../shared/data/speech/en_60s_with_pauses.wav, mono, Whisper base; or --audio;
   or --joined-samples: the five rendered sample calls of samples/calls joined into one 3.8-minute stereo call)
   with the model off and on, alternating, best of the rounds: the model's share of ingest time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis import build_calls

from assistant.analysis import analyze
from assistant.analysis.model import embed_transcript, get_embedder, load_model
from assistant.analysis.rules import load_ruleset
from assistant.audio import SAMPLE_RATE, load_channels
from assistant.pipeline import Ingestor
from assistant.reanalysis import reanalyze
from assistant.records import CallMetadata, SourceFile
from assistant.settings import DEFAULT_RULES_DIR, load_settings
from assistant.storage.calls import save_call
from assistant.storage.db import Store

AUDIO = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "speech" / "en_60s_with_pauses.wav"


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def reanalysis(n_calls: int, n_lines: int) -> None:
    settings, ruleset, model = load_settings(), load_ruleset(DEFAULT_RULES_DIR), load_model()
    calls = build_calls(n_calls, n_lines, 1)
    words = sum(len(u.text.split()) for c in calls for u in c.utterances)
    analyze(calls[0], ruleset, settings=settings, model=model)  # warm up pipelines and encoders
    vectors = [model.embedder.embed([u.text for u in c.utterances]) for c in calls]
    rules = _cpu(lambda: [analyze(c, ruleset, settings=settings, use_model=False) for c in calls])
    pairs = list(zip(calls, vectors, strict=True))
    stored = _cpu(lambda: [analyze(c, ruleset, settings=settings, model=model, vectors=v) for c, v in pairs])
    live = _cpu(lambda: [analyze(c, ruleset, settings=settings, model=model) for c in calls])
    embed = _cpu(lambda: [model.embedder.embed([u.text for u in c.utterances]) for c in calls])
    print(f"{len(calls)} calls, {sum(len(c.utterances) for c in calls)} utterances, {words} words")
    for name, cpu in (("rules only", rules), ("rules + model, stored embeddings", stored),
                      ("rules + model, embedding now", live), ("embedding alone (every line)", embed)):  # fmt: skip
        print(f"  {name:<34} {words / cpu:>10,.0f} words/s/core  ({cpu:.1f} s CPU)")


def stored_reanalysis(n_calls: int, n_lines: int) -> None:
    calls = build_calls(n_calls, n_lines, 2)
    words = sum(len(u.text.split()) for c in calls for u in c.utterances)
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        store = Store.open(settings)
        embedder = get_embedder()
        for n, transcript in enumerate(calls):
            source = SourceFile(Path(f"/bench/{n}.vtt"), f"{n:064d}", 1)
            saved = embed_transcript(transcript, embedder)
            save_call(store, source=source, transcript=transcript, metadata=CallMetadata(), embeddings=saved)
        ids = list(range(1, n_calls + 1))
        rules_only = settings.model_copy(update={"churn_model": False})
        list(reanalyze(store, settings, ruleset, ids[:1], force=True))  # warm up
        rules = _cpu(lambda: list(reanalyze(store, rules_only, ruleset, ids, force=True)))
        results: list = []
        stored = _cpu(lambda: results.extend(reanalyze(store, settings, ruleset, ids, force=True)))
        assert all(r.status == "updated" and "embedded again" not in r.message for r in results), results[:1]
        store.close()
    print(f"assistant reanalyze of {n_calls} stored calls, {words} words:")
    for name, cpu in (("rules only", rules), ("rules + model, stored embeddings", stored)):
        print(f"  {name:<34} {words / cpu:>10,.0f} words/s/core  ({cpu:.1f} s CPU)")


def joined_samples(folder: Path) -> Path:
    """The sample calls (stereo, rep | customer) one after the other in one WAV file: a longer, denser call."""
    calls = sorted((Path(__file__).resolve().parents[1] / "samples" / "calls").glob("*.flac"))
    audio = np.concatenate([np.stack(load_channels(call)) for call in calls], axis=1)
    path = folder / "joined-sample-calls.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(audio.shape[0])
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").T.tobytes())
    return path


def ingest(rounds: int, audio: Path) -> None:
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for on in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                settings = load_settings(data_dir=Path(tmp), churn_model=on, store_embeddings=on, embedding_threads=1)
                ingestor = Ingestor(settings, Store.open(settings))
                start = time.perf_counter()
                result = ingestor.ingest_file(audio)
                times[on].append(time.perf_counter() - start)
                assert result.status == "stored", result.message
    off, on_ = min(times[False]), min(times[True])
    print(
        f"ingest {audio.name}: model off {off:.2f} s, on {on_:.2f} s (best of {rounds}); "
        f"the model adds {100 * (on_ - off) / off:+.1f} %"
    )


def one_shot(rounds: int, audio: Path) -> None:
    """`assistant ingest` of the recording in a fresh process each time (what a one-file CLI run costs: start-up,
    Whisper and, with the model, the encoders' loading), model off and on alternating; wall and CPU seconds.
    A first, untimed run with the model on is what a user's first ingest is: it writes the encoders' cache
    (``model_cache_dir``/encoders); every timed run is a later one, in a fresh process and a fresh library."""
    cli = Path(sys.executable).parent / "assistant"
    runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for n in range(rounds + 1):
        for on in ((False, True) if n % 2 else (True, False)) if n else (True,):  # every other round reversed
            with tempfile.TemporaryDirectory() as tmp:
                flag = "true" if on else "false"
                env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_CHURN_MODEL": flag,
                       "ASSISTANT_STORE_EMBEDDINGS": flag, "ASSISTANT_EMBEDDING_THREADS": "1"}  # fmt: skip
                before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                subprocess.run([str(cli), "ingest", str(audio), "--json"], env=env, check=True, capture_output=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                if n:
                    runs[on].append((time.perf_counter() - start, cpu))
    for what, col in (("wall", 0), ("CPU", 1)):
        off, on_ = (min(r[col] for r in runs[k]) for k in (False, True))
        mid_off, mid_on = (float(np.median([r[col] for r in runs[k]])) for k in (False, True))
        ratios = [b[col] / a[col] - 1 for a, b in zip(runs[False], runs[True], strict=True)]
        print(f"one-shot `assistant ingest {audio.name}` ({what}, best of {rounds}): model off {off:.2f} s, "
              f"on {on_:.2f} s: {100 * (on_ - off) / off:+.1f} %; medians {mid_off:.2f} s, {mid_on:.2f} s: "
              f"{100 * (mid_on - mid_off) / mid_off:+.1f} %; paired (each round's on ÷ off), median "
              f"{100 * float(np.median(ratios)):+.1f} % [{100 * min(ratios):+.1f} – {100 * max(ratios):+.1f} %]"
              f"; load average {os.getloadavg()[0]:.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--lines", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--audio", type=Path, default=AUDIO, help="the recording the ingest parts use")
    parser.add_argument("--joined-samples", action="store_true", help="ingest the sample calls joined into one")
    parser.add_argument("--only", choices=("reanalysis", "stored", "ingest", "one-shot"), action="append",
                        help="run only these parts (repeatable); default: all")  # fmt: skip
    args = parser.parse_args()
    parts = args.only or ["reanalysis", "stored", "ingest", "one-shot"]
    audio = joined_samples(Path(tempfile.mkdtemp(prefix="model-speed-"))) if args.joined_samples else args.audio
    if "reanalysis" in parts:
        reanalysis(args.calls, args.lines)
    if "stored" in parts:
        stored_reanalysis(args.calls, args.lines)
    if "ingest" in parts:
        ingest(args.rounds, audio)
    if "one-shot" in parts:
        one_shot(args.rounds, audio)


if __name__ == "__main__":
    main()
