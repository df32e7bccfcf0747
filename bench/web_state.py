"""What sharing the web app's state through the database costs (issue 12, `serve --workers N`): the sign-in
limiter's round trips per sign-in (count an attempt, then uncount it as a right password does) next to a whole
sign-in (argon2 included), and one job progress write, on SQLite and PostgreSQL (a throwaway cluster).

    .venv/bin/python bench/web_state.py [--runs 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.services import auth
from assistant.settings import load_settings
from assistant.storage import web_state
from assistant.storage.db import Store
from bench.search import machine, percentiles, timed
from tests import postgres


def measure(store: Store, runs: int) -> dict[str, tuple[float, float]]:
    auth.add_user(store, username="ann", password="right password")
    limiter = auth.LoginLimiter()

    def limited() -> None:
        limiter.succeeded(store, limiter.begin(store, "user:ann", "addr:10.0.0.1"), "user:ann")

    def sign_in() -> None:
        auth.sign_in(store, limiter, username="ann", password="right password", client="10.0.0.1")

    job = web_state.add_job(store, kind="upload", owner="ann", runner="bench:1")
    items = tuple({"file": f"call-{n}.vtt", "status": "stored", "call_id": n, "message": "stored"} for n in range(20))
    progress = replace(job, status="running", done=10, total=20, items=items)
    return {
        "limiter (count + uncount)": percentiles(timed(limited, runs)),
        "whole sign-in (argon2, session)": percentiles(timed(sign_in, max(10, runs // 10))),
        "job progress write (20 items)": percentiles(timed(lambda: web_state.save_job(store, progress), runs)),
    }


def report(name: str, figures: dict[str, tuple[float, float]]) -> None:
    for what, (median, p95) in figures.items():
        print(f"{name:<11} {what:<34} median {median:7.2f} ms  p95 {p95:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(load_settings(data_dir=Path(tmp) / "data"))
        report("SQLite", measure(store, runs))
        store.close()
    with postgres.server() as server:
        postgres.make_template(server)
        with postgres.fresh_database(server) as url:
            store = Store.open_url(url)
            report("PostgreSQL", measure(store, runs))
            store.close()


if __name__ == "__main__":
    main()
