"""Training the churn-risk head: labelled lines (corpus files and managers' verdicts) → embeddings → head file.

    examples = load_examples(default_corpora())          # every labelled line in the checkout's corpora
    head, report = train(examples, seed=7)               # deterministic for a seed
    save_head(head, path)

A corpus file is YAML: ``language: en`` and ``items:``, each ``{kind, labels, text}`` (the format of
``tests/analysis/eval/``). Kinds ``pos`` and ``hyp`` are risks with their categories; ``neg``, ``rep``, ``sense`` and
``ok`` teach the model what is *not* a risk. A bad item is an ``InputError`` naming the file and item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.analysis.model import follow, pool, stored, vote
from assistant.analysis.model.choosing import DISMISS_PRECISION as DISMISS_PRECISION
from assistant.analysis.model.choosing import GRID as GRID
from assistant.analysis.model.choosing import QUIET_PRECISION as QUIET_PRECISION
from assistant.analysis.model.choosing import RISK_PRECISION as RISK_PRECISION
from assistant.analysis.model.choosing import SURE_GRID as SURE_GRID
from assistant.analysis.model.choosing import VETO_GRID as VETO_GRID
from assistant.analysis.model.choosing import VETO_LOSS as VETO_LOSS
from assistant.analysis.model.choosing import choose_dismiss as choose_dismiss
from assistant.analysis.model.choosing import choose_sure_veto as choose_sure_veto
from assistant.analysis.model.choosing import choose_thresholds as choose_thresholds
from assistant.analysis.model.choosing import choose_veto as choose_veto
from assistant.analysis.model.choosing import clear_of_risk
from assistant.analysis.model.choosing import targets as targets
from assistant.analysis.model.embedding import NAME
from assistant.analysis.model.fit_cache import FitCache, inputs_key
from assistant.analysis.model.head import Example, Head, combine, context_rows, save_head, train_head
from assistant.analysis.model.hedges import HEDGE_VETO
from assistant.analysis.model.labelled import CATEGORIES as CATEGORIES
from assistant.analysis.model.labelled import COLUMNS as COLUMNS
from assistant.analysis.model.labelled import KINDS as KINDS
from assistant.analysis.model.labelled import LANGUAGES as LANGUAGES
from assistant.analysis.model.labelled import QUIET as QUIET
from assistant.analysis.model.labelled import TRAPS as TRAPS
from assistant.analysis.model.labelled import load_examples as load_examples
from assistant.analysis.model.labelled import writer, writer_weights
from assistant.analysis.model.looks import LOOK_MARGIN
from assistant.analysis.model.sentences import SENTENCES
from assistant.analysis.model.vector_cache import TextEmbedder
from assistant.errors import InputError

SEED = 7
FOLDS = 5  # cross-validation folds (``fold_of``)
L2 = 1e-2
EPOCHS = 400
HIDDEN = 0  # tanh units of the head's and the reader's hidden layer (0: logistic regression on the vectors)
THRESHOLD = 0.3  # the lowest a risk column's threshold goes
# the veto (``choosing.choose_veto``) or, when > 0, the highest of ``SURE_GRID`` where the rule-flagged lines it
# dismisses (every risk column under it in both readings) are no risk this often: the model dismissing a rule's hit on
# a line it is sure holds no risk
VETO_PRECISION = 0.0
# a category of the customer's previous turn carried to this line at this probability (classify.model_hits; 0: off):
# chosen by leave-one-corpus-out on the corpora of whole calls (bench/model_loco.py; docs/benchmarks.md, sixth round)
CARRY = 0.0
# the learned follow-up (``follow.py``): its level the lowest where the lines it adds are a risk this often (0: off);
# the risk columns' own target, which won on the leave-one-corpus-out mean (docs/benchmarks.md, seventh round)
FOLLOW_PRECISION = RISK_PRECISION
# each writer's lines (``writer``) weigh n_writer ** -WRITERS in the fit, scaled to a mean of 1 (0: every line 1; 1:
# every writer the same in all): the gap to a new corpus is between writers, not lines
WRITERS = 0.0
# the context reader's share of a line's reading with the turns before (the rest: the line read alone): 0.4, chosen
# by leave-one-corpus-out over nine corpora (docs/benchmarks.md, eighth round; 0.5, the plain mean, until then)
READER = 0.4
SURE = 0.0  # a risk column the line alone reads at this or more is never lowered by the context reader (0: off)
# the nearest-examples vote's share of a line's readings and how many nearest training lines vote (``vote.py``; 0:
# off): chosen by leave-one-corpus-out (docs/benchmarks.md, eighth and ninth rounds)
VOTE = 0.25
VOTE_K = 10
_REPO = Path(__file__).resolve().parents[3]
# the labelled lines of a checkout (eval_fresh2 and eval_context were scored once in the second round and are
# training data since the third; eval_heldout3 was scored once in the third and is training data since the fourth;
# eval_heldout4 (whole calls) and eval_natcs (real support text) were scored in the fourth, training data since the
# fifth; eval_heldout5 (transcribed call excerpts) and eval_rsics (real customers' requests) were scored in the fifth,
# training data since the sixth; eval_heldout6 (whole calls from hidden account states) was scored in the sixth,
# training data since the seventh; eval_heldout7a (account journeys) and eval_heldout7b (multi-party calls) were scored
# in the seventh, training data since the eighth; eval_heldout8a (calls as Whisper + diarization deliver them: the
# damaged turns, each after its two damaged turns before; its clean/ copy is not read) and eval_heldout8b (typed
# messages) were scored in the eighth, training data since the ninth; eval_heldout9a (spoken, code-switched whole calls
# imported from Zoom VTT: every turn, the rep's too, after its two turns before) and eval_heldout9b (contrast sets:
# each twin after the turn before; finer no-risk kinds in ``distractor:``) were scored in the ninth, training data
# since the tenth; eval_heldout10a (the extremes of turn length: long multi-topic turns, short answers after the rep's
# question) and eval_heldout10b (real Google Play reviews, en/it/ru) were scored in the tenth, training data since the
# eleventh; eval_heldout11a (persona cards: written turns with a register and a trap) and eval_heldout11b (real Chinese
# buyers' reviews and real Polish prose; its ``distractor:`` values are source genres, ``labelled.GENRES``) were scored
# in the eleventh, training data since the twelfth; eval_heldout12a (second-language speakers, the rep's turn before
# each) and eval_heldout12b (real reviews and look-alikes; ``genre:`` is not read, its ``distractor:`` kinds are
# ``labelled.DISTRACTORS``) were scored in the twelfth, training data since the thirteenth). eval_heldout13a and
# eval_heldout13b (scored in the thirteenth) are NOT training data yet: a head trained with them (fourteenth round,
# digest 8d3f93932f8c6c0e) chose dissatisfaction 0.75 and no follow-up and lost "the new release is a disaster and my
# whole team is furious" (docs/benchmarks.md, fourteenth round); both load as they are
TRAINING_CORPORA = ("tests/analysis/eval", "tests/analysis/eval_fresh", "tests/analysis/model_train",
                    "tests/analysis/eval_fresh2", "tests/analysis/eval_context",
                    "tests/analysis/eval_heldout3", "tests/analysis/eval_heldout4",
                    "tests/analysis/eval_natcs", "tests/analysis/eval_heldout5",
                    "tests/analysis/eval_rsics", "tests/analysis/eval_heldout6",
                    "tests/analysis/eval_heldout7a", "tests/analysis/eval_heldout7b",
                    "tests/analysis/eval_heldout8a", "tests/analysis/eval_heldout8b",
                    "tests/analysis/eval_heldout9a", "tests/analysis/eval_heldout9b",
                    "tests/analysis/eval_heldout10a", "tests/analysis/eval_heldout10b",
                    "tests/analysis/eval_heldout11a", "tests/analysis/eval_heldout11b",
                    "tests/analysis/eval_heldout12a", "tests/analysis/eval_heldout12b")  # fmt: skip


@dataclass(frozen=True)
class TrainingReport:
    examples: int
    per_language: dict[str, int]
    per_category: dict[str, int]
    digest: str  # sha256 of the training lines (text, language, labels), first 16 hex digits
    seed: int


def default_corpora() -> list[Path]:
    """The training folders of this checkout; ``InputError`` outside a checkout (pass folders instead)."""
    folders = [_REPO / name for name in TRAINING_CORPORA]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise InputError(f"training corpora not found: {', '.join(missing)} (run from a checkout, or pass --corpus)")
    return folders


def digest(examples: Sequence[Example]) -> str:
    blob = json.dumps([[e.text, e.language, sorted(e.labels), *e.context] for e in examples], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def train(
    examples: Sequence[Example],
    embedder: TextEmbedder,
    *,
    seed: int = SEED,
    vectors: np.ndarray | None = None,
    before: np.ndarray | None = None,
    ruled: np.ndarray | Callable[[], np.ndarray] | None = None,
    jobs: int = 1,
    fits: Path | None = None,
) -> tuple[Head, TrainingReport]:
    """The head trained on ``examples`` (embedded here unless ``vectors`` are given) with its context reader
    (``before``: ``context_matrix``, computed here when not given), and a report; its thresholds and veto chosen by
    cross-validation. ``ruled``: per example, whether the keyword rules flag it, or a function that says so (called
    while the fits run; the veto and dismiss level are chosen on those lines; without it both are off). ``jobs``:
    fits run at once (``pool.Batch``: the same head whatever it is); ``fits``: a folder where the fitted heads are
    kept for the next run on the same lines (``fit_cache``; None: none kept)."""
    if not examples:
        raise InputError("no labelled lines to train on")
    x = embedder.embed([e.text for e in examples]) if vectors is None else vectors
    before = context_matrix(examples, embedder, seed) if before is None else before
    fold = fold_of(examples, FOLDS, seed)
    cache = fit_cache(fits, examples, x, before, seed)
    batch = fold_fits(examples, x, before, fold, seed, jobs, final=True, cache=cache)
    try:
        flags = ruled() if callable(ruled) else ruled
        heads = batch.results()
    finally:
        batch.close()
    parts = voted(gathered(heads[:FOLDS], fold, x, before), examples, x, seed=seed)
    chosen = choose(examples, parts, flags, vectors=x)
    return finish(examples, x, heads[FOLDS], chosen, seed)


def fold_fits(examples: Sequence[Example], x: np.ndarray, before: np.ndarray, fold: np.ndarray, seed: int,
              jobs: int = 1, *, folds: int = FOLDS, final: bool = False,
              cache: FitCache | None = None) -> pool.Batch[Head]:  # fmt: skip
    """The heads fitted without each fold's lines (and, ``final``, on every line after them), started at once
    (read from ``cache`` where it has them)."""
    kept = cache or FitCache(None, "")
    rows = [fold != i for i in range(folds)] + [np.ones(len(examples), bool)] * final
    return pool.Batch(lambda i: kept.fitted(rows[i], lambda: _fit(examples, x, before, rows[i], seed)), len(rows), jobs)


def fit_cache(folder: Path | None, examples: Sequence[Example], x: np.ndarray, before: np.ndarray,
              seed: int) -> FitCache:  # fmt: skip
    """The fits of these inputs in ``folder`` (``fit_cache``): keyed by every input of ``_fit`` and its constants."""
    if folder is None:
        return FitCache(None, "")
    facts = (seed, L2, EPOCHS, HIDDEN, THRESHOLD, WRITERS, [writer(e) for e in examples],
             [bool(e.context) for e in examples])  # fmt: skip
    return FitCache(folder, inputs_key((x, before, targets(examples)), facts))


def gathered(heads: Sequence[Head], fold: np.ndarray, x: np.ndarray, before: np.ndarray) -> Parts:
    """Each line read alone and by the context reader by the head of its fold (``heads[f]``: fitted without it)."""
    alone, reader = np.zeros((len(x), len(COLUMNS))), np.zeros((len(x), len(COLUMNS)))
    for f, head in enumerate(heads):
        alone[fold == f], reader[fold == f] = _parts(head, x[fold == f], before[fold == f])
    return Parts(alone, reader)


@dataclass(frozen=True)
class Parts:
    """Out-of-fold readings of the training lines: each line ``alone`` (the one-line head), and by the context
    ``reader`` with its turns before (= ``alone`` where a line has none)."""

    alone: np.ndarray
    reader: np.ndarray

    def readings(self, sure: float = SURE) -> tuple[np.ndarray, np.ndarray]:
        """``(with_context, alone)`` as the head combines them (``head.combine``, the reader's share ``READER``)."""
        risk = np.array([c not in QUIET for c in COLUMNS])
        return combine(self.alone, self.reader, sure, risk, READER), self.alone


def voted(parts: Parts, examples: Sequence[Example], x: np.ndarray, *, seed: int = SEED, share: float | None = None,
          k: int | None = None) -> Parts:  # fmt: skip
    """``parts`` with each line's out-of-fold nearest-examples vote blended in at ``share`` (default ``VOTE``), as
    the head with that vote reads a line (the same folds as ``cross_parts``; the pool the head stores: ``stored``)."""
    share, k = (VOTE if share is None else share), (VOTE_K if k is None else k)
    if share <= 0:
        return parts
    v = stored.out_of_fold(examples, x, fold_of(examples, seed=seed), k)
    return Parts(vote.blend(parts.alone, v, share), vote.blend(parts.reader, v, share))


@dataclass(frozen=True)
class Choices:
    """What cross-validation chooses for a head: per-column thresholds, the veto, the dismiss level, ``sure``."""

    thresholds: tuple[float, ...]
    veto: float
    dismiss: float
    sure: float = SURE
    follow: tuple[float, ...] = ()  # the learned follow-up (``follow.fit``; (): off)


def choose(
    examples: Sequence[Example], parts: Parts, ruled: np.ndarray | None = None, *, sure: float = SURE,
    risk_precision: float = RISK_PRECISION, dismiss_precision: float = DISMISS_PRECISION,
    veto_precision: float = VETO_PRECISION, vectors: np.ndarray | None = None,
    follow_precision: float = FOLLOW_PRECISION, look_margin: float | None = LOOK_MARGIN,
) -> Choices:  # fmt: skip
    """Thresholds, veto and dismiss level from the out-of-fold ``parts`` (``ruled``: per line, whether the keyword
    rules flag it; the veto and dismiss level are chosen on those lines; without it both are off); the learned
    follow-up from them too (``vectors``: the lines'; without them it is off). The look-alike thresholds and the
    dismiss level are then raised until no rule-flagged risk line is silenced above its risk columns by
    ``look_margin`` (``choosing.clear_of_risk``; None: not raised, the twelfth-round design)."""
    oof, alone = parts.readings(sure)
    ruled = np.zeros(len(examples), bool) if ruled is None else np.asarray(ruled, bool)
    flagged = [e for e, r in zip(examples, ruled, strict=True) if r]
    thresholds = choose_thresholds(oof, examples, risk_precision)
    if veto_precision > 0:
        veto = choose_sure_veto(oof[ruled], alone[ruled], flagged, veto_precision)
    else:
        veto = choose_veto(oof[ruled], flagged)
    dismiss = choose_dismiss(oof[ruled], alone[ruled], flagged, dismiss_precision)
    if look_margin is not None:
        thresholds, dismiss = clear_of_risk(thresholds, dismiss, oof[ruled], alone[ruled], flagged, look_margin)
    chained: tuple[float, ...] = ()
    if vectors is not None and follow_precision > 0:
        chained = follow.fit(examples, vectors, oof, alone, CATEGORIES, thresholds, fold_of(examples), follow_precision,
                             SEED)  # fmt: skip
    return Choices(thresholds, veto, dismiss, sure, chained)


def finish(
    examples: Sequence[Example], x: np.ndarray, head: Head, chosen: Choices, seed: int
) -> tuple[Head, TrainingReport]:
    """The fitted ``head`` with its training lines, what was ``chosen`` for it, and a report."""
    report, kept = _report(examples, seed), stored.stored(examples)
    info = json.dumps({"seed": seed, "digest": report.digest, "examples": report.examples, "l2": L2,
                       "pool": kept.describe(), "epochs": EPOCHS, "hidden": HIDDEN, "carry": CARRY, "writers": WRITERS,
                       "thresholds": "5-fold cross-validation, contrast pairs kept together",
                       "reader": f"{sum(bool(e.context) for e in examples)} lines with the turns before"})  # fmt: skip
    vectors = x[list(kept.rows)].astype(np.float16)
    head = replace(head, embedder=NAME, examples=kept.examples, example_vectors=vectors, info=info,
                   quiet=QUIET, thresholds=chosen.thresholds, veto=chosen.veto, dismiss=chosen.dismiss,
                   sure=chosen.sure, carry=CARRY, follow=chosen.follow, reader_share=READER, vote=VOTE,
                   vote_k=VOTE_K, sentences=SENTENCES, hedge_veto=HEDGE_VETO, look_margin=LOOK_MARGIN)  # fmt: skip
    return head, report


def _fit(examples: Sequence[Example], x: np.ndarray, before: np.ndarray, rows: np.ndarray, seed: int) -> Head:
    """The head on ``rows`` of the lines, and its context reader on those of them written with the turns before."""
    y = targets(examples)
    w = writer_weights([e for e, r in zip(examples, rows, strict=True) if r], WRITERS)
    head = train_head(x[rows], y[rows], COLUMNS, seed=seed, l2=L2, epochs=EPOCHS, threshold=THRESHOLD, hidden=HIDDEN,
                      weights=w)  # fmt: skip
    said_after = rows & np.array([bool(e.context) for e in examples], dtype=bool)
    if not said_after.any():
        return head
    pair = np.hstack([x[said_after], before[said_after]])
    w = writer_weights([e for e, r in zip(examples, said_after, strict=True) if r], WRITERS)
    reader = train_head(pair, y[said_after], COLUMNS, seed=seed, l2=L2, epochs=EPOCHS, hidden=HIDDEN, weights=w)
    return replace(head, reader=reader)


def context_turns(examples: Sequence[Example], seed: int = SEED) -> list[tuple[str, str]]:
    """Per example, the (last, earlier) turns before it ("" = none): its own ``ctx``; a line written without one
    gets a turn drawn (seeded) from the same language's context turns: in a call every line follows something,
    mostly unrelated to whether it is a risk."""
    pool = {lang: sorted({t for e in examples if e.language == lang for t in e.context}) for lang in LANGUAGES}
    rng = np.random.default_rng(seed)
    out: list[tuple[str, str]] = []
    for e in examples:
        drawn = pool.get(e.language) or [""]
        pick = drawn[int(rng.integers(len(drawn)))]
        out.append((e.context[-1], e.context[-2] if len(e.context) > 1 else "") if e.context else (pick, ""))
    return out


def context_matrix(examples: Sequence[Example], embedder: TextEmbedder, seed: int = SEED) -> np.ndarray:
    """``context_rows`` of every example's ``context_turns`` (each distinct turn embedded once)."""
    turns = context_turns(examples, seed)
    texts = sorted({t for pair in turns for t in pair if t})
    rows = dict(zip(texts, embedder.embed(texts), strict=True))
    zero = np.zeros(embedder.dims, dtype=np.float32)
    last = np.array([rows.get(a, zero) for a, _ in turns], dtype=np.float32).reshape(len(turns), embedder.dims)
    earlier = np.array([rows.get(b, zero) for _, b in turns], dtype=np.float32).reshape(len(turns), embedder.dims)
    return context_rows(last, earlier)


def _report(examples: Sequence[Example], seed: int) -> TrainingReport:
    per_language = {lang: sum(e.language == lang for e in examples) for lang in LANGUAGES}
    per_category = {c: sum(c in e.labels for e in examples) for c in CATEGORIES}
    per_category["none"] = sum(not e.labels for e in examples)
    per_category.update({q: sum(e.trap == q for e in examples) for q in QUIET})
    return TrainingReport(len(examples), per_language, per_category, digest(examples), seed)


def fold_of(examples: Sequence[Example], folds: int = 5, seed: int = SEED) -> np.ndarray:
    """The cross-validation fold of each line (the same for a seed, whatever is trained on them); the lines of a
    contrast pair (one ``group``) share a fold, so a pair never straddles the split."""
    keys = [e.group or f"#{n}" for n, e in enumerate(examples)]
    order = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    drawn = np.random.default_rng(seed).integers(0, folds, len(order))
    return np.array([drawn[order[k]] for k in keys], dtype=int).reshape(len(examples))


def cross_validate(
    examples: Sequence[Example], vectors: np.ndarray, before: np.ndarray | None = None, *, folds: int = 5,
    seed: int = SEED,
) -> np.ndarray:  # fmt: skip
    """Out-of-fold probabilities (n, columns): each line scored by a head (and, given ``before``, its context
    reader) that never saw it."""
    return cross_readings(examples, vectors, before, folds=folds, seed=seed)[0]


def cross_readings(
    examples: Sequence[Example], vectors: np.ndarray, before: np.ndarray | None = None, *, folds: int = 5,
    seed: int = SEED, sure: float = SURE,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """``cross_validate``'s out-of-fold probabilities, and each line's read alone by the same heads."""
    return cross_parts(examples, vectors, before, folds=folds, seed=seed).readings(sure)


def cross_parts(
    examples: Sequence[Example], vectors: np.ndarray, before: np.ndarray | None = None, *, folds: int = 5,
    seed: int = SEED, jobs: int = 1,
) -> Parts:  # fmt: skip
    """Each line read alone and by the context reader (given ``before``), by heads that never saw it (``jobs``
    folds fitted at once)."""
    fold = fold_of(examples, folds, seed)
    if before is not None:
        fits = fold_fits(examples, vectors, before, fold, seed, jobs, folds=folds)
        try:
            return gathered(fits.results(), fold, vectors, before)
        finally:
            fits.close()
    alone = np.zeros((len(examples), len(COLUMNS)))
    for f in range(folds):
        train_rows, test_rows = fold != f, fold == f
        head = train_head(vectors[train_rows], targets(examples)[train_rows], COLUMNS, seed=seed, l2=L2,
                          epochs=EPOCHS)  # fmt: skip
        alone[test_rows] = head.probabilities(vectors[test_rows])
    return Parts(alone, alone.copy())


def _parts(head: Head, vectors: np.ndarray, before: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lines read alone, and by the reader where they have turns before (alone where not)."""
    alone = head.probabilities(vectors)
    reader, said_after = alone.copy(), np.abs(before).sum(axis=1) > 0
    if head.reader is not None and said_after.any():
        reader[said_after] = head.reader.probabilities(np.hstack([vectors[said_after], before[said_after]]))
    return alone, reader


def train_and_save(
    folders: Sequence[Path],
    path: Path,
    embedder: TextEmbedder,
    *,
    seed: int = SEED,
    extra: Sequence[Example] = (),
    flagged: Callable[[Sequence[Example]], np.ndarray] | None = None,
    jobs: int = 1,
    fits: Path | None = None,
) -> TrainingReport:
    """Train on every line of ``folders`` plus ``extra`` (managers' verdicts) and write the head to ``path``.
    ``flagged``: which of the lines the keyword rules flag (see ``train``); ``jobs``: fits at once; ``fits``: where
    fitted heads are kept between runs."""
    examples = load_examples(folders) + list(extra)
    ruled = (lambda: flagged(examples)) if flagged else None
    head, report = train(examples, embedder, seed=seed, ruled=ruled, jobs=jobs, fits=fits)
    save_head(head, path)
    return report
