"""Executive detection on long multi-party calls: per-person precision / recall / F1, real and written.

    .venv/bin/python bench/exec_long.py --data /path/to/transcripts      # real calls + written calls
    .venv/bin/python bench/exec_long.py --written-only [--errors]
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held2   # + 2nd held-out set: once, at the end
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held3   # + 3rd held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held4   # + 4th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held5   # + 5th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held6   # + 6th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held7   # + 7th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held8   # + 8th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held9   # + 9th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held10  # + 10th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held11  # + 11th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held12  # + 12th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held13  # + 13th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held14  # + 14th held-out set: once
    .venv/bin/python bench/exec_long.py --data /path/to/transcripts --held15  # + 15th held-out set: once

Real calls: ``bench/exec_long/reference.yaml`` (labels; the transcripts are fetched separately, see its
header). Written calls: ``tests/analysis/eval_exec_long``. Scoring: ``assistant.analysis.executives.long_eval``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from assistant.analysis.executives.long_eval import (
    LongResult,
    evaluate_long,
    load_real,
    load_written,
    score_long,
)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "bench" / "exec_long" / "reference.yaml"
WRITTEN = ROOT / "tests" / "analysis" / "eval_exec_long"


def _errors(res: LongResult) -> list[str]:
    out = [f"  {res.call.id}: MISSED {p.name} ({'/'.join(p.titles)}, {p.kind})" for p in res.missed]
    for ex, why in res.extra:
        out.append(f"  {res.call.id}: WRONG  {ex.title} {ex.kind} {ex.name!r}: {why} [{ex.evidence}]")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder holding the real transcripts (reference.yaml header)")
    parser.add_argument("--written-only", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--held2", action="store_true", help="also score the second held-out set (once, at the end)")
    parser.add_argument("--held3", action="store_true", help="also score the third held-out set (once, at the end)")
    parser.add_argument("--held4", action="store_true", help="also score the fourth held-out set (once, at the end)")
    parser.add_argument("--held5", action="store_true", help="also score the fifth held-out set (once, at the end)")
    parser.add_argument("--held6", action="store_true", help="also score the sixth held-out set (once, at the end)")
    parser.add_argument("--held7", action="store_true", help="also score the seventh held-out set (once, at the end)")
    parser.add_argument("--held8", action="store_true", help="also score the eighth held-out set (once, at the end)")
    parser.add_argument("--held9", action="store_true", help="also score the ninth held-out set (once, at the end)")
    parser.add_argument("--held10", action="store_true", help="also score the tenth held-out set (once, at the end)")
    parser.add_argument("--held11", action="store_true", help="also score the 11th held-out set (once, at the end)")
    parser.add_argument("--held12", action="store_true", help="also score the 12th held-out set (once, at the end)")
    parser.add_argument("--held13", action="store_true", help="also score the 13th held-out set (once, at the end)")
    parser.add_argument("--held14", action="store_true", help="also score the 14th held-out set (once, at the end)")
    parser.add_argument("--held15", action="store_true", help="also score the 15th held-out set (once, at the end)")
    args = parser.parse_args()
    calls = load_written(WRITTEN)
    if not args.written_only:
        if args.data is None:
            parser.error("--data is needed for the real transcripts (or --written-only)")
        held = frozenset(f"held{k}" for k in range(2, 16) if getattr(args, f"held{k}"))
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
