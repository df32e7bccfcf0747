"""Search benchmark: FTS5 search over a generated library beside a LIKE scan of the same data.

    .venv/bin/python bench/search.py [--utterances 1000000] [--runs 40] [--db /tmp/search-bench.db]

Utterances are recombined from the project's sample call transcripts (samples/**/*.vtt) and the team's
reference texts (../shared/data/**/*.txt): each one is a real sentence, sometimes joined with a second one,
spread over calls of 100 utterances (8 s each) in five languages' worth of text, 40 accounts, 12 reps.
Measured, with filters (account / role / date range, varied per run): p50 / p95 latency of a common word,
a rare word and a phrase through ``Fts5Search.search`` (ranked page of 20 with snippets), and, in the same
run, a ``LIKE '%word%'`` scan that finds the same rows (every match, as a ranked page needs) and one that
stops at the first 20 unranked matches. Also: index size per hour of calls. Prints a Markdown section.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from assistant.library.search import normalizer
from assistant.records.library import SearchFilters
from assistant.settings import load_settings
from assistant.storage.db import Store
from assistant.storage.search.fts5 import Fts5Search
from assistant.storage.tables import Account, Call, Speaker

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PER_CALL = 100
SECONDS = 8.0
RARE = "escalation"  # appended to 1 utterance in 20 000


def sentences() -> list[str]:
    texts: list[str] = []
    for vtt in sorted(REPO.glob("samples/**/*.vtt")):
        for line in vtt.read_text(encoding="utf-8").splitlines():
            if line and "-->" not in line and not line.startswith(("WEBVTT", "NOTE")) and not line.isdigit():
                texts.append(re.sub(r"^<v [^>]*>|</v>$", "", line).strip())
    for txt in sorted(SHARED.glob("**/*.txt")):
        texts += [s.strip() for s in re.split(r"(?<=[.!?。])\s*|\n", txt.read_text(encoding="utf-8")) if s.strip()]
    return [t for t in texts if len(t) > 8 and RARE not in t.lower()]


def build(store: Store, total: int, rng: random.Random) -> float:
    """Write ``total`` utterances; returns the seconds of audio they represent."""
    pool = sentences()
    ncalls = total // PER_CALL
    with Session(store.engine) as session:
        accounts = [Account(name=f"Account {i:02d}") for i in range(40)]
        session.add_all(accounts)
        session.flush()
        calls = [_call(i, accounts[i % 40].id, rng) for i in range(ncalls)]
        session.add_all(calls)
        session.flush()
        call_ids = [c.id for c in calls if c.id is not None]  # all of them, once flushed
        speakers = [Speaker(call_id=cid, label=label, role=label) for cid in call_ids for label in ("rep", "customer")]
        session.add_all(speakers)
        session.commit()
        pairs = {(s.call_id, s.role): s.id for s in speakers}
    raw = store.engine.raw_connection()
    try:
        rows = (_utterance(cid, i, pairs, pool, rng) for cid in call_ids for i in range(PER_CALL))
        raw.cursor().executemany(
            'INSERT INTO utterance (call_id, speaker_id, idx, role, start, "end", text, language, words) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '[]')",
            rows,  # type: ignore[arg-type]  # sqlite3 takes any iterable: a million rows streamed, not listed
        )
        raw.commit()
    finally:
        raw.close()
    return ncalls * PER_CALL * SECONDS


def _call(i: int, account_id: int | None, rng: random.Random) -> Call:
    return Call(
        account_id=account_id, source_path=f"/bench/{i}.vtt", source_kind="vtt", content_hash=f"bench-{i}",
        size=1, duration=PER_CALL * SECONDS, language="en", rep=f"rep{i % 12}",
        recorded_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=i), risk_level=rng.choice(["low", "high"]),
    )  # fmt: skip


def _utterance(cid: int, i: int, pairs: dict, pool: list[str], rng: random.Random) -> tuple:
    role = "rep" if i % 2 else "customer"
    text = rng.choice(pool)
    if rng.random() < 0.3:
        text += " " + rng.choice(pool)
    if rng.random() < 1 / 20_000:
        text += f" This needs an {RARE}."
    return (cid, pairs[(cid, role)], i, role, i * SECONDS, (i + 1) * SECONDS - 0.5, text)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _filters(rng: random.Random, ncalls: int) -> SearchFilters:
    kind = rng.randrange(3)
    if kind == 0:
        return SearchFilters(account=f"Account {rng.randrange(40):02d}")
    if kind == 1:
        return SearchFilters(role=rng.choice(["rep", "customer"]))
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(max(1, ncalls // 24)))
    return SearchFilters(date_from=start, date_to=start + timedelta(days=30))


_FROM = "FROM utterance u JOIN call c ON c.id = u.call_id LEFT JOIN account a ON a.id = c.account_id"
LIKE_ALL = "SELECT count(*) " + _FROM + " WHERE u.text LIKE ? AND ({cond})"
LIKE_PAGE = "SELECT u.id " + _FROM + " WHERE u.text LIKE ? AND ({cond}) LIMIT 20"


def _like_condition(f: SearchFilters) -> tuple[str, list[object]]:
    if f.account:
        return "a.name = ?", [f.account]
    if f.role:
        return "u.role = ?", [f.role]
    assert f.date_from and f.date_to
    return "c.recorded_at >= ? AND c.recorded_at < ?", [f.date_from.isoformat(), f.date_to.isoformat()]


def measure(store: Store, search: Fts5Search, query: str, like: str, runs: int, ncalls: int) -> dict[str, object]:
    rng = random.Random(7)
    filters = [_filters(rng, ncalls) for _ in range(runs)]
    search.search(query, limit=20)  # warm up: lemma tables load on first use
    it = iter(filters)
    fts = timed(lambda: search.search(query, filters=next(it), limit=20), runs)
    kinds = {k: [t for t, f in zip(fts, filters, strict=True) if _kind(f) == k] for k in ("account", "role", "date")}
    hits = len(search.search(query, limit=500).hits)
    raw = store.engine.raw_connection()
    try:
        scans: dict[str, list[float]] = {}
        for name, sql in (("all", LIKE_ALL), ("page", LIKE_PAGE)):
            it2 = iter(filters[: max(5, runs // 4)])

            def scan(sql: str = sql, it2=it2) -> None:
                cond, params = _like_condition(next(it2))
                raw.cursor().execute(sql.format(cond=cond), [f"%{like}%", *params]).fetchall()

            scans[name] = timed(scan, max(5, runs // 4))
    finally:
        raw.close()
    return {"fts": percentiles(fts), "like_all": percentiles(scans["all"]), "like_page": percentiles(scans["page"]),
            "hits": hits, "kinds": {k: percentiles(v)[1] for k, v in kinds.items() if v}}  # fmt: skip


def _kind(f: SearchFilters) -> str:
    return "account" if f.account else "role" if f.role else "date"


def machine() -> str:
    """nproc, CPU model, RAM and SQLite version, for the report."""
    import os
    import sqlite3

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")  # fmt: skip
    ram = next((int(line.split()[1]) / 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)  # fmt: skip
    return f"{os.cpu_count()} cores ({cpu}), {ram:.0f} GiB RAM, SQLite {sqlite3.sqlite_version}"


def index_bytes(store: Store) -> int:
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        try:
            sql = "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'utterance_fts%' OR name = 'utterance_norm'"
            return int(cur.execute(sql).fetchone()[0] or 0)
        except Exception:  # dbstat not compiled in: fall back to the file
            return (store.sqlite_path.stat().st_size) if store.sqlite_path else 0
    finally:
        raw.close()


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM utterance").scalar() or 0)


def open_library(folder: Path, utterances: int, reuse: bool) -> Store:
    """The bench database: a fresh one, or (``--reuse``) the one a past run built when its size matches."""
    path = folder / "assistant.db"
    if path.exists() and reuse:
        store = Store.open(load_settings(data_dir=folder))
        if _count(store) == utterances:
            return store
        store.close()
    for stale in folder.glob("assistant.db*"):
        stale.unlink()
    return Store.open(load_settings(data_dir=folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep a database of the same size from a past run")
    args = parser.parse_args()
    store = open_library(args.db, args.utterances, args.reuse)
    t0 = time.perf_counter()
    seconds = args.utterances // PER_CALL * PER_CALL * SECONDS
    if _count(store) != args.utterances:
        seconds = build(store, args.utterances, random.Random(1))
    t1 = time.perf_counter()
    search = Fts5Search(store, normalizer())
    search.refresh()  # lemmas of every new utterance, then FTS5 'optimize' after such a bulk load
    t2 = time.perf_counter()
    ncalls = args.utterances // PER_CALL
    queries = [("common word", "price", "price"), ("rare word", RARE, RARE),
               ("phrase", '"ask not what your country"', "ask not what your country")]  # fmt: skip
    results = {label: measure(store, search, q, like, args.runs, ncalls) for label, q, like in queries}
    report(args, seconds, t1 - t0, t2 - t1, index_bytes(store), results)


def report(args, seconds: float, load: float, norm: float, size: int, results: dict) -> None:
    hours, mib = seconds / 3600, size / 2**20
    calls = args.utterances // PER_CALL
    print(f"\n## Search\n\n{machine()}.\n")
    print(f"{args.utterances:,} utterances ({hours:,.0f} h of calls, {calls:,} calls); ")
    if load > 1:
        print(f"insert with FTS triggers {load:.0f} s, normalised forms (lemmas, CJK) + index merge {norm:.0f} s. ")
    print(f"Index (FTS5 + norm table): {mib:,.0f} MiB = {mib / hours:.2f} MiB per hour of calls.\n")
    print("| query (with a filter) | matches | FTS5 p50 / p95 ms | FTS5 p95 by filter: account / role / date ms | "
          "LIKE all matches p50 / p95 ms | speed-up (p95) | LIKE first 20 p50 / p95 ms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for label, r in results.items():
        f, a, p = r["fts"], r["like_all"], r["like_page"]
        matches = f"{r['hits']}{'+' if r['hits'] == 500 else ''}"
        kinds = " / ".join(f"{v:.1f}" for v in r["kinds"].values())
        cells = [label, matches, f"{f[0]:.1f} / {f[1]:.1f}", kinds, f"{a[0]:.0f} / {a[1]:.0f}", f"{a[1] / f[1]:.0f}×"]
        print("| " + " | ".join([*cells, f"{p[0]:.1f} / {p[1]:.1f}"]) + " |")


if __name__ == "__main__":
    main()
