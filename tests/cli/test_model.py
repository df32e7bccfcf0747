"""`assistant model train|info` through the real CLI: a head trained from a small labelled folder, reproducibly."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import HEAD_FILE
from assistant.analysis.model.head import load_head, save_head
from assistant.analysis.model.training import GRID, VOTE, VOTE_K, default_corpora, digest, load_examples
from tests.conftest import SAMPLES, Cli

CORPUS = """language: en
items:
- {kind: pos, labels: [price], text: "the renewal quote is far too expensive for us"}
- {kind: pos, labels: [price], text: "we can't pay that much more next year"}
- {kind: pos, labels: [dissatisfaction], text: "the new version is a mess and everyone hates it"}
- {kind: ok, labels: [], text: "the training went really well, thanks"}
- {kind: sense, labels: [], text: "let's cancel Friday's sync, I'm travelling"}
- {kind: rep, labels: [], text: "some customers say the price is high at first"}
"""

CONTEXT = """- {kind: pos, labels: [cancellation], ctx: [[rep, "shall we renew?"]], text: "no, we will cancel it"}
- {kind: ok, labels: [], ctx: [[rep, "how was the onboarding?"]], text: "great, the team picked it up fast"}
"""


def test_train_twice_gives_the_same_head_and_info_shows_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE_DIR", str(tmp_path / "cache"))  # the vector cache: not the user's
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.yaml").write_text(CORPUS, encoding="utf-8")
    heads = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for head in heads:
        status, out, err = cli("model", "train", "--corpus", str(corpus), "-o", str(head), "--json")
        assert status == 0, err
        report = json.loads(out)
        assert report["examples"] == 6 and report["per_category"]["price"] == 2 and report["per_category"]["none"] == 3
    a, b = (load_head(h) for h in heads)
    assert np.array_equal(a.weights, b.weights) and a.info == b.info
    status, out, _ = cli("model", "info", "--file", str(heads[0]), "--json")
    info = json.loads(out)
    assert status == 0 and info["examples"] == 6 and "dissatisfaction" in info["categories"]
    assert (info["vote"], info["vote_k"]) == (VOTE, VOTE_K) and info["dismiss"] in (0.0, *[t for t in GRID if t >= 0.5])
    lines = info["training_lines"]  # trained on a folder of its own: not the checkout's lines
    assert lines["same"] is False and lines["head"] == report["digest"] != lines["repo"]
    assert "assistant model train --seed 7 --no-verdicts" in lines["note"]


def test_info_says_whether_the_head_was_trained_on_the_checkouts_lines(cli: Cli, tmp_path: Path) -> None:
    """The shipped head against the labelled lines in the repository: the same digest says so; another digest (the
    lines changed since) names both and the command that rebuilds the head."""
    examples = load_examples(default_corpora())
    shipped = load_head(HEAD_FILE)
    for name, trained in (("same", digest(examples)), ("other", "0123456789abcdef")):
        info = {**json.loads(shipped.info), "digest": trained}
        save_head(replace(shipped, info=json.dumps(info)), tmp_path / f"{name}.npz")
    status, out, _ = cli("model", "info", "--file", str(tmp_path / "same.npz"))
    assert status == 0 and f"trained on the {len(examples)} labelled lines of this checkout" in out.replace("\n", " ")
    status, out, _ = cli("model", "info", "--file", str(tmp_path / "other.npz"), "--json")
    lines = json.loads(out)["training_lines"]
    assert (lines["same"], lines["head"], lines["repo"], lines["repo_lines"]) == (
        False, "0123456789abcdef", digest(examples), len(examples))  # fmt: skip
    assert "0123456789abcdef" in lines["note"] and "--no-verdicts" in lines["note"]


def test_the_head_file_is_a_function_of_lines_seed_and_rules(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bytes from a run that embeds and fits everything one fit at a time, one that fits side by side in two
    processes (another empty cache), and one that reads its vectors and fits back from the first's cache; another
    seed writes other bytes (the comparison can fail)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.yaml").write_text(CORPUS + CONTEXT, encoding="utf-8")
    runs = {"cold": ("a", "--jobs", "1"), "side": ("b", "--jobs", "2"), "warm": ("a", "--jobs", "2"),
            "seed": ("a", "--seed", "8")}  # fmt: skip
    for name, (cache, *options) in runs.items():
        monkeypatch.setenv("ASSISTANT_MODEL_CACHE_DIR", str(tmp_path / cache))
        status, _, err = cli("model", "train", "--corpus", str(corpus), "-o", str(tmp_path / f"{name}.npz"), *options)
        assert status == 0, err
        if name == "cold":
            assert len(list((tmp_path / "a" / "vectors").glob("vectors-*.npz"))) == 1
            assert len(list((tmp_path / "a" / "fits").glob("fit-*.npz"))) >= 2  # the final fit and the folds'
    cold, side, warm, seed = ((tmp_path / f"{name}.npz").read_bytes() for name in runs)
    assert cold == side == warm and cold != seed


def test_bad_corpus_item_and_missing_head_are_one_clear_line(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.yaml").write_text(CORPUS.replace("[price]", "[prize]", 1), encoding="utf-8")
    status, _, err = cli("model", "train", "--corpus", str(corpus), "-o", str(tmp_path / "h.npz"))
    assert status == 1 and "en.yaml: item 1" in err and "prize" in err
    status, _, err = cli("model", "info", "--file", str(tmp_path / "none.npz"))
    assert status == 1 and "none.npz" in err and "assistant model train" in err


def test_embed_fills_in_what_is_missing_or_stale_and_reports_the_rest(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_STORE_EMBEDDINGS", "false")  # ingest without: `model embed` adds them
    status, _, err = cli("ingest", str(SAMPLES / "calls" / "ferretti-it-prezzo.vtt"))
    assert status == 0, err
    status, out, _ = cli("model", "info", "--json")
    stored = json.loads(out)["stored_embeddings"]
    assert (stored["utterances"], stored["current"], stored["missing"], stored["calls_due"]) == (8, 0, 8, 1)
    status, out, err = cli("model", "embed", "--json")
    report = json.loads(out)
    assert status == 0, err
    assert [(c["call_id"], c["status"], c["utterances"]) for c in report["calls"]] == [(1, "embedded", 8)]
    assert (report["status"]["current"], report["status"]["missing"]) == (8, 0)
    status, out, _ = cli("model", "embed")  # nothing due
    assert status == 0 and "already has an embedding of the current model" in out
    status, out, _ = cli("model", "embed", "1", "7")
    assert status == 1 and "embedded" in out and "no call with id 7" in out


LONG_TURN = """WEBVTT

00:00:01.000 --> 00:00:04.000
rep: How has the quarter been on your side?

00:00:04.500 --> 00:00:40.000
customer: Busy, to be honest. We opened the new depot in Leeds in October and it went better than planned. \
The drivers like the new vans, and the routes are shorter now. Our own sales grew about eight percent, mostly online. \
Finance has frozen all new software spend until the summer, so anything extra has to wait. \
Otherwise the team is settling in well after the move, and the canteen finally has decent coffee.
"""


def test_embed_fills_in_the_sentence_vectors_of_long_turns_too(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "long.vtt").write_text(LONG_TURN, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_STORE_EMBEDDINGS", "false")
    assert cli("ingest", str(tmp_path / "long.vtt"))[0] == 0
    assert _sentence_vectors(tmp_path) == 0
    status, _, err = cli("model", "embed", "--json")
    assert status == 0, err
    assert _sentence_vectors(tmp_path) == 5  # the long turn, sentence by sentence


def test_embed_finds_the_calls_that_lack_only_their_sentence_vectors(cli: Cli, tmp_path: Path) -> None:
    """A call whose lines have their vectors but whose long turn's sentences have none (stored before they were
    kept) is due for `model embed` with no ids; a call of short turns is not."""
    (tmp_path / "long.vtt").write_text(LONG_TURN, encoding="utf-8")
    for path in (SAMPLES / "calls" / "ferretti-it-prezzo.vtt", tmp_path / "long.vtt"):
        assert cli("ingest", str(path))[0] == 0
    assert _sentence_vectors(tmp_path) == 5
    with sqlite3.connect(tmp_path / "data" / "assistant.db") as db:
        db.execute("DELETE FROM sentence_embedding")
    status, out, err = cli("model", "embed", "--json")
    assert status == 0, err
    assert [(c["call_id"], c["status"]) for c in json.loads(out)["calls"]] == [(2, "embedded")]
    assert _sentence_vectors(tmp_path) == 5
    status, out, _ = cli("model", "embed")
    assert status == 0 and "already has an embedding of the current model" in out


def _sentence_vectors(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "data" / "assistant.db") as db:
        return int(db.execute("SELECT count(*) FROM sentence_embedding").fetchone()[0])
