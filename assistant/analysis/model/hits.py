"""The model's own hits on a call's customer lines: each category read at its threshold (or carried from the
customer's previous turn by the learned follow-up), explained by its probability and nearest labelled lines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.analysis.conditional import mood
from assistant.analysis.model import follow
from assistant.analysis.model.head import Head
from assistant.analysis.model.looks import look_alike, top_risk
from assistant.analysis.model.reading import ChurnModel, Reading
from assistant.analysis.risk import MODEL_PREFIX
from assistant.records import Hit, Utterance

CARRY_TURNS = 3  # the customer's previous turn, when it is at most this many utterances before the line
DEFAULT_WEIGHT = 25.0  # points of a category no rule weighs (e.g. dissatisfaction), before × probability
# a category of the customer's previous turn is carried to a line only where the line reads it at this or more: the
# eleventh-round follow-up carried complexity (score 0.96) to «Нет. Компания не рассматривает прекращение договора
# ...» reading it at p 0.00 (eval_heldout11a; no carried hit lost on 11a/11b/10a/10b, docs/benchmarks.md)
FOLLOW_FLOOR = 0.05


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
        if look_alike(head, probs[row], reading.alone[row]) is not None:
            continue
        for col in np.argsort(-probs[row], kind="stable"):
            category, p = head.categories[col], float(probs[row, col])
            if not head.is_risk(col) or category in blocked | taken.get(index, set()):
                continue
            under = p < head.threshold_of(col)
            why = goes_on(head, reading, vectors, row, last, int(col)) if under and category in carry else ""
            if not under or why:
                hits.append(_hit(index, utt, lang, category, p, head, vectors[row], weights, why))
                said.setdefault(index, set()).add(category)
    return hits


def goes_on(head: Head, reading: Reading, vectors: np.ndarray, row: int, last: int, col: int) -> str:
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
    row_features = follow.features(probs[row], reading.alone[row], top_risk(head, probs[row]), probs[last], near, col)
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
