"""The churn-risk model's own CPU inside a one-file `assistant ingest`, part by part, beside the rules-only run.

    .venv/bin/python bench/model_parts.py [--audio FILE | --joined-samples] [--rounds 3]

Whole-process CPU of two ingests differs by ±0.5 s on a loaded 2-core machine, more than the model's share of
a short recording; so each part that runs only with the model on is timed where it runs (CPU time of the thread
that runs it), in a real `assistant ingest` in a fresh process (the CLI's own `main`), the encoder cache warm:

* the embedder's warm-up thread (loading both encoders, first call), the BLAS pool cap;
* embedding every line for storage (the analysis reads those vectors), the head's loading, the model's part of
  the analysis (``learned_hits``), storing the vectors.

Rounds alternate a rules-only ingest (whole-process CPU) and a model ingest; the best of each is printed with
the model's parts summed and as a share of the rules-only CPU.
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

PARTS = {  # module, attribute, label
    ("assistant.analysis.model.embedding", "Embedder.warm", "warm-up thread: load both encoders + first call"),
    ("assistant.analysis.model.embedding", "limit_blas", "BLAS pool cap"),
    ("assistant.pipeline", "Ingestor.embed", "embedding every line (stored, read by the analysis)"),
    ("assistant.analysis", "churn_model", "the head (load_model)"),
    ("assistant.analysis", "learned_hits", "the model's part of the analysis"),
    ("assistant.storage.calls", "add_embeddings", "storing the vectors"),
}


def _timed(owner: Any, name: str, label: str, spent: dict[str, float]) -> None:
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.thread_time() - start

    setattr(owner, name, timed)


def child(audio: Path) -> None:
    """In a fresh process: wrap the model's parts, run `assistant ingest AUDIO --json`, print their CPU (JSON)."""
    import importlib

    spent: dict[str, float] = {}
    for module, path, label in sorted(PARTS):
        owner: Any = importlib.import_module(module)
        *outer, name = path.split(".")
        for attr in outer:
            owner = getattr(owner, attr)
        _timed(owner, name, label, spent)
    from assistant.cli.main import main

    sys.argv = ["assistant", "ingest", str(audio), "--json"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    print(json.dumps(spent), file=sys.stderr)


def _run(audio: Path, on: bool) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        flag = "true" if on else "false"
        env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_CHURN_MODEL": flag,
               "ASSISTANT_STORE_EMBEDDINGS": flag, "ASSISTANT_EMBEDDING_THREADS": "1"}  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, __file__, "--child", str(audio)], env=env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, json.loads(done.stderr.strip().splitlines()[-1]) if on else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--audio", type=Path, default=AUDIO)
    parser.add_argument("--joined-samples", action="store_true", help="the sample calls joined into one call")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    audio = joined_samples(Path(tempfile.mkdtemp(prefix="model-parts-"))) if args.joined_samples else args.audio
    _run(audio, True)  # untimed: the encoder cache and the page cache warm
    rules, parts = [], []
    for _ in range(args.rounds):
        rules.append(_run(audio, False)[0])
        parts.append(_run(audio, True)[1])
    best = {label: min(p.get(label, 0.0) for p in parts) for _, _, label in sorted(PARTS)}
    total, base = sum(best.values()), min(rules)
    print(f"{audio.name}, best of {args.rounds}; load average {os.getloadavg()[0]:.1f}\n")
    print("| the model's part (CPU of the thread running it) | ms |\n|---|---:|")
    for label, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"| {label} | {1000 * seconds:.0f} |")
    print(f"| **sum** | **{1000 * total:.0f}** |")
    print(f"\nrules-only `assistant ingest` CPU (whole process): {base:.2f} s; the model's parts: "
          f"{100 * total / base:+.1f} % of it")  # fmt: skip


if __name__ == "__main__":
    main()
