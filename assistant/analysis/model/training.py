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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

from assistant.analysis.model.embedding import NAME, Embedder
from assistant.analysis.model.head import Example, Head, save_head, train_head
from assistant.errors import InputError

CATEGORIES = (
    "price", "budget", "competitor", "cancellation", "downgrade", "adoption",
    "complexity", "support", "champion", "payment", "dissatisfaction",
)  # fmt: skip
LANGUAGES = ("en", "it", "ru", "pl", "zh")
KINDS = ("pos", "hyp", "neg", "rep", "sense", "ok")
SEED = 7
L2 = 1e-2
EPOCHS = 400
THRESHOLD = 0.3
_REPO = Path(__file__).resolve().parents[3]
# the labelled lines of a checkout; eval_fresh2 and eval_context are held out and never trained on
TRAINING_CORPORA = ("tests/analysis/eval", "tests/analysis/eval_fresh", "tests/analysis/model_train")


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


def load_examples(folders: Iterable[Path]) -> list[Example]:
    """Every labelled item of every ``*.yaml`` in ``folders`` (README files and other suffixes skipped)."""
    examples: list[Example] = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.yaml")):
            examples.extend(_load_file(path))
    return examples


def _load_file(path: Path) -> list[Example]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the corpus file ({exc})") from exc
    lang = data.get("language") if isinstance(data, dict) else None
    if lang not in LANGUAGES or not isinstance(data.get("items"), list):
        raise InputError(f"{path}: expected 'language:' (one of {', '.join(LANGUAGES)}) and an 'items:' list")
    return [_example(path, str(lang), n, raw) for n, raw in enumerate(data["items"], 1)]


def _example(path: Path, lang: str, number: int, raw: object) -> Example:
    where = f"{path}: item {number}"
    if not isinstance(raw, dict) or not str(raw.get("text", "")).strip():
        raise InputError(f"{where}: an item is a mapping with a non-empty 'text'")
    kind, labels = raw.get("kind"), tuple(str(x) for x in raw.get("labels") or ())
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    unknown = [x for x in labels if x not in CATEGORIES]
    if unknown:
        raise InputError(f"{where}: unknown categories {unknown}; use {', '.join(CATEGORIES)}")
    risk = labels if kind in ("pos", "hyp") else ()
    return Example(str(raw["text"]), lang, risk, f"{path.parent.name}/{path.name}:{number}")


def targets(examples: Sequence[Example], categories: Sequence[str] = CATEGORIES) -> np.ndarray:
    return np.array([[1.0 if c in e.labels else 0.0 for c in categories] for e in examples])


def digest(examples: Sequence[Example]) -> str:
    blob = json.dumps([[e.text, e.language, sorted(e.labels)] for e in examples], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def train(
    examples: Sequence[Example], embedder: Embedder, *, seed: int = SEED, vectors: np.ndarray | None = None
) -> tuple[Head, TrainingReport]:
    """The head trained on ``examples`` (embedded here unless ``vectors`` are given), with a report."""
    if not examples:
        raise InputError("no labelled lines to train on")
    x = embedder.embed([e.text for e in examples]) if vectors is None else vectors
    head = train_head(x, targets(examples), CATEGORIES, seed=seed, l2=L2, epochs=EPOCHS, threshold=THRESHOLD)
    report = _report(examples, seed)
    info = json.dumps({"seed": seed, "digest": report.digest, "examples": report.examples, "l2": L2,
                       "epochs": EPOCHS})  # fmt: skip
    head = replace(head, embedder=NAME, examples=tuple(examples), example_vectors=x.astype(np.float16), info=info)
    return head, report


def _report(examples: Sequence[Example], seed: int) -> TrainingReport:
    per_language = {lang: sum(e.language == lang for e in examples) for lang in LANGUAGES}
    per_category = {c: sum(c in e.labels for e in examples) for c in CATEGORIES}
    per_category["none"] = sum(not e.labels for e in examples)
    return TrainingReport(len(examples), per_language, per_category, digest(examples), seed)


def cross_validate(examples: Sequence[Example], vectors: np.ndarray, *, folds: int = 5, seed: int = SEED) -> np.ndarray:
    """Out-of-fold probabilities (n, categories): each line scored by a head that never saw it."""
    fold = np.random.default_rng(seed).integers(0, folds, len(examples))
    y, out = targets(examples), np.zeros((len(examples), len(CATEGORIES)))
    for f in range(folds):
        train_rows, test_rows = fold != f, fold == f
        head = train_head(vectors[train_rows], y[train_rows], CATEGORIES, seed=seed, l2=L2, epochs=EPOCHS)
        out[test_rows] = head.probabilities(vectors[test_rows])
    return out


def train_and_save(
    folders: Sequence[Path], path: Path, embedder: Embedder, *, seed: int = SEED, extra: Sequence[Example] = ()
) -> TrainingReport:
    """Train on every line of ``folders`` plus ``extra`` (managers' verdicts) and write the head to ``path``."""
    examples = load_examples(folders) + list(extra)
    head, report = train(examples, embedder, seed=seed)
    save_head(head, path)
    return report
