"""Data shown by the CLI is never read as Rich markup: brackets, '[/]', backslashes and ':emoji:' codes in
transcripts, names, paths and error messages print exactly as they are, while our own styling still works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from assistant.cli import output
from assistant.cli import search as search_cli
from assistant.cli.output import esc, marked
from tests.conftest import Cli

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
Dana [cfo]: hello [laughter] there

00:00:03.500 --> 00:00:06.000
Alex [rep]: a [/] and [bold]x[/bold] in C:\\dir\\ :fire:
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def stored(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "call [draft].vtt"
    path.write_text(VTT, encoding="utf-8")
    status, _, err = cli("ingest", str(path))
    assert status == 0, err
    assert "call [draft].vtt" in err  # the ingest report names the file as it is
    return path


def test_calls_show_prints_transcript_and_speakers_verbatim(cli: Cli, stored: Path) -> None:
    status, out, _ = cli("calls", "show", "1")
    assert status == 0
    assert "call [draft].vtt" in out
    assert "Dana [cfo] (customer): hello [laughter] there" in out
    assert "Alex [rep] (customer): a [/] and [bold]x[/bold] in C:\\dir\\ :fire:" in out


def test_calls_list_table_cells_keep_brackets(cli: Cli, stored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "console", Console(width=200, emoji=False))  # no wrapping inside a cell
    status, out, _ = cli("calls", "list")
    assert status == 0
    assert "│ call [draft].vtt │" in out


def test_search_keeps_brackets_in_header_and_snippet(cli: Cli, stored: Path) -> None:
    status, out, _ = cli("search", "laughter")
    assert status == 0
    assert "Dana [cfo] (customer)" in out
    assert "hello [laughter] there" in out
    status, out, _ = cli("search", "fire")
    assert status == 0 and "a [/] and [bold]x[/bold] in C:\\dir\\ :fire:" in out


def test_search_snippet_highlight_still_shows(cli: Cli, stored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    colour = Console(force_terminal=True, color_system="standard", width=200, emoji=False)
    monkeypatch.setattr(search_cli, "console", colour)
    status, out, _ = cli("search", "laughter")
    assert status == 0
    assert "hello [laughter] there" in ANSI.sub("", out)
    assert re.search(r"\[\x1b\[1;33mlaughter\x1b\[0m\]", out), out  # only the word is bold yellow


def test_error_message_with_brackets_survives(cli: Cli) -> None:
    status, out, err = cli("--config", "/nonexistent/[x].toml", "settings")
    assert status == 1 and out == ""
    assert "error:" in err and "/nonexistent/[x].toml" in err


@pytest.mark.parametrize(
    "value",
    ["hello [laughter]", "[/]", "[bold]x[/bold]", "C:\\", "C:\\\\", "a\\[b]", "a\\\\[b]", "\\[x", "x\\[", "[", "]",
     "[[b]]", "[@click]", "[#fff]x", "<mark>", ":fire:", ""],
)  # fmt: skip
def test_esc_round_trips_in_any_position(value: str) -> None:
    for template, expected in (
        ("{}", value),
        ("[bold]{}[/]", value),
        ("{}[dim]z[/]", value + "z"),
        ("[red]a[/] {} b", f"a {value} b"),
        ("{}{}", value + value),
    ):
        assert Text.from_markup(template.format(esc(value), esc(value)), emoji=False).plain == expected


def test_marked_styles_only_the_marked_parts() -> None:
    text = marked("a [b] \x00c\x01 d", ("\x00", "\x01"), "bold")
    assert text.plain == "a [b] c d"
    assert [(text.plain[s.start : s.end], s.style) for s in text.spans] == [("c", "bold")]
