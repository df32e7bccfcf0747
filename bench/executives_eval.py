"""Executive detection accuracy on the labelled mini-call corpus, per language and split.

    .venv/bin/python bench/executives_eval.py                 # tuning split, with every mistake
    .venv/bin/python bench/executives_eval.py --split held    # the held-out third (look once, at the end)
    .venv/bin/python bench/executives_eval.py --split all --quiet

A predicted executive counts when the call's labels hold one with the same title and kind
(speaking | mentioned); names are scored separately over those matches (see
``assistant.analysis.executive_eval``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from assistant.analysis.executives.eval import CallResult, evaluate_call, load_corpus, score_by_language

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "eval_exec"


def _mistakes(res: CallResult) -> list[str]:
    out = [f"  {res.call.id}: MISSED {g.title} {g.kind} {g.name or ''}".rstrip() for g in res.missed]
    out += [f"  {res.call.id}: EXTRA  {p.title} {p.kind} {p.name or ''} ({p.evidence})" for p in res.extra]
    for p in res.predicted:
        gold = next((g for g in res.call.gold if g.title == p.title and g.kind == p.kind and g.name), None)
        if gold and (p.name or "").casefold() != gold.name.casefold():  # type: ignore[union-attr]
            out.append(f"  {res.call.id}: NAME   {p.title}: got {p.name!r}, want {gold.name!r}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "held", "all"), default="tune")
    parser.add_argument("--quiet", action="store_true", help="no list of mistakes")
    args = parser.parse_args()
    calls = [c for c in load_corpus(CORPUS) if args.split in ("all", c.split)]
    started = time.process_time()
    results = [evaluate_call(c) for c in calls]
    cpu = time.process_time() - started
    if not args.quiet:
        for res in results:
            for line in _mistakes(res):
                print(line)
    print(f"split {args.split}: {len(calls)} calls, {cpu:.2f} s CPU")
    print(
        f"{'lang':<5} {'calls':>5} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6} {'names':>9}"
    )
    for lang, s in sorted(score_by_language(results).items(), key=lambda kv: (kv[0] == "all", kv[0])):
        n = sum(1 for c in calls if lang in ("all", c.language))
        names = f"{s.names_right}/{s.names_total}"
        print(f"{lang:<5} {n:>5} {s.tp + s.fn:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4} "
              f"{s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f} {names:>9}")  # fmt: skip


if __name__ == "__main__":
    main()
