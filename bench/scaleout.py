"""Scale-out benchmark: the job queue (1 vs 2 workers, queue overhead per job), PostgreSQL search beside
SQLite FTS5 on the same 1M utterances, and the `db copy` rate. Needs PostgreSQL binaries (a throwaway
cluster is started in a temp folder, as tests do) and ../shared/data.

    .venv/bin/python bench/scaleout.py [--utterances 1000000] [--runs 40] [--calls 6] [--imports 60]

Prints a Markdown section for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.library.search import normalizer  # noqa: E402
from assistant.records.library import SearchFilters  # noqa: E402
from assistant.services import queue  # noqa: E402
from assistant.services.app import App  # noqa: E402
from assistant.services.ingest import ingest_files  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.storage import copy  # noqa: E402
from assistant.storage.db import Store  # noqa: E402
from assistant.storage.search import SearchBackend, backend_for  # noqa: E402
from bench.search import PER_CALL, RARE, build, machine, percentiles, timed  # noqa: E402
from tests import postgres  # noqa: E402

QUERIES = [("common word", "price"), ("rare word", RARE), ("phrase", '"ask not what your country"')]
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nSam: How are things at site {n}?\n\n" \
      "00:00:04.500 --> 00:00:09.000\nDana: Honestly the price is too high, site {n}.\n"  # fmt: skip


def fresh_database(server: str, name: str) -> str:
    postgres._admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    return postgres.database_url(server, name)


ONE_THREAD = {"ASSISTANT_CPU_THREADS": "1", "ASSISTANT_EMBEDDING_THREADS": "1", "OMP_NUM_THREADS": "1"}


CPU: dict[str, float] = {}


def distinct_recordings(folder: Path, samples: list[Path], n: int) -> list[Path]:
    """``n`` recordings made from the samples, each with its own length of trailing silence (so each has its
    own content hash and is stored, not skipped as a duplicate) and the sample's metadata sidecar; Whisper's VAD
    drops the silence, so a copy costs what its sample costs."""
    import av
    import numpy as np

    from assistant.audio import SAMPLE_RATE, load_channels

    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        src = samples[i % len(samples)]
        audio = np.vstack(load_channels(src))
        pad = np.zeros((audio.shape[0], SAMPLE_RATE * (1 + i // len(samples)) // 4), dtype=np.float32)
        dst = folder / f"{src.stem}-{i:02d}.flac"
        layout = "stereo" if audio.shape[0] == 2 else "mono"
        with av.open(str(dst), mode="w", format="flac") as out:
            stream = out.add_stream("flac", rate=SAMPLE_RATE, layout=layout)
            frame = av.AudioFrame.from_ndarray(np.hstack([audio, pad]), format="fltp", layout=layout)
            frame.sample_rate = SAMPLE_RATE
            resampler = av.AudioResampler(format="s16", layout=layout, rate=SAMPLE_RATE)
            for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
                out.mux(stream.encode(chunk))
            out.mux(stream.encode(None))
        sidecar = src.with_name(f"{src.stem}.meta.json")
        if sidecar.exists():
            shutil.copyfile(sidecar, folder / f"{dst.stem}.meta.json")
        made.append(dst)
    return made


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_workers(env: dict[str, str], n: int) -> float:
    """Seconds until ``n`` burst workers (each its own process, one CPU thread each) have emptied the queue;
    the CPU seconds they used are in ``CPU["last"]`` and each worker's CPU over time (wall clock, seconds) in
    ``CPU["samples"]`` (on a loaded machine the wall time depends on the load, the CPU time much less)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [str(Path(sys.executable).parent / "assistant"), "worker", "--burst"]
    procs = [subprocess.Popen([*command, "--name", f"bench-{i}"], env={**env, **ONE_THREAD},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(n)]  # fmt: skip
    samples: dict[str, list[tuple[float, float]]] = {f"bench-{i}": [] for i in range(n)}
    while any(p.poll() is None for p in procs):
        for i, p in enumerate(procs):
            if (used := _cpu_seconds(p.pid)) > 0:
                samples[f"bench-{i}"].append((time.time(), used))
        time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    CPU["samples"] = samples  # type: ignore[assignment]
    return wall


def job_span(app: App) -> tuple[float, float, int]:
    """From the attempts the worker recorded: seconds from the first job's start to the last one's end, the
    summed seconds inside the tasks, and how many ingest jobs ran (the worker's start-up is not in either)."""
    from sqlalchemy import text

    with app.store.engine.connect() as conn:
        first, last, inside, n = conn.execute(text(
            "SELECT min(started_at), max(finished_at), sum(extract(epoch FROM finished_at - started_at)), count(*) "
            "FROM job_run WHERE task = :t AND status = 'succeeded'"), {"t": queue.INGEST}).one()  # fmt: skip
    return (last - first).total_seconds(), float(inside), int(n)


def warm_steady(app: App) -> tuple[float, float, int]:
    """Throughput and CPU once every worker is warm: each worker's first job loads its models (Whisper, spaCy,
    the encoders), so it is left out; per worker, the jobs after its first one over the time from its first
    job's end to its last one's end (calls/min, summed over the workers), and the CPU the workers used in those
    windows per call (from ``CPU["samples"]``). Also the fewest ingest jobs any worker ran."""
    from sqlalchemy import text

    with app.store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT worker, finished_at FROM job_run WHERE task = :t AND status = 'succeeded' ORDER BY finished_at"),
            {"t": queue.INGEST}).all()  # fmt: skip
    ends: dict[str, list[float]] = {}
    for worker, finished in rows:
        ends.setdefault(worker, []).append(finished.timestamp())
    rate = cpu = calls = 0.0
    for worker, times in ends.items():
        if len(times) < 2:
            continue
        rate += (len(times) - 1) / (times[-1] - times[0]) * 60
        cpu += _cpu_at(worker, times[-1]) - _cpu_at(worker, times[0])
        calls += len(times) - 1
    return rate, cpu / max(calls, 1), min(len(t) for t in ends.values())


def _cpu_at(worker: str, when: float) -> float:
    """The worker's CPU seconds at the sample nearest ``when``."""
    samples: list[tuple[float, float]] = CPU["samples"][worker]  # type: ignore[index]
    return min(samples, key=lambda s: abs(s[0] - when))[1]


def queue_bench(server: str, work: Path, recordings: list[Path], imports: int) -> dict[str, float]:
    out: dict[str, float] = {}
    vtts = work / "vtt"
    vtts.mkdir()
    for i in range(imports):
        (vtts / f"c{i}.vtt").write_text(VTT.format(n=i), encoding="utf-8")
    for workers in (1, 2):
        url = fresh_database(server, f"bench_w{workers}")
        settings = load_settings(data_dir=work / f"d{workers}", database_url=url)
        app = App(settings)
        queue.enqueue_files(app, recordings)
        env = {**os.environ, "ASSISTANT_DATABASE_URL": url, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
        wall = run_workers(env, workers)
        out[f"calls_{workers}"] = len(recordings) / wall * 60
        out[f"cpu_{workers}"], out[f"cores_{workers}"] = CPU["last"] / len(recordings), CPU["last"] / wall
        span, _, _ = job_span(app)
        out[f"steady_{workers}"] = len(recordings) / span * 60
        out[f"warm_{workers}"], out[f"warm_cpu_{workers}"], out[f"fewest_{workers}"] = warm_steady(app)
        app.close()
    url = fresh_database(server, "bench_overhead")
    one = load_settings(data_dir=work / "direct", database_url=fresh_database(server, "bench_direct"), cpu_threads=1)
    direct = App(one)
    files = sorted(vtts.glob("*.vtt"))
    ingest_files(direct, files[:2], deliver=False)  # warm: spaCy, rules
    t0 = time.perf_counter()
    ingest_files(direct, files[2:], deliver=False)
    out["direct_ms"] = (time.perf_counter() - t0) / (len(files) - 2) * 1000
    app = App(load_settings(data_dir=work / "q", database_url=url))
    queue.enqueue_files(app, files)
    env = {**os.environ, "ASSISTANT_DATABASE_URL": url, "ASSISTANT_DATA_DIR": str(work / "q")}
    out["queued_ms"] = run_workers(env, 1) / len(files) * 1000
    span, inside, n = job_span(app)
    out["span_ms"], out["inside_ms"] = span / n * 1000, inside / n * 1000
    return out


def _next_search(backend: SearchBackend, query: str, filters: Iterator[SearchFilters]) -> object:
    return backend.search(query, filters=next(filters), limit=20)


def search_bench(server: str, work: Path, utterances: int, runs: int) -> dict[str, object]:
    sqlite = Store.open(load_settings(data_dir=work / "sqlite"))
    t0 = time.perf_counter()
    build(sqlite, utterances, random.Random(1))
    fts = backend_for(sqlite, normalizer())
    fts.refresh()
    t1 = time.perf_counter()
    pg = Store.open_url(fresh_database(server, "bench_search"))
    rows = copy.source_rows(sqlite)
    report = copy.copy_library(sqlite, pg, lambda _t, _n: None)
    t2 = time.perf_counter()
    pgs = backend_for(pg, normalizer())
    pgs.refresh()
    t3 = time.perf_counter()
    results = {}
    for label, query in QUERIES:
        rng = random.Random(7)
        filters = [SearchFilters(account=f"Account {rng.randrange(40):02d}") if i % 3 == 0 else
                   SearchFilters(role=rng.choice(["rep", "customer"])) for i in range(runs)]  # fmt: skip
        for backend in (fts, pgs):
            backend.search(query, limit=20)
        it1, it2 = iter(filters), iter(filters)
        a = percentiles(timed(partial(_next_search, fts, query, it1), runs))
        b = percentiles(timed(partial(_next_search, pgs, query, it2), runs))
        same = [h.utterance_id for h in fts.search(query, limit=20).hits] == [
            h.utterance_id for h in pgs.search(query, limit=20).hits
        ]
        results[label] = (query, a, b, same)
    utter = next(r for r in report if r.table == "utterance").copied
    return {"build_s": t1 - t0, "copy_s": t2 - t1, "rows": rows, "utterances": utter, "pg_index_s": t3 - t2,
            "results": results}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--calls", type=int, default=12, help="recordings per worker run (made from the samples)")
    parser.add_argument("--imports", type=int, default=60, help="transcripts for the queue overhead")
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scaleout-bench-"))
    samples = sorted((REPO / "samples" / "calls").glob("*.flac"))
    try:
        recordings = distinct_recordings(work / "recordings", samples, args.calls)
        with postgres.server() as server:
            q = queue_bench(server, work, recordings, args.imports)
            s = None if args.skip_search else search_bench(server, work, args.utterances, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args, q, s, len(recordings))


def report(args: argparse.Namespace, q: dict[str, float], s: dict | None, calls: int) -> None:
    print(f"\n## Scale-out (PostgreSQL, job queue)\n\n{machine()}.\n")
    print(f"Workers (`assistant worker --burst`, each one CPU thread: cpu_threads=1, Whisper base, {calls} "
          f"recordings made from the 5 samples): 1 worker {q['calls_1']:.1f} calls/min, 2 workers "
          f"{q['calls_2']:.1f} calls/min (scaling {q['calls_2'] / q['calls_1']:.2f}×); from the first job's start "
          f"to the last one's end (start-up excluded): {q['steady_1']:.1f} vs {q['steady_2']:.1f} calls/min "
          f"({q['steady_2'] / q['steady_1']:.2f}×). CPU per call, each worker's start-up included: "
          f"{q['cpu_1']:.1f} s with 1 worker, {q['cpu_2']:.1f} s with 2; cores kept busy: {q['cores_1']:.2f} vs "
          f"{q['cores_2']:.2f}.\n")  # fmt: skip
    print(f"Warm (each worker's first job, which loads its models, left out; at least {q['fewest_2']:.0f} jobs "
          f"on every worker): 1 worker {q['warm_1']:.1f} calls/min, 2 workers {q['warm_2']:.1f} calls/min "
          f"({q['warm_2'] / q['warm_1']:.2f}×); CPU per call {q['warm_cpu_1']:.2f} s with 1 worker, "
          f"{q['warm_cpu_2']:.2f} s with 2 ({q['warm_cpu_2'] / q['warm_cpu_1']:.2f}×).\n")  # fmt: skip
    print(f"Queue overhead ({args.imports} transcript imports, 1 worker, one thread): {q['queued_ms']:.0f} ms per "
          f"job with the worker's start-up; {q['span_ms']:.0f} ms per job from the first job's start to the last "
          f"one's end, of which {q['inside_ms']:.0f} ms inside the task; in-process {q['direct_ms']:.0f} ms per "
          f"file. Overhead per job without start-up: {q['span_ms'] - q['direct_ms']:.0f} ms "
          f"({q['span_ms'] - q['inside_ms']:.0f} ms between jobs: fetch, lock, state).\n")  # fmt: skip
    if s is None:
        return
    rate = s["utterances"] / s["copy_s"]
    print(f"{args.utterances:,} utterances ({args.utterances // PER_CALL:,} calls): SQLite build + index "
          f"{s['build_s']:.0f} s; `db copy` to PostgreSQL {s['copy_s']:.0f} s for {s['rows']:,} rows = "
          f"{rate:,.0f} utterances/s; PostgreSQL index (norms + tsvector) {s['pg_index_s']:.0f} s.\n")  # fmt: skip
    print("| query (with a filter) | SQLite FTS5 p50 / p95 ms | PostgreSQL p50 / p95 ms | same first page |")
    print("|---|---|---|---|")
    for label, (query, a, b, same) in s["results"].items():
        print(
            f"| {label} (`{query}`) | {a[0]:.1f} / {a[1]:.1f} | {b[0]:.1f} / {b[1]:.1f} | {'yes' if same else 'no'} |"
        )


if __name__ == "__main__":
    main()
