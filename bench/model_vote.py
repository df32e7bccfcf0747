"""Eighth-round candidates on the leave-one-corpus-out yardstick, without refitting (``bench/model_loco.py``'s cache).

    .venv/bin/python bench/model_vote.py --cache /tmp/m8 --vote 0 0.2 0.35 0.5 --k 10
    .venv/bin/python bench/model_vote.py --cache /tmp/m8 --by-language

* ``--vote A``: a nearest-examples vote blended with the logistic head: each line's column c reads
  (1 - A) * p_c + A * v_c, v_c the cosine-weighted share of its ``k`` nearest training lines labelled c (risk category
  or look-alike); out of fold for the training lines (neighbours from the other folds, ``training.fold_of``), so the
  thresholds, dismiss level and follow-up are chosen on blended readings exactly as ``assistant model train`` would.
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
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import model_loco
from model_loco import HELD, WHOLE_CALLS, CachedEmbedder, Knobs, Lines, Score, corpus_calls, fitted, predictions, score

from assistant.analysis.model import head as head_module
from assistant.analysis.model import training
from assistant.analysis.model.head import Head
from assistant.analysis.model.training import COLUMNS, QUIET, Parts, choose_thresholds, fold_of, targets
from assistant.analysis.rules import load_ruleset
from assistant.settings import DEFAULT_RULES_DIR


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def votes(query: np.ndarray, pool: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """(n, columns): per query row, the cosine-weighted share of its ``k`` nearest ``pool`` rows with each column."""
    out = np.zeros((len(query), y.shape[1]))
    for start in range(0, len(query), 512):
        sims = query[start : start + 512] @ pool.T
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        w = np.maximum(np.take_along_axis(sims, top, axis=1), 0.0)
        out[start : start + 512] = np.einsum("nk,nkc->nc", w, y[top]) / np.maximum(w.sum(axis=1, keepdims=True), 1e-9)
    return out


_OOF: dict[tuple[str, int], np.ndarray] = {}


def oof_votes(lines: Lines, k: int) -> np.ndarray:
    """Each training line's vote among the lines of the other folds (the folds cross-validation uses); once per
    set of lines."""
    key = (model_loco.digest(lines.examples), k)
    if key not in _OOF:
        _OOF[key] = _oof_votes(lines, k)
    return _OOF[key]


def _oof_votes(lines: Lines, k: int) -> np.ndarray:
    x, y, fold = _unit(lines.x), targets(lines.examples), fold_of(lines.examples)
    out = np.zeros((len(x), y.shape[1]))
    for f in sorted(set(fold.tolist())):
        test = fold == f
        out[test] = votes(x[test], x[~test], y[~test], k)
    return out


@dataclass(frozen=True)
class VoteHead(Head):
    """A head whose readings are blended with the nearest training lines' vote."""

    pool: np.ndarray | None = None
    pool_y: np.ndarray | None = None
    mix: float = 0.0
    k: int = 10

    def readings(self, vectors: np.ndarray, before: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        probs, alone = super().readings(vectors, before)
        if self.mix <= 0 or not len(probs):
            return probs, alone
        v = votes(_unit(np.asarray(vectors)), self.pool, self.pool_y, self.k)  # type: ignore[arg-type]
        return (1 - self.mix) * probs + self.mix * v, (1 - self.mix) * alone + self.mix * v

    def nearest(self, vector: np.ndarray, k: int = 3, category: str | None = None) -> list:
        return []


def blended(parts: Parts, v: np.ndarray, mix: float) -> Parts:
    return Parts((1 - mix) * parts.alone + mix * v, (1 - mix) * parts.reader + mix * v)


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
    if mix > 0:
        parts = blended(parts, oof_votes(lines, args.k), mix)
        pool = _unit(lines.x)
        head = VoteHead(**{f: getattr(head, f) for f in Head.__dataclass_fields__}, pool=pool,
                        pool_y=targets(lines.examples), mix=mix, k=args.k)  # fmt: skip
    knobs = base if name in WHOLE_CALLS else replace(base, follow=0)
    decided = model_loco._decided(lines, parts, head, knobs)
    langs = by_language(lines, parts, decided, knobs.precision) if per_lang else {}
    preds = []
    for call in calls:
        own = replace(decided, thresholds=langs[call.lang]) if call.lang in langs else decided
        preds += predictions([call], ruleset, own, embedder)
    s = score(preds)
    print(f"  {name:<15} vote {mix} by-language {per_lang}: {s.cell()} = {s.fa:.1%}", flush=True)
    return s


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/m8"))
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
