"""Executive detection on long multi-party calls: per-person precision / recall / F1, real and written.

    .venv/bin/python bench/exec_long.py --data /path/to/transcripts      # real calls + written calls
    .venv/bin/python bench/exec_long.py --written-only [--errors]
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held 2-15 [--errors]  # + later held-out sets
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held all          # every held<N> set
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held 17           # a new set: once, at the end

``--held`` takes "all" or set numbers and ranges joined by commas ("2-15", "13,15"); the older spelling, one flag
per set (``--held2 ... --held15``), still works and means the same.

Real calls: ``bench/exec_long/reference.yaml`` (labels; the transcripts are fetched separately, see its
header). Written calls: ``tests/analysis/eval_exec_long``. Scoring: ``assistant.analysis.executives.long_eval``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from assistant.analysis.executives.long_eval import (
    LongResult,
    evaluate_long,
    held_sets,
    load_real,
    load_written,
    score_long,
)
from assistant.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "bench" / "exec_long" / "reference.yaml"
WRITTEN = ROOT / "tests" / "analysis" / "eval_exec_long"


def _errors(res: LongResult) -> list[str]:
    out = [f"  {res.call.id}: MISSED {p.name} ({'/'.join(p.titles)}, {p.kind})" for p in res.missed]
    for ex, why in res.extra:
        out.append(f"  {res.call.id}: WRONG  {ex.title} {ex.kind} {ex.name!r}: {why} [{ex.evidence}]")
    return out


def _old_held_flags(argv: list[str]) -> list[str]:
    """``--held2 --held15`` (one flag per set, the spelling of earlier sessions) as ``--held 2,15``."""
    old = [m[1] for a in argv if (m := re.fullmatch(r"--held([0-9]+)", a))]
    rest = [a for a in argv if not re.fullmatch(r"--held([0-9]+)", a)]
    return rest + (["--held", ",".join(old)] if old else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder holding the real transcripts (reference.yaml header)")
    parser.add_argument("--written-only", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--held", default="", metavar="SETS", help="also score later held-out sets: all, 2-16, 13,15")
    args = parser.parse_args(_old_held_flags(sys.argv[1:]))
    calls = load_written(WRITTEN)
    if not args.written_only:
        if args.data is None:
            parser.error("--data is needed for the real transcripts (or --written-only)")
        try:
            held = held_sets(args.held, REFERENCE) if args.held else frozenset()
        except InputError as exc:
            parser.error(str(exc))
        calls = load_real(REFERENCE, args.data, held) + calls
    started = time.process_time()
    results = [evaluate_long(c) for c in calls]
    cpu = time.process_time() - started
    if args.errors:
        for res in results:
            print("\n".join(_errors(res)) or f"  {res.call.id}: all right")
    print(f"{'set':<14} {'calls':>5} {'P':>5} {'R':>5} {'F1':>5}  tp/fp/fn  kind right")
    for key, s in sorted(score_long(results).items(), key=lambda kv: (kv[0] == "all", kv[0])):
        n = sum(1 for r in results if key in ("all", r.call.source, f"{r.call.source} {r.call.language}"))
        counts = f"{s.tp}/{s.fp}/{s.fn}  {s.kind_right}/{s.tp}"
        print(f"{key:<14} {n:>5} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {counts}")
    words = sum(len(u.text.split()) for c in calls for u in c.transcript.utterances)
    print(f"{len(calls)} calls, {words:,} words, {cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
