"""Ingest files: THE one loop, used by `assistant ingest`, the folder watcher, and later web uploads and queue
workers. Each file goes through the pipeline on its own (a bad file is a ``failed`` result, the batch goes
on); the post-ingest steps are composed here and only here: after each stored call the alerts due are sent,
after the batch the search index is brought up to date."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.alerts.delivery import Delivery
from assistant.library.search import refresh
from assistant.pipeline import AUDIO_SUFFIXES, Ingestor, IngestResult, discover, one_line, shown
from assistant.records import CallMetadata
from assistant.services.app import App

__all__ = ["IngestHooks", "IngestResult", "discover", "ingest_files", "new_ingestor", "shown"]
log = logging.getLogger("assistant.ingest")


def _nothing(*_args: object) -> None:
    return None


@dataclass(frozen=True)
class IngestHooks:
    """What an edge wants to hear while a batch runs (every hook optional)."""

    start: Callable[[float], None] = _nothing  # total audio seconds of the batch (0 for transcripts)
    begin: Callable[[Path], None] = _nothing  # a file's ingest starts now
    progress: Callable[[Path, float], None] = _nothing  # the file in work, audio seconds done in the batch
    result: Callable[[IngestResult], None] = _nothing  # each file's result, as soon as it is known
    delivery: Callable[[Delivery], None] = _nothing  # each alert delivery attempted after a stored call
    warning: Callable[[str], None] = _nothing  # a post-ingest step that failed (the call itself is stored)


def new_ingestor(app: App) -> Ingestor:
    """An ingestor for a batch: the Whisper model and the rules are built once, on first use."""
    return Ingestor(app.settings, app.store)


def ingest_files(
    app: App,
    files: Sequence[Path],
    *,
    options: CallMetadata | None = None,
    force: bool = False,
    deliver: bool = True,
    hooks: IngestHooks | None = None,
    ingestor: Ingestor | None = None,
    replaces: Mapping[Path, int] | None = None,
    refresh_index: bool = True,
) -> list[IngestResult]:
    """Ingest ``files`` (see ``discover`` for folders) in order; invalid rules or alert policies stop the
    batch before any file is touched. Never raises for one bad file. ``replaces``: file → id of the stored
    call it supersedes (the watcher's completed upload replacing its partial version). ``refresh_index=False``:
    the caller brings the search index up to date (a queue worker queues one refresh job for many imports)."""
    hooks = hooks or IngestHooks()
    ingestor = ingestor or new_ingestor(app)
    ingestor.prepare()
    seconds = _durations(files) if hooks.start is not _nothing else dict.fromkeys(files, 0.0)
    hooks.start(sum(seconds.values()))
    results: list[IngestResult] = []
    done = 0.0
    for path in files:

        def tick(processed: float, base: float = done, current: Path = path) -> None:
            hooks.progress(current, base + processed)

        hooks.begin(path)
        replace = (replaces or {}).get(path)
        results.append(ingestor.ingest_file(path, options=options, force=force, progress=tick, replace=replace))
        done += seconds[path]
        hooks.progress(path, done)
        hooks.result(results[-1])
        if deliver and results[-1].status in ("stored", "replaced"):
            _after_step(app, hooks, "alert delivery", lambda: _deliver(app, hooks))
    if refresh_index and any(r.status in ("stored", "replaced") for r in results):
        _after_step(app, hooks, "search index refresh", lambda: refresh(app.store))
    return results


def _deliver(app: App, hooks: IngestHooks) -> None:
    from assistant.services.alerts import deliver

    for d in deliver(app):
        hooks.delivery(d)


def _after_step(app: App, hooks: IngestHooks, what: str, step: Callable[[], object]) -> None:
    """A post-ingest step; its failure never undoes or stops the batch (the call is stored, the step is
    retried by the next run: alerts stay queued, the index refreshes before every search)."""
    try:
        step()
    except Exception as exc:  # a stored call stays stored
        log.exception("%s failed", what)
        hooks.warning(f"{what} failed, will be retried later: {one_line(exc)} (details in {app.settings.log_path})")


def _durations(files: Sequence[Path]) -> dict[Path, float]:
    """Audio seconds per file for a progress bar (0 for transcripts and unreadable files)."""
    from assistant.audio import probe

    seconds: dict[Path, float] = {}
    for f in files:
        try:
            seconds[f] = probe(f).duration if f.suffix.lower() in AUDIO_SUFFIXES else 0.0
        except Exception:  # a bad file is reported when its turn comes
            seconds[f] = 0.0
    return seconds
