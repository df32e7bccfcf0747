"""`assistant db copy --to postgresql://...` round-trips the sample library: every table's rows arrive with
their ids, calls read back the same, search finds the same, and running it again copies nothing twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.library.search import backend
from assistant.services import library as lib
from assistant.services.app import App
from assistant.services.ingest import ingest_files
from assistant.services.library import ClipInfo
from assistant.settings import Settings, load_settings
from assistant.storage import calls
from assistant.storage.db import Store
from tests.conftest import SAMPLES, Cli

pytestmark = pytest.mark.sqlite_only  # the source library is SQLite; the target is a fresh PostgreSQL database

POLICY = "policies:\n  - name: any risk\n    trigger: {score: 1}\n    channels:\n      - {type: webhook, url: 'http://127.0.0.1:9/x'}\n"


@pytest.fixture
def sample_library(tmp_path: Path) -> App:
    """The sample calls that are transcripts (VTT: Italian, Chinese, Russian, Polish), analysed for real,
    with a clip, a collection, an outcome and the alerts their risks raised (SQLite)."""
    (tmp_path / "alerts.yaml").write_text(POLICY, encoding="utf-8")
    settings = load_settings(
        data_dir=tmp_path / "data", clips_dir=tmp_path / "clips", alerts_file=tmp_path / "alerts.yaml"
    )
    app = App(settings)
    results = ingest_files(app, sorted((SAMPLES / "calls").glob("*.vtt")), deliver=False)
    assert [r.status for r in results] == ["stored"] * 4
    clip = lib.add_clip(app, ClipInfo(title="Price objection", tags=("price",)), utterance=2, text_only=True)
    lib.create_collection(app, "Objections")
    lib.add_to_collection(app, "Objections", clip.id)
    lib.set_outcome(app, account=calls.get_call(app.store, call_id=1).metadata.account or "", status="renewed",
                    on=date(2026, 6, 1))  # fmt: skip
    return app


def _counts(store: Store) -> dict[str, int]:
    from sqlalchemy import text

    from assistant.storage.copy import copied_tables

    with store.engine.connect() as conn:
        return {t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar_one() for t in copied_tables()}


def test_db_copy_round_trips_the_sample_library(sample_library: App, postgres_url: str, cli: Cli) -> None:
    source = sample_library
    data_dir = str(source.settings.data_dir)
    status, out, err = cli("--data-dir", data_dir, "--db", source.settings.db_url, "db", "copy", "--to", postgres_url,
                           "--json")  # fmt: skip
    assert status == 0, err
    report = {r["table"]: r for r in json.loads(out)}
    target = Store.open_url(postgres_url)
    assert _counts(target) == _counts(source.store)
    for name in ("call", "utterance", "hit", "clip", "collection", "collectionclip", "outcome", "alert", "account"):
        assert report[name]["source"] == report[name]["target"] > 0, name
    for call_id in calls.call_ids(source.store):
        assert calls.get_call(target, call_id=call_id) == calls.get_call(source.store, call_id=call_id)
    for query in ("prezzo", "价格太高", "цена", "cena", "budget OR budżet"):
        found = [h.utterance_id for h in backend(target).search(query).hits]
        assert found and found == [h.utterance_id for h in backend(source.store).search(query).hits], query

    status, out, err = cli("--data-dir", data_dir, "--db", source.settings.db_url, "db", "copy", "--to", postgres_url,
                           "--json")  # fmt: skip
    assert status == 0, err
    assert {r["copied"] for r in json.loads(out)} == {0}  # the second run found everything there
    target.close()


def test_db_copy_refuses_a_target_holding_other_data(sample_library: App, postgres_url: str, cli: Cli) -> None:
    other = App(Settings.model_validate({**sample_library.settings.model_dump(), "database_url": postgres_url}))
    ingest_files(other, [SAMPLES / "calls" / "vistula-pl-konkurencja.vtt"], deliver=False)  # call id 1 there
    status, _, err = cli("--data-dir", str(sample_library.settings.data_dir), "--db", sample_library.settings.db_url,
                         "db", "copy", "--to", postgres_url)  # fmt: skip
    assert status == 1 and "holds calls that are not from this library" in err
    assert _counts(Store.open_url(postgres_url))["call"] == 1  # nothing was written
