"""The learned churn-risk model: train it (from the labelled corpora and the managers' verdicts), describe it."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.analysis import churn_model, find_hits
from assistant.analysis.call_embeddings import embed_call, long_turn_sentences, sentences_over
from assistant.analysis.model import HEAD_FILE, Embedder, embedder_for
from assistant.analysis.model.head import Example, load_head
from assistant.analysis.model.pool import default_jobs
from assistant.analysis.model.training import (
    SEED,
    TrainingReport,
    default_corpora,
    digest,
    load_examples,
    train_and_save,
)
from assistant.analysis.model.vector_cache import VectorCache
from assistant.analysis.rules import load_ruleset
from assistant.analysis.ruleset import RuleSet
from assistant.errors import AssistantError, InputError
from assistant.records import Transcript, Utterance
from assistant.records.embeddings import EmbeddingStatus, EmbedResult
from assistant.services.app import App
from assistant.services.verdicts import training_examples
from assistant.storage import calls as stored
from assistant.storage import embeddings


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
    jobs: int | None = None,
) -> tuple[Path, TrainingReport]:
    """Train the head on ``corpora`` (default: the checkout's labelled folders), the managers' verdicts (unless
    ``verdicts`` is false) and ``extra`` lines; write it to ``output`` (default: the head in use). The lines'
    vectors and the fitted heads are kept in ``<model_cache_dir>/vectors`` and ``fits`` between runs (``vector_cache``,
    ``fit_cache``); ``jobs``: fits at once (default: the cores, at most 6). The head file is the same, byte for byte,
    for the same lines, seed and rules."""
    path = head_path(app, output)
    if verdicts:
        extra = [*extra, *training_examples(app)]
    embedder = VectorCache(_embedder(app), app.settings.model_cache_dir / "vectors")
    ruleset = load_ruleset(app.settings.rules_dir)
    report = train_and_save(list(corpora or default_corpora()), path, embedder, seed=seed, extra=extra,
                            flagged=lambda examples: rule_flags(examples, ruleset),
                            jobs=default_jobs() if jobs is None else jobs,
                            fits=app.settings.model_cache_dir / "fits")  # fmt: skip
    return path, report


def rule_flags(examples: Sequence[Example], ruleset: RuleSet) -> np.ndarray:
    """Per labelled line, whether the keyword rules flag it as a churn risk (said by the customer, not negated)."""
    flagged = np.zeros(len(examples), bool)
    for lang in sorted({e.language for e in examples}):
        rows = [i for i, e in enumerate(examples) if e.language == lang]
        utterances = tuple(Utterance("customer", "customer", n * 5.0, n * 5.0 + 4.0, examples[i].text, language=lang)
                           for n, i in enumerate(rows))  # fmt: skip
        for hit in find_hits(Transcript(utterances, lang, len(rows) * 5.0, "vtt"), ruleset):
            if hit.role == "customer" and not hit.negated:
                flagged[rows[hit.utterance_index]] = True
    return flagged


def model_info(app: App, file: Path | None = None) -> dict[str, Any]:
    """What the head in use is: file, whether the model is on, embedder, categories, threshold, training."""
    path = head_path(app, file)
    head = load_head(path)
    status, training = embedding_status(app), json.loads(head.info)
    return {
        "file": str(path), "enabled": app.settings.churn_model, "embedder": head.embedder,
        "categories": [c for c in head.categories if c not in head.quiet], "threshold": head.threshold,
        "thresholds": {c: head.threshold_of(i) for i, c in enumerate(head.categories)}, "look_alikes": list(head.quiet),
        "veto": head.veto, "dismiss": head.dismiss, "follow": list(head.follow), "reader_share": head.reader_share,
        "vote": head.vote, "vote_k": head.vote_k, "examples": len(head.examples),
        "training": training, "training_lines": training_lines(training),
        "stored_embeddings": {"model": status.model, "utterances": status.utterances, "current": status.current,
                              "stale": status.stale, "missing": status.missing, "calls_due": status.calls_due},
    }  # fmt: skip


# the command that trains the shipped head from the checkout's labelled lines (no managers' verdicts: none ship)
REBUILD_SHIPPED = f"assistant model train --seed {SEED} --no-verdicts"


def training_lines(info: dict[str, Any]) -> dict[str, Any]:
    """Whether a head (its training ``info``) was trained on the labelled lines now in the checkout: their digest
    against the head's, and the command that rebuilds it from them where they differ (``same`` None outside a
    checkout)."""
    try:
        examples = load_examples(default_corpora())
    except InputError as exc:
        return {"head": info.get("digest"), "repo": None, "same": None, "note": str(exc)}
    now, trained = digest(examples), info.get("digest")
    out = {"head": trained, "repo": now, "repo_lines": len(examples), "same": trained == now}
    if trained != now:
        out["note"] = (f"the head was trained on other lines ({info.get('examples', '?')} lines, digest {trained}) "
                       f"than the {len(examples)} in this checkout (digest {now}); `{REBUILD_SHIPPED}` trains "
                       "one on them")  # fmt: skip
    return out


def embedding_status(app: App) -> EmbeddingStatus:
    """How many stored utterances have an embedding of the current embedding model, another model's, or none."""
    return embeddings.embedding_status(app.store, model=_embedder(app).name)


def calls_to_embed(app: App, call_ids: Sequence[int] | None = None, *, every: bool = False) -> list[int]:
    """``call_ids``; else every call (``every``); else the calls with an utterance not embedded by the current
    model (none stored, or another model's), and those whose long customer turns lack a stored vector of a
    sentence the churn-risk model reads them by (``sentences_due``)."""
    if call_ids:
        return list(dict.fromkeys(call_ids))
    if every:
        return stored.call_ids(app.store)
    due = embeddings.calls_due(app.store, model=_embedder(app).name)
    return sorted({*due, *sentences_due(app, skip=set(due))})


def sentences_due(app: App, *, skip: Collection[int] = ()) -> list[int]:
    """The calls (but ``skip``) with a long customer turn whose sentences, as the churn-risk model cuts it now, are
    not all stored with a vector of the current model: calls stored before the sentences were kept, or cut another
    way by a new head. Only the calls with a long enough line are read."""
    over = sentences_over(churn_model(app.settings)[0])
    if over <= 0:
        return []
    embedder, due = _embedder(app), []
    for call_id in embeddings.calls_with_long_lines(app.store, longer_than=2 * over):
        if call_id in skip:
            continue
        wanted = long_turn_sentences(stored.get_call(app.store, call_id=call_id).transcript, over)
        have = embeddings.load_sentences(app.store, call_id=call_id, model=embedder.name, dims=embedder.dims,
                                         wanted=wanted)  # fmt: skip
        if len(have) < len(wanted):
            due.append(call_id)
    return due


def embed_calls(app: App, call_ids: Sequence[int]) -> Iterator[EmbedResult]:
    """Embed every utterance of each call with the current model, and the sentences the churn-risk model reads its
    long customer turns by, and store the vectors (replacing what was stored, in one transaction per call). A
    failure on one call is reported and the others go on."""
    embedder, over = _embedder(app), sentences_over(churn_model(app.settings)[0])
    for call_id in call_ids:
        try:
            call = stored.get_call(app.store, call_id=call_id)
            made = embed_call(call.transcript, embedder, over)
            embeddings.save_embeddings(app.store, call_id=call_id, embeddings=made)
            yield EmbedResult(call_id, "embedded", len(call.transcript.utterances))
        except AssistantError as exc:
            yield EmbedResult(call_id, "failed", message=str(exc))


def _embedder(app: App) -> Embedder:
    """The process-wide sentence embedder, with this app's threads and encoder cache."""
    return embedder_for(app.settings)
