"""Web app benchmark: server time of the call page with a 2-hour transcript and of the search page over a
library of 100k utterances, then 20 concurrent users searching through the real `assistant serve` on loopback.

    .venv/bin/python bench/web.py [--utterances 100000] [--runs 30] [--users 20] [--seconds 15]

The 2-hour call is recombined from the sample transcripts (one utterance every 8 s, words timed as
faster-whisper gives them, analysed with the real rules); the search library is bench/search.py's generator.

* Server time: each request through the ASGI app in-process, timed inside the app's outermost layer (from the
  request's arrival to its last byte sent, gzip included: the client asks for it as browsers do).
* Concurrent users: `assistant serve` in its own process (what users run: one uvicorn process), loaded by
  `wrk` (Debian package `wrk`; 20 connections = 20 users, each sending its next search when the last one
  answered) from another process, so the load generator never shares the server's interpreter. Without wrk,
  a separate Python process with one httpx client per user does the same, less efficiently. Latency is what
  the users saw (client side), for the search page and for /api/search.

Prints a Markdown section for docs/benchmarks.md, with the load average before and after.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
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
from assistant.web.app import create_app, warm_up

HERE = Path(__file__).resolve().parent
QUERIES = ("price", '"too expensive"', "budget OR cheaper", "contract", "renew*")
QUOTED = ("price", "%22too%20expensive%22", "budget%20OR%20cheaper", "contract", "renew%2A")


def _search_bench():
    spec = importlib.util.spec_from_file_location("bench_search", HERE / "search.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def long_call(store: Store, settings, pool: list[str], rng: random.Random) -> int:
    lines: list[Utterance] = []
    t = 0.0
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


class ServerTime:
    """ASGI wrapper: how long the app took over each request, to the last byte of its answer."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.samples: list[float] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        start = time.perf_counter()
        await self.app(scope, receive, send)
        if scope["type"] == "http":
            self.samples.append(time.perf_counter() - start)


def server_time(client: TestClient, timer: ServerTime, path: str, runs: int, percentiles):
    """p50 and p95 server time in ms, and the CPU time a request took (this process, client included: a
    figure the other processes on a shared machine do not inflate)."""
    timer.samples.clear()
    cpu = time.process_time()
    for _ in range(runs):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return (*percentiles(timer.samples), (time.process_time() - cpu) * 1000 / runs)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`assistant serve` over the bench's data folder, in its own process; returns it and its URL."""
    port = _port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir)}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("assistant")), "serve", "--port", str(port)],
        env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(600):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server, f"http://127.0.0.1:{port}"
        time.sleep(0.1)
    server.kill()
    raise SystemExit("assistant serve did not start within 60 s")


WRK_SCRIPT = """
local queries = {%s}
local i = 0
wrk.headers["Authorization"] = "Bearer %s"
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  i = i + 1
  return wrk.format("GET", "%s" .. queries[(i %% #queries) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%.1f %%.1f\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""

PY_LOAD = """
import sys, threading, time, httpx, statistics
url, token, path, users, seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
queries, samples, errors, stop = sys.argv[6:], [], [0], time.monotonic() + seconds
def user(n):
    with httpx.Client(base_url=url, headers={"Authorization": "Bearer " + token}, timeout=30) as c:
        i = n
        while time.monotonic() < stop:
            t = time.perf_counter(); r = c.get(path + queries[i % len(queries)])
            samples.append(time.perf_counter() - t); errors[0] += r.status_code != 200; i += 1
threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
[t.start() for t in threads]; [t.join() for t in threads]
s = sorted(samples)
print("RESULT", len(s), errors[0], statistics.median(s) * 1000, s[int(len(s) * 0.95)] * 1000)
"""


def load(url: str, token: str, path: str, users: int, seconds: float) -> tuple[int, int, float, float, str]:
    """``users`` concurrent users searching for ``seconds``: requests, errors, p50 and p95 ms, the tool."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % (", ".join(f'"{q}"' for q in QUOTED), token, path))
        command = ["wrk", "-t2", f"-c{users}", f"-d{seconds:.0f}s", "--timeout", "30s", "-s", script.name, url]
        tool = "wrk"
    else:
        command = [sys.executable, "-c", PY_LOAD, url, token, path, str(users), str(seconds), *QUOTED]
        tool = "httpx threads"
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    _, n, errors, p50, p95 = next(line for line in out.splitlines() if line.startswith("RESULT")).split()
    return int(n), int(errors), float(p50), float(p95), tool


def warm(url: str, token: str) -> None:
    """Every query once on each path, waiting as long as the server's start takes (it loads word forms)."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300) as client:
        for path in ("/search", "/api/search"):
            for q in QUERIES:
                client.get(path, params={"q": q}).raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--utterances", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    bs, rng = _search_bench(), random.Random(7)
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        store = Store.open(settings)
        bs.build(store, args.utterances, rng)
        call_id = long_call(store, settings, bs.sentences(), rng)
        refresh(App(settings, store))
        auth.add_user(store, username="bench", password="bench-password", role="manager")
        token, _ = auth.create_token(store, username="bench", name="bench")
        timer = ServerTime(create_app(settings, application=App(settings, store)))
        warm_up()  # what `assistant serve` runs at start (word forms, then the heap frozen)
        client = TestClient(timer, headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
        page = client.get(f"/calls/{call_id}")  # warm: templates, first queries
        sizes = len(page.content), len(gzip.compress(page.content, 4))
        for q in QUERIES:  # warm: each language's word forms
            client.get("/search", params={"q": q})
        call = server_time(client, timer, f"/calls/{call_id}", args.runs, bs.percentiles)
        search = [server_time(client, timer, f"/search?q={q}", args.runs, bs.percentiles) for q in QUOTED]
        loads.append(os.getloadavg()[0])
        server, url = serve(settings.data_dir)
        try:
            warm(url, token)
            concurrent = {p: load(url, token, p, args.users, args.seconds) for p in ("/search?q=", "/api/search?q=")}
        finally:
            server.terminate()
            server.wait()
        loads.append(os.getloadavg()[0])
    report(args, call, sizes, search, concurrent, loads)


def report(args, call, sizes, search, concurrent, loads) -> None:
    print(f"load average (1 min) before / after pages / after users: {' / '.join(f'{x:.1f}' for x in loads)}\n")
    print("| what | p50 ms | p95 ms | CPU ms per request | goal |\n|---|---:|---:|---:|---|")
    print(
        f"| call page, 2-hour transcript (900 lines, word timings; {sizes[0] / 1e6:.2f} MB HTML, "
        f"{sizes[1] / 1e3:.0f} kB gzipped) | {call[0]:.0f} | {call[1]:.0f} | {call[2]:.0f} | p95 < 150 ms |"
    )
    for q, (p50, p95, cpu) in zip(QUERIES, search, strict=True):
        print(
            f"| search page `{q}`, {args.utterances:,} utterances | {p50:.0f} | {p95:.0f} | {cpu:.0f} | p95 < 100 ms |"
        )
    for path, (n, errors, p50, p95, tool) in concurrent.items():
        what = "search page" if path.startswith("/search") else "/api/search"
        print(
            f"| {args.users} users on {what} over HTTP for {args.seconds:.0f} s ({tool}): {n:,} requests, "
            f"{errors} errors | {p50:.0f} | {p95:.0f} | | p95 < 300 ms, no errors |"
        )


if __name__ == "__main__":
    main()
