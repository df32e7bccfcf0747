"""Terminal control characters in stored data (transcript text, speaker names) never reach the terminal:
ESC sequences (retitle the window, clear the screen, colour forged lines), C1 controls (CSI U+009B), BEL and
carriage returns are dropped from human output and exports to stdout, and escaped in JSON, which keeps the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from assistant.cli import output
from tests.conftest import Cli

EVIL = "\x1b]0;pwned\x07\x1b[2J\u009b31m\r\x08"
VTT = f"""WEBVTT

00:00:01.000 --> 00:00:03.000
<v Dana{EVIL}>Hello there fr{EVIL}iend, the price is too high for us.

00:00:03.500 --> 00:00:06.000
<v Alex>We can talk about it.
"""
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def stored(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.vtt"
    path.write_text(VTT, encoding="utf-8")
    status, _, err = cli("ingest", str(path))
    assert status == 0, err


COMMANDS = [("calls", "show", "1"), ("search", "price"), ("rules", "preview", "price_too_high"), ("export", "1"),
            ("export", "1", "--format", "txt"), ("calls", "list")]  # fmt: skip


def test_human_output_and_exports_carry_no_control_characters(cli: Cli, stored: None) -> None:
    for args in COMMANDS:  # one stored call for all of them (ingest is the slow part)
        status, out, err = cli(*args)
        assert status == 0, err
        assert not RAW.search(out + err), (args, RAW.search(out + err))
        if args[0] != "calls" or args[1] == "show":
            assert "pwned" in out and "price is too high" in out, args  # the printable rest is kept
    status, out, err = cli("calls", "show", "1", "--json")
    assert status == 0 and not RAW.search(out)
    said = " ".join(u["speaker"] + u["text"] for u in json.loads(out)["utterances"])
    assert "\x1b]0;pwned\x07\x1b[2J\u009b31m" in said  # JSON keeps the exact data, escaped


def test_styling_still_reaches_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    console = output.SafeConsole(force_terminal=True, color_system="standard", emoji=False)
    console.print(f"[red]risk[/] {output.esc('a' + EVIL + 'b')}")
    printed = capsys.readouterr().out
    assert "\x1b[31mrisk" in printed  # our own colour
    assert "pwned" in printed and "\x1b]" not in printed and "\x07" not in printed and "\u009b" not in printed
    assert output.clean(f"x{EVIL}y\tz\n") == "x]0;pwned[2J31my\tz\n"
    assert isinstance(output.console, Console) and isinstance(output.console, output.SafeConsole)
