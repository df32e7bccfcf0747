"""Bad argument values and output paths are one clear line and a non-zero status, never a traceback:
numbers too large for the database, text that is not UTF-8, output files in a missing folder or at a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana>The price is too high for us.\n"
HUGE = "99999999999999999999999"


@pytest.fixture
def stored(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "call.vtt").write_text(VTT, encoding="utf-8")
    status, _, err = cli("ingest", str(tmp_path / "call.vtt"), "--account", "Acme")
    assert status == 0, err


def _one_error(status: int, out: str, err: str, *needles: str) -> None:
    assert status != 0 and "Traceback" not in out + err, err
    lines = [line for line in err.splitlines() if line.startswith(("error:", "Error:"))]
    assert len(lines) == 1, err
    assert all(n in lines[0] for n in needles), (needles, lines[0])


@pytest.mark.parametrize(
    "args",
    [("calls", "list", "--offset", HUGE), ("search", "price", "--offset", HUGE), ("clips", "show", HUGE),
     ("alerts", "show", HUGE), ("calls", "show", "--", f"-{HUGE}")],
    ids=lambda a: " ".join(a[:3]),
)  # fmt: skip
def test_numbers_too_large_for_the_database(cli: Cli, args: tuple[str, ...]) -> None:
    _one_error(
        *cli(*args), "99999999999999999999999 is too " + ("small" if "--" in args else "large (the most is 9223")
    )


@pytest.mark.parametrize(
    "args", [("search", "pr\udcffice"), ("brief", "Ac\udcffme"), ("calls", "list", "--account", "\udcfe")]
)
def test_text_that_is_not_utf8(cli: Cli, args: tuple[str, ...]) -> None:
    _one_error(*cli(*args), "is not valid UTF-8 text", "\\udc")


def test_output_paths(cli: Cli, stored: None, tmp_path: Path) -> None:
    missing, folder = tmp_path / "missing" / "out", tmp_path
    _one_error(*cli("export", "1", "-o", f"{missing}.vtt"), f"{missing}.vtt: the folder", "does not exist")
    _one_error(*cli("export", "1", "-o", str(folder)), f"{folder}: is a folder")
    _one_error(*cli("brief", "Acme", "-o", f"{missing}.md"), "does not exist")
    (folder / "dir.md").mkdir()
    _one_error(*cli("brief", "Acme", "-o", str(folder / "dir.md")), "dir.md: is a folder")
    _one_error(
        *cli("churn", "--from", "2026-01-01", "--to", "2026-12-31", "--chart", f"{missing}.png"), "does not exist"
    )
    _one_error(*cli("signals", "--chart", str(folder)), "is a folder")
    status, _, err = cli("clips", "add", "--call", "1", "--start", "0", "--end", "2", "--text-only")
    assert status == 0, err
    _one_error(*cli("clips", "export", "1", "-o", str(tmp_path / "call.vtt")), "is a file, not a folder")
    assert not missing.parent.exists()
    status, _, err = cli("export", "1", "-o", str(tmp_path / "ok.vtt"))
    assert status == 0 and (tmp_path / "ok.vtt").read_text(encoding="utf-8").startswith("WEBVTT"), err


def test_an_os_error_anywhere_is_one_line(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.services import calls as service

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", "/srv/calls/acme.flac")

    monkeypatch.setattr(service, "export_call", refused)
    _one_error(*cli("export", "1"), "error: /srv/calls/acme.flac: Permission denied")
    _one_error(*cli("accounts", "import", str(tmp_path)), f"{tmp_path}: is a folder")


@pytest.mark.parametrize("args", [("--start", "nan", "--end", "5"), ("--start", "1", "--end", "inf")])
def test_numbers_that_are_not_finite(cli: Cli, args: tuple[str, ...]) -> None:
    _one_error(*cli("clips", "add", "--call", "1", *args), "is not a finite number")
