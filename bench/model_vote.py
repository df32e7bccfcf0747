"""Candidates on the leave-one-corpus-out yardstick without refitting (``bench/model_loco.py``'s cache; rounds 8-9).

    .venv/bin/python bench/model_vote.py --cache /tmp/m9 --vote 0 0.2 0.35 0.5 --k 10
    .venv/bin/python bench/model_vote.py --cache /tmp/m9 --by-language

* ``--vote A``: the nearest-examples vote blended with the logistic head at share A (``model/vote.py``; the product's
  and the trainer's since the ninth round: ``model_loco.Knobs.vote``; 0: the head alone), its ``--k`` nearest lines.
* ``--reader W``: the context reader's share of a line's reading with the turns before (shipped: 0.5, the plain mean of
  the line alone and the reader); ``geo``: the geometric mean (both must read the column).
* ``--by-language``: each risk column's threshold chosen per language, on the out-of-fold readings of that language's
  training lines only (the same precision target); the look-alike columns keep the pooled ones.

Each corpus of ``model_loco.HELD`` is left out in turn (the same fitted heads and rule passes as the LOCO run); the
mean over the corpora (each weighs the same) is printed with its baseline (``--vote 0``, pooled thresholds).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import model_loco
from model_loco import HELD, WHOLE_CALLS, CachedEmbedder, Knobs, Lines, Score, corpus_calls, fitted, predictions, score

from assistant.analysis.model import head as head_module
from assistant.analysis.model import training
from assistant.analysis.model.head import Head
from assistant.analysis.model.training import COLUMNS, QUIET, Parts, choose_thresholds
from assistant.analysis.rules import load_ruleset
from assistant.settings import DEFAULT_RULES_DIR


def by_language(lines: Lines, parts: Parts, head: Head, precision: float) -> dict[str, tuple[float, ...]]:
    """Per language: the risk columns' thresholds chosen on that language's out-of-fold readings alone."""
    oof = parts.readings()[0]
    langs = np.array([e.language for e in lines.examples])
    out = {}
    for lang in sorted(set(langs.tolist())):
        mask = langs == lang
        own = choose_thresholds(oof[mask], [e for e, m in zip(lines.examples, mask, strict=True) if m], precision)
        out[lang] = tuple(o if c not in QUIET else t for c, o, t in zip(COLUMNS, own, head.thresholds, strict=True))
    return out


_COMBINE = head_module.combine


def reader_share(share: str) -> None:
    """The reader's ``share`` of a reading (``training.READER``, which the trained heads keep); "geo": ``combine``
    (head and trainer) set to the geometric mean instead."""

    def geometric(alone: np.ndarray, reader: np.ndarray, sure: float, risk: np.ndarray, w: float = 0.5) -> np.ndarray:
        return np.sqrt(alone * reader)

    head_module.combine = training.combine = geometric if share == "geo" else _COMBINE  # type: ignore[assignment]
    training.READER = 0.5 if share == "geo" else float(share)


def run(args: argparse.Namespace) -> None:
    cache = args.cache
    embedder, ruleset = CachedEmbedder(cache), load_ruleset(DEFAULT_RULES_DIR)
    lines = model_loco.training_lines(embedder, ruleset, cache)
    names = args.corpus or HELD
    held = {n: fitted(lines.without(n), "linear", cache, n) for n in names}
    sys.modules["__main__"].Call = model_loco.Call  # type: ignore[attr-defined]  # passes pickled by model_loco.py
    calls = {n: corpus_calls(n, ruleset, embedder, cache) for n in names}
    base = Knobs(0.0, model_loco.RISK_PRECISION, 0.0, follow=args.follow)
    for mix, per_lang, share in [(m, b, r) for r in args.reader for m in args.vote
                                 for b in sorted({False, args.by_language})]:  # fmt: skip
        reader_share(share)
        if True:
            scores = [_score(lines.without(n), held[n], calls[n], ruleset, embedder, n, mix, per_lang, args, base)
                      for n in names]  # fmt: skip
            p, r, fa = (float(np.mean([getattr(s, a) for s in scores])) for a in ("p", "r", "fa"))
            knobs = f"vote {mix} k {args.k} by-language {per_lang} reader {share} follow {args.follow}"
            print(f"MEAN over {len(scores)}: {knobs}: P {p:.3f} R {r:.3f} flagged {fa:.1%}", flush=True)


def _score(lines: Lines, fit: tuple[Parts, Head], calls: Sequence, ruleset, embedder, name: str, mix: float,
           per_lang: bool, args: argparse.Namespace, base: Knobs) -> Score:  # fmt: skip
    parts, head = fit
    knobs = replace(base, vote=mix, vote_k=args.k)
    knobs = knobs if name in WHOLE_CALLS else replace(knobs, follow=0)
    decided = model_loco._decided(lines, parts, head, knobs)
    voted = training.voted(parts, lines.examples, lines.x, share=mix, k=args.k)
    langs = by_language(lines, voted, decided, knobs.precision) if per_lang else {}
    preds = []
    for call in calls:
        own = replace(decided, thresholds=langs[call.lang]) if call.lang in langs else decided
        preds += predictions([call], ruleset, own, embedder)
    s = score(preds)
    print(f"  {name:<15} vote {mix} by-language {per_lang}: {s.cell()} = {s.fa:.1%}", flush=True)
    return s


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/m9"))
    parser.add_argument("--corpus", action="append", choices=HELD)
    parser.add_argument("--vote", type=float, nargs="+", default=[0.0], help="the vote's share of each reading")
    parser.add_argument("--k", type=int, default=10, help="nearest training lines that vote")
    parser.add_argument("--reader", nargs="+", default=["0.5"], help="the reader's share (0.5 shipped), or geo")
    parser.add_argument(
        "--follow",
        type=float,
        default=model_loco.FOLLOW_PRECISION,
        help="the learned follow-up's precision target (0: off; whole calls only)",
    )
    parser.add_argument(
        "--root", type=Path, help="read the corpora under this folder (``git archive REV tests/analysis``)"
    )
    parser.add_argument("--by-language", action="store_true", help="also with per-language risk thresholds")
    args = parser.parse_args(argv)
    model_loco.ROOT = args.root.resolve() if args.root else model_loco.ROOT
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
