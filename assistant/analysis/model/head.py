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
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import HeadError

FORMAT = 1
CONTEXT_EARLIER = 0.5  # weight of the second turn before a line in its context row
_PARTS = ("weights", "bias", "center", "scale")
REBUILD = "assistant model train"


@dataclass(frozen=True)
class Example:
    """One labelled line the head learned from."""

    text: str
    language: str
    labels: tuple[str, ...]  # () = not a risk
    source: str = ""  # "eval/en.yaml:12", "verdict:41"
    trap: str = ""  # for a line that is no risk: the kind of look-alike it is ("own_metrics", "logistics" ...)
    context: tuple[str, ...] = ()  # the turns said just before it, oldest first (the last one or two count)
    group: str = ""  # lines of one contrast pair share it ("eval_heldout3:a1"): cross-validation keeps them together


@dataclass(frozen=True)
class Head:
    categories: tuple[str, ...]
    weights: np.ndarray  # (d, k), on standardised vectors
    bias: np.ndarray  # (k,)
    center: np.ndarray  # (d,) mean of the training vectors
    scale: np.ndarray  # (d,) their standard deviation
    threshold: float  # a category fires at probability >= threshold
    embedder: str  # name of the embedder the head was trained on
    examples: tuple[Example, ...] = ()
    example_vectors: np.ndarray | None = None  # (n, d) float16, unit rows
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
        read alone, from one evaluation of the head (and one of the reader on the lines said after another turn)."""
        x = (np.asarray(vectors, dtype=np.float64) - self.center) / self.scale
        alone = _sigmoid(x @ self.weights + self.bias)
        if self.reader is None or before is None or not len(alone):
            return alone, alone
        probs = alone.copy()
        said_after = np.abs(np.asarray(before)).sum(axis=1) > 0
        if said_after.any():
            pair = np.hstack([np.asarray(vectors)[said_after], np.asarray(before)[said_after]])
            probs[said_after] = (probs[said_after] + self.reader.probabilities(pair)) / 2.0
        return probs, alone

    def nearest(self, vector: np.ndarray, k: int = 3, category: str | None = None) -> list[tuple[Example, float]]:
        """The ``k`` labelled examples most similar to ``vector`` (of ``category`` when given), with their cosine."""
        if self.example_vectors is None or not self.examples:
            return []
        rows = self.example_vectors.astype(np.float32)
        v = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1) * max(float(np.linalg.norm(v)), 1e-9)
        sims = rows @ v / np.where(norms > 0, norms, 1.0)
        order = np.argsort(-sims, kind="stable")
        picked = [i for i in order if category is None or category in (*self.examples[i].labels, self.examples[i].trap)]
        picked = picked[:k]
        return [(self.examples[i], float(sims[i])) for i in picked]


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
) -> Head:
    """Fit one logistic regression per category (columns of ``targets``) on ``vectors``."""
    raw = np.asarray(vectors, dtype=np.float64)
    center, scale = raw.mean(axis=0), raw.std(axis=0) + 1e-6
    x = (raw - center) / scale
    y = np.asarray(targets, dtype=np.float64)
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 0.01, size=(x.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    sample = np.where(y > 0, positive_weight, 1.0)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(epochs):
        lw, lb = w + 0.9 * vw, b + 0.9 * vb  # Nesterov look-ahead
        error = (_sigmoid(x @ lw + lb) - y) * sample / len(x)
        vw = 0.9 * vw - rate * (x.T @ error + l2 * lw)
        vb = 0.9 * vb - rate * error.sum(axis=0)
        w, b = w + vw, b + vb
    return Head(categories, w, b, center, scale, threshold, embedder="")


def save_head(head: Head, path: Path) -> None:
    """Write the head as one compressed .npz (atomically: a half-written file never replaces a good one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": FORMAT, "categories": list(head.categories), "threshold": head.threshold,
        "embedder": head.embedder, "info": json.loads(head.info), "quiet": list(head.quiet),
        "thresholds": list(head.thresholds), "veto": head.veto, "dismiss": head.dismiss,
        "examples": [[e.text, e.language, list(e.labels), e.source, e.trap, list(e.context), e.group]
                     for e in head.examples],
    }  # fmt: skip
    vectors = head.example_vectors if head.example_vectors is not None else np.zeros((0, head.weights.shape[0]))
    tmp = path.with_name(path.name + ".tmp")
    arrays = {name: getattr(head, name).astype(np.float32) for name in _PARTS}
    if head.reader is not None:
        arrays.update({f"reader_{name}": getattr(head.reader, name).astype(np.float32) for name in _PARTS})
    with tmp.open("wb") as fh:
        np.savez_compressed(
            fh, **arrays, examples=vectors.astype(np.float16),
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8),
        )  # fmt: skip
    tmp.replace(path)


def load_head(path: Path) -> Head:
    """The head in ``path``; ``HeadError`` names the file and the command that rebuilds it."""
    if not path.is_file():
        raise HeadError(f"{path}: the churn-risk model head is missing; rebuild it with `{REBUILD}`")
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            arrays = {name: data[name] for name in data.files if name != "meta"}
        return _head(meta, arrays)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise HeadError(f"{path}: the churn-risk model head is corrupt ({exc}); rebuild it with `{REBUILD}`") from exc


def _head(meta: dict, arrays: dict[str, np.ndarray]) -> Head:
    weights, bias, vectors = arrays["weights"], arrays["bias"], arrays["examples"]
    if meta.get("format") != FORMAT:
        raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT}")
    categories = tuple(meta["categories"])
    if weights.ndim != 2 or weights.shape[1] != len(categories) or bias.shape != (len(categories),):
        raise ValueError(f"weights {weights.shape} do not match {len(categories)} categories")
    if arrays["center"].shape != (weights.shape[0],) or arrays["scale"].shape != (weights.shape[0],):
        raise ValueError("center / scale do not match the weights")
    examples = tuple(_example(row) for row in meta["examples"])
    quiet, thresholds = tuple(meta.get("quiet", ())), tuple(float(t) for t in meta.get("thresholds", ()))
    if not set(quiet) <= set(categories) or len(thresholds) not in (0, len(categories)):
        raise ValueError("quiet columns or thresholds do not match the categories")
    if len(examples) != len(vectors):
        raise ValueError(f"{len(examples)} examples but {len(vectors)} example vectors")
    return Head(
        categories, weights.astype(np.float64), bias.astype(np.float64),
        arrays["center"].astype(np.float64), arrays["scale"].astype(np.float64), float(meta["threshold"]),
        str(meta["embedder"]), examples, vectors, json.dumps(meta.get("info", {})), quiet, thresholds,
        float(meta.get("veto", 0.0)), float(meta.get("dismiss", 0.0)), _reader(arrays, categories),
    )  # fmt: skip


def _reader(arrays: dict[str, np.ndarray], categories: tuple[str, ...]) -> Head | None:
    """The context reader kept beside the head (``reader_*`` arrays), or None for a head that reads one line."""
    if "reader_weights" not in arrays:
        return None
    w, b, center, scale = (arrays[f"reader_{name}"].astype(np.float64) for name in _PARTS)
    if w.ndim != 2 or w.shape != (2 * arrays["weights"].shape[0], len(categories)) or b.shape != (len(categories),):
        raise ValueError(f"reader weights {w.shape} do not match the head")
    if center.shape != (w.shape[0],) or scale.shape != (w.shape[0],):
        raise ValueError("reader center / scale do not match its weights")
    return Head(categories, w, b, center, scale, 0.5, embedder="")


def _example(row: list) -> Example:
    text, lang, labels, source, *rest = row
    trap = str(rest[0]) if rest else ""
    context = tuple(str(t) for t in rest[1]) if len(rest) > 1 else ()
    group = str(rest[2]) if len(rest) > 2 else ""
    return Example(str(text), str(lang), tuple(labels), str(source), trap, context, group)
