"""Index maintenance has one writer: with 4 ingest processes and a searcher at work on one database, FTS5's
own integrity check passes (PostgreSQL: one tsvector per utterance, nothing left queued) and every
utterance is indexed exactly once; calls of the same new account saved
at once by several processes share one account row (write transactions take the lock at their start).
On PostgreSQL an utterance edited while a refresh is indexing it ends up indexed with its new text."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import text

from assistant.library.search import normalizer, refresh
from assistant.settings import Settings
from assistant.storage.db import Store
from assistant.storage.search import backend_for
from assistant.storage.search.normalize import Normalizer
from tests.conftest import REPO
from tests.library.canned import save, utt

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


class _EditsMidRefresh(Normalizer):
    """The real normaliser, which edits the first utterance it indexes from another connection while the
    refresh holds it claimed (the edit commits at once, or waits for the claim: either may happen)."""

    def __init__(self, base: Normalizer, store: Store, utterance_id: int) -> None:
        self.__dict__.update(base.__dict__)
        self.store, self.utterance_id = store, utterance_id
        self.editor: threading.Thread | None = None

    def norm_text(self, text_: str, lang: str | None) -> str:
        if self.editor is None:
            self.editor = threading.Thread(target=self._edit)
            self.editor.start()
            deadline = time.monotonic() + 20
            while self.editor.is_alive() and not self._edit_waits() and time.monotonic() < deadline:
                time.sleep(0.05)
        return super().norm_text(text_, lang)

    def _edit(self) -> None:
        with self.store.engine.begin() as conn:
            update = "UPDATE utterance SET text = 'We are cancelling the contract.' WHERE id = :id"
            conn.execute(text(update), {"id": self.utterance_id})

    def _edit_waits(self) -> bool:
        sql = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE utterance%'"
        with self.store.engine.connect() as conn:
            return bool(conn.execute(text(sql)).scalar_one())


def test_an_utterance_edited_while_postgresql_indexes_it_is_indexed_with_its_new_text(postgres_url: str) -> None:
    store = Store.open_url(postgres_url)
    save(store, "edited", [utt("Bob", "customer", 0.0, 4.0, "The renewal looks fine to us.")])
    with store.engine.connect() as conn:
        (utterance_id,) = conn.execute(text("SELECT id FROM utterance")).scalars().all()
    editing = _EditsMidRefresh(normalizer(), store, utterance_id)
    search = backend_for(store, editing)
    search.refresh()  # indexes the text it claimed; the edit lands meanwhile
    assert editing.editor is not None
    editing.editor.join(timeout=30)
    assert [h.utterance_id for h in search.search("cancelling").hits] == [utterance_id]  # the new text
    assert search.search("renewal").hits == ()  # the old one is gone
    store.close()
