"""Meaning search (`search --like`) beside keyword search, in the same run, on a generated library.

    .venv/bin/python bench/like_search.py [--utterances 100000] [--runs 40] [--db /tmp/like-bench]

The library is bench/search.py's (real sentences from the sample calls and the team's texts, calls of 100
utterances, 40 accounts, 12 reps). Each distinct sentence (up to --distinct) is embedded for real with the
shipped encoders; an utterance whose text was not embedded gets the vector of a random embedded sentence (the
latency of a search does not depend on which vectors they are). Measured, p50 / p95 over --runs, filters varied
per run as in bench/search.py: the first search of a process (loads the matrix), then ``library.search.like``
(query embedded + ranked page of 20) and the vector ranking alone, and FTS5 keyword search of a common word.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import PER_CALL, _filters, build, open_library, percentiles

from assistant.analysis.model.embedding import get_embedder
from assistant.library.search import LIKE_COLUMNS, like, normalizer
from assistant.storage.embeddings import encode
from assistant.storage.search.fts5 import Fts5Search
from assistant.storage.search.vectors import vector_index

QUERIES = ("worried about the price increase", "we are looking at another vendor", "our budget was cut")


def embed_library(store, distinct: int, rng: random.Random) -> float:
    """Store a real embedding for every utterance; returns the CPU seconds spent embedding."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, call_id, text FROM utterance ORDER BY id").all()
    texts = list(dict.fromkeys(r.text for r in rows))[:distinct]
    embedder = get_embedder()
    cpu = time.process_time()
    vectors = {t: v for t, v in zip(texts, embedder.embed(texts), strict=True)}
    cpu = time.process_time() - cpu
    pool = list(vectors.values())
    blobs = encode(np.vstack([vectors.get(r.text, pool[rng.randrange(len(pool))]) for r in rows]))
    raw = store.engine.raw_connection()
    try:
        raw.cursor().executemany(
            "INSERT INTO utterance_embedding (utterance_id, call_id, model, dims, vector) VALUES (?, ?, ?, ?, ?)",
            [(r.id, r.call_id, embedder.name, embedder.dims, b) for r, b in zip(rows, blobs, strict=True)],
        )
        raw.commit()
    finally:
        raw.close()
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--utterances", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--distinct", type=int, default=3000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/like-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep a library of the same size from a past run")
    args = parser.parse_args()
    args.db.mkdir(parents=True, exist_ok=True)
    store = open_library(args.db, args.utterances, args.reuse)
    cpu = 0.0
    with store.engine.connect() as conn:
        embedded = conn.exec_driver_sql("SELECT count(*) FROM utterance_embedding").scalar_one()
    if embedded != args.utterances:
        build(store, args.utterances, random.Random(1))
        cpu = embed_library(store, args.distinct, random.Random(2))
    keyword = Fts5Search(store, normalizer())
    keyword.refresh()
    embedder = get_embedder()
    t0 = time.perf_counter()
    like(store, QUERIES[0])
    first = time.perf_counter() - t0
    rng, ncalls = random.Random(3), args.utterances // PER_CALL
    flt = [_filters(rng, ncalls) for _ in range(args.runs)]
    asked = [f"{q} ({n})" for n in range(args.runs) for q in QUERIES][: args.runs]  # distinct: no cached vector
    it, jt = iter(range(10**9)), iter(range(10**9))
    full = both(lambda: like(store, asked[next(it)], filters=flt[next(jt) % args.runs]), args.runs)
    index, vecs = vector_index(store, embedder.name, LIKE_COLUMNS), embedder.embed(list(QUERIES))
    ranked = both(lambda: index.search(vecs[next(it) % 3], filters=flt[next(jt) % args.runs]), args.runs)
    plain = both(lambda: index.search(vecs[next(it) % 3]), args.runs)
    words = both(lambda: keyword.search("price", filters=flt[next(jt) % args.runs]), args.runs)
    print(f"{args.utterances:,} utterances; {args.distinct:,} distinct sentences embedded in {cpu:.0f} s CPU")
    print(f"first --like search of a process (loads the matrix): {first * 1000:.0f} ms")
    print("| what | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms |")
    for name, (wall, cpus) in (("--like, query embedded, filters varied", full), ("--like ranking alone, filters "
                               "varied", ranked), ("--like ranking alone, no filter", plain),
                               ("keyword `price`, filters varied", words)):  # fmt: skip
        (p50, p95), (c50, c95) = percentiles(wall), percentiles(cpus)
        print(f"| {name} | {p50:.0f} | {p95:.0f} | {c50:.0f} | {c95:.0f} |")


def both(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run (CPU: this process's threads; near an idle machine's wall time)."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


if __name__ == "__main__":
    main()
