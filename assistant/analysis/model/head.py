"""The trained head of the churn-risk model: one-vs-rest logistic regression over sentence embeddings (numpy).

    head = train_head(X, Y, categories, seed=7)      # X (n, d) unit vectors, Y (n, k) 0/1
    head.probabilities(X)                              # (n, k) sigmoid outputs
    save_head(head, path); load_head(path)            # one .npz file; HeadError names a bad file

The head also keeps the labelled examples it was trained on (their embeddings as float16, text, language and
labels): a model hit is explained by the nearest of them. Training is deterministic for a given seed: full-batch
gradient descent with Nesterov momentum, no shuffling, float64 arithmetic.
"""

from __future__ import annotations

import json
import struct
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.analysis.model.head_file import (
    FORMAT,
    Members,
    StoredExamples,
    example_of,
    example_row,
    tags_of,
    write_members,
)
from assistant.analysis.model.labelled import Example as Example
from assistant.analysis.model.vote import blend, pool_rows, subset, votes
from assistant.errors import HeadError

HIDDEN_RATE = 0.5  # the step of a head with a hidden layer (the linear head's is 2.0)
CONTEXT_EARLIER = 0.5  # weight of the second turn before a line in its context row
_NEAREST_LOCK = threading.Lock()
_PARTS = ("weights", "bias", "center", "scale")
_HIDDEN = ("hidden_weights", "hidden_bias")
REBUILD = "assistant model train"
READ_FORMATS = (1, FORMAT)  # format 1: the examples in the meta, every member compressed (read, never written)


@dataclass(frozen=True)
class Head:
    categories: tuple[str, ...]
    weights: np.ndarray  # (d, k), on standardised vectors
    bias: np.ndarray  # (k,)
    center: np.ndarray  # (d,) mean of the training vectors
    scale: np.ndarray  # (d,) their standard deviation
    threshold: float  # a category fires at probability >= threshold
    embedder: str  # name of the embedder the head was trained on
    examples: Sequence[Example] = ()  # a tuple when trained; read from a file: parsed as quoted (head_file)
    example_vectors: np.ndarray | None = None  # (n, d) float16, unit rows (read from a file: mapped from it)
    info: str = "{}"  # JSON: seed, corpus digest, cross-validated scores ...
    quiet: tuple[str, ...] = ()  # columns that are look-alikes of a risk (own metrics, logistics ...), not risks
    thresholds: tuple[float, ...] = ()  # per column, chosen by cross-validation; () = ``threshold`` for all
    veto: float = 0.0  # a line whose every risk column is below this has its rule hits dismissed (0 = never)
    # a line whose look-alike column is at least this and above every risk column in both readings (with the turns
    # before and alone) is a look-alike too, whatever that column's threshold (0 = only at the thresholds)
    dismiss: float = 0.0
    # the context reader: a head over [line, before] (``before``: the turn before the line plus half the one before
    # that), trained on the lines written with the turns before them; a line said after another turn is scored by
    # the mean of this head and the reader (None: one line at a time)
    reader: Head | None = None
    # a risk column the line alone reads at ``sure`` or more is never lowered by the reader (0: plain mean)
    sure: float = 0.0
    # a category of the customer's previous turn that this line reads at ``carry`` or more counts (0: never)
    carry: float = 0.0
    # one hidden layer (tanh) before the sigmoids: (d, h) and (h,), ``weights`` then (h, k) (None: linear)
    hidden_weights: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None
    # the learned follow-up: a category of the customer's previous turn counts on this line when
    # sigmoid(bias + w · follow_features) >= level; stored as (level, bias, *w) (): off, ``carry`` decides
    follow: tuple[float, ...] = ()
    # the context reader's share of a line's reading with the turns before (the rest: the line read alone)
    reader_share: float = 0.5
    # the nearest-examples vote's share of both readings (``vote.py``: the cosine-weighted share of the ``vote_k``
    # nearest stored examples with each column; 0: the head alone)
    vote: float = 0.0
    vote_k: int = 10
    # a customer turn of more than this many words (and more than one sentence) is read sentence by sentence
    # (``sentences.py``; 0: as one line)
    sentences: int = 0
    # a line that opens with a denial or speculates (``hedges.py``) and whose every risk column is below this has its
    # rule hits dismissed, as under ``veto`` (0 = never)
    hedge_veto: float = 0.0
    # a look-alike column silences a line (``looks.look_alike``) only where it is above every risk column by this
    # much in both readings (0 = just above)
    look_margin: float = 0.0

    def threshold_of(self, column: int) -> float:
        return self.thresholds[column] if self.thresholds else self.threshold

    def is_risk(self, column: int) -> bool:
        return self.categories[column] not in self.quiet

    def probabilities(self, vectors: np.ndarray, before: np.ndarray | None = None) -> np.ndarray:
        """(n, k) probabilities of the lines ``vectors``; with a ``reader``, the rows of ``before`` that are not zero
        (``context_rows`` of the turns before each line) bring the context in."""
        return self.readings(vectors, before)[0]

    def readings(self, vectors: np.ndarray, before: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(with_context, alone)``: the lines' probabilities read with the turns before (as ``probabilities``) and
        read alone, from one evaluation of the head (and one of the reader on the lines said after another turn);
        with a ``vote``, both blended with the lines' nearest-examples vote (one matrix product)."""
        probs, alone = self._readings(vectors, before)
        if self.vote <= 0 or not len(alone) or self.example_vectors is None or not len(self.examples):
            return probs, alone
        rows, norms = self._example_rows()
        v = votes(np.asarray(vectors), rows, norms, self._vote_tags(), self.vote_k)
        return blend(probs, v, self.vote), blend(alone, v, self.vote)

    def _readings(self, vectors: np.ndarray, before: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        alone = self._alone(np.asarray(vectors, dtype=np.float64))
        if self.reader is None or before is None or not len(alone):
            return alone, alone
        probs = alone.copy()
        said_after = np.abs(np.asarray(before)).sum(axis=1) > 0
        if said_after.any():
            pair = np.hstack([np.asarray(vectors)[said_after], np.asarray(before)[said_after]])
            risk = np.array([self.is_risk(c) for c in range(len(self.categories))])
            probs[said_after] = combine(alone[said_after], self.reader.probabilities(pair), self.sure, risk,
                                        self.reader_share)  # fmt: skip
        return probs, alone

    def _alone(self, raw: np.ndarray) -> np.ndarray:
        x = (raw - self.center) / self.scale
        if self.hidden_weights is not None:
            x = np.tanh(x @ self.hidden_weights + self.hidden_bias)
        return _sigmoid(x @ self.weights + self.bias)

    def nearest(self, vector: np.ndarray, k: int = 3, category: str | None = None) -> list[tuple[Example, float]]:
        """The ``k`` labelled examples most similar to ``vector`` (of ``category`` when given), with their cosine."""
        if self.example_vectors is None or not self.examples:
            return []
        rows, row_norms, among = self._examples_of(category)
        v = np.asarray(vector, dtype=np.float32)
        norms = row_norms * max(float(np.linalg.norm(v)), 1e-9)
        sims = (rows @ v)[: len(among)] / np.where(norms > 0, norms, 1.0)
        picked = np.argsort(-sims, kind="stable")[:k]
        return [(self.examples[among[i]], float(sims[i])) for i in picked]

    def _example_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The examples' vectors as float32 (laid out for the vote's product: ``vote.pool_rows``) and their norms,
        computed once per head (the first reading)."""
        with _NEAREST_LOCK:
            if "_rows" not in self.__dict__:
                object.__setattr__(self, "_rows", pool_rows(np.asarray(self.example_vectors)))
            return self.__dict__["_rows"]

    def _examples_of(self, category: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows, norms and indices of the examples of ``category`` (all: None), kept per category
        (``vote.subset``): an explanation reads only them."""
        rows, norms = self._example_rows()
        chosen = self._tagged(category) if category is not None else np.ones(len(norms), bool)
        with _NEAREST_LOCK:
            kept = self.__dict__.setdefault("_subsets", {})
            if category not in kept:
                kept[category] = subset(rows, norms, chosen)
            return kept[category]

    def _vote_tags(self) -> np.ndarray:
        """(examples, columns) 0/1: which stored examples carry each column (what the vote counts), kept per head."""
        with _NEAREST_LOCK:
            if "_vote_rows" not in self.__dict__:
                stored = self.examples.tags() if isinstance(self.examples, StoredExamples) else None
                tags = stored if stored is not None else tags_of(self.examples, self.categories)
                object.__setattr__(self, "_vote_rows", np.asarray(tags, dtype=np.float32))
            return self.__dict__["_vote_rows"]

    def _tagged(self, category: str) -> np.ndarray:
        """Which examples are labelled ``category`` or are that look-alike (one bool each), kept per category."""
        with _NEAREST_LOCK:
            tags = self.__dict__.setdefault("_tags", {})
            if category not in tags:
                stored = self.examples.tagged(category) if isinstance(self.examples, StoredExamples) else None
                tags[category] = stored if stored is not None else np.array(
                    [category in (*e.labels, e.trap) for e in self.examples], bool)  # fmt: skip
            return tags[category]


def combine(alone: np.ndarray, reader: np.ndarray, sure: float, risk: np.ndarray, share: float = 0.5) -> np.ndarray:
    """A line's probabilities with the turns before: the line read ``alone`` and the ``reader``'s, the reader's at
    ``share`` (0.5: their mean); where
    ``sure`` > 0, a ``risk`` column the line alone reads at ``sure`` or more keeps at least that (the turns before
    may raise a category the line is sure of, never lower it)."""
    mean = (1.0 - share) * alone + share * reader
    if sure <= 0:
        return mean
    keep = (alone >= sure) & np.asarray(risk, bool)
    return np.where(keep, np.maximum(mean, alone), mean)


def context_rows(last: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """The turns before each line as one row: the last turn plus ``CONTEXT_EARLIER`` × the one before it (unit
    [e5 | USE] rows; a zero row where there is no such turn)."""
    return np.asarray(last, dtype=np.float32) + CONTEXT_EARLIER * np.asarray(earlier, dtype=np.float32)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def train_head(
    vectors: np.ndarray,
    targets: np.ndarray,
    categories: tuple[str, ...],
    *,
    seed: int = 7,
    l2: float = 1e-3,
    epochs: int = 400,
    rate: float = 2.0,
    threshold: float = 0.5,
    positive_weight: float = 1.0,
    hidden: int = 0,
    weights: np.ndarray | None = None,
) -> Head:
    """Fit one logistic regression per category (columns of ``targets``) on ``vectors``; with ``hidden`` > 0, on a
    hidden layer of that many tanh units fitted with them (``train_hidden``). ``weights``: each row's weight in the
    loss (None: all 1; the linear head only)."""
    raw = np.asarray(vectors, dtype=np.float64)
    center, scale = raw.mean(axis=0), raw.std(axis=0) + 1e-6
    x = (raw - center) / scale
    y = np.asarray(targets, dtype=np.float64)
    rng = np.random.default_rng(seed)
    if hidden > 0:
        w1, b1, w, b = _train_hidden(x, y, rng, hidden=hidden, l2=l2, epochs=epochs, rate=HIDDEN_RATE)
        return Head(categories, w, b, center, scale, threshold, embedder="", hidden_weights=w1, hidden_bias=b1)
    w = rng.normal(0.0, 0.01, size=(x.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    sample = np.where(y > 0, positive_weight, 1.0)
    if weights is not None:
        sample = sample * np.asarray(weights, dtype=np.float64).reshape(-1, 1)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(epochs):
        lw, lb = w + 0.9 * vw, b + 0.9 * vb  # Nesterov look-ahead
        error = (_sigmoid(x @ lw + lb) - y) * sample / len(x)
        vw = 0.9 * vw - rate * (x.T @ error + l2 * lw)
        vb = 0.9 * vb - rate * error.sum(axis=0)
        w, b = w + vw, b + vb
    return Head(categories, w, b, center, scale, threshold, embedder="")


def _train_hidden(
    x: np.ndarray, y: np.ndarray, rng: np.random.Generator, *, hidden: int, l2: float, epochs: int, rate: float
) -> list[np.ndarray]:
    """[w1, b1, w2, b2] of tanh(x w1 + b1) w2 + b2 → sigmoid: full-batch gradient descent with Nesterov momentum on
    the mean cross-entropy plus ``l2`` on both weight matrices; float64, deterministic for ``rng``."""
    params = [rng.normal(0.0, 1.0 / np.sqrt(x.shape[1]), (x.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0.0, 1.0 / np.sqrt(hidden), (hidden, y.shape[1])), np.zeros(y.shape[1])]  # fmt: skip
    moment = [np.zeros_like(q) for q in params]
    for _ in range(epochs):
        w1, b1, w2, b2 = (q + 0.9 * m for q, m in zip(params, moment, strict=True))  # Nesterov look-ahead
        a = np.tanh(x @ w1 + b1)
        error = (_sigmoid(a @ w2 + b2) - y) / len(x)
        back = (error @ w2.T) * (1.0 - a * a)
        grads = [x.T @ back + l2 * w1, back.sum(axis=0), a.T @ error + l2 * w2, error.sum(axis=0)]
        moment = [0.9 * m - rate * g for m, g in zip(moment, grads, strict=True)]
        params = [q + m for q, m in zip(params, moment, strict=True)]
    return params


def save_head(head: Head, path: Path) -> None:
    """Write the head as one uncompressed .npz (``head_file``: the examples' vectors mapped, their rows parsed
    when quoted), atomically: a half-written file never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": FORMAT, "categories": list(head.categories), "threshold": head.threshold,
        "embedder": head.embedder, "info": json.loads(head.info), "quiet": list(head.quiet),
        "thresholds": list(head.thresholds), "veto": head.veto, "dismiss": head.dismiss,
        "sure": head.sure, "carry": head.carry, "follow": list(head.follow), "examples": len(head.examples),
        "reader_share": head.reader_share, "vote": head.vote, "vote_k": head.vote_k, "sentences": head.sentences,
        "hedge_veto": head.hedge_veto, "look_margin": head.look_margin,
    }  # fmt: skip
    vectors = head.example_vectors if head.example_vectors is not None else np.zeros((0, head.center.shape[0]))
    rows = "".join(json.dumps(example_row(e), ensure_ascii=False) + "\n" for e in head.examples)
    arrays = {"meta": np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8), **_arrays(head, "")}
    if head.reader is not None:
        arrays.update(_arrays(head.reader, "reader_"))
    arrays.update(examples=np.asarray(vectors).astype(np.float16), example_tags=tags_of(head.examples, head.categories),
                  example_rows=np.frombuffer(rows.encode("utf-8"), np.uint8))  # fmt: skip
    write_members(path, arrays)


def _arrays(head: Head, prefix: str) -> dict[str, Any]:
    names = _PARTS + (_HIDDEN if head.hidden_weights is not None else ())
    return {f"{prefix}{name}": getattr(head, name).astype(np.float32) for name in names}


def load_head(path: Path) -> Head:
    """The head in ``path``; ``HeadError`` names the file and the command that rebuilds it."""
    if not path.is_file():
        raise HeadError(f"{path}: the churn-risk model head is missing; rebuild it with `{REBUILD}`")
    try:
        members = Members(path)
        meta = json.loads(bytes(members.array("meta")).decode("utf-8"))
        arrays = {name: members.array(name) for name in members.names - {"meta", "example_rows", "example_tags"}}
        return _head(meta, arrays, _examples(meta, members))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, zipfile.BadZipFile, struct.error) as exc:
        raise HeadError(f"{path}: the churn-risk model head is corrupt ({exc}); rebuild it with `{REBUILD}`") from exc


def _examples(meta: dict, members: Members) -> Sequence[Example]:
    """The labelled lines: format 1 keeps them in its meta, format 2 as rows parsed when used (``StoredExamples``,
    checked here: as many rows and tags as the count the meta gives)."""
    if meta.get("format") == 1:
        return tuple(example_of(row) for row in meta["examples"])
    rows, tags, count = members.array("example_rows"), members.array("example_tags"), int(meta["examples"])
    ends = np.flatnonzero(rows == ord("\n")) + 1
    if len(ends) != count or (count and ends[-1] != len(rows)) or tags.shape != (count, len(meta["categories"])):
        raise ValueError(f"{count} examples but {len(ends)} example rows and tags {tags.shape}")
    return StoredExamples(rows, np.concatenate([[0], ends]), tags, meta["categories"])


def _head(meta: dict, arrays: dict[str, np.ndarray], examples: Sequence[Example]) -> Head:
    vectors = arrays["examples"]
    if meta.get("format") not in READ_FORMATS:
        raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT}")
    categories = tuple(meta["categories"])
    main = _layers(arrays, "", len(categories))
    quiet, thresholds = tuple(meta.get("quiet", ())), tuple(float(t) for t in meta.get("thresholds", ()))
    if not set(quiet) <= set(categories) or len(thresholds) not in (0, len(categories)):
        raise ValueError("quiet columns or thresholds do not match the categories")
    if len(examples) != len(vectors):
        raise ValueError(f"{len(examples)} examples but {len(vectors)} example vectors")
    reader = None
    if "reader_weights" in arrays:
        reader = replace(_layers(arrays, "reader_", len(categories), 2 * len(main.center)), categories=categories)
    return Head(
        categories, main.weights, main.bias, main.center, main.scale, float(meta["threshold"]),
        str(meta["embedder"]), examples, vectors, json.dumps(meta.get("info", {})), quiet, thresholds,
        float(meta.get("veto", 0.0)), float(meta.get("dismiss", 0.0)), reader,
        float(meta.get("sure", 0.0)), float(meta.get("carry", 0.0)), main.hidden_weights, main.hidden_bias,
        tuple(float(v) for v in meta.get("follow", ())), float(meta.get("reader_share", 0.5)),
        float(meta.get("vote", 0.0)), int(meta.get("vote_k", 10)), int(meta.get("sentences", 0)),
        float(meta.get("hedge_veto", 0.0)), float(meta.get("look_margin", 0.0)),
    )  # fmt: skip


def _layers(arrays: dict[str, np.ndarray], prefix: str, k: int, dims: int | None = None) -> Head:
    """The arrays of one head (``prefix``: "" or "reader_") checked against each other, as a bare ``Head``: ``k``
    columns, ``dims`` inputs (None: whatever its ``center`` says)."""
    w, b, center, scale = (arrays[f"{prefix}{name}"].astype(np.float64) for name in _PARTS)
    w1, b1 = (arrays[f"{prefix}{n}"].astype(np.float64) if f"{prefix}{n}" in arrays else None for n in _HIDDEN)
    what = "reader" if prefix else "head"
    if w.ndim != 2 or w.shape[1] != k or b.shape != (k,):
        raise ValueError(f"{what} weights {w.shape} do not match {k} categories")
    inputs = w.shape[0] if w1 is None else w1.shape[0]
    if (dims is not None and inputs != dims) or center.shape != (inputs,) or scale.shape != (inputs,):
        raise ValueError(f"{what} weights, center and scale do not match its inputs ({dims or inputs})")
    if w1 is not None and (w1.ndim != 2 or b1 is None or b1.shape != (w.shape[0],) or w1.shape[1] != w.shape[0]):
        raise ValueError(f"{what} hidden layer does not match its weights")
    return Head((), w, b, center, scale, 0.5, "", hidden_weights=w1, hidden_bias=b1)
