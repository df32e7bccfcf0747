"""USE's tokenizer table in buckets (analysis/model/use_prefixes.py): after ``load_for(text)`` every lookup the
tokenizer can make on ``text`` finds what the whole table holds, whatever the buckets' size; and it loads a part."""

from __future__ import annotations

import marshal
import random
import string

import pytest

from assistant.analysis.model.use_prefixes import LazyList, LazyPrefixes, bucket_of, split_prefixes


def _table(rng: random.Random) -> dict[str, int]:
    """A prefix table the tokenizer's way: every piece and each of its prefixes (0: only a prefix)."""
    letters = "ab▁c" + string.ascii_lowercase[3:8] + "ł中"
    table: dict[str, int] = {}
    for pid in range(3000):
        piece = "".join(rng.choice(letters[:4] if rng.random() < 0.7 else letters) for _ in range(rng.randint(1, 7)))
        for k in range(1, len(piece)):
            table.setdefault(piece[:k], 0)
        table[piece] = pid + 1
    return table


@pytest.mark.parametrize("limit", [1, 8, 128, 10**6])
def test_every_lookup_on_a_text_finds_what_the_whole_table_holds(limit: int) -> None:
    rng = random.Random(limit)
    table = _table(rng)
    index, region = split_prefixes(table, limit)
    lazy = LazyPrefixes(index, region)
    for _ in range(200):
        text = "".join(rng.choice("ab▁cdefgłx中") for _ in range(rng.randint(1, 30)))
        lazy.load_for(text)
        for i in range(len(text)):
            for j in range(i + 1, len(text) + 1):
                assert lazy.table.get(text[i:j]) == table.get(text[i:j]), (text, i, j)
    assert set(lazy.table.items()) <= set(table.items())


def test_buckets_stay_small_and_a_short_text_loads_a_part() -> None:
    table = _table(random.Random(7))
    index, region = split_prefixes(table, 64)
    lazy = LazyPrefixes(index, region)
    split, places = marshal.loads(index)
    sizes: dict[str, int] = {}
    for key in table:
        name = bucket_of(key, set(split))
        sizes[name] = sizes.get(name, 0) + 1
    assert set(sizes) == set(places)
    assert all(size <= 64 or name in split for name, size in sizes.items())
    lazy.load_for("▁ab")
    assert 0 < len(lazy.table) < len(table) / 4


def test_a_lazy_list_reads_its_items_on_first_use() -> None:
    items = LazyList(marshal.dumps(["<unk>", "▁the", "ł"]))
    assert items._items is None
    assert len(items) == 3 and items[1] == "▁the" and list(items) == ["<unk>", "▁the", "ł"]
