"""Work the web app runs in the background with progress: ingesting uploaded files, and reanalysing every
stored call after a rule change. Each is a function of ``Progress`` for ``Jobs.start``."""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from assistant.alerts.policies import load_policies
from assistant.analysis.rules import load_ruleset
from assistant.errors import InputError
from assistant.pipeline import IngestResult, is_ingestible
from assistant.reanalysis import reanalyze
from assistant.records import CallMetadata
from assistant.services.alerts import deliver
from assistant.services.app import App
from assistant.services.calls import call_ids
from assistant.services.ingest import IngestHooks, ingest_files
from assistant.services.jobs import Progress

MAX_UPLOAD_BYTES = 2_000_000_000


def _safe_name(name: str) -> str:
    base = re.sub(r"[^\w.\- ]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[:150] or "upload"


def save_uploads(app: App, uploads: Iterable[tuple[str, BinaryIO]]) -> list[Path]:
    """Copy uploaded files into a fresh folder under ``<data_dir>/uploads`` (names made safe); a file of a kind
    the assistant cannot ingest is refused by name before anything is processed."""
    files = [(name, handle) for name, handle in uploads]
    for name, _ in files:
        if not is_ingestible(Path(_safe_name(name))):
            raise InputError(f"{name}: not a recording or transcript the assistant reads (audio, .vtt, .srt, .json)")
    folder = app.settings.data_dir / "uploads" / secrets.token_hex(6)
    folder.mkdir(parents=True)
    paths = []
    for name, handle in files:
        target = folder / _safe_name(name)
        with target.open("wb") as out:
            shutil.copyfileobj(handle, out, 1 << 20)
        paths.append(target)
    return paths


def _item(r: IngestResult) -> dict[str, object]:
    line = f"{r.path.name}: {r.message}" if r.message else r.path.name
    return {"file": r.path.name, "status": r.status, "call_id": r.call_id, "message": line}


def ingest_uploads(app: App, files: list[Path], metadata: CallMetadata, progress: Progress) -> str:
    """Ingest uploaded files one by one (a bad file gets its one-line reason; the others go on)."""
    hooks = IngestHooks(
        start=progress.total,
        progress=lambda path, done: progress.advance(done, f"processing {path.name}"),
        result=lambda r: progress.item(**_item(r)),
    )
    results = ingest_files(app, files, options=metadata, hooks=hooks)
    stored = sum(r.status in ("stored", "replaced") for r in results)
    failed = sum(r.status == "failed" for r in results)
    return f"{stored} stored, {failed} failed, {len(results) - stored - failed} skipped"


def reanalyze_all(app: App, progress: Progress) -> str:
    """Apply the rules in effect to every stored call, one at a time with progress; then send due alerts."""
    ruleset = load_ruleset(app.settings.rules_dir)
    policies = load_policies(app.settings.alerts_path)
    ids = call_ids(app)
    progress.total(len(ids))
    changed = 0
    for n, result in enumerate(reanalyze(app.store, app.settings, ruleset, ids, policies=policies), start=1):
        changed += result.status == "updated"
        progress.item(call_id=result.call_id, status=result.status, message=result.message)
        progress.advance(n, f"call {result.call_id}: {result.status}")
    deliver(app)
    return f"{changed} of {len(ids)} calls changed with rules version {ruleset.version}"
