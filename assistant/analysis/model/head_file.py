"""The churn-risk head's file: one uncompressed .npz (a zip of .npy members) read without inflating anything.

    write_head(head, path)       # atomically; the same head gives the same bytes
    read_head(path)              # ValueError / OSError / zipfile.BadZipFile on a bad file (head.load_head names it)

Format 2 (format 1, one compressed .npz with every example in its JSON meta, is still read):

* ``meta``: JSON (categories, thresholds, levels, info; ``examples``: how many);
* the classifier's arrays (``weights`` ... ``reader_*``), float32, a few hundred kB;
* ``examples``: the labelled lines' vectors, float16 (n, d), stored at a 64-byte boundary and **mapped** from the
  file, never copied: only a model hit's explanation ("like ...") reads them;
* ``example_rows``: each labelled line as one JSON row (text, language, labels, source, trap, context, group),
  UTF-8, one per line; an ``Example`` is parsed when an explanation first quotes it (``StoredExamples``);
* ``example_tags``: uint8 (n, k): 1 where the line is labelled with the column's category or is that look-alike
  (what ``Head.nearest`` filters on without parsing the rows).

Every member's CRC is checked when the file is read (the mapped vectors' too: 2 ms), so a damaged file is
reported by the load, as before, not by the first explanation.
"""

from __future__ import annotations

import hashlib
import io
import json
import mmap
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np

from assistant.analysis.model.labelled import Example

FORMAT = 2
_ALIGN = 64  # the mapped members' data start at a multiple of this (numpy pads .npy headers to it as well)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # members' dates: the same head writes the same bytes
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length
_PAD_ID = 0xD935  # the extra field that aligns a stored member's data (as Android's zipalign writes it)


class StoredExamples(Sequence[Any]):
    """The labelled lines of a head read from its file: ``Example``s parsed one by one when first used (an
    explanation quotes one to three of them), from ``rows`` (one JSON row per line, the file's mapped bytes)."""

    def __init__(self, rows: np.ndarray, starts: np.ndarray, tags: np.ndarray, categories: Sequence[str]) -> None:
        self._rows, self._starts, self._tags = rows, starts, tags
        self._categories = tuple(categories)
        self._parsed: dict[int, Any] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        i = range(len(self))[index]
        with self._lock:
            if i not in self._parsed:
                start, end = int(self._starts[i]), int(self._starts[i + 1]) - 1
                self._parsed[i] = example_of(json.loads(self._rows[start:end].tobytes().decode("utf-8")))
            return self._parsed[i]

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # as a list: mutable cache inside, compared by content

    def tags(self) -> np.ndarray:
        """(lines, columns) uint8: 1 where a line is labelled with the column's category or is that look-alike."""
        return self._tags

    def tagged(self, category: str) -> np.ndarray | None:
        """Which lines are labelled ``category`` or are that look-alike (None: not one of the head's columns)."""
        if category not in self._categories:
            return None
        return self._tags[:, self._categories.index(category)].astype(bool)


def example_of(row: list) -> Example:
    """An ``Example`` from its stored row [text, language, labels, source, trap?, context?, group?]."""
    text, lang, labels, source, *rest = row
    trap = str(rest[0]) if rest else ""
    context = tuple(str(t) for t in rest[1]) if len(rest) > 1 else ()
    group = str(rest[2]) if len(rest) > 2 else ""
    return Example(str(text), str(lang), tuple(labels), str(source), trap, context, group)


def example_row(example: Any) -> list:
    e = example
    return [e.text, e.language, list(e.labels), e.source, e.trap, list(e.context), e.group]


def tags_of(examples: Sequence[Any], categories: Sequence[str]) -> np.ndarray:
    """uint8 (n, k): 1 where example i is labelled categories[c] or is that look-alike."""
    tags = np.zeros((len(examples), len(categories)), np.uint8)
    for i, e in enumerate(examples):
        for c, category in enumerate(categories):
            tags[i, c] = category in e.labels or category == e.trap
    return tags


def write_members(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``arrays`` as one uncompressed .npz at ``path`` (written beside it, then moved over it: a half-written file
    never replaces a good one), each member's data aligned to ``_ALIGN`` bytes, dated ``_FIXED_TIME``."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_TIME)
            start = zf.fp.tell() if zf.fp is not None else 0
            pad = -(start + _LOCAL_HEADER.size + len(info.filename.encode()) + 4) % _ALIGN
            info.extra = struct.pack("<HH", _PAD_ID, pad) + bytes(pad)
            zf.writestr(info, buffer.getvalue())
    tmp.replace(path)


def file_version(path: Path) -> str:
    """What identifies a head file's contents, read from its zip directory alone: the sha256 of its members' names,
    CRC-32s and sizes, first 12 hex digits (``load_head`` checks every member against its CRC; hashing the whole
    18 MB file cost ≈ 19 ms of every process that loads the model)."""
    with zipfile.ZipFile(path) as zf:
        listing = [(info.filename, info.CRC, info.file_size) for info in zf.infolist()]
    return hashlib.sha256(json.dumps(listing).encode("utf-8")).hexdigest()[:12]


class _Map(mmap.mmap):
    """A read-only mapped file that ``zipfile`` reads as a file (Python 3.11's mmap has no ``seekable``)."""

    def seekable(self) -> bool:
        return True


class Members:
    """The .npy members of a head file mapped read-only: ``array(name)`` reads a member (its CRC checked); a stored
    (uncompressed) member's array is a view of the mapped file, a compressed one is inflated."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            self.map = _Map(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self.zip = zipfile.ZipFile(self.map)  # type: ignore[call-overload]  # seek, tell and read, as a file
        self.names = {info.filename[:-4] for info in self.zip.infolist() if info.filename.endswith(".npy")}

    def array(self, name: str) -> np.ndarray:
        info = self.zip.getinfo(f"{name}.npy")
        if info.compress_type != zipfile.ZIP_STORED:
            return np.lib.format.read_array(io.BytesIO(self.zip.read(info)), allow_pickle=False)
        data = self.data(info)
        if zlib.crc32(data) != info.CRC:
            raise ValueError(f"{name}: its bytes do not match their checksum")
        header = io.BytesIO(bytes(data[: min(len(data), 1 << 16)]))
        version = np.lib.format.read_magic(header)
        read = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}.get(version)
        if read is None:
            raise ValueError(f"{name}: .npy version {version} is not read here")
        shape, fortran, dtype = read(header)
        if dtype.hasobject or fortran:
            raise ValueError(f"{name}: not a plain array")
        count = int(np.prod(shape, dtype=np.int64))
        if header.tell() + count * dtype.itemsize != len(data):
            raise ValueError(f"{name}: {len(data)} bytes do not hold an array of shape {shape}")
        return np.frombuffer(data, dtype, count, header.tell()).reshape(shape)

    def data(self, info: zipfile.ZipInfo) -> memoryview:
        """A stored member's bytes, in the mapped file."""
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(self.map, info.header_offset)
        if signature != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"{info.filename}: no local header at {info.header_offset}")
        start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.file_size > len(self.map):
            raise ValueError(f"{info.filename}: cut short")
        return memoryview(self.map)[start : start + info.file_size]
