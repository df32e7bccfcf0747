"""Collection names in any script are found again in any case; unprintable names are refused (found by the
web app's schemathesis run: SQLite's lower() folds ASCII only, so 'Цены' could not be looked up)."""

from __future__ import annotations

import pytest

from assistant.errors import StorageError
from assistant.storage import library as lib
from assistant.storage.db import Store


@pytest.mark.parametrize("name", ["Цены и бюджет", "Prezzi È alti", "Ügyfél", "价格异议"])
def test_non_ascii_names_are_found_in_any_case(store: Store, name: str) -> None:
    made = lib.create_collection(store, name=name)
    assert lib.get_collection(store, name=name.upper()).id == made.id
    assert lib.get_collection(store, name=name.lower()).id == made.id
    with pytest.raises(StorageError, match="already exists"):
        lib.create_collection(store, name=name.swapcase())


@pytest.mark.parametrize("name", ["", "   ", "tab\there", "zero\u200bwidth", "private\ue000use"])
def test_empty_or_unprintable_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(StorageError, match="collection name"):
        lib.create_collection(store, name=name)
    assert lib.list_collections(store) == []
