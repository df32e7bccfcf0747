"""The trainer's out-of-fold readings, read back from its caches: which lines a risk column flags, per corpus and genre.

    .venv/bin/python bench/model_oof.py                                   # the checkout's training lines
    .venv/bin/python bench/model_oof.py --add eval_heldout13b --column dissatisfaction --lines eval_heldout13b
    .venv/bin/python bench/model_oof.py --add eval_heldout13b --drop 'eval_heldout13b/en.yaml' --base /tmp/m15/a.json
    .venv/bin/python bench/model_oof.py --vote 0 --save /tmp/m15/a.json   # without the vote; keep the readings

The lines are read, embedded and fitted exactly as ``assistant model train`` does (``training.fold_fits`` on the
trainer's vector and fit caches under ``model_cache_dir``: a run on the same lines refits nothing; new lines cost
five fits), read out of fold with the vote (``training.voted``), and the trainer's choices are made on them
(``training.choose``, the keyword rules' flags cached in ``--flags``). Printed: the choices; the ``--column``'s
precision (lines flagged that are a risk) along the grid, over all lines and over the lines of ``--base`` (a file
this script wrote with ``--save``: the texts of another run, to compare two runs on the same lines); the column's
false positives at ``--at`` per writer and per genre (a corpus item's ``genre:`` / ``distractor:`` / ``look:``),
and with ``--lines CORPUS`` every line of that corpus with its reading.

Answers "which lines widen a column" by training with and without a set of lines (``--add`` / ``--drop``): the
fourteenth round found that eval_heldout13a/13b widened dissatisfaction (precision at 0.50 from >= 0.90 to 0.82).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.analysis.model.embedding import embedder_for
from assistant.analysis.model.labelled import CATEGORIES, COLUMNS, writer
from assistant.analysis.model.training import (
    FOLDS,
    SEED,
    TRAINING_CORPORA,
    choose,
    context_matrix,
    fit_cache,
    fold_fits,
    fold_of,
    gathered,
    load_examples,
    targets,
    voted,
)
from assistant.analysis.model.vector_cache import VectorCache
from assistant.analysis.rules import load_ruleset
from assistant.services.churn_model import rule_flags
from assistant.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
GRID = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80)


def main() -> None:
    args = _args()
    folders = [ROOT / n for n in TRAINING_CORPORA] + [ROOT / "tests/analysis" / n for n in args.add]
    examples = [e for e in load_examples(folders) if not any(re.search(d, e.source) for d in args.drop)]
    print(f"{len(examples)} lines from {len(folders)} folders (dropped by --drop: {args.drop or 'none'})")
    settings = load_settings()
    embedder = VectorCache(embedder_for(settings), settings.model_cache_dir / "vectors")
    x = embedder.embed([e.text for e in examples])
    before = context_matrix(examples, embedder, SEED)
    fold = fold_of(examples, FOLDS, SEED)
    cache = fit_cache(settings.model_cache_dir / "fits", examples, x, before, SEED)
    batch = fold_fits(examples, x, before, fold, SEED, args.jobs, cache=cache)
    try:
        flags = _flags(examples, settings.rules_dir, Path(args.flags))
        heads = batch.results()
    finally:
        batch.close()
    raw = gathered(heads, fold, x, before)
    _fold_health(raw, fold, COLUMNS.index(args.column), args.column)
    parts = voted(raw, examples, x, seed=SEED, share=args.vote)
    chosen = choose(examples, parts, flags, vectors=x)
    print(
        "choices:",
        json.dumps({c: t for c, t in zip(COLUMNS, chosen.thresholds, strict=True)}),
        f"veto {chosen.veto} dismiss {chosen.dismiss} follow {'off' if not chosen.follow else chosen.follow[0]}",
    )
    oof = parts.readings()[0]
    _per_category(examples, oof, chosen.thresholds, args)
    _report(examples, oof, args)
    if args.base and args.blame:
        _blame(examples, oof, x, args)
    if args.save:
        col = COLUMNS.index(args.column)
        Path(args.save).write_text(
            json.dumps({"texts": [_key(e) for e in examples], "reading": oof[:, col].round(4).tolist()})
        )


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--add", action="append", default=[], help="a tests/analysis corpus beside TRAINING_CORPORA")
    p.add_argument("--drop", action="append", default=[], help="regex on a line's source: left out")
    p.add_argument("--column", default="dissatisfaction")
    p.add_argument("--at", type=float, default=0.50, help="the threshold the false positives are counted at")
    p.add_argument("--base", help="a --save file: precision also over its lines only")
    p.add_argument("--lines", action="append", default=[], help="print every line of this corpus folder")
    p.add_argument("--save", help="write the lines and the column's readings (for --base)")
    p.add_argument("--flags", default="/tmp/m15/flags.json", help="the rules' flags, cached by the lines' digest")
    p.add_argument(
        "--blame",
        help="with --base: for the no-risk lines the column newly flags at --at, the nearest "
        "lines of this corpus labelled with the column (cosine of the vectors), tallied",
    )
    p.add_argument("--vote", type=float, help="the vote's share (default: the trainer's VOTE; 0: no vote)")
    p.add_argument("--jobs", type=int, default=1)
    return p.parse_args()


def _key(e) -> str:
    return f"{e.source}\t{e.text}"


def _flags(examples, rules_dir: Path, path: Path) -> np.ndarray:
    """The keyword rules' flags of the lines, cached by the lines and the rule files."""
    rules = sorted(Path(rules_dir).rglob("*.yaml"))
    h = hashlib.sha256("".join(_key(e) for e in examples).encode())
    for r in rules:
        h.update(r.read_bytes())
    key = h.hexdigest()[:16]
    kept = json.loads(path.read_text()) if path.is_file() else {}
    if key not in kept:
        kept[key] = rule_flags(examples, load_ruleset(rules_dir)).tolist()
        path.write_text(json.dumps(kept))
    return np.array(kept[key], bool)


def _fold_health(raw, fold: np.ndarray, col: int, name: str) -> None:
    """Per fold, how many of its held-out lines the fold's one-line head and its context reader put at 0.50 or more
    on the column: a fold far above the others is a fit gone wrong (full-batch descent with no convergence check),
    not something its lines teach (fifteenth round: one fold of 21,076 lines flagged 2,379 of its 4,255 lines)."""
    rows = [
        f"{f}: {(raw.alone[fold == f, col] >= 0.5).sum()}/{(fold == f).sum()} alone, "
        f"{(raw.reader[fold == f, col] >= 0.5).sum()} reader"
        for f in range(int(fold.max()) + 1)
    ]
    print(f"{name} at 0.50 or more per fold (no vote): " + "; ".join(rows))


def _per_category(examples, oof: np.ndarray, thresholds, args: argparse.Namespace) -> None:
    """Per risk column at the chosen threshold: lines flagged, precision (flagged lines that are a risk, as the
    trainer chooses by; and labelled with that category), recall of the category; over all lines and, with --base,
    over its lines only."""
    y = targets(examples)[:, : len(CATEGORIES)] > 0
    risk = y.any(axis=1)
    sets = [("all", np.ones(len(examples), bool))]
    if args.base:
        texts = set(json.loads(Path(args.base).read_text())["texts"])
        sets.append(("base", np.array([_key(e) in texts for e in examples])))
    print("\nper category at the chosen thresholds: flagged, P(risk), P(category), R(category)")
    for name, rows in sets:
        print(f"  [{name}: {rows.sum()} lines]")
        for c, cat in enumerate(CATEGORIES):
            on = (oof[:, c] >= thresholds[c]) & rows
            own = y[:, c] & rows
            n = int(on.sum())
            p_any = (on & risk).sum() / n if n else float("nan")
            p_own = (on & own).sum() / n if n else float("nan")
            r = (on & own).sum() / own.sum() if own.sum() else float("nan")
            counts = f"n {n:5d}  P {p_any:.3f}  Pc {p_own:.3f}  R {r:.3f} of {own.sum()}"
            print(f"    {cat:16s} t {thresholds[c]:.2f}  {counts}")


def _report(examples, oof: np.ndarray, args: argparse.Namespace) -> None:
    col = COLUMNS.index(args.column)
    risk: np.ndarray = np.asarray(targets(examples)[:, : len(CATEGORIES)].any(axis=1))
    own = np.array([args.column in e.labels for e in examples])
    base = None
    if args.base:
        texts = set(json.loads(Path(args.base).read_text())["texts"])
        base = np.array([_key(e) in texts for e in examples])
    print(f"\n{args.column}: precision (lines flagged) along the grid; own = lines labelled {args.column}")
    for t in GRID:
        on = oof[:, col] >= t
        row = f"  {t:.2f}  all {_p(on, risk)}  own-recall {(on & own).sum()}/{own.sum()}"
        if base is not None:
            row += f"  | base lines {_p(on & base, risk)}"
        print(row)
    fp = (oof[:, col] >= args.at) & ~risk
    print(f"\nfalse positives at {args.at}: {fp.sum()} (per writer)")
    for w, n in Counter(writer(e) for e, f in zip(examples, fp, strict=True) if f).most_common(15):
        print(f"  {n:4d}  {w}")
    genres = _genres(examples)
    print("per genre / distractor / look (false positives, all no-risk lines of that kind)")
    kinds = Counter(genres[i] for i in range(len(examples)) if not risk[i])
    bad = Counter(genres[i] for i in np.flatnonzero(fp))
    for g, n in bad.most_common(15):
        print(f"  {n:4d} / {kinds[g]:5d}  {g}")
    for corpus in args.lines:
        print(f"\nlines of {corpus}: reading of {args.column} (out of fold, with the turns before and the vote)")
        for i, e in enumerate(examples):
            if e.source.startswith(corpus + "/"):
                tag = ",".join(e.labels) or "-"
                print(f"  {oof[i, col]:.2f}  {e.source:28s} {tag:28s} {e.text[:120]}")


def _blame(examples, oof: np.ndarray, x: np.ndarray, args: argparse.Namespace) -> None:
    col = COLUMNS.index(args.column)
    base = json.loads(Path(args.base).read_text())
    before = dict(zip(base["texts"], base["reading"], strict=True))
    risk: np.ndarray = np.asarray(targets(examples)[:, : len(CATEGORIES)].any(axis=1))
    new = [
        i
        for i, e in enumerate(examples)
        if not risk[i] and oof[i, col] >= args.at and before.get(_key(e), 1.0) < args.at
    ]
    own = [i for i, e in enumerate(examples) if e.source.startswith(args.blame + "/") and args.column in e.labels]
    if not new or not own:
        print(f"\nblame: {len(new)} newly flagged no-risk lines, {len(own)} {args.column} lines of {args.blame}")
        return
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    sims = unit[new] @ unit[own].T
    tally: Counter[int] = Counter()
    print(f"\nblame: {len(new)} no-risk lines newly flagged at {args.at}; each with its nearest {args.blame} line")
    for row, i in enumerate(new):
        top = np.argsort(-sims[row])[:3]
        tally.update(own[j] for j in top)
        j = own[top[0]]
        print(
            f"  {before[_key(examples[i])]:.2f}->{oof[i, col]:.2f} {examples[i].source:26s} {examples[i].text[:70]!r}"
            f"  ~{sims[row, top[0]]:.2f} {examples[j].source}"
        )
    print(f"{args.blame} lines most often among the three nearest:")
    for j, n in tally.most_common(20):
        print(f"  {n:3d}  {examples[j].source:26s} {examples[j].text[:110]}")


def _p(on: np.ndarray, right: np.ndarray) -> str:
    n = int(on.sum())
    return f"{(on & right).sum() / n:.3f} ({n:5d})" if n else "  -   (    0)"


def _genres(examples) -> list[str]:
    """Per line, its corpus's genre / distractor / look field (the loader reads only some of them), else ''."""
    raw: dict[str, dict] = {}
    for folder in {e.source.split("/")[0] for e in examples}:
        for path in sorted((ROOT / "tests/analysis" / folder).glob("*.yaml")):
            items = (yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}).get("items") or []
            for n, item in enumerate(items, 1):
                raw[f"{folder}/{path.name}:{n}"] = item
    out = []
    for e in examples:
        item = raw.get(e.source, {})
        kind = item.get("genre") or item.get("distractor") or item.get("look") or item.get("trap") or ""
        out.append(f"{e.source.split('/')[0]}:{kind}")
    return out


if __name__ == "__main__":
    main()
