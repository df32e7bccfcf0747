"""PostgreSQL search beside SQLite FTS5 on the same generated library (1M utterances by default), in one run: p50 /
p95 of a ranked page of 20 with snippets, a common word, a rare word, a phrase and a prefix, each with a filter per
run (account, role or date range, as bench/search.py varies them) and without one; the same first page on both
backends is checked, and the time PostgreSQL itself spent on each search (EXPLAIN ANALYZE of every statement it
ran: less noisy than the wall time on a shared machine). Needs PostgreSQL binaries (a throwaway cluster in a temp
folder, fsync off, as tests do) unless ``--pg-url`` names a database that already holds the same library.

    .venv/bin/python bench/pg_search.py [--utterances 1000000] [--runs 40] [--db /tmp/pg-search-bench]
        [--reuse] [--pg-url postgresql+psycopg://...]

``--reuse`` keeps the SQLite library of a past run in ``--db`` (building 1M takes ~10 min); without
``--pg-url`` the library is copied to PostgreSQL with `db copy` and indexed there (another ~10 min).
Prints a Markdown section for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.library.search import normalizer  # noqa: E402
from assistant.records.library import SearchFilters  # noqa: E402
from assistant.storage import copy  # noqa: E402
from assistant.storage.db import Store  # noqa: E402
from assistant.storage.search import SearchBackend, backend_for  # noqa: E402
from bench.search import PER_CALL, RARE, _count, _filters, build, machine, open_library, percentiles  # noqa: E402
from tests import postgres  # noqa: E402

QUERIES = [("common word", "price"), ("rare word", RARE), ("phrase", '"ask not what your country"'),
           ("prefix", "pric*")]  # fmt: skip


def sqlite_library(folder: Path, utterances: int, reuse: bool) -> Store:
    store = open_library(folder, utterances, reuse)
    if _count(store) != utterances:
        build(store, utterances, random.Random(1))
    backend_for(store, normalizer()).refresh()  # norms, then FTS5 'optimize' after a bulk load
    return store


def postgres_library(server: str, sqlite: Store) -> tuple[Store, float, float]:
    """The library copied to a fresh PostgreSQL database and indexed; seconds of each."""
    postgres._admin(server, "DROP DATABASE IF EXISTS bench_pg_search WITH (FORCE)", "CREATE DATABASE bench_pg_search")
    pg = Store.open_url(postgres.database_url(server, "bench_pg_search"))
    t0 = time.perf_counter()
    copy.copy_library(sqlite, pg, lambda _t, _n: None)
    t1 = time.perf_counter()
    backend_for(pg, normalizer()).refresh()  # norms + tsvectors, then VACUUM ANALYZE after a bulk load
    return pg, t1 - t0, time.perf_counter() - t1


def timed(backend: SearchBackend, query: str, filters: list[SearchFilters]) -> tuple[float, float]:
    samples = []
    for f in filters:
        t0 = time.perf_counter()
        backend.search(query, filters=f, limit=20)
        samples.append(time.perf_counter() - t0)
    return percentiles(samples)


def server_ms(store: Store, backend: SearchBackend, query: str, filters: list[SearchFilters]) -> tuple[float, float]:
    """p50 / p95 of the time PostgreSQL itself spends on a search (planning + execution of every statement,
    by EXPLAIN ANALYZE): less noisy on a shared machine than the wall time, which also waits for a core."""
    captured: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    samples = []
    for f in filters:
        captured.clear()
        event.listen(store.engine, "before_cursor_execute", grab)
        try:
            backend.search(query, filters=f, limit=20)
        finally:
            event.remove(store.engine, "before_cursor_execute", grab)
        samples.append(sum(_explained(store, statement, parameters) for statement, parameters in captured) / 1000)
    return percentiles(samples)


def _explained(store: Store, statement: str, parameters: Any) -> float:
    """Planning + execution ms of one statement, run again under EXPLAIN ANALYZE."""
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
        row = cursor.fetchone()
        assert row is not None  # EXPLAIN always answers one row
        (plan,) = row[0]
        return float(plan["Planning Time"]) + float(plan["Execution Time"])
    finally:
        raw.close()


def measure(fts: SearchBackend, pg: Store, runs: int, ncalls: int) -> dict[str, tuple]:
    pgs = backend_for(pg, normalizer())
    results = {}
    for label, query in QUERIES:
        rng = random.Random(7)
        filtered = [_filters(rng, ncalls) for _ in range(runs)]
        plain = [SearchFilters()] * max(5, runs // 4)
        for backend in (fts, pgs):
            backend.search(query, limit=20)  # warm: lemma tables, caches
        row = []
        for filters in (filtered, plain):  # interleaved: the two backends see the same machine load
            row += [timed(fts, query, filters), timed(pgs, query, filters)]
        same = [h.utterance_id for h in fts.search(query, limit=20).hits] == [
            h.utterance_id for h in pgs.search(query, limit=20).hits
        ]
        results[label] = (query, *row, same, server_ms(pg, pgs, query, filtered), server_ms(pg, pgs, query, plain))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", type=Path, default=Path("/tmp/pg-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep a SQLite library of the same size in --db")
    parser.add_argument("--pg-url", help="a PostgreSQL database that already holds the same library")
    args = parser.parse_args()
    sqlite = sqlite_library(args.db, args.utterances, args.reuse)
    load = os.getloadavg()
    if args.pg_url:
        pg, copied, indexed = Store.open_url(args.pg_url), None, None
        results = measure(backend_for(sqlite, normalizer()), pg, args.runs,
                          args.utterances // PER_CALL)  # fmt: skip
        version = _version(pg)
    else:
        with postgres.server() as server:
            pg, copied, indexed = postgres_library(server, sqlite)
            results = measure(backend_for(sqlite, normalizer()), pg, args.runs,
                              args.utterances // PER_CALL)  # fmt: skip
            version = _version(pg)  # while the server still runs: it stops with the block
    report(args, results, (load, os.getloadavg()), copied, indexed, version)


def _version(store: Store) -> str:
    """The server's version and the size of the search tables (each with its indexes)."""
    with store.engine.connect() as conn:
        version = str(conn.exec_driver_sql("SHOW server_version").scalar())
        sizes = conn.exec_driver_sql(
            "SELECT pg_size_pretty(pg_total_relation_size('utterance_search')), "
            "pg_size_pretty(pg_total_relation_size('search_posting')), count(*) FROM search_posting"
        ).one()
    return f"{version} (utterance_search {sizes[0]}, search_posting {sizes[1]} for {sizes[2]:,} postings)"


def report(args, results: dict, loads: tuple, copied: float | None, indexed: float | None, version: str) -> None:
    print(f"\n## PostgreSQL search beside SQLite FTS5\n\n{machine()}, PostgreSQL {version}.")
    print(f"Load average before / after the searches: {loads[0][0]:.1f} / {loads[1][0]:.1f} (1 min).\n")
    if copied is not None:
        print(f"`db copy` {copied:.0f} s, PostgreSQL index (norms + tsvector) {indexed:.0f} s.\n")
    print(f"{args.utterances:,} utterances, ranked page of 20 with snippets, {args.runs} runs with a filter "
          "(account / role / date range) and a quarter as many without:\n")  # fmt: skip
    print("| query | FTS5 p50 / p95 ms (filter) | PostgreSQL p50 / p95 ms (filter) | FTS5 p50 / p95 ms (none) | "
          "PostgreSQL p50 / p95 ms (none) | same first page |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for label, (query, a, b, c, d, same, _e, _f) in results.items():
        cells = [f"{label} (`{query}`)"] + [f"{x[0]:.1f} / {x[1]:.1f}" for x in (a, b, c, d)]
        print("| " + " | ".join([*cells, "yes" if same else "**no**"]) + " |")
    print("\nTime inside PostgreSQL per search (EXPLAIN ANALYZE of each statement the search ran, planning + "
          "execution, summed; the same searches), p50 / p95 ms:\n")  # fmt: skip
    print("| query | with a filter | without |\n|---|---|---|")
    for label, (query, *_, e, f) in results.items():
        print(f"| {label} (`{query}`) | {e[0]:.1f} / {e[1]:.1f} | {f[0]:.1f} / {f[1]:.1f} |")


if __name__ == "__main__":
    main()
