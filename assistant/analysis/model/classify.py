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
  thinking of leaving us?") denies the categories the question named (``answers.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.analysis.conditional import mood
from assistant.analysis.model import follow, hedges, sentences
from assistant.analysis.model.answers import denied_answers
from assistant.analysis.model.embedding import NAME, Embedder, get_embedder
from assistant.analysis.model.examples import example_hits, example_rules
from assistant.analysis.model.head import Head, context_rows, load_head
from assistant.analysis.model.head_file import file_version
from assistant.analysis.risk import DISMISSED, MODEL_PREFIX
from assistant.errors import HeadError
from assistant.records import Hit, Utterance
from assistant.records.embeddings import Embeddings

if TYPE_CHECKING:
    from assistant.analysis.ruleset import RuleSet
    from assistant.settings import Settings

log = logging.getLogger(__name__)

HEAD_FILE = Path(__file__).resolve().parent / "churn_head.npz"
CARRY_TURNS = 3  # the customer's previous turn, when it is at most this many utterances before the line
# where a turn read sentence by sentence (``Head.sentences``) gets its model hits: 1 its sentences, 0 the whole turn,
# 2 both (its rule hits are judged by their sentence either way)
SENTENCE_HITS = 1
DEFAULT_WEIGHT = 25.0  # points of a category no rule weighs (e.g. dissatisfaction), before × probability
# a call's embeddings: one row per utterance, or ``Embeddings`` (those rows and its long turns' sentence vectors, as
# stored), or a function that gives them (called once the rules have read the call), or None (embed now)
Vectors = np.ndarray | Embeddings | Callable[[], np.ndarray | Embeddings | None] | None
# a category of the customer's previous turn is carried to a line only where the line reads it at this or more: the
# eleventh-round follow-up carried complexity (score 0.96) to «Нет. Компания не рассматривает прекращение договора
# ...» reading it at p 0.00 (eval_heldout11a; no carried hit lost on 11a/11b/10a/10b, docs/benchmarks.md)
FOLLOW_FLOOR = 0.05


@dataclass(frozen=True)
class Reading:
    """The head's probabilities of a call's lines (one row each): ``probs`` read with the turns before (the lines
    said first: alone), ``alone`` each line read by itself. Model hits, look-alikes and the veto all use it."""

    probs: np.ndarray
    alone: np.ndarray


@dataclass(frozen=True)
class ChurnModel:
    head: Head
    embedder: Embedder
    path: Path
    version: str = ""  # the head file's ``head_file.file_version`` (12 hex digits): part of a stored analysis's version

    def probabilities(self, vectors: np.ndarray, before: np.ndarray | None = None) -> np.ndarray:
        return self.head.probabilities(vectors, before)

    def read(self, vectors: np.ndarray, before: np.ndarray | None = None) -> Reading:
        """Each line's probabilities, with the turns before and alone, from one evaluation of the head."""
        if not len(vectors):
            empty = np.zeros((0, len(self.head.categories)))
            return Reading(empty, empty)
        return Reading(*self.head.readings(vectors, before))


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
    reading = model.read(rows, before)
    looks = look_alikes(lines, rows, model, reading=reading)
    pieces = sentences.cut(lines, model.head.sentences)
    parts: dict[int, list[tuple[str, str]]] = {}
    if pieces.lines:
        cut_lines, cut_rows, cut_reading, parts = _by_sentence(lines, rows, before, reading, pieces, model, known)
        looks = {i: why for i, why in looks.items() if i not in parts}
        lines, rows, reading = (cut_lines, cut_rows, cut_reading) if SENTENCE_HITS > 0 else (lines, rows, reading)
    said = {i: set(c) for i, c in (live or {}).items() if i not in looks}
    for h in hits:
        said.setdefault(h.utterance_index, set()).add(h.category)
    hits += sentences.best_per_category(_model_hits_of(lines, rows, ruleset, model, seen, reading, said))
    return hits, looks, parts


def _by_sentence(
    lines: Sequence[tuple[int, Utterance, str]], rows: np.ndarray, before: np.ndarray | None, reading: Reading,
    pieces: sentences.Cut, model: ChurnModel, known: Mapping[str, np.ndarray],
) -> tuple[list[tuple[int, Utterance, str]], np.ndarray, Reading, dict[int, list[tuple[str, str]]]]:  # fmt: skip
    """The lines with the ``pieces``' turns replaced by their sentences (each embedded, unless ``known``: stored
    vectors by text, and read with its turn's turns before), their rows and reading; and per cut turn its sentences
    with why each is a look-alike."""
    cut_rows = sentence_rows([u.text for _, u, _ in pieces.lines], model.embedder, known)
    cut_reading = model.read(cut_rows, None if before is None else np.asarray(before)[pieces.parent])
    numbered = [(n, u, lang) for n, (_, u, lang) in enumerate(pieces.lines)]
    parts = sentences.by_turn(pieces, look_alikes(numbered, cut_rows, model, reading=cut_reading))
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


def look_alikes(
    lines: Sequence[tuple[int, Utterance, str]], rows: np.ndarray, model: ChurnModel, before: np.ndarray | None = None,
    *, reading: Reading | None = None,
) -> dict[int, str]:  # fmt: skip
    """Customer lines the model takes for a look-alike of a risk: utterance index → why (column, probability, the
    nearest labelled look-alike). ``before``: ``turns_before`` of each line (None: each line alone); ``reading``:
    the lines' probabilities already read (then ``before`` is not used). The veto ("no risk in it") needs both
    readings below it: the line with the turns before, and the line alone (the context reader is trained on far
    fewer lines and must not, on its own, silence a rule's hit)."""
    head, found = model.head, {}
    reading = reading or model.read(rows, before)
    probs, alone = reading.probs, reading.alone
    for row, (index, utt, lang) in enumerate(lines):
        col = _look_alike(head, probs[row], alone[row])
        top = max(_top_risk(head, probs[row]), _top_risk(head, alone[row]))
        if utt.role == "rep":
            continue
        if col is not None:
            like = head.nearest(rows[row], k=1, category=head.categories[col])
            quote = f", like \u201c{like[0][0].text}\u201d" if like else ""
            found[index] = f"{DISMISSED}: looks like {head.categories[col]} (p={probs[row, col]:.2f}{quote})"
        elif top < head.veto:
            found[index] = f"{DISMISSED}: no risk in it (every category p<{head.veto:g}, highest {top:.2f})"
        elif top < head.hedge_veto and hedges.hedged(utt.text, lang):
            found[index] = f"{DISMISSED}: no risk in a denial or speculation (every category p<{head.hedge_veto:g})"
    return found


def _top_risk(head: Head, probs: np.ndarray) -> float:
    return max((float(probs[c]) for c in range(len(probs)) if head.is_risk(c)), default=0.0)


# A manager's rule hit is silenced by a look-alike only where the model finds the look-alike more likely than not:
# the eighth-round head's CV-chosen level (0.40) dismissed "we are going to cancel the contract, it's too expensive"
# as another word sense at p=0.44 (tests/cli/test_rules.py::test_test_json_names).
DISMISS_AT_LEAST = 0.5


def _look_alike(head: Head, probs: np.ndarray, alone: np.ndarray | None = None) -> int | None:
    """The look-alike column that wins on this line: at its threshold and above every risk column (given the line
    read ``alone`` too, above every risk column there as well: the context reader alone never makes a look-alike of
    "We're cancelling the contract and moving to HubSpot"); or, given ``alone``, at the head's ``dismiss`` and above
    every risk column in both readings (the level at least ``DISMISS_AT_LEAST``)."""
    risk = _top_risk(head, probs)
    quiet = [c for c in range(len(probs)) if not head.is_risk(c) and probs[c] >= head.threshold_of(c) > 0]
    best = max(quiet, key=lambda c: probs[c], default=None)
    if best is not None and probs[best] > risk and (alone is None or alone[best] > _top_risk(head, alone)):
        return best
    if alone is None or head.dismiss <= 0:
        return None
    both = np.minimum(probs, alone)
    level = max(head.dismiss, DISMISS_AT_LEAST)
    sure = [c for c in range(len(both)) if not head.is_risk(c) and both[c] >= level]
    best = max(sure, key=lambda c: both[c], default=None)
    wins = best is not None and both[best] > max(_top_risk(head, probs), _top_risk(head, alone))
    return best if wins else None


def dismiss(
    hits: Sequence[Hit], looks: dict[int, str], ruleset: RuleSet, parts: dict[int, list[tuple[str, str]]] | None = None
) -> list[Hit]:
    """Rule hits on look-alike lines marked negated with the model's reason (trackers with ``model: false`` and
    model hits untouched); on a turn read sentence by sentence (``parts``: its sentences and why each is a
    look-alike), a rule hit by the sentence that holds it."""
    allowed = {r.id for r in ruleset.rules if r.model}
    out = []
    for h in hits:
        i = h.utterance_index
        why = sentences.reason_for(h, parts[i]) if parts and i in parts else looks.get(i, "")
        if why and h.rule in allowed and not h.negated and h.role != "rep":
            h = replace(h, negated=True, evidence=f"{h.evidence}; {why}".lstrip("; "))
        out.append(h)
    return out


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


def model_hits(
    indexed: Sequence[tuple[int, Utterance, str]],
    vectors: np.ndarray,
    model: ChurnModel,
    *,
    taken: dict[int, set[str]],
    blocked: set[str],
    weights: dict[str, float],
    before: np.ndarray | None = None,
    reading: Reading | None = None,
    said: dict[int, set[str]] | None = None,
) -> list[Hit]:
    """Model hits for ``indexed`` (utterance index, utterance, language), one row of ``vectors`` each.

    ``taken``: categories per utterance that a rule already flagged or an exclusion vetoed; ``blocked``:
    categories the model may not flag at all (tracker ``model: false``); ``weights``: points per category;
    ``before``: ``turns_before`` of each line (None: each line alone); ``reading``: the lines' probabilities
    already read (``ChurnModel.read``; then ``before`` is not used). A look-alike line gets no model hit. ``said``:
    the categories that count on each utterance already (live rule hits): with the head's ``carry`` > 0, a category
    of the customer's previous turn (at most ``CARRY_TURNS`` utterances back) that this line reads at ``carry`` or more,
    under its threshold, is carried over (the customer goes on about it: "All of them, every Monday.")."""
    head = model.head
    reading = reading or model.read(vectors, before)
    probs = reading.probs
    said = {i: set(c) for i, c in (said or {}).items()}
    hits: list[Hit] = []
    previous, before_row = -CARRY_TURNS - 1, -1
    for row, (index, utt, lang) in enumerate(indexed):
        if utt.role == "rep" or not utt.text.strip():
            continue
        near = (head.carry > 0 or bool(head.follow)) and 0 < index - previous <= CARRY_TURNS
        carry, last = said.get(previous, set()) if near else set(), before_row
        previous, before_row = index, row
        if _look_alike(head, probs[row], reading.alone[row]) is not None:
            continue
        for col in np.argsort(-probs[row], kind="stable"):
            category, p = head.categories[col], float(probs[row, col])
            if not head.is_risk(col) or category in blocked | taken.get(index, set()):
                continue
            under = p < head.threshold_of(col)
            why = _goes_on(head, reading, vectors, row, last, int(col)) if under and category in carry else ""
            if not under or why:
                hits.append(_hit(index, utt, lang, category, p, head, vectors[row], weights, why))
                said.setdefault(index, set()).add(category)
    return hits


def _goes_on(head: Head, reading: Reading, vectors: np.ndarray, row: int, last: int, col: int) -> str:
    """Why line ``row`` goes on with column ``col`` of the customer's previous turn (row ``last``), or "": the
    head's learned follow-up (``follow.py``) when it has one, else the line's probability at ``carry`` or more."""
    probs = reading.probs
    if probs[row, col] < FOLLOW_FLOOR:
        return ""
    if not head.follow:
        return f"p>={head.carry:g}" if head.carry > 0 and probs[row, col] >= head.carry else ""
    if last < 0:
        return ""
    near = follow.cosine(np.asarray(vectors[row], np.float64), np.asarray(vectors[last], np.float64))
    row_features = follow.features(probs[row], reading.alone[row], _top_risk(head, probs[row]), probs[last], near, col)
    score = follow.score(head, row_features)
    return f"follow-up {score:.2f}>={head.follow[0]:g}" if score >= head.follow[0] else ""


def _hit(
    index: int, utt: Utterance, lang: str, category: str, p: float, head: Head, vector: np.ndarray,
    weights: dict[str, float], carried: str = "",
) -> Hit:  # fmt: skip
    nearest = head.nearest(vector, k=3, category=category)
    like = "; ".join(f"\u201c{e.text}\u201d ({e.language}, {s:.2f})" for e, s in nearest)
    evidence = f"model: {category} p={p:.2f}" + (f"; like {like}" if like else "")
    if carried:
        evidence += f"; goes on from the customer's previous turn ({category}; {carried})"
    confidence = round(p * (0.8 if utt.role == "unknown" else 1.0), 3)
    how = mood(utt.text, lang)
    evidence += {"speculation": "; speculation (softer)", "threat": "; conditional threat (full weight)"}.get(how, "")
    return Hit(
        f"{MODEL_PREFIX}{category}", f"Model: {category}", category, utt.role, utt.speaker, utt.start, utt.end,
        utt.text.strip(), "", index, lang, weights.get(category, DEFAULT_WEIGHT), confidence, False,
        how == "speculation", evidence,
    )  # fmt: skip


def embed_utterances(texts: Iterable[str], model: ChurnModel) -> np.ndarray:
    return model.embedder.embed(list(texts))
