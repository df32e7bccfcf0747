"""The learned churn-risk model: train it (from the labelled corpora and the managers' verdicts), describe it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.analysis.model import HEAD_FILE, get_embedder
from assistant.analysis.model.head import Example, load_head
from assistant.analysis.model.training import SEED, TrainingReport, default_corpora, train_and_save
from assistant.services.app import App
from assistant.services.verdicts import training_examples


def head_path(app: App, file: Path | None = None) -> Path:
    """The head file in use: ``file``, else the ``churn_model_file`` setting, else the one shipped."""
    return Path(file or app.settings.churn_model_file or HEAD_FILE)


def train_model(
    app: App,
    corpora: Sequence[Path] | None = None,
    output: Path | None = None,
    *,
    seed: int = SEED,
    verdicts: bool = True,
    extra: Sequence[Example] = (),
) -> tuple[Path, TrainingReport]:
    """Train the head on ``corpora`` (default: the checkout's labelled folders), the managers' verdicts (unless
    ``verdicts`` is false) and ``extra`` lines; write it to ``output`` (default: the head in use)."""
    path = head_path(app, output)
    if verdicts:
        extra = [*extra, *training_examples(app)]
    embedder = get_embedder(app.settings.embedding_threads)
    report = train_and_save(list(corpora or default_corpora()), path, embedder, seed=seed, extra=extra)
    return path, report


def model_info(app: App, file: Path | None = None) -> dict[str, Any]:
    """What the head in use is: file, whether the model is on, embedder, categories, threshold, training."""
    path = head_path(app, file)
    head = load_head(path)
    return {
        "file": str(path), "enabled": app.settings.churn_model, "embedder": head.embedder,
        "categories": list(head.categories), "threshold": head.threshold, "examples": len(head.examples),
        "training": json.loads(head.info),
    }  # fmt: skip
