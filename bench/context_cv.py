"""One-line vs context: does the churn-risk head gain from reading the turn before each line?

    .venv/bin/python bench/context_cv.py            # 5-fold CV on the training lines, contrast pairs kept together

Compares, in the same grouped 5-fold cross-validation (``training.fold_of``: the two sides of a contrast pair never
straddle the split): the head reading one line at a time (``one line``); one head over ``[line, before]``
(``concat``) or ``[line, before, line ⊙ before]`` (``product``), where ``before`` is the last turn's embedding plus
half the one before it; and what ships, the one-line head averaged with a context reader over ``[line, before]``
trained on the lines written with their turns before (``reader``). A line written without context (most of the
older corpora) is given a turn drawn (seeded) from the same language's context turns, as in a call every line
follows something. Out-of-fold risk P / R per language, on the lines with context, on contrast pairs, and the
look-alikes flagged (docs/benchmarks.md, "Churn-risk model, fourth round").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.analysis.model.embedding import Embedder, get_embedder
from assistant.analysis.model.head import Example, context_rows
from assistant.analysis.model.training import (
    CATEGORIES,
    LANGUAGES,
    QUIET,
    choose_thresholds,
    context_turns,
    cross_validate,
    default_corpora,
    load_examples,
    targets,
)  # fmt: skip


def embedded(texts: Sequence[str], embedder: Embedder, cache: Path | None) -> dict[str, np.ndarray]:
    """Each distinct text embedded once (kept in ``cache``, an .npz, between runs when given)."""
    have: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache, allow_pickle=False) as data:
            have = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    todo = sorted({t for t in texts if t and t not in have})
    if todo:
        have.update(zip(todo, embedder.embed(todo), strict=True))
        if cache is not None:
            keys = sorted(have)
            np.savez(cache, texts=np.array(keys), vectors=np.array([have[k] for k in keys]))
    return have


def variants(examples: Sequence[Example], vectors: dict[str, np.ndarray], dims: int) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of each design, in the same folds."""
    x = np.array([vectors[e.text] for e in examples], dtype=np.float32)
    zero = np.zeros(dims, dtype=np.float32)
    turns = context_turns(examples)
    before = context_rows(
        np.array([vectors.get(a, zero) for a, _ in turns]), np.array([vectors.get(b, zero) for _, b in turns])
    )
    return {
        "one line": cross_validate(examples, x),
        "concat": cross_validate(examples, np.hstack([x, before])),
        "product": cross_validate(examples, np.hstack([x, before, x * before])),
        "reader": cross_validate(examples, x, before),
    }


def report(examples: Sequence[Example], name: str, probs: np.ndarray) -> list[str]:
    chosen = np.array(choose_thresholds(probs, examples))[: len(CATEGORIES)]
    flagged: np.ndarray = np.asarray((probs[:, : len(CATEGORIES)] >= chosen).any(axis=1))
    gold: np.ndarray = np.asarray(targets(examples)[:, : len(CATEGORIES)].any(axis=1))
    langs = np.array([e.language for e in examples])
    masks = {lang: langs == lang for lang in LANGUAGES} | {"all": np.ones(len(examples), bool)}
    masks["with ctx"] = np.array([bool(e.context) for e in examples])
    masks["pairs"] = np.array([bool(e.group) for e in examples])
    cells = [f"{k} {_pr(flagged, gold, m)}" for k, m in masks.items()]
    traps = np.array([e.trap for e in examples])
    looks = [f"{q} {int((flagged & (traps == q)).sum())}/{int((traps == q).sum())}" for q in QUIET]
    return [f"{name:<9} " + " | ".join(cells), f"{'':<9} look-alikes flagged: " + ", ".join(looks)]


def _pr(flagged: np.ndarray, gold: np.ndarray, m: np.ndarray) -> str:
    tp, fp, fn = (flagged & gold & m).sum(), (flagged & ~gold & m).sum(), (~flagged & gold & m).sum()
    return f"P{tp / max(tp + fp, 1):.2f} R{tp / max(tp + fn, 1):.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, help="an .npz keeping the embeddings between runs")
    args = parser.parse_args(argv)
    examples = load_examples(default_corpora())
    embedder = get_embedder()
    texts = [e.text for e in examples] + [t for pair in context_turns(examples) for t in pair]
    vectors = embedded(texts, embedder, args.cache)
    print(f"{len(examples)} training lines, 5-fold CV, contrast pairs kept together; risk P / R")
    for name, probs in variants(examples, vectors, embedder.dims).items():
        print("\n".join(report(examples, name, probs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
