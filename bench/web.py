"""Web app benchmark: server time of the call page with a 2-hour transcript, of the search page over a library of
100k utterances, and 20 concurrent users searching through a real uvicorn server on loopback.

    .venv/bin/python bench/web.py [--utterances 100000] [--runs 30] [--users 20] [--seconds 20]

The 2-hour call is recombined from the sample transcripts (one utterance every 8 s, Whisper-style word timings,
analysed with the real rules); the search library is bench/search.py's generator. Server time = the request
through the ASGI app in-process (no network); the concurrent run goes through HTTP on 127.0.0.1 with one
httpx client per user. Prints a Markdown section for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import socket
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from fastapi.testclient import TestClient

from assistant.analysis import analyze
from assistant.analysis.rules import load_ruleset
from assistant.records import CallMetadata, SourceFile, Transcript, Utterance, Word
from assistant.services import auth
from assistant.services.app import App
from assistant.services.search import refresh
from assistant.settings import load_settings
from assistant.storage import calls
from assistant.storage.db import Store
from assistant.web.app import create_app

HERE = Path(__file__).resolve().parent
QUERIES = ("price", '"too expensive"', "budget OR cheaper", "contract", "renew*")


def _search_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_search", HERE / "search.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def long_call(store: Store, settings, pool: list[str], rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    lines, t = [], 0.0
    while t < 7200:
        text = rng.choice(pool)
        words = text.split()
        step = 7.5 / max(1, len(words))
        # as faster-whisper gives them: times rounded to 10 ms, a probability of full precision
        timed = tuple(
            Word(round(t + i * step, 2), round(t + (i + 1) * step, 2), f" {w}", rng.uniform(0.5, 1.0))
            for i, w in enumerate(words)
        )
        role = "rep" if len(lines) % 2 == 0 else "customer"
        lines.append(Utterance(role, role, t, t + 7.5, text, words=timed, language="en"))  # type: ignore[arg-type]
        t += 8.0
    transcript = Transcript(tuple(lines), "en", 7200.0, "vtt")
    analysis = analyze(transcript, load_ruleset(settings.rules_dir), settings=settings)
    source = SourceFile(Path("/bench/two-hours.vtt"), f"bench-{rng.random()}", 1)
    meta = CallMetadata(account="Bench Co", title="Two hours")
    return calls.save_call(store, source=source, transcript=transcript, metadata=meta, analysis=analysis)


def timed(client: TestClient, path: str, runs: int, percentiles) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return percentiles(samples)


def concurrent(url: str, token: str, users: int, seconds: float, percentiles) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(n: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            i = n
            while time.monotonic() < stop:
                start = time.perf_counter()
                response = client.get("/api/search", params={"q": QUERIES[i % len(QUERIES)]})
                with lock:
                    samples.append(time.perf_counter() - start)
                    errors[0] += response.status_code != 200
                i += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    p50, p95 = percentiles(samples)
    return p50, p95, len(samples), errors[0]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    bs, rng = _search_bench(), random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        store = Store.open(settings)
        bs.build(store, args.utterances, rng)
        call_id = long_call(store, settings, bs.sentences(), rng)
        refresh(App(settings, store))
        auth.add_user(store, username="bench", password="bench-password", role="manager")
        token, _ = auth.create_token(store, username="bench", name="bench")
        app = create_app(settings, application=App(settings, store))
        client = TestClient(app, headers={"Authorization": f"Bearer {token}"})
        client.get(f"/calls/{call_id}")  # warm: templates, first queries
        call = timed(client, f"/calls/{call_id}", args.runs, bs.percentiles)
        search = [timed(client, f"/search?q={q}", args.runs, bs.percentiles) for q in QUERIES]
        port = _port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        loaded = concurrent(f"http://127.0.0.1:{port}", token, args.users, args.seconds, bs.percentiles)
        server.should_exit = True
    print("| what | p50 ms | p95 ms | goal |\n|---|---:|---:|---|")
    print(f"| call page, 2-hour transcript (900 lines, word timings) | {call[0]:.0f} | {call[1]:.0f} | p95 < 150 ms |")
    for q, (p50, p95) in zip(QUERIES, search, strict=True):
        print(f"| search page `{q}`, {args.utterances:,} utterances | {p50:.0f} | {p95:.0f} | p95 < 100 ms |")
    p50, p95, n, errors = loaded
    print(
        f"| {args.users} users searching over HTTP for {args.seconds:.0f} s: {n} requests, {errors} errors "
        f"| {p50:.0f} | {p95:.0f} | p95 < 300 ms, no errors |"
    )


if __name__ == "__main__":
    main()
