"""Churn-risk accuracy of the rules alone, the learned model alone, and both together on a labelled corpus folder.

    .venv/bin/python bench/model_eval.py --corpus tests/analysis/eval_context        # the held-out sets: ONCE
    .venv/bin/python bench/model_eval.py --corpus tests/analysis/eval_fresh2 --errors
    .venv/bin/python bench/model_eval.py --cv            # 5-fold cross-validation on the training lines, per encoder

Scored like ``bench/rules_eval.py`` (is the utterance a churn risk, said by the customer; per category), plus the
distractor false-alarm rate: the share of lines that are no risk (kinds sense, neg, rep, ok) that got flagged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rules_eval
from textcat_cv import textcat_oof

from assistant.analysis import find_hits
from assistant.analysis.model import load_model, model_hits
from assistant.analysis.model.classify import turns_before
from assistant.analysis.model.embedding import E5_DIMS
from assistant.analysis.model.training import CATEGORIES, choose_thresholds, cross_validate, targets
from assistant.analysis.rules import load_ruleset
from assistant.settings import DEFAULT_RULES_DIR

SYSTEMS = ("rules", "model", "both")


def predict(items: list[rules_eval.Item], system: str, ruleset, model, cache=None) -> list[rules_eval.Prediction]:
    out: list[rules_eval.Prediction] = []
    cache = {} if cache is None else cache  # language → embeddings of its lines, shared by the systems of a run
    for lang in sorted({i.lang for i in items}):
        group = [i for i in items if i.lang == lang]
        transcript = rules_eval._transcript(group, lang)
        if system != "rules" and lang not in cache:
            cache[lang] = model.embedder.embed([u.text for u in transcript.utterances])
        if system == "model":
            at = rules_eval.positions(group)
            indexed = [(n, transcript.utterances[n], lang) for n in at]
            before = turns_before(cache[lang], at) if model.head.reader is not None else None
            hits = model_hits(indexed, cache[lang][at], model, taken={}, blocked=set(), weights={}, before=before)
        else:
            use = system == "both"
            vectors = cache[lang] if use else None
            hits = list(find_hits(transcript, ruleset, model=model if use else None, vectors=vectors))
        by_index: dict[int, list] = {}
        for hit in hits:
            by_index.setdefault(hit.utterance_index, []).append(hit)
        out.extend(rules_eval.Prediction(item, tuple(by_index.get(n, ())))
                   for n, item in zip(rules_eval.positions(group), group, strict=True))  # fmt: skip
    return out


def false_alarms(predictions: Sequence[rules_eval.Prediction]) -> tuple[int, int]:
    quiet = [p for p in predictions if not p.item.is_risk]
    return sum(p.is_risk for p in quiet), len(quiet)


def report(corpus: Path, systems: Sequence[str], show_errors: bool, head: Path | None = None) -> str:
    items = rules_eval.load_corpus(corpus, extras=False)
    ruleset, model = load_ruleset(DEFAULT_RULES_DIR), load_model(head)
    rows = [f"corpus {corpus} ({len(items)} lines)", "system lang    n   tp   fp   fn      P      R   false alarms"]
    cache: dict[str, np.ndarray] = {}
    for system in systems:
        t0 = time.perf_counter()
        preds = predict(items, system, ruleset, model, cache)
        for lang in (*rules_eval.LANGUAGES, "all"):
            group = [p for p in preds if lang == "all" or p.item.lang == lang]
            c = rules_eval.score(group).risk
            fa, quiet = false_alarms(group)
            rows.append(f"{system:<6} {lang:<4} {len(group):>4} {c.tp:>4} {c.fp:>4} {c.fn:>4} {c.precision:>6.3f} "
                        f"{c.recall:>6.3f}   {fa}/{quiet} = {fa / max(quiet, 1):.1%}")  # fmt: skip
        rows.append(_categories(preds) + f"\n  ({time.perf_counter() - t0:.1f} s)")
        if show_errors:
            rows.extend(["  errors:", *("  " + e for e in rules_eval.errors(preds))])
    return "\n".join(rows)


def _categories(preds: Sequence[rules_eval.Prediction]) -> str:
    scores = rules_eval.score(preds)
    cells = [f"{c} {s.precision:.2f}/{s.recall:.2f} ({s.tp + s.fn})" for c, s in scores.per_category.items()
             if s.tp + s.fn + s.fp]  # fmt: skip
    return "  per category P/R (gold lines): " + ", ".join(cells)


def cv_report(folds: int = 5, textcat: bool = True) -> str:
    """Out-of-fold risk P/R per language and per category: the e5 part, the USE part and both (per-category
    thresholds chosen on the same out-of-fold probabilities, and a flat 0.5), and spaCy's textcat (0.5)."""
    head = load_model().head  # the shipped head keeps its training lines and their embeddings
    examples = list(head.examples)
    vectors = np.asarray(head.example_vectors, dtype=np.float32)
    y: np.ndarray = targets(examples)[:, : len(CATEGORIES)] > 0
    langs = np.array([e.language for e in examples])
    rows = [f"{len(examples)} training lines, {folds}-fold cross-validation (risk = any category at its threshold)"]
    systems: list[tuple[str, np.ndarray, np.ndarray]] = []
    for name, cols in (("e5", slice(0, E5_DIMS)), ("use", slice(E5_DIMS, None)), ("e5+use", slice(None))):
        probs = cross_validate(examples, vectors[:, cols], folds=folds)
        chosen = np.array(choose_thresholds(probs, examples))
        systems.append((f"{name} cv-t", probs[:, : len(CATEGORIES)], chosen[: len(CATEGORIES)]))
        systems.append((f"{name} 0.5", probs[:, : len(CATEGORIES)], np.full(len(CATEGORIES), 0.5)))
    if textcat:
        systems.append(("textcat 0.5", textcat_oof(examples, folds=folds), np.full(len(CATEGORIES), 0.5)))
    for name, probs, thresholds in systems:
        picked: np.ndarray = probs >= thresholds
        flagged, gold = np.asarray(picked.any(axis=1)), np.asarray(y.any(axis=1))
        rows.append(f"{name:<12} " + " | ".join(_pr(flagged, gold, langs, lang)
                                                for lang in (*rules_eval.LANGUAGES, "all")))  # fmt: skip
        cells = [f"{c} {_p(picked[:, j], y[:, j]):.2f}/{_r(picked[:, j], y[:, j]):.2f}"
                 for j, c in enumerate(CATEGORIES)]  # fmt: skip
        rows.append(f"{'':<12} per category: " + ", ".join(cells))
    return "\n".join(rows)


def _p(pred: np.ndarray, gold: np.ndarray) -> float:
    return float((pred & gold).sum() / max(pred.sum(), 1))


def _r(pred: np.ndarray, gold: np.ndarray) -> float:
    return float((pred & gold).sum() / max(gold.sum(), 1))


def _pr(pred: np.ndarray, gold: np.ndarray, langs: np.ndarray, lang: str) -> str:
    m = langs == lang if lang != "all" else np.ones(len(gold), bool)
    return f"{lang} P{_p(pred[m], gold[m]):.2f} R{_r(pred[m], gold[m]):.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="labelled folder (repeatable)")
    parser.add_argument("--system", choices=SYSTEMS, action="append", help="default: all three")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--cv", action="store_true", help="cross-validate the encoders on the training lines")
    parser.add_argument("--head", type=Path, help="a head file other than the one shipped")
    parser.add_argument("--no-textcat", action="store_true", help="--cv without spaCy's textcat baseline")
    args = parser.parse_args(argv)
    if args.cv:
        print(cv_report(textcat=not args.no_textcat))
    for corpus in args.corpus or ():
        print(report(corpus, args.system or SYSTEMS, args.errors, args.head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
