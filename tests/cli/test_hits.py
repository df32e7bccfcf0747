"""Verdicts through the real CLI: confirm / reject hits, mark a missed line, survive reanalysis and the deletion of
the call, give trackers a measured precision, and feed `assistant model train`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import load_settings
from assistant.storage import calls
from assistant.storage.db import Store
from tests.conftest import Cli

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Alex Morgan: Thanks for joining, how is the rollout going?

00:00:04.500 --> 00:00:09.000
Dana Whitfield: Honestly the price is too high for us this year.

00:00:09.500 --> 00:00:13.000
Dana Whitfield: We also need more seats for the new team in Leeds.

00:00:13.500 --> 00:00:18.000
Dana Whitfield: And our CFO froze every new software purchase until spring.
"""
CORPUS = """language: en
items:
- {kind: pos, labels: [price], text: "the renewal quote is far too expensive for us"}
- {kind: ok, labels: [], text: "the training went really well, thanks"}
"""


@pytest.fixture
def call_id(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("ASSISTANT_REP_NAMES", '["Alex Morgan"]')
    (tmp_path / "call.vtt").write_text(VTT)
    status, out, err = cli("ingest", str(tmp_path / "call.vtt"), "--json")
    assert status == 0, err
    return int(json.loads(out)[0]["call_id"])


def _hits(cli: Cli, call_id: int) -> list[dict]:  # type: ignore[type-arg]
    status, out, _ = cli("hits", "list", str(call_id), "--json")
    assert status == 0
    return list(json.loads(out))


def test_verdicts_survive_reanalysis_and_deletion(cli: Cli, call_id: int, tmp_path: Path) -> None:
    hits = _hits(cli, call_id)
    price = next(h for h in hits if h["rule"] == "price_too_high")
    status, out, _ = cli("hits", "confirm", str(price["id"]), "--json")
    assert status == 0 and json.loads(out)["verdict"] == "confirm" and json.loads(out)["category"] == "price"
    other = next(h for h in hits if h["id"] != price["id"])
    assert cli("hits", "reject", str(other["id"]))[0] == 0
    status, out, _ = cli("hits", "add", str(call_id), "--at", "11", "--category", "adoption", "--json")
    assert status == 0 and json.loads(out)["text"].startswith("We also need more seats")
    assert cli("reanalyze", "--all", "--force")[0] == 0
    status, out, _ = cli("hits", "verdicts", "--json")
    after = {v["verdict"]: v for v in json.loads(out)}
    assert set(after) == {"confirm", "reject", "missed"}
    renumbered = {h["id"] for h in _hits(cli, call_id)}
    assert after["confirm"]["hit_id"] in renumbered  # linked to the new hit of the same rule and line
    status, _, err = cli("rules", "preview", "price_too_high")
    assert status == 0 and "measured precision 1.00 (1 confirmed, 0 rejected)" in err
    store = Store.open(load_settings(data_dir=tmp_path / "data"))
    calls.delete_call(store, call_id=call_id)
    status, out, _ = cli("hits", "verdicts")
    assert status == 0 and out.count("gone") == 2  # the judged hits are gone, the verdicts are kept


def test_verdict_on_a_hit_that_no_longer_exists_is_a_clear_error(cli: Cli, call_id: int) -> None:
    status, _, err = cli("hits", "confirm", "99999")
    assert status == 1 and "no hit with id 99999" in err
    status, _, err = cli("hits", "add", str(call_id), "--at", "500", "--category", "price")
    assert status == 1 and "nothing is said near 500 s" in err
    status, _, err = cli("hits", "add", str(call_id), "--at", "6", "--category", "prize")
    assert status == 1 and "unknown category 'prize'" in err


def test_verdicts_feed_model_training(cli: Cli, call_id: int, tmp_path: Path) -> None:
    price = next(h for h in _hits(cli, call_id) if h["rule"] == "price_too_high")
    assert cli("hits", "confirm", str(price["id"]))[0] == 0
    assert cli("hits", "add", str(call_id), "--at", "11", "--category", "adoption")[0] == 0
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.yaml").write_text(CORPUS)
    args = ["model", "train", "--corpus", str(corpus), "-o", str(tmp_path / "h.npz"), "--json"]
    status, out, err = cli(*args)
    assert status == 0, err
    report = json.loads(out)
    assert report["examples"] == 4 and report["per_category"]["adoption"] == 1 and report["per_category"]["price"] == 2
    status, out, _ = cli(*args, "--no-verdicts")
    assert json.loads(out)["examples"] == 2
