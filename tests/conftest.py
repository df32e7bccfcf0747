"""Fixtures shared by the whole suite.

- ``shared_data``: the team's real recordings (../shared/data); tests that need them skip with a reason
  when the folder is absent.
- ``settings``: a Settings object whose data and clips folders live in the test's tmp_path; the Whisper
  model cache is the user's normal one (assembled once per machine, then reused).
- ``db_backend``: "sqlite" everywhere, and both "sqlite" and "postgresql" for the conformance folders
  (CONFORMANCE): there ``settings``, ``store`` and the CLI use a fresh PostgreSQL database per test
  (tests/postgres.py). ``postgres_url`` gives a test its own fresh PostgreSQL database directly.
  ``@pytest.mark.sqlite_only`` keeps a test that is about SQLite itself (file backups, FTS5 internals)
  on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings, load_settings
from assistant.storage.db import Store
from tests import postgres
from tests.browser import chromium

Cli = Callable[..., tuple[int, str, str]]
REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLES = REPO / "samples"
CONFORMANCE = ("storage", "library", "alerts", "accounts")
POSTGRES_ONLY = ("jobs",)  # the job queue is procrastinate on PostgreSQL
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself; not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the conformance folders' database tests on both backends."""
    folder = Path(str(metafunc.definition.path)).relative_to(REPO / "tests").parts[0]
    if "db_backend" in metafunc.fixturenames and folder in POSTGRES_ONLY:
        metafunc.parametrize("db_backend", ["postgresql"], indirect=True)
    if "db_backend" not in metafunc.fixturenames or folder not in CONFORMANCE:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("db_backend", BACKENDS, indirect=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for one test module at a time, closed at the module's end (tests/browser.py says
    why: Playwright's loop would otherwise stay running in the main thread for the rest of the session)."""
    yield from chromium()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The session's PostgreSQL server with a migrated template database; skips when there is none."""
    try:
        with postgres.server() as url:
            postgres.make_template(url)
            yield url
    except postgres.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh PostgreSQL database at the newest schema, dropped after the test."""
    with postgres.fresh_database(postgres_server) as url:
        yield url


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database_url(db_backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """None (SQLite in the data folder) or a fresh PostgreSQL database, also set for the CLI and children."""
    if db_backend == "sqlite":
        monkeypatch.delenv("ASSISTANT_DATABASE_URL", raising=False)
        return None
    url = str(request.getfixturevalue("postgres_url"))
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    return url


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
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> Settings:
    monkeypatch.delenv("ASSISTANT_CONFIG", raising=False)
    return load_settings(data_dir=tmp_path / "data", clips_dir=tmp_path / "clips", database_url=database_url)


@pytest.fixture(scope="session")
def transcriber(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real Whisper model for the whole session (base, from the package index, offline). Speaker diarization
    is off here: these tests are about Whisper (tests/transcription/test_mono_calls.py covers the two together)."""
    from assistant.transcription.whisper import Transcriber

    return Transcriber(load_settings(data_dir=tmp_path_factory.mktemp("whisper-data"), diarization="off"))


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str | None
) -> Cli:
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
