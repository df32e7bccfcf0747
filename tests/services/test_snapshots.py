"""Snapshots of `calls show --json`, `search --json` and `brief --json` on the sample calls, via the real CLI.

The library is built from transcripts, never audio, so the outputs are the same on every CPU: the it/ru/pl/zh
sample VTTs and the reference VTTs of the English sample calls, each with its ``.meta.json``. Only volatile
fields are normalised (source paths, database ids of utterances, times of ingestion); everything else must stay
byte-for-byte the same when code moves between layers.

A deliberate change of behaviour (a rule edit, a new field) updates them: ``UPDATE_SNAPSHOTS=1 pytest
tests/services/test_snapshots.py``, then review the diff of ``tests/services/snapshots/`` like code.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES

SNAPSHOTS = Path(__file__).parent / "snapshots"
VOLATILE_TIMES = {"ingested_at", "created_at", "updated_at", "analyzed_at", "sent_at"}
CALLS = range(1, 10)  # nine sample calls, ingested in file-name order
SEARCHES = {
    "price-any-language": ["price OR prezzo OR 价格 OR цена OR cena"],
    "phrase-customer": ['"too expensive" OR cheaper', "--role", "customer"],
    "prefix-not": ["budget* NOT freeze", "--language", "en"],
    "risk-high-russian": ["бюджет", "--risk", "high"],
    "executive-filter": ["renewal", "--executive", "--limit", "3"],
    "paged": ["the", "--limit", "2", "--offset", "1"],
    "no-match": ["zebra"],
}
BRIEFS = {"northwind": "Northwind Logistics", "cedar": "Cedar Bank", "translain": "ТрансЛайн"}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The root options of a data folder holding the nine sample calls (imported from their transcripts)."""
    from assistant.cli.main import run

    folder = tmp_path_factory.mktemp("sample-transcripts")
    for src in [*SAMPLES.glob("calls/*.vtt"), *SAMPLES.glob("reference/*.vtt"), *SAMPLES.glob("calls/*.meta.json")]:
        shutil.copy(src, folder / src.name)
    root = ["--config", str(SAMPLES / "config.toml"), "--data-dir", str(tmp_path_factory.mktemp("snap-data"))]
    saved = {k: os.environ.pop(k, None) for k in ("ASSISTANT_CONFIG", "ASSISTANT_DATA_DIR", "ASSISTANT_DATABASE_URL")}
    # The learned model's probabilities come from a quantised C engine whose last digits differ between CPUs:
    # the snapshots pin the rules' output (byte for byte); tests/analysis/test_model.py checks the model.
    os.environ["ASSISTANT_CHURN_MODEL"] = "false"
    try:
        assert run([*root, "ingest", str(folder), "--json"]) == 0
        yield root
    finally:
        os.environ.pop("ASSISTANT_CHURN_MODEL", None)
        os.environ.update({k: v for k, v in saved.items() if v is not None})


def _normalise(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if key in VOLATILE_TIMES and value is not None:
        return "<time>"
    if key == "utterance_id":
        return "<id>"
    if key in ("source_path", "path") and isinstance(value, str):
        return Path(value).name
    if isinstance(value, float):
        return round(value, 6)  # bm25 scores: the last bits may differ between libm builds
    return value


def _check(name: str, out: str) -> None:
    got = json.dumps(_normalise(json.loads(out)), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        if not os.environ.get("UPDATE_SNAPSHOTS"):
            pytest.fail(f"{path} did not exist; written now: review and commit it")
    assert got == path.read_text(encoding="utf-8"), f"{name}: output differs from {path}"


def _cli(root: list[str], capsys: pytest.CaptureFixture[str], *args: str) -> str:
    from assistant.cli.main import run

    capsys.readouterr()
    status = run([*root, *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


@pytest.mark.parametrize("call_id", CALLS)
def test_calls_show_json(library: list[str], capsys: pytest.CaptureFixture[str], call_id: int) -> None:
    _check(f"calls-show-{call_id}", _cli(library, capsys, "calls", "show", str(call_id), "--json"))


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_search_json(library: list[str], capsys: pytest.CaptureFixture[str], name: str) -> None:
    _check(f"search-{name}", _cli(library, capsys, "search", *SEARCHES[name], "--json"))


@pytest.mark.parametrize("name", sorted(BRIEFS))
def test_brief_json(library: list[str], capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = _cli(library, capsys, "brief", BRIEFS[name], "--as-of", "2026-04-01", "--json")
    _check(f"brief-{name}", out)


def test_snapshots_are_not_trivial() -> None:
    """Guards the guard: the snapshots hold real hits, executives and search results."""
    cedar = json.loads((SNAPSHOTS / "calls-show-1.json").read_text(encoding="utf-8"))
    assert cedar["executives"] and cedar["hits"] and len(cedar["utterances"]) == 8
    prices = json.loads((SNAPSHOTS / "search-price-any-language.json").read_text(encoding="utf-8"))
    assert {h["language"] for h in prices["hits"]} >= {"en", "it", "zh"}
    brief = json.loads((SNAPSHOTS / "brief-northwind.json").read_text(encoding="utf-8"))
    assert brief["risks"] and brief["calls"]
