"""Index maintenance has one writer: with 4 ingest processes and a searcher at work on one database, FTS5's
own integrity check passes (PostgreSQL: one tsvector per utterance, nothing left queued) and every
utterance is indexed exactly once; calls of the same new account saved
at once by several processes share one account row (write transactions take the lock at their start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from assistant.library.search import refresh
from assistant.settings import Settings
from assistant.storage.db import Store
from tests.conftest import REPO

CALLS_PER_WORKER = 6


def _start(*args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "tests.storage.workers", *args]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_four_ingest_processes_and_a_searcher_keep_the_index_exact(settings: Settings, tmp_path: Path) -> None:
    Store.open(settings).close()
    url, stop = settings.db_url, tmp_path / "stop"
    searcher = _start("search", url, str(stop))
    writers = [_start("ingest", url, str(w), str(CALLS_PER_WORKER)) for w in range(4)]
    outcomes = [(w.wait(timeout=240), w.stderr.read() if w.stderr else "") for w in writers]
    stop.touch()
    outcomes.append((searcher.wait(timeout=60), searcher.stderr.read() if searcher.stderr else ""))
    assert all(code == 0 for code, _ in outcomes), "\n".join(err[-3000:] for code, err in outcomes if code)
    store = Store.open(settings)
    refresh(store)
    with store.engine.begin() as conn:
        count = conn.execute(text("SELECT count(*) FROM utterance")).scalar_one()
        norms = conn.execute(text("SELECT count(*) FROM utterance_norm")).scalar_one()
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 1)"))
            docs = conn.execute(text("SELECT count(*) FROM utterance_fts_docsize")).scalar_one()
            line0 = "SELECT count(*) FROM utterance_fts WHERE utterance_fts MATCH :q"
            phrase = '"line 0 of"'
        else:  # PostgreSQL: one tsvector per utterance (a primary key), nothing left queued
            docs = conn.execute(text("SELECT count(*) FROM utterance_search")).scalar_one()
            assert conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one() == 0
            line0 = "SELECT count(*) FROM utterance_search WHERE doc @@ CAST(:q AS tsquery)"
            phrase = "'line':A <-> '0':A <-> 'of':A"
        found = conn.execute(text(line0), {"q": phrase}).scalar_one()
        accounts = conn.execute(text("SELECT count(*) FROM account")).scalar_one()
    assert count == norms == docs == 4 * CALLS_PER_WORKER * 20
    assert found == 4 * CALLS_PER_WORKER
    assert accounts == 3
    store.close()
