"""Worker processes for the storage concurrency tests (run as ``python -m tests.storage.workers KIND ...``):
real processes, each with its own engine and connections, as several `assistant` commands would be."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from assistant.records import CallMetadata, SourceFile, Transcript, Utterance
from assistant.settings import load_settings
from assistant.storage.db import Store

WORDS = ("renewal", "price", "budget", "vendor", "contract", "invoice", "support", "onboarding", "seats", "discount")


def transcript(worker: int, n: int) -> Transcript:
    words = [WORDS[(worker + n + i) % 10] for i in range(20)]
    lines = tuple(
        Utterance("Jane", "customer", i, i + 1, f"{w} line {i} of call {n} by {worker}", language="und")
        for i, w in enumerate(words)
    )
    return Transcript(lines, "und", 20.0, "vtt")


def ingest(url: str, worker: int, count: int) -> None:
    """``count`` calls saved one by one, the index refreshed after each (as `assistant ingest` does)."""
    from assistant.library.search import refresh  # here: the `open` workers need not import spaCy
    from assistant.storage import calls

    store = Store.open_url(url)
    for n in range(count):
        source = SourceFile(Path(f"/w{worker}/c{n}.vtt"), f"w{worker}-c{n}", 1)
        metadata = CallMetadata(account=f"A{n % 3}")  # the same accounts in every process
        calls.save_call(store, source=source, transcript=transcript(worker, n), metadata=metadata)
        refresh(store)


def search(url: str, stop: str) -> None:
    """Searches (each refreshes the index first) until the file ``stop`` exists."""
    from assistant.library.search import backend

    store = Store.open_url(url)
    while not Path(stop).exists():
        for word in WORDS[:4]:
            backend(store).search(word)
        time.sleep(0.01)


def open_store(data_dir: str) -> None:
    """Open (and so create and migrate) the data folder, as any first command on a new machine does."""
    Store.open(load_settings(data_dir=Path(data_dir))).close()


def open_url(url: str) -> None:
    """Open (and so migrate) a database by URL, as a worker machine's first start on a new database does."""
    Store.open_url(url).close()


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "ingest":
        ingest(args[0], int(args[1]), int(args[2]))
    elif kind == "search":
        search(args[0], args[1])
    elif kind == "open_url":
        open_url(args[0])
    else:
        open_store(args[0])
