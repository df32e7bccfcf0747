"""Collections, outcomes and suggestions on canned calls with outcomes; collection export."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.errors import NotFoundError, StorageError
from assistant.library.clips import create_clip
from assistant.library.export import export_collection
from assistant.library.suggestions import accept, suggest
from assistant.storage import library as lib
from assistant.storage.library_outcomes import current_outcomes, list_outcomes, set_outcome


def test_outcomes_newest_wins_and_call_outcome_beats_account(store, ids):
    set_outcome(store, account="acme", status="open", on=date(2026, 1, 1))
    set_outcome(store, account="Acme", status="renewed", on=date(2026, 2, 1))
    assert current_outcomes(store)[ids["en1"]].status == "renewed"
    set_outcome(store, account="Acme", status="churned", call_id=ids["en1"])
    assert current_outcomes(store)[ids["en1"]].status == "churned"
    assert [o.status for o in list_outcomes(store, account="ACME")] == ["open", "renewed", "churned"]


def test_outcome_bad_input(store, ids):
    with pytest.raises(NotFoundError, match="did you mean 'Acme'"):
        set_outcome(store, account="Acmee", status="renewed")
    with pytest.raises(StorageError, match="status"):
        set_outcome(store, account="Acme", status="won")
    with pytest.raises(NotFoundError, match="call"):
        set_outcome(store, account="Acme", status="renewed", call_id=ids["en2"])  # Globex's call


def test_no_suggestions_without_a_won_outcome(store, ids):
    set_outcome(store, account="Acme", status="churned")
    assert suggest(store) == []


def test_suggestions_for_a_renewal_with_risk_handled_and_an_executive(store, ids):
    set_outcome(store, account="Acme", status="renewed", on=date(2026, 2, 1))
    found = suggest(store)
    assert [s.kind for s in found] == ["risk-handled", "executive-renewal"]
    risk, executive = found
    assert risk.call_id == ids["en1"] and (risk.start, risk.end) == (0.0, 9.5)
    assert "customer raised 'Cancel'" in risk.why and "Ann answered at 0:04" in risk.why
    assert "Acme then renewed on 2026-02-01" in risk.why
    assert "offer a discount" in risk.transcript
    assert "CFO Bob" in executive.why and "CFO" in executive.transcript


def test_accepted_or_curated_moments_are_not_suggested_again(store, settings, ids):
    set_outcome(store, account="Acme", status="expanded")
    first = suggest(store)[0]
    clip = accept(store, settings, first)
    assert clip.origin == "suggestion" and clip.notes == first.why
    assert [s.kind for s in suggest(store)] == ["executive-renewal"]


def test_collections_are_ordered_and_share_clips(store, settings, ids):
    a = create_clip(store, settings, call_id=ids["en1"], start=0, end=4)
    b = create_clip(store, settings, call_id=ids["en2"], start=0, end=3)
    lib.create_collection(store, name="Good renewal conversations")
    lib.create_collection(store, name="Price objection handled")
    lib.add_to_collection(store, name="good renewal conversations", clip_id=a.id)
    lib.add_to_collection(store, name="Good renewal conversations", clip_id=b.id, position=1)
    lib.add_to_collection(store, name="Price objection handled", clip_id=b.id)
    assert lib.get_collection(store, name="Good renewal conversations").clip_ids == (b.id, a.id)
    lib.add_to_collection(store, name="Good renewal conversations", clip_id=b.id)  # moves to the end
    assert lib.get_collection(store, name="Good renewal conversations").clip_ids == (a.id, b.id)
    lib.delete_clip(store, clip_id=b.id)
    assert lib.get_collection(store, name="Price objection handled").clip_ids == ()
    with pytest.raises(NotFoundError, match="collection"):
        lib.add_to_collection(store, name="nope", clip_id=a.id)
    with pytest.raises(StorageError, match="already exists"):
        lib.create_collection(store, name="price OBJECTION handled")


def test_export_collection_in_order(store, settings, ids, tmp_path):
    a = create_clip(store, settings, call_id=ids["en1"], start=0, end=4)
    b = create_clip(store, settings, call_id=ids["it"], start=0, end=5)
    lib.create_collection(store, name="Objections", description="how we answered")
    for clip in (b, a):
        lib.add_to_collection(store, name="Objections", clip_id=clip.id)
    written = export_collection(store, name="Objections", dest=tmp_path / "out")
    index = json.loads((tmp_path / "out/objections/collection.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in index["clips"]] == [b.id, a.id]
    assert written[-1].name == "collection.json" and all(p.parent.name == "objections" for p in written)
    assert sorted(p.name[:3] for p in written if p.suffix == ".txt") == ["01-", "02-"]
