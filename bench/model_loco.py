"""Leave-one-corpus-out: how the churn-risk head does on a writer it never saw (issue 10, sixth round).

    .venv/bin/python bench/model_loco.py                        # the shipped design, every held-out-style corpus
    .venv/bin/python bench/model_loco.py --sure 0.7 --precision 0.85 --corpus eval_rsics
    .venv/bin/python bench/model_loco.py --design e5             # the head on the e5 part of the vectors alone

For each corpus X of ``HELD`` (each written by one writer, or real text): the head and its context reader are trained
exactly as ``assistant model train`` trains them (``training.fold_fits`` → ``training.choose``: thresholds, veto
and dismiss level by grouped 5-fold CV; ``training.finish``; ``--jobs`` fits at once) on every training line EXCEPT
X's, and rules + that
head score X the way ``bench/model_eval.py`` does (one call per language, each turn after its real turns before; only
the labelled turn is scored). Printed: risk P / R (tp fp fn) per corpus and language, the customer's no-risk turns
flagged, the rules alone beside it, and the mean over the corpora (each corpus weighs the same); then the grouped
5-fold CV of the model alone on every training line (the older yardstick, a second column).

Random-fold CV inside the corpora over-estimates a new writer's accuracy (five rounds: ~0.92 / 0.51 out of fold, ~0.75
/ 0.56 on each new writer's corpus); the LOCO mean is the new-writer proxy to choose a design by.

Everything slow is computed once and kept outside the repository (``--cache``, default /tmp/m6): the embedding of
every text (keyed by the encoder's name and the text), the keyword rules' flags of the training lines and their pass
over each corpus (keyed by the rule files and the engine's code), and each fold's out-of-fold readings and fitted
head (keyed by the design and the digest of the lines it was trained on). Decision knobs (``--sure``, ``--precision``,
``--carry``, ``--dismiss``, ``--veto``, ``--vote``, ``--vote-k``, ``--dismiss-floor``) reuse them. (The embeddings here
are of each batch of 500 texts, the trainer's of each text alone: they differ in the 7th digit.)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import pickle
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import rules_eval

from assistant.analysis import RulePass, rule_pass, with_learned
from assistant.analysis.model import choosing, classify, looks, stored, training
from assistant.analysis.model.classify import DISMISS_AT_LEAST, ChurnModel
from assistant.analysis.model.embedding import E5_DIMS, get_embedder
from assistant.analysis.model.head import Example, Head, load_head, save_head
from assistant.analysis.model.hedges import HEDGE_VETO
from assistant.analysis.model.looks import LOOK_MARGIN
from assistant.analysis.model.training import (
    CATEGORIES,
    DISMISS_PRECISION,
    FOLDS,
    FOLLOW_PRECISION,
    RISK_PRECISION,
    SEED,
    SENTENCES,
    SURE,
    TRAINING_CORPORA,
    VETO_PRECISION,
    VOTE,
    VOTE_K,
    Choices,
    Parts,
    choose,
    context_matrix,
    default_corpora,
    digest,
    finish,
    fold_fits,
    fold_of,
    gathered,
    load_examples,
    targets,
    voted,
)  # fmt: skip
from assistant.analysis.rules import load_ruleset
from assistant.analysis.ruleset import RuleSet
from assistant.services.churn_model import rule_flags
from assistant.settings import DEFAULT_RULES_DIR

_CHECKOUT = ROOT = (
    Path(__file__).resolve().parents[1]
)  # --root: a checkout's older corpora (``git archive REV tests/analysis``)
HELD = (
    "eval_context",
    "eval_heldout3",
    "eval_heldout4",
    "eval_heldout5",
    "eval_natcs",
    "eval_rsics",
    "eval_heldout6",
    "eval_heldout7a",
    "eval_heldout7b",
    "eval_heldout8a",
    "eval_heldout8b",
    "eval_heldout9a",
    "eval_heldout9b",
    "eval_heldout10a",
    "eval_heldout10b",
    "eval_heldout11a",
    "eval_heldout11b",
    "eval_heldout12a",
    "eval_heldout12b",
    "eval_heldout13a",
    "eval_heldout13b",
    "eval_heldout14a",
    "eval_heldout14b",
    "eval_heldout15a",
    "eval_heldout15b",
)
# corpora of whole calls (``call:``), where the customer's previous turn is a real one: the only ones ``--carry`` is
# applied to (elsewhere the line before an item is another item, often its contrast twin, which says nothing)
WHOLE_CALLS = ("eval_heldout4", "eval_heldout5", "eval_heldout6", "eval_heldout7a", "eval_heldout7b", "eval_heldout8a",
               "eval_heldout9a")  # fmt: skip
DESIGNS = ("linear", "e5", "mlp16", "mlp32", "mlp64", "writers", "writers50")
WRITER_POWERS = {"writers": 1.0, "writers50": 0.5}  # each writer's lines weigh n ** -power in the fit


class CachedEmbedder:
    """The shared embedder behind a file of every text it embedded (``texts`` / ``vectors`` in an .npz)."""

    def __init__(self, cache: Path) -> None:
        self.inner = get_embedder()
        self.name, self.dims = self.inner.name, self.inner.dims
        self.path = cache / f"embeddings-{hashlib.sha256(self.name.encode()).hexdigest()[:8]}.npz"
        self.rows: dict[str, np.ndarray] = {}
        if self.path.is_file():
            with np.load(self.path, allow_pickle=False) as data:
                self.rows = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.rows})
        if todo:
            self.rows.update(zip(todo, self.inner.embed(todo), strict=True))
            keys = sorted(self.rows)
            np.savez(self.path, texts=np.array(keys), vectors=np.array([self.rows[k] for k in keys]))
        return np.array([self.rows[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dims)


@dataclass(frozen=True)
class Lines:
    """Every training line with its vectors, turns before, the rules' flags and the corpus it came from."""

    examples: list[Example]
    x: np.ndarray
    before: np.ndarray
    ruled: np.ndarray
    corpus: np.ndarray

    def without(self, held: str) -> Lines:
        keep = self.corpus != held
        return Lines([e for e, k in zip(self.examples, keep, strict=True) if k], self.x[keep], self.before[keep],
                     self.ruled[keep], self.corpus[keep])  # fmt: skip


def rules_key(ruleset: RuleSet) -> str:
    """The rule files' version and the rule engine's code (assistant/analysis/*.py): what the rules' results hang on."""
    engine = sorted((_CHECKOUT / "assistant" / "analysis").glob("*.py"))
    code = hashlib.sha256(b"".join(path.read_bytes() for path in engine)).hexdigest()[:12]
    return f"{ruleset.version}+{code}"


def corpora() -> list[Path]:
    return default_corpora() if ROOT == _CHECKOUT else [ROOT / name for name in TRAINING_CORPORA]


def training_lines(embedder: CachedEmbedder, ruleset: RuleSet, cache: Path) -> Lines:
    examples = load_examples(corpora())
    x = embedder.embed([e.text for e in examples])
    key = hashlib.sha256(f"{rules_key(ruleset)}:{digest(examples)}".encode()).hexdigest()[:16]
    path = cache / f"ruled-{key}.npy"
    if not path.is_file():
        np.save(path, rule_flags(examples, ruleset))
    corpus = np.array([e.source.split("/")[0] for e in examples])
    before = context_matrix(examples, embedder, SEED)
    return Lines(examples, x, before, np.load(path), corpus)


# ---- designs: how a head is fitted (each a function of the lines, cached per fold) ----------------------------------


class E5Head(Head):
    """A head fitted on the e5 part of the vectors (and of the turns before): reads [e5 | USE] rows."""

    def readings(self, vectors: np.ndarray, before: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        cut = None if before is None else np.asarray(before)[:, :E5_DIMS]
        return super().readings(np.asarray(vectors)[:, :E5_DIMS], cut)

    def nearest(self, vector: np.ndarray, k: int = 3, category: str | None = None) -> list[tuple[Example, float]]:
        return []


def fitted(lines: Lines, design: str, cache: Path, name: str, jobs: int = 1) -> tuple[Parts, Head]:
    """The out-of-fold parts and the head fitted on ``lines`` (cached by design and the lines' digest; ``jobs``
    fits at once, as ``assistant model train`` runs them)."""
    key = hashlib.sha256(f"{design}:{digest(lines.examples)}".encode()).hexdigest()[:16]
    folder = cache / "folds" / f"{design}-{name}-{key}"
    if not (folder / "head.npz").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        x, before = _inputs(lines, design)
        fold = fold_of(lines.examples, FOLDS, SEED)
        with _design(design):
            heads = fold_fits(lines.examples, x, before, fold, SEED, jobs, final=True).results()
        parts, head = gathered(heads[:FOLDS], fold, x, before), heads[FOLDS]
        np.savez(folder / "parts.npz", alone=parts.alone, reader=parts.reader)
        save_head(head, folder / "head.npz")
    with np.load(folder / "parts.npz") as data:
        parts = Parts(data["alone"], data["reader"])
    head = load_head(folder / "head.npz")
    if design == "e5":
        head = E5Head(**{f: getattr(head, f) for f in head.__dataclass_fields__})
    return parts, head


@contextlib.contextmanager
def _design(design: str) -> Iterator[None]:
    """The trainer's hidden layer set for an ``mlpN`` design (N tanh units), its writer weighting for ``writers*``,
    while it fits."""
    saved = training.HIDDEN, training.WRITERS
    training.HIDDEN = int(design[3:]) if design.startswith("mlp") else saved[0]
    training.WRITERS = WRITER_POWERS.get(design, saved[1])
    try:
        yield
    finally:
        training.HIDDEN, training.WRITERS = saved


@contextlib.contextmanager
def _dismiss_floor(floor: float) -> Iterator[None]:
    """The lowest dismiss level the trainer chooses and the product reads set to ``floor`` (``looks``' and
    ``choosing``'s ``DISMISS_AT_LEAST``) while a head is chosen and read."""
    saved = looks.DISMISS_AT_LEAST
    looks.DISMISS_AT_LEAST = choosing.DISMISS_AT_LEAST = floor
    try:
        yield
    finally:
        looks.DISMISS_AT_LEAST = choosing.DISMISS_AT_LEAST = saved


@contextlib.contextmanager
def _pool(one_per_text: float) -> Iterator[None]:
    """``stored.ONE_PER_TEXT`` set while a head is chosen and read (0: every training line stored)."""
    saved, stored.ONE_PER_TEXT = stored.ONE_PER_TEXT, bool(one_per_text)
    try:
        yield
    finally:
        stored.ONE_PER_TEXT = saved


@contextlib.contextmanager
def _sentence_hits(where: int) -> Iterator[None]:
    """``classify.SENTENCE_HITS`` set to ``where`` while a head is read."""
    saved, classify.SENTENCE_HITS = classify.SENTENCE_HITS, where
    try:
        yield
    finally:
        classify.SENTENCE_HITS = saved


def _inputs(lines: Lines, design: str) -> tuple[np.ndarray, np.ndarray]:
    if design == "e5":
        return lines.x[:, :E5_DIMS], lines.before[:, :E5_DIMS]
    return lines.x, lines.before


# ---- scoring a corpus: rules once, then each head ------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    lang: str
    items: list[rules_eval.Item]
    transcript: object
    ruled: RulePass
    vectors: np.ndarray


def corpus_calls(name: str, ruleset: RuleSet, embedder: CachedEmbedder, cache: Path) -> list[Call]:
    """One call per language of the corpus (each item after its ``ctx`` turns), with the rules' pass over it."""
    folder = ROOT / "tests" / "analysis" / name
    items = rules_eval.load_corpus(folder, rules_eval.corpus_languages(folder), extras=False)
    blob = "".join(repr(i) for i in items)
    key = hashlib.sha256(f"{rules_key(ruleset)}:{blob}".encode()).hexdigest()[:16]
    path = cache / f"rules-{name}-{key}.pkl"
    if path.is_file():
        return pickle.loads(path.read_bytes())  # our own cache file
    calls = []
    for lang in sorted({i.lang for i in items}):
        group = [i for i in items if i.lang == lang]
        transcript = rules_eval._transcript(group, lang)
        vectors = embedder.embed([u.text for u in transcript.utterances])
        calls.append(Call(lang, group, transcript, rule_pass(transcript, ruleset), vectors))
    path.write_bytes(pickle.dumps(calls))
    return calls


def predictions(calls: Sequence[Call], ruleset: RuleSet, head: Head | None, embedder) -> list[rules_eval.Prediction]:
    model = None if head is None else ChurnModel(head, embedder, Path("loco"))
    out: list[rules_eval.Prediction] = []
    for call in calls:
        hits = with_learned(call.transcript, ruleset, call.ruled, model=model, vectors=call.vectors)  # type: ignore[arg-type]
        by_index: dict[int, list] = {}
        for hit in hits:
            by_index.setdefault(hit.utterance_index, []).append(hit)
        at = rules_eval.positions(call.items)
        out.extend(rules_eval.Prediction(i, tuple(by_index.get(n, ()))) for n, i in zip(at, call.items, strict=True))
    return out


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    flagged: int  # customer no-risk turns flagged
    quiet: int  # customer no-risk turns

    @property
    def p(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def r(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    @property
    def fa(self) -> float:
        return self.flagged / max(self.quiet, 1)

    def cell(self) -> str:
        return f"{self.p:.2f} / {self.r:.2f} ({self.tp} {self.fp} {self.fn}) {self.flagged}/{self.quiet}"


def score(preds: Sequence[rules_eval.Prediction]) -> Score:
    c = rules_eval.score(preds).risk
    quiet = [p for p in preds if not p.item.is_risk and p.item.role == "customer"]
    return Score(c.tp, c.fp, c.fn, sum(p.is_risk for p in quiet), len(quiet))


# ---- the run --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Knobs:
    """The decisions applied to a fitted head (no refitting): ``sure``, the risk columns' precision, ``carry``."""

    sure: float
    precision: float
    carry: float
    dismiss: float = DISMISS_PRECISION  # the rule hits a confident look-alike dismisses are no risk this often
    veto: float = VETO_PRECISION  # the rule hits the model sure of "no risk" dismisses are no risk this often (0: off)
    follow: float = FOLLOW_PRECISION  # the learned follow-up's precision target (0: off)
    vote: float = VOTE  # the nearest-examples vote's share of the readings (0: off)
    vote_k: int = VOTE_K  # how many nearest training lines vote
    floor: float = DISMISS_AT_LEAST  # the lowest dismiss level chosen and read (looks.DISMISS_AT_LEAST)
    sentences: int = SENTENCES  # a customer turn of more than this many words is read sentence by sentence (0: off)
    sentence_hits: int = classify.SENTENCE_HITS  # such a turn's model hits: 1 its sentences, 0 the turn, 2 both
    hedge_veto: float = HEDGE_VETO  # rule hits on a denial or speculation read under this are dismissed (0: off)
    # a look-alike silences a line only above every risk column by this much, its thresholds and the dismiss level
    # raised until no rule-flagged risk line of the out-of-fold readings is silenced (-1: neither, the twelfth design)
    look_margin: float = LOOK_MARGIN
    pool: float = 1.0  # the head stores one example per text (``stored.ONE_PER_TEXT``; 0: every line, thirteenth)


def given_head(args: argparse.Namespace) -> None:
    """``--head``: that head file (trained on none of ``--corpus``) read as each knob's ``sentences`` and
    ``sentence_hits`` say; its thresholds and levels as they are (no fitting, no choosing)."""
    args.cache.mkdir(parents=True, exist_ok=True)
    embedder, ruleset, given = CachedEmbedder(args.cache), load_ruleset(DEFAULT_RULES_DIR), load_head(args.head)
    names = args.corpus or HELD
    calls = {name: corpus_calls(name, ruleset, embedder, args.cache) for name in names}
    rows = [f"head {args.head} ({given.info[:80]}), rules {ruleset.version}"]
    for name in names:
        rules = score(predictions(calls[name], ruleset, None, embedder))
        rows.append(f"{name:<15} rules   {rules.cell()} = {rules.fa:.1%}")
    for sentences, hedge in ((s, h) for s in args.sentences for h in args.hedge_veto):
        for hits in args.sentence_hits:
            head = replace(given, sentences=int(sentences), hedge_veto=hedge)
            both = []
            with _sentence_hits(int(hits)):
                for name in names:
                    preds = predictions(calls[name], ruleset, head, embedder)
                    both.append(score(preds))
                    knobs = f"[sentences {int(sentences)}, hits {hits}, hedge veto {hedge:g}]"
                    rows.append(_row(name, "both", preds, calls[name]) + f"  {knobs}")
            p, r, fa = (float(np.mean([getattr(s, k) for s in both])) for k in ("p", "r", "fa"))
            rows.append(f"MEAN over {len(both)} corpora, both: P {p:.3f}  R {r:.3f}  flagged {fa:.1%}  {knobs}")
    print("\n".join(rows), flush=True)


def loco(args: argparse.Namespace) -> None:
    cache = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    embedder, ruleset = CachedEmbedder(cache), load_ruleset(DEFAULT_RULES_DIR)
    lines = training_lines(embedder, ruleset, cache)
    grid = [Knobs(s, p, c, d, v, f, a, int(k), m, int(w), int(h), g, lm, o) for s in args.sure for p in args.precision
            for c in args.carry for d in args.dismiss for v in args.veto for f in args.follow for a in args.vote
            for k in args.vote_k for m in args.dismiss_floor for w in args.sentences for h in args.sentence_hits
            for g in args.hedge_veto for lm in args.look_margin for o in args.pool]  # fmt: skip
    head_row = "corpus          system  all: P / R (tp fp fn) customer flagged | languages"
    rows = [f"{len(lines.examples)} training lines (digest {digest(lines.examples)}), rules {ruleset.version}; "
            f"design {args.design}", head_row]  # fmt: skip
    held = [(name, fitted(lines.without(name), args.design, cache, name, args.jobs)) for name in args.corpus or HELD]
    calls = {name: corpus_calls(name, ruleset, embedder, cache) for name, _ in held}
    rules = {name: score(predictions(calls[name], ruleset, None, embedder)) for name, _ in held}
    print("\n".join(rows), flush=True)
    dumped: list[tuple] = []
    for knobs in grid:
        rows = [f"-- {knobs}"]
        both: list[Score] = []
        for name, (parts, fit) in held:
            whole = knobs if name in WHOLE_CALLS else replace(knobs, carry=0, follow=0)
            with _dismiss_floor(knobs.floor), _sentence_hits(knobs.sentence_hits), _pool(knobs.pool):
                head = _decided(lines.without(name), parts, fit, whole)
                preds = predictions(calls[name], ruleset, head, embedder)
            both.append(score(preds))
            dumped.extend(_dumped(knobs, name, preds))
            rows.append(f"{name:<15} rules   {rules[name].cell()} = {rules[name].fa:.1%}")
            rows.append(_row(name, "both", preds, calls[name]))
            chosen = f"veto {head.veto}, dismiss {head.dismiss}, follow {head.follow[:1]}"
            rows.append(f"{'':<15} (thresholds {_thresholds(head)}, {chosen})")
        for system, scores in (("rules", list(rules.values())), ("both", both)):
            p, r, fa = (float(np.mean([getattr(s, k) for s in scores])) for k in ("p", "r", "fa"))
            rows.append(f"MEAN over {len(scores)} corpora, {system}: P {p:.3f}  R {r:.3f}  flagged {fa:.1%}  {knobs}")
        if args.cv:
            rows.append(grouped_cv(lines, args.design, knobs, cache, args.jobs))
        print("\n".join(rows), flush=True)
    if args.dump:
        args.dump.write_bytes(pickle.dumps(dumped))


def _dumped(knobs: Knobs, name: str, preds: Sequence[rules_eval.Prediction]) -> list[tuple]:
    """``--dump``'s rows: per scored item, the knobs, corpus, language, item number, risk labels and its live hits
    (rule id, category, weight)."""
    return [(knobs, name, p.item.lang, p.item.number, p.item.labels if p.item.is_risk else (),
             tuple((h.rule, h.category, h.weight) for h in p.live)) for p in preds]  # fmt: skip


def _row(name: str, system: str, preds: list[rules_eval.Prediction], calls: list[Call]) -> str:
    total = score(preds)
    langs = " ".join(f"{c.lang} {score([p for p in preds if p.item.lang == c.lang]).cell().split(' (')[0]}"
                     for c in calls)  # fmt: skip
    return f"{name:<15} {system:<6}  {total.cell()} = {total.fa:.1%} | {langs}"


def _chosen(lines: Lines, parts: Parts, knobs: Knobs) -> Choices:
    """What ``assistant model train`` chooses from these out-of-fold parts (the vote blended in), with the ``knobs``."""
    parts = voted(parts, lines.examples, lines.x, seed=SEED, share=knobs.vote, k=knobs.vote_k)
    precision = {"risk_precision": knobs.precision, "dismiss_precision": knobs.dismiss, "veto_precision": knobs.veto,
                 "follow_precision": knobs.follow}  # fmt: skip
    margin = None if knobs.look_margin < 0 else knobs.look_margin
    return choose(lines.examples, parts, lines.ruled, sure=knobs.sure, vectors=lines.x, look_margin=margin, **precision)


def _decided(lines: Lines, parts: Parts, head: Head, knobs: Knobs) -> Head:
    done, _ = finish(lines.examples, lines.x, head, _chosen(lines, parts, knobs), SEED)
    # no examples: hits say no "like ..."
    fields: tuple[str, ...] = ("thresholds", "veto", "dismiss", "sure", "quiet", "embedder", "follow", "reader_share")
    # with a vote, the training lines as the head's examples (the pool the product's vote reads; hits say "like ...")
    fields += ("examples", "example_vectors") if knobs.vote > 0 else ()
    return replace(head, carry=knobs.carry, vote=knobs.vote, vote_k=knobs.vote_k, sentences=knobs.sentences,
                   hedge_veto=knobs.hedge_veto, look_margin=max(knobs.look_margin, 0.0),
                   **{f: getattr(done, f) for f in fields})  # fmt: skip


def _thresholds(head: Head) -> str:
    return " ".join(f"{c[:4]} {t:.2f}" for c, t in zip(head.categories, head.thresholds, strict=True))


def grouped_cv(lines: Lines, design: str, knobs: Knobs, cache: Path, jobs: int = 1) -> str:
    """The model alone, grouped 5-fold CV on every training line: risk P / R, no-risk lines flagged."""
    parts, _ = fitted(lines, design, cache, "all", jobs)
    chosen = _chosen(lines, parts, knobs)
    parts = voted(parts, lines.examples, lines.x, seed=SEED, share=knobs.vote, k=knobs.vote_k)
    oof = parts.readings(knobs.sure)[0][:, : len(CATEGORIES)]
    flagged = (oof >= np.array(chosen.thresholds[: len(CATEGORIES)])).any(axis=1)
    gold: np.ndarray = np.asarray(targets(lines.examples)[:, : len(CATEGORIES)].any(axis=1))
    tp, fp, fn = int((flagged & gold).sum()), int((flagged & ~gold).sum()), int((~flagged & gold).sum())
    quiet = int((~gold).sum())
    return (f"grouped 5-fold CV, model alone, all {len(gold)} lines: P {tp / max(tp + fp, 1):.3f} "
            f"R {tp / max(tp + fn, 1):.3f} ({tp} {fp} {fn}), no-risk lines flagged {fp}/{quiet}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/m9"), help="folder of the cached work")
    parser.add_argument("--corpus", action="append", choices=HELD, help="repeatable; default: every corpus of HELD")
    parser.add_argument("--design", choices=DESIGNS, default="linear")
    grid = {  # knob: (default, what it is); several values of a knob make a grid
        "--sure": (SURE, "the reader never lowers a column the line alone reads this sure"),
        "--carry": (0.0, "a category of the customer's previous turn counts at this"),
        "--precision": (RISK_PRECISION, "the risk columns' precision target"),
        "--dismiss": (DISMISS_PRECISION, "how often the rule hits a look-alike dismisses must be no risk"),
        "--follow": (FOLLOW_PRECISION, "the learned follow-up's precision target (0: off; whole calls only)"),
        "--veto": (VETO_PRECISION, "how often the rule hits the model's 'no risk' dismisses must be no risk (0: off)"),
        "--vote": (VOTE, "the nearest-examples vote's share of the readings (0: off, the head alone)"),
        "--vote-k": (VOTE_K, "how many nearest training lines vote"),
        "--dismiss-floor": (DISMISS_AT_LEAST, "the lowest dismiss level the trainer chooses and the product reads"),
        "--sentences": (
            SENTENCES,
            "a customer turn of more words is read by sentence (0: off)",
        ),
        "--hedge-veto": (HEDGE_VETO, "rule hits on a denial or speculation the model reads under this: dismissed"),
        "--look-margin": (
            LOOK_MARGIN,
            "a look-alike silences a line only this far above every risk column (-1: the "
            "twelfth-round design: no margin, thresholds and dismiss level by precision alone)",
        ),
        "--pool": (1.0, "1: the head stores one example per text (its vote's pool); 0: every line (thirteenth)"),
    }
    for flag, (default, what) in grid.items():
        parser.add_argument(flag, type=float, nargs="+", default=[default], help=f"{what} (several: a grid)")
    parser.add_argument(
        "--sentence-hits",
        type=int,
        nargs="+",
        default=[int(classify.SENTENCE_HITS)],
        help="1: a turn read by sentence gets its model hits from its sentences; 0: from the turn",
    )
    parser.add_argument("--jobs", type=int, default=1, help="fits at once (a fold set: five folds and the full fit)")
    parser.add_argument("--cv", action="store_true", help="also the grouped 5-fold CV on every training line")
    parser.add_argument("--embed-only", action="store_true", help="fill the embedding cache and stop")
    parser.add_argument("--head", type=Path, help="score this head file (trained on none of --corpus) instead")
    parser.add_argument("--dump", type=Path, help="write every scored item's hits here (pickle: ``_dumped``'s rows)")
    parser.add_argument("--root", type=Path, help="read the corpora under this folder (an export of an older checkout)")
    args = parser.parse_args(argv)
    global ROOT
    ROOT = args.root.resolve() if args.root else ROOT
    if args.embed_only:
        args.cache.mkdir(parents=True, exist_ok=True)
        embed_everything(CachedEmbedder(args.cache))
        return 0
    given_head(args) if args.head else loco(args)
    return 0


def embed_everything(embedder: CachedEmbedder) -> None:
    examples = load_examples(corpora())
    texts = [e.text for e in examples] + [t for e in examples for t in e.context]
    for name in HELD:
        folder = ROOT / "tests" / "analysis" / name
        items = rules_eval.load_corpus(folder, rules_eval.corpus_languages(folder), extras=False)
        texts += [i.text for i in items] + [t for i in items for _, t in i.ctx]
    todo = sorted({t for t in texts if t not in embedder.rows})
    print(f"{len(set(texts))} texts, {len(todo)} to embed")
    for start in range(0, len(todo), 500):
        embedder.embed(todo[start : start + 500])
        print(f"  {min(start + 500, len(todo))}/{len(todo)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
