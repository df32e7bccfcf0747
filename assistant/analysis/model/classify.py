"""The learned churn-risk model beside the rules: embeddings + the trained head → explained model hits.

    model = load_model()                                   # the head shipped in the wheel (or a trained one)
    hits = model_hits(transcript, indexed, model, vectors, rule_hits, vetoed, ruleset)

Rules stay the manager's high-precision control; the model adds recall:

* it reads customer lines only (and lines whose side is unknown), never the rep's;
* a category a rule already flagged on the utterance is left to the rule (the rule's evidence explains it);
* a rule's exclusions veto the model too: an exclusion that matched in the utterance blocks model hits of
  that rule's category, and a tracker with ``model: false`` keeps its category rules-only;
* every model hit says its category, its probability and the nearest labelled examples it resembles;
* each category has its own threshold, chosen by cross-validation for precision (``training.choose_thresholds``);
* look-alikes: the head also has columns for lines that look like a risk and are none (the company's own metrics,
  third parties, meeting logistics, other senses of a word). A line the model finds more like one of those than like
  any risk (at that column's threshold; read alone too, more like it than like any risk) gets no model hit, and its
  rule hits are *dismissed*: kept in the report, marked negated, with the evidence "dismissed by the model: looks
  like own_metrics ..." (a tracker with ``model: false`` is never dismissed). A line is a look-alike too when a
  look-alike column is at least the head's ``dismiss`` and above every risk column both with the turns before and
  alone (a confident look-alike: chosen by cross-validation so that the rule hits so dismissed are no risk 95 % of
  the time). So are the rule hits of a line where every risk column is below the head's ``veto`` (chosen by cross-
  validation to cost none of the rules' true hits out of fold), with and without the turns before;
* a follow-up: a category said in the customer's previous turn (a rule's live hit or the model's) counts on this
  line under its threshold when the head's learned follow-up (``follow.py``) says the line goes on with it ("All of
  them, every Monday." after "the tills freeze on Mondays"); the evidence says so, with its score;
* a conditional threat ("if this isn't fixed by September we won't renew") counts fully; speculation ("if prices
  ever went up we might look around") is a hypothetical hit (``conditional.mood``);
* a long customer turn (over the head's ``sentences`` words) is read sentence by sentence (``sentences.py``): its
  model hits come from its sentences, each quoting its own, and its rule hits are dismissed or kept by the reading of
  the sentence that holds them; a short bare denial of the rep's question ("No, we're staying." after "Are you
  thinking of leaving us?") denies the categories the question named (``answers.py``);
* a line that opens with a bare denial or speculates, read under the head's ``hedge_veto`` in every risk column, has
  its rule hits dismissed (``hedges.py``).

This module reads a call (``learned_hits``); the model and its reading are in ``reading.py``, look-alikes, the veto
and ``dismiss`` in ``looks.py``, the model's own hits and the follow-up in ``hits.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.analysis.model import sentences
from assistant.analysis.model.answers import denied_answers
from assistant.analysis.model.embedding import NAME, Embedder, get_embedder
from assistant.analysis.model.examples import example_hits, example_rules
from assistant.analysis.model.head import context_rows, load_head
from assistant.analysis.model.head_file import file_version
from assistant.analysis.model.hits import FOLLOW_FLOOR as FOLLOW_FLOOR
from assistant.analysis.model.hits import model_hits
from assistant.analysis.model.looks import DISMISS_AT_LEAST as DISMISS_AT_LEAST
from assistant.analysis.model.looks import dismiss as dismiss
from assistant.analysis.model.looks import look_alikes
from assistant.analysis.model.reading import ChurnModel, Reading
from assistant.analysis.risk import MODEL_PREFIX
from assistant.errors import HeadError
from assistant.records import Hit, Utterance
from assistant.records.embeddings import Embeddings

if TYPE_CHECKING:
    from assistant.analysis.ruleset import RuleSet
    from assistant.settings import Settings

log = logging.getLogger(__name__)

HEAD_FILE = Path(__file__).resolve().parent / "churn_head.npz"
# where a turn read sentence by sentence (``Head.sentences``) gets its model hits: 1 its sentences, 0 the whole turn,
# 2 both (its rule hits are judged by their sentence either way)
SENTENCE_HITS = 1
# a call's embeddings: one row per utterance, or ``Embeddings`` (those rows and its long turns' sentence vectors, as
# stored), or a function that gives them (called once the rules have read the call), or None (embed now)
Vectors = np.ndarray | Embeddings | Callable[[], np.ndarray | Embeddings | None] | None


_cache: dict[tuple[str, float], ChurnModel] = {}


def load_model(
    path: Path | None = None, *, threads: int = 1, cache_dir: Path | None = None, kernel: str = "auto"
) -> ChurnModel:
    """The head in ``path`` (default: the one shipped in the package) with the shared embedder (``threads``, its
    encoder cache ``cache_dir``, e5's ``kernel``); cached per file version. ``HeadError`` names a missing or
    corrupt file and the command that rebuilds it."""
    path = Path(path or HEAD_FILE)
    key = (str(path), path.stat().st_mtime if path.is_file() else 0.0)
    if key not in _cache:
        head = load_head(path)
        if head.embedder != NAME:
            raise HeadError(f"{path}: trained on embedder {head.embedder!r}, this version uses {NAME!r}; "
                            "rebuild it with `assistant model train`")  # fmt: skip
        _cache[key] = ChurnModel(head, get_embedder(threads, cache_dir, kernel), path, file_version(path))
    return _cache[key]


def churn_model(settings: Settings) -> tuple[ChurnModel | None, str]:
    """``(model, "")`` when the ``churn_model`` setting is on and its head loads; else ``(None, why)``: a missing
    or corrupt head is logged (file and the command that rebuilds it) and the rules work alone."""
    if not settings.churn_model:
        return None, "the churn_model setting is off"
    try:
        return load_model(settings.churn_model_file, threads=settings.embedding_threads,
                          cache_dir=settings.encoder_cache_dir, kernel=settings.e5_kernel), ""  # fmt: skip
    except HeadError as exc:
        log.warning("%s; analysing with the keyword rules alone", exc)
        return None, str(exc)


def needs_vectors(ruleset: RuleSet, model: ChurnModel | None) -> bool:
    """Whether analysing a call with ``ruleset`` and ``model`` reads utterance embeddings."""
    return model is not None or bool(example_rules(ruleset))


def learned_hits(
    indexed: Sequence[tuple[int, Utterance, str]],
    ruleset: RuleSet,
    model: ChurnModel | None,
    vectors: Vectors,
    taken: dict[int, set[str]],
    vetoed: dict[int, set[str]],
    utterances: Sequence[Utterance] = (),
    live: dict[int, set[str]] | None = None,
) -> tuple[list[Hit], dict[int, str], dict[int, list[tuple[str, str]]]]:
    """Hits from embeddings: trackers taught by example (``examples.py``), then the model's, on a call's lines;
    and the lines the model takes for a look-alike of a risk (utterance index → why), whose rule hits ``dismiss``
    marks; and, for a long turn the head reads sentence by sentence (``sentences.py``), its sentences and why each
    is a look-alike ("": none), by which its rule hits are judged instead. ``vectors``: stored embeddings (``Vectors``:
    one row per utterance of the call, with its long turns' sentence vectors or without: those not given are embedded
    now), or None to embed the lines now (rep lines only when a tracker taught by example may fire on them).
    ``taken``: categories a rule flagged or vetoed per utterance; ``vetoed``: ids of the rules whose exclusions
    matched there. ``utterances``: the whole call,
    whose turns before each line the model reads (both roles; none given: each line alone). ``live``: categories of
    the rule hits that count (not negated) per utterance, which the model may carry to the customer's next turn."""
    taught = example_rules(ruleset)
    if model is None and not taught:
        return [], {}, {}
    given = vectors() if callable(vectors) else vectors
    known = given.sentences.by_text() if isinstance(given, Embeddings) else {}
    stored = given.vectors if isinstance(given, Embeddings) else given
    embedder = model.embedder if model is not None else get_embedder()
    needs_rep = any(r.speaker != "customer" for r in taught)
    lines = [(i, u, lang) for i, u, lang in indexed if needs_rep or u.role != "rep"]
    wanted = [i for i, _, _ in lines]
    reads_context = model is not None and model.head.reader is not None and bool(utterances)
    full = _call_rows(utterances, stored, wanted, embedder) if reads_context else None
    if full is not None:
        rows = full[wanted] if lines else np.zeros((0, embedder.dims))
    elif stored is None:
        rows = embedder.embed([u.text for _, u, _ in lines])
    else:
        rows = np.asarray(stored)[wanted] if lines else np.zeros((0, embedder.dims))
    hits = example_hits(lines, rows, taught, embedder, vetoed)
    if model is None:
        return hits, {}, {}
    before = turns_before(full, wanted) if full is not None else None
    seen = {i: set(taken.get(i, ())) | {h.category for h in hits if h.utterance_index == i} for i, _, _ in lines}
    for i, denied in denied_answers(lines, utterances).items():
        seen[i] |= denied
    pieces = sentences.cut(lines, model.head.sentences)
    cut_rows = sentence_rows([u.text for _, u, _ in pieces.lines], model.embedder, known) if pieces.lines else None
    reading, cut_reading = read_call(model, rows, before, cut_rows, pieces.parent)
    ruled = set(live or {})
    looks = look_alikes(lines, rows, model, reading=reading, ruled=ruled)
    parts: dict[int, list[tuple[str, str]]] = {}
    if cut_rows is not None and cut_reading is not None:
        cut = _by_sentence(lines, rows, reading, pieces, cut_rows, cut_reading, model, ruled)
        cut_lines, cut_rows, cut_reading, parts = cut
        looks = {i: why for i, why in looks.items() if i not in parts}
        lines, rows, reading = (cut_lines, cut_rows, cut_reading) if SENTENCE_HITS > 0 else (lines, rows, reading)
    said = {i: set(c) for i, c in (live or {}).items() if i not in looks}
    for h in hits:
        said.setdefault(h.utterance_index, set()).add(h.category)
    hits += sentences.best_per_category(_model_hits_of(lines, rows, ruleset, model, seen, reading, said))
    return hits, looks, parts


def read_call(
    model: ChurnModel, rows: np.ndarray, before: np.ndarray | None, cut_rows: np.ndarray | None, parent: np.ndarray
) -> tuple[Reading, Reading | None]:
    """The lines' reading and, given ``cut_rows``, their long turns' sentences' (each with the turns before its turn,
    ``parent``: its turn's row), from one evaluation of the head: one matrix product of the nearest-examples vote
    for the whole call instead of two (each row is read as it is read alone)."""
    if cut_rows is None or not len(cut_rows):
        return model.read(rows, before), None
    both = model.read(np.vstack([rows, cut_rows]), None if before is None else np.vstack([before, before[parent]]))
    n = len(rows)
    return Reading(both.probs[:n], both.alone[:n]), Reading(both.probs[n:], both.alone[n:])


def _by_sentence(
    lines: Sequence[tuple[int, Utterance, str]], rows: np.ndarray, reading: Reading, pieces: sentences.Cut,
    cut_rows: np.ndarray, cut_reading: Reading, model: ChurnModel, ruled: set[int],
) -> tuple[list[tuple[int, Utterance, str]], np.ndarray, Reading, dict[int, list[tuple[str, str]]]]:  # fmt: skip
    """The lines with the ``pieces``' turns replaced by their sentences (``cut_rows``: each embedded or stored, read
    with its turn's turns before: ``cut_reading``), their rows and reading; and per cut turn its sentences with why
    each is a look-alike (the hedge veto read on the sentences of the turns in ``ruled``: those with a rule hit that
    counts)."""
    numbered = [(n, u, lang) for n, (_, u, lang) in enumerate(pieces.lines)]
    held = {n for n, (index, _, _) in enumerate(pieces.lines) if index in ruled}
    parts = sentences.by_turn(pieces, look_alikes(numbered, cut_rows, model, reading=cut_reading, ruled=held))
    merged, whole, part = sentences.interleave(lines, pieces, keep=SENTENCE_HITS == 2)

    def pick(line_rows: np.ndarray, sentence_rows: np.ndarray) -> np.ndarray:
        mine = (whole >= 0)[:, None]
        return np.where(mine, np.asarray(line_rows)[np.maximum(whole, 0)], sentence_rows[np.maximum(part, 0)])

    return merged, pick(rows, cut_rows), Reading(pick(reading.probs, cut_reading.probs),
                                                 pick(reading.alone, cut_reading.alone)), parts  # fmt: skip


def sentence_rows(texts: Sequence[str], embedder: Embedder, known: Mapping[str, np.ndarray]) -> np.ndarray:
    """One row per text: its ``known`` vector, else embedded now (each text once)."""
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    made = dict(zip(missing, embedder.embed(missing), strict=True)) if missing else {}
    return np.array([known[t] if t in known else made[t] for t in texts], dtype=np.float32).reshape(-1, embedder.dims)


def _call_rows(
    utterances: Sequence[Utterance], vectors: np.ndarray | None, wanted: Sequence[int], embedder: Embedder
) -> np.ndarray:
    """One row per utterance of the call: the stored ``vectors``, or the ``wanted`` lines and the two turns before
    each embedded now (zero rows for the rest)."""
    if vectors is not None:
        return np.asarray(vectors)
    needed = sorted({j for i in wanted for j in (i - 2, i - 1, i) if j >= 0 and utterances[j].text.strip()})
    full = np.zeros((len(utterances), embedder.dims), dtype=np.float32)
    if needed:
        full[needed] = embedder.embed([utterances[j].text for j in needed])
    return full


def turns_before(rows: np.ndarray, indices: Sequence[int]) -> np.ndarray:
    """``context_rows`` of the two turns before each of ``indices`` (one row of ``rows`` per utterance)."""
    zero = np.zeros(rows.shape[1], dtype=np.float32)
    last = [rows[i - 1] if i >= 1 else zero for i in indices]
    earlier = [rows[i - 2] if i >= 2 else zero for i in indices]
    shape = (len(indices), rows.shape[1])
    last_rows = np.array(last, dtype=np.float32).reshape(shape)
    return context_rows(last_rows, np.array(earlier, dtype=np.float32).reshape(shape))


def _model_hits_of(
    lines: Sequence[tuple[int, Utterance, str]], rows: np.ndarray, ruleset: RuleSet, model: ChurnModel,
    taken: dict[int, set[str]], reading: Reading, said: dict[int, set[str]],
) -> list[Hit]:  # fmt: skip
    blocked = {r.category for r in ruleset.rules if not r.model}
    weights: dict[str, float] = {}
    for rule in ruleset.rules:
        weights[rule.category] = max(weights.get(rule.category, 0.0), rule.weight)
    return model_hits(lines, rows, model, taken=taken, blocked=blocked, weights=weights, reading=reading, said=said)


def analysis_version(rules_version: str, model: ChurnModel | None) -> str:
    """What a stored analysis was made with: the rules' version, plus the model head's when the model was on
    (a retrained head, or the model switched on or off, makes stored calls due for reanalysis)."""
    return rules_version if model is None else f"{rules_version}+model.{model.version}"


def is_model_rule(rule_id: str) -> bool:
    return rule_id.startswith(MODEL_PREFIX)


def embed_utterances(texts: Iterable[str], model: ChurnModel) -> np.ndarray:
    return model.embedder.embed(list(texts))
