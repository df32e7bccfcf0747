"""The library's commands end to end through the real CLI: search, clips, collections, outcome."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import get_app, run
from assistant.errors import ClipError, SearchError
from assistant.storage.db import Store
from tests.library.canned import library


@pytest.fixture
def cli(settings, monkeypatch):
    store = Store.open(settings)
    library(store)
    store.close()
    monkeypatch.setenv("ASSISTANT_CLIPS_DIR", str(settings.clips_dir))
    app = get_app()
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--data-dir", str(settings.data_dir), *args])

    return run


def test_search_json_carries_the_hit_fields(cli):
    result = cli("search", "cancel", "--account", "Acme", "--json")
    assert result.exit_code == 0, result.output
    hit = json.loads(result.output)["hits"][0]
    assert {k: hit[k] for k in ("call", "start", "end", "role")} == {
        "call": 1,
        "start": 0.0,
        "end": 4.0,
        "role": "customer",
    }
    assert "<mark>cancelling</mark>" in hit["snippet"] and "cancelling" in hit["text"]
    human = cli("search", "discuont")
    assert "Did you mean: discount" in human.output


def test_bad_query_and_bad_clip_are_assistant_errors(cli):
    assert isinstance(cli("search", "NOT price").exception, SearchError)
    assert isinstance(cli("clips", "add", "--call", "1", "--start", "3", "--end", "1").exception, ClipError)
    assert isinstance(
        cli("clips", "add", "--call", "1", "--start", "0", "--end", "1", "--name", "../x").exception, ClipError
    )


def test_clips_collections_outcome_and_suggest(cli, settings):
    added = json.loads(cli("clips", "add", "--search", "offer a discount", "--tag", "pricing", "--json").output)
    assert added["call_id"] == 1 and added["tags"] == ["pricing"] and added["origin"] == "search"
    assert cli("collections", "create", "Price objection handled").exit_code == 0
    assert cli("collections", "add", "Price objection handled", str(added["id"])).exit_code == 0
    shown = json.loads(cli("collections", "show", "price objection handled", "--json").output)
    assert shown["clip_ids"] == [added["id"]]
    outcome = json.loads(cli("outcome", "set", "Acme", "renewed", "--date", "2026-02-01", "--json").output)
    assert outcome["status"] == "renewed" and outcome["on"] == "2026-02-01"
    suggested = json.loads(cli("clips", "suggest", "--json").output)
    # the search clip (4.0-9.5 s) already holds most of the handled risk (0-9.5 s): only the CFO is new
    assert [s["kind"] for s in suggested] == ["executive-renewal"]
    made = json.loads(cli("clips", "suggest", "--add", "1", "--json").output)
    assert made[0]["origin"] == "suggestion"
    listed = json.loads(cli("clips", "list", "--json").output)
    assert len(listed) == 2
    assert cli("clips", "rm", str(added["id"])).exit_code == 0
    assert json.loads(cli("collections", "show", "Price objection handled", "--json").output)["clip_ids"] == []


def test_clips_edit_changes_only_what_is_given(cli):
    added = json.loads(cli("clips", "add", "--call", "1", "--start", "0", "--end", "3", "--tag", "a", "--json").output)
    clip = str(added["id"])
    edited = json.loads(cli("clips", "edit", clip, "--notes", "Handled well", "--tag", "price", "--tag", "Price",
                            "--tag", "won", "--json").output)  # fmt: skip
    assert (edited["title"], edited["notes"], edited["tags"]) == (added["title"], "Handled well", ["price", "won"])
    cleared = json.loads(cli("clips", "edit", clip, "--title", "Cancel threat", "--no-tags", "--json").output)
    assert (cleared["title"], cleared["notes"], cleared["tags"]) == ("Cancel threat", "Handled well", [])
    refused = cli("clips", "edit", clip, "--tag", "a,b")
    assert refused.exit_code != 0 and isinstance(refused.exception, ClipError) and "no commas" in str(refused.exception)
    assert json.loads(cli("clips", "show", clip, "--json").output)["tags"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--tag", "a,b"], "tag 'a,b': at most 50 printable characters, no commas"),
     (["--tag", "x" * 51], "at most 50 printable characters, no commas"),
     ([arg for i in range(21) for arg in ("--tag", f"t{i}")], "tags: at most 20 per clip, not 21"),
     (["--title", "   "], "title: must not be empty"),
     (["--notes", "n" * 5001], "notes: at most 5000 characters")],
)  # fmt: skip
def test_clips_add_checks_tags_title_and_notes_as_clips_edit_does(cli, args, message):
    before = json.loads(cli("clips", "list", "--json").output)
    added = json.loads(cli("clips", "add", "--call", "1", "--start", "0", "--end", "3", "--json").output)
    edited = cli("clips", "edit", str(added["id"]), *args)
    refused = cli("clips", "add", "--call", "1", "--start", "0", "--end", "3", *args)
    for result in (edited, refused):  # one check for both commands, one message
        assert result.exit_code != 0 and isinstance(result.exception, ClipError), result.output
        assert message in str(result.exception)
    assert str(edited.exception) == str(refused.exception)
    assert len(json.loads(cli("clips", "list", "--json").output)) == len(before) + 1  # nothing stored when refused
    spaced = json.loads(cli("clips", "add", "--call", "1", "--start", "0", "--end", "3", "--tag", " Won ", "--tag",
                            "won", "--tag", " ", "--json").output)  # fmt: skip
    assert spaced["tags"] == ["Won"]  # trimmed, once in any case, blanks dropped: as an edit cleans them


def test_errors_exit_non_zero_with_one_line(settings, capsys):
    Store.open(settings).close()
    status = run(["--data-dir", str(settings.data_dir), "outcome", "set", "Nobody", "renewed"])
    assert status == 1
    assert "account: no account named 'Nobody'" in capsys.readouterr().err
