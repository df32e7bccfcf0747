"""Crash consistency: `assistant ingest` killed with SIGKILL at any moment leaves a database where every call is
whole (its utterances, speakers, analysis and hits, all in one transaction) or absent, with no orphan rows and an
intact search index; the next run stores what is missing, each file once.

Real processes on a real SQLite file (WAL); the kills land while calls are being stored (the test waits until
the killed run has stored some calls, so a kill never hits the start-up only)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

ASSISTANT = Path(sys.executable).with_name("assistant")
FILES, CUES = 8, 6


def _inbox(folder: Path) -> Path:
    folder.mkdir()
    for n in range(FILES):
        cues = ["WEBVTT", ""]
        for i in range(CUES):
            said = "the price is too high and we are looking at other vendors" if i == 3 else "about the renewal plan"
            cues += [f"00:00:{i * 4 + 1:02d}.000 --> 00:00:{i * 4 + 4:02d}.000", f"<v {'Dana' if i % 2 else 'Sam'}>"
                     f"call {n} line {i}: {said}", ""]  # fmt: skip
        (folder / f"c{n:02d}.vtt").write_text("\n".join(cues), encoding="utf-8")
    return folder


def _calls(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM call").fetchone()[0])
    except sqlite3.OperationalError:  # not created or migrated yet
        return 0


def _kill_after(env: dict[str, str], inbox: Path, db: Path, stored: int) -> None:
    run = subprocess.Popen([str(ASSISTANT), "ingest", str(inbox)], env=env, cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 180
    while _calls(db) < stored and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the ingest finished before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)


def _problems(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        problems = [f"integrity: {r}" for r in q("PRAGMA integrity_check") if r != ("ok",)]
        problems += [f"foreign key: {r}" for r in q("PRAGMA foreign_key_check")]
        problems += [f"call {c} has {n} utterances" for c, n in q(
            "SELECT c.id, count(u.id) FROM call c LEFT JOIN utterance u ON u.call_id = c.id GROUP BY c.id"
        ) if n != CUES]  # fmt: skip
        problems += [f"call {c} not analysed ({s}, {h} hits)" for c, s, h in q(
            "SELECT c.id, c.status, count(h.id) FROM call c LEFT JOIN hit h ON h.call_id = c.id GROUP BY c.id"
        ) if s != "analyzed" or h == 0]  # fmt: skip
        problems += [
            f"orphan utterance {r}" for r in q("SELECT id FROM utterance WHERE call_id NOT IN (SELECT id FROM call)")
        ]
        conn.execute("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 1)")
    return problems


def test_ingest_killed_mid_batch_leaves_whole_calls_only_and_the_next_run_completes(tmp_path: Path) -> None:
    inbox, data = _inbox(tmp_path / "inbox"), tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")} | {"ASSISTANT_DATA_DIR": str(data)}
    db = data / "assistant.db"
    for stored in (1, 3):  # two kills, each after the run has stored a few more calls
        _kill_after(env, inbox, db, stored)
        assert _problems(db) == []
    done = subprocess.run([str(ASSISTANT), "ingest", str(inbox)], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert _problems(db) == [] and _calls(db) == FILES
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT content_hash), count(*) FROM call").fetchone() == (FILES, FILES)
