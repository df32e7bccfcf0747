"""`assistant ingest`, `calls list|show`, `export`, `settings`: output, --json names, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
Alex Morgan: How is everything going with the platform?

00:00:03.500 --> 00:00:07.000
Dana Whitfield: Our budget was cut and the price is too high for us now.
"""


@pytest.fixture
def calls_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "acme.vtt").write_text(VTT)
    (folder / "acme.meta.json").write_text(json.dumps({"account": "Acme", "rep": "Alex Morgan", "date": "2026-03-01"}))
    (folder / "empty.wav").write_bytes(b"")
    return folder


def test_ingest_reports_each_file_and_fails_on_bad_ones(cli: Cli, calls_dir: Path) -> None:
    status, out, err = cli("ingest", str(calls_dir), "--json")
    assert status == 1
    results = {Path(r["path"]).name: r for r in json.loads(out)}
    assert results["acme.vtt"]["status"] == "stored"
    assert results["empty.wav"]["status"] == "failed" and "empty.wav: empty file" in results["empty.wav"]["message"]
    assert "1 stored" in err and "1 failed" in err
    status, out, err = cli("ingest", str(calls_dir / "acme.vtt"))
    assert status == 0 and "skipped" in err and "already ingested" in err


def test_calls_show_json_has_the_evaluated_names(cli: Cli, calls_dir: Path) -> None:
    cli("ingest", str(calls_dir / "acme.vtt"))
    status, out, _ = cli("calls", "list", "--json")
    assert status == 0
    [summary] = json.loads(out)
    assert summary["account"] == "Acme"
    status, out, _ = cli("calls", "show", str(summary["id"]), "--json")
    call = json.loads(out)
    assert call["language"] == "en" and call["duration"] == pytest.approx(7.0)
    assert [set(u) >= {"speaker", "role", "start", "end", "text"} for u in call["utterances"]] == [True, True]
    assert [u["speaker"] for u in call["utterances"]] == ["Alex Morgan", "Dana Whitfield"]
    for hit in call["hits"]:
        assert set(hit) >= {"rule", "category", "role", "start", "end", "text", "negated", "hypothetical"}
    assert set(call["report"]) >= {"score", "level"}


def test_calls_show_human_and_missing(cli: Cli, calls_dir: Path) -> None:
    cli("ingest", str(calls_dir / "acme.vtt"))
    status, out, _ = cli("calls", "show", "1")
    assert status == 0 and "Dana Whitfield" in out and "budget was cut" in out
    status, _, err = cli("calls", "show", "42")
    assert status == 1 and "no call with id 42" in err


@pytest.mark.parametrize(
    ("fmt", "marker"), [("vtt", "WEBVTT"), ("srt", "00:00:01,000"), ("json", '"segments"'), ("txt", "[00:00:03]")]
)
def test_export_formats(cli: Cli, calls_dir: Path, tmp_path: Path, fmt: str, marker: str) -> None:
    cli("ingest", str(calls_dir / "acme.vtt"))
    status, out, _ = cli("export", "1", "--format", fmt)
    assert status == 0 and marker in out
    target = tmp_path / f"out.{fmt}"
    assert cli("export", "1", "-f", fmt, "-o", str(target))[0] == 0
    assert target.read_text() == out


def test_bad_options_exit_2(cli: Cli, calls_dir: Path) -> None:
    status, _, err = cli("export", "1", "--format", "docx")
    assert status == 2 and "docx" in err
    status, _, err = cli("ingest", str(calls_dir / "acme.vtt"), "--renewal-date", "2026-13-40")
    assert status == 1 and "--renewal-date" in err


def test_settings_lists_every_setting(cli: Cli) -> None:
    status, out, _ = cli("settings", "--json")
    names = {row["name"] for row in json.loads(out)}
    assert status == 0 and {"model", "rep_channel", "data_dir"} <= names
