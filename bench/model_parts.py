"""The churn-risk model's own CPU inside a one-file `assistant ingest`, part by part, beside the rules-only run.

    .venv/bin/python bench/model_parts.py [--audio FILE | --joined-samples] [--rounds 3] [--compare-prefetch]

Whole-process CPU of two ingests differs by ±0.5 s on a loaded 2-core machine, more than the model's share of
a short recording; so each part that runs only with the model on is timed where it runs (CPU time of the thread
that runs it), in a real `assistant ingest` in a fresh process (the CLI's own `main`), the encoder cache warm:

* the embedder's warm-up thread (loading both encoders, first call), the BLAS pool cap;
* e5 embedding the lines while Whisper transcribes (``Prefetch``, a thread of its own), embedding the rest at the
  end for storage (the analysis reads those vectors), the head's loading, the model's part of the analysis
  (``learned_hits``), storing the vectors.

Rounds alternate a rules-only ingest (whole-process CPU and wall) and a model ingest; the best of each is printed
with the model's parts summed and as a share of the rules-only CPU; and what the user waits for: the wall time of
the parts on the ingest's own path (after Whisper: embedding the rest, the head, the analysis, storing), and the
whole process's wall time. ``--compare-prefetch`` adds a model ingest with the prefetch off (every line embedded
after Whisper, as before it) to each round.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_speed import AUDIO, joined_samples

PARTS = {  # module, attribute, label, on the ingest's own path (the user waits for its wall time)
    ("assistant.analysis.model.embedding", "Embedder.warm", "warm-up thread: load both encoders + first call", False),
    ("assistant.analysis.model.embedding", "limit_blas", "BLAS pool cap", False),
    ("assistant.analysis.model.embedding", "Prefetch._run", "e5 on the lines while Whisper transcribes (own thread)",
     False),
    ("assistant.pipeline", "Ingestor.embed", "embedding after Whisper (the lines not yet embedded; USE on all)", True),
    ("assistant.pipeline", "Ingestor._load_head", "the head loaded ahead (own thread)", False),
    ("assistant.analysis", "churn_model", "the head on the path (churn_model: cached once loaded ahead)", True),
    ("assistant.analysis", "learned_hits", "the model's part of the analysis", True),
    ("assistant.storage.calls", "add_embeddings", "storing the vectors", True),
}  # fmt: skip
MODES = ("rules only", "model", "model, no prefetch")


def _timed(owner: Any, name: str, label: str, on_path: bool, spent: dict[str, float]) -> None:
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start, wall = time.thread_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.thread_time() - start
            if on_path:
                spent["wall: " + label] = spent.get("wall: " + label, 0.0) + time.perf_counter() - wall

    setattr(owner, name, timed)


def child(audio: Path, prefetch: bool) -> None:
    """In a fresh process: wrap the model's parts, run `assistant ingest AUDIO --json`, print their CPU (JSON)."""
    import importlib

    from assistant.pipeline import Ingestor

    if not prefetch:
        Ingestor.prefetch = lambda self: None  # type: ignore[method-assign]  # every line embedded after Whisper
    spent: dict[str, float] = {}
    for module, path, label, on_path in sorted(PARTS):
        owner: Any = importlib.import_module(module)
        *outer, name = path.split(".")
        for attr in outer:
            owner = getattr(owner, attr)
        _timed(owner, name, label, on_path, spent)
    from assistant.cli.main import main

    sys.argv = ["assistant", "ingest", str(audio), "--json"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    print(json.dumps(spent), file=sys.stderr)


def _run(audio: Path, mode: str) -> tuple[float, float, dict[str, float]]:
    """(whole-process CPU s, wall s, the parts' CPU and wall) of one fresh `assistant ingest` in ``mode``."""
    with tempfile.TemporaryDirectory() as tmp:
        flag = "false" if mode == "rules only" else "true"
        env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_CHURN_MODEL": flag,
               "ASSISTANT_STORE_EMBEDDINGS": flag, "ASSISTANT_EMBEDDING_THREADS": "1"}  # fmt: skip
        cmd = [sys.executable, __file__, "--child", str(audio)] + (["--no-prefetch"] if "no prefetch" in mode else [])
        before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
        wall, after = time.perf_counter() - wall, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, wall, json.loads(done.stderr.strip().splitlines()[-1]) if flag == "true" else {}


def _report(audio: Path, rounds: int, runs: dict[str, list[tuple[float, float, dict[str, float]]]]) -> None:
    base = min(cpu for cpu, _, _ in runs["rules only"])
    print(f"{audio.name}, best of {rounds}; load average {os.getloadavg()[0]:.1f}\n")
    models = [m for m in MODES[1:] if runs.get(m)]
    print("| the model's part (CPU of the thread running it), ms | " + " | ".join(models) + " |")
    print("|---|" + "---:|" * len(models))
    best = {m: {label: min(p.get(label, 0.0) for _, _, p in runs[m]) for *_, label, _ in sorted(PARTS)} for m in models}
    for label in sorted(best["model"], key=lambda lb: -best["model"][lb]):
        print(f"| {label} | " + " | ".join(f"{1000 * best[m][label]:.0f}" for m in models) + " |")
    print("| **sum** | " + " | ".join(f"**{1000 * sum(best[m].values()):.0f}**" for m in models) + " |")
    print("| share of the rules-only ingest's CPU | " + " | ".join(
        f"{100 * sum(best[m].values()) / base:+.1f} %" for m in models) + " |")  # fmt: skip
    waits = {
        m: sum(min(p.get("wall: " + lb, 0.0) for _, _, p in runs[m]) for *_, lb, on in PARTS if on) for m in models
    }
    print("| wall of the parts on the ingest's own path (the user waits for them), ms | " + " | ".join(
        f"{1000 * waits[m]:.0f}" for m in models) + " |")  # fmt: skip
    print("\n| whole process, best of each | CPU s | wall s |\n|---|---:|---:|")
    for mode in MODES:
        if runs.get(mode):
            cpu, wall = min(c for c, _, _ in runs[mode]), min(w for _, w, _ in runs[mode])
            print(f"| {mode} | {cpu:.2f} | {wall:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--audio", type=Path, default=AUDIO)
    parser.add_argument("--joined-samples", action="store_true", help="the sample calls joined into one call")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare-prefetch", action="store_true", help="also a model ingest with the prefetch off")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-prefetch", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, not args.no_prefetch)
        return
    audio = joined_samples(Path(tempfile.mkdtemp(prefix="model-parts-"))) if args.joined_samples else args.audio
    _run(audio, "model")  # untimed: the encoder cache and the page cache warm
    modes = MODES if args.compare_prefetch else MODES[:2]
    runs: dict[str, list[tuple[float, float, dict[str, float]]]] = {mode: [] for mode in modes}
    for _ in range(args.rounds):
        for mode in modes:
            runs[mode].append(_run(audio, mode))
    _report(audio, args.rounds, runs)


if __name__ == "__main__":
    main()
