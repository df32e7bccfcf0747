"""Fixtures shared by the whole suite.

- ``shared_data``: the team's real recordings (../shared/data); tests that need them skip with a reason
  when the folder is absent.
- ``settings``: a Settings object whose data and clips folders live in the test's tmp_path; the Whisper
  model cache is the user's normal one (assembled once per machine, then reused).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings, load_settings
from assistant.storage.db import Store

Cli = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "MANIFEST.md").is_file():
        pytest.skip(f"team recordings not found at {SHARED_DATA} (../shared/data beside the checkout)")
    return SHARED_DATA


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """The database of the test's data folder, migrated; closed after the test."""
    store = Store.open(settings)
    yield store
    store.close()


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """A small canned library of calls (tests/library/canned.py) in ``store``; its ids by name."""
    from tests.library.canned import library

    return library(store)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)
    return load_settings(data_dir=tmp_path / "data", clips_dir=tmp_path / "clips")


@pytest.fixture(scope="session")
def transcriber(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real Whisper model for the whole session (base, from the package index, offline)."""
    from assistant.transcription.whisper import Transcriber

    return Transcriber(load_settings(data_dir=tmp_path_factory.mktemp("whisper-data")))


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The real CLI entry point in-process: ``cli("calls", "list", "--json")`` → (status, stdout, stderr),
    with data and clips in the test's tmp_path."""
    from assistant.cli.main import run

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_CLIPS_DIR", str(tmp_path / "clips"))
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return invoke
