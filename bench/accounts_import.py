"""`assistant accounts import` on large CRM exports: wall time of a first import (every row new) and of the
same file again (every row matched, nothing changed), through the real CLI in a fresh data folder.

Rows have a CRM id, an owner, a start date, ARR and two contacts; a tenth of the names are non-ASCII (they
take the case-folded lookup that SQLite's ASCII-only lower() cannot serve). ``--checkout DIR`` runs the
assistant of another checkout (e.g. a commit before the lookup keys) with this venv, for before/after.

    .venv/bin/python bench/accounts_import.py --rows 8000 50000
    .venv/bin/python bench/accounts_import.py --rows 8000 --checkout /tmp/before --timeout 600
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUN = "from assistant.cli.main import run; import sys; sys.exit(run(sys.argv[1:]))"


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Account Name", "Account ID", "Account Owner", "Customer Since", "ARR", "Contacts"])
        for i in range(rows):
            name = f"Компания {i}" if i % 10 == 0 else f"Account {i} Ltd"
            contacts = f"Jane Doe{i} (CFO) <jane{i}@example.com>; Tom Lee{i} - IT Director"
            out.writerow(
                [name, f"001A{i:08d}", f"Owner {i % 40}", f"20{10 + i % 15}-0{1 + i % 9}-15", 1000 + i, contacts]
            )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_import(checkout: Path, data: Path, csv_path: Path, timeout: float) -> tuple[float, float] | None:
    """(CPU seconds, wall seconds) of one `accounts import`; None when it did not finish within ``timeout``.
    CPU time is the figure to compare on a shared machine: wall time grows with everyone else's load."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "PYTHONPATH": str(checkout)}
    env.pop("ASSISTANT_CONFIG", None)
    cmd = [sys.executable, "-c", RUN, "accounts", "import", str(csv_path), "--as-of", "2026-03-01", "--json"]
    started, cpu = time.perf_counter(), _cpu()
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=checkout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr[-2000:]}")
    return _cpu() - cpu, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[8000, 50000])
    parser.add_argument("--checkout", type=Path, default=REPO, help="the checkout whose assistant runs")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run counts as unfinished")
    args = parser.parse_args()
    print(f"checkout: {args.checkout}; seconds as CPU (wall)")
    print("| rows | first import | same file again |")
    print("|---:|---:|---:|")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "crm.csv"
            write_csv(csv_path, rows)
            first = timed_import(args.checkout, Path(tmp) / "data", csv_path, args.timeout)
            again = timed_import(args.checkout, Path(tmp) / "data", csv_path, args.timeout) if first else None
        shown = [f"{t[0]:.1f} ({t[1]:.1f})" if t else f"> {args.timeout:.0f} wall (stopped)" for t in (first, again)]
        print(f"| {rows:,} | {shown[0]} | {shown[1] if first else '—'} |", flush=True)


if __name__ == "__main__":
    main()
