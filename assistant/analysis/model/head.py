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
REBUILD = "assistant model train"


@dataclass(frozen=True)
class Example:
    """One labelled line the head learned from."""

    text: str
    language: str
    labels: tuple[str, ...]  # () = not a risk
    source: str = ""  # "eval/en.yaml:12", "verdict:41"
    trap: str = ""  # for a line that is no risk: the kind of look-alike it is ("own_metrics", "logistics" ...)


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

    def threshold_of(self, column: int) -> float:
        return self.thresholds[column] if self.thresholds else self.threshold

    def is_risk(self, column: int) -> bool:
        return self.categories[column] not in self.quiet

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        x = (np.asarray(vectors, dtype=np.float64) - self.center) / self.scale
        return _sigmoid(x @ self.weights + self.bias)

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
        "thresholds": list(head.thresholds), "veto": head.veto,
        "examples": [[e.text, e.language, list(e.labels), e.source, e.trap] for e in head.examples],
    }  # fmt: skip
    vectors = head.example_vectors if head.example_vectors is not None else np.zeros((0, head.weights.shape[0]))
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        np.savez_compressed(
            fh, weights=head.weights.astype(np.float32), bias=head.bias.astype(np.float32),
            center=head.center.astype(np.float32), scale=head.scale.astype(np.float32),
            examples=vectors.astype(np.float16), meta=np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8),
        )  # fmt: skip
    tmp.replace(path)


def load_head(path: Path) -> Head:
    """The head in ``path``; ``HeadError`` names the file and the command that rebuilds it."""
    if not path.is_file():
        raise HeadError(f"{path}: the churn-risk model head is missing; rebuild it with `{REBUILD}`")
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            arrays = {name: data[name] for name in ("weights", "bias", "center", "scale", "examples")}
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
    examples = tuple(Example(t, lang, tuple(labels), src, *rest) for t, lang, labels, src, *rest in meta["examples"])
    quiet, thresholds = tuple(meta.get("quiet", ())), tuple(float(t) for t in meta.get("thresholds", ()))
    if not set(quiet) <= set(categories) or len(thresholds) not in (0, len(categories)):
        raise ValueError("quiet columns or thresholds do not match the categories")
    if len(examples) != len(vectors):
        raise ValueError(f"{len(examples)} examples but {len(vectors)} example vectors")
    return Head(
        categories, weights.astype(np.float64), bias.astype(np.float64),
        arrays["center"].astype(np.float64), arrays["scale"].astype(np.float64), float(meta["threshold"]),
        str(meta["embedder"]), examples, vectors, json.dumps(meta.get("info", {})), quiet, thresholds,
        float(meta.get("veto", 0.0)),
    )  # fmt: skip
