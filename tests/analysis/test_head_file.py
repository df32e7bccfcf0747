"""The churn-risk head's file (format 2, ``head_file.py``): the examples' vectors mapped, their rows parsed when an
explanation quotes them, every member checked at load; the same answers as the format-1 file it replaces."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.model import HEAD_FILE
from assistant.analysis.model.head import Example, Head, load_head, save_head, train_head
from assistant.analysis.model.head_file import StoredExamples, example_row, file_version
from assistant.errors import HeadError


def _head(n: int = 80, d: int = 12) -> Head:
    """A trained toy head with a reader, a look-alike column and examples whose vectors repeat (ties)."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(n, d))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x[n // 2 :] = x[: n - n // 2]  # every vector twice: ties that the stable order must keep
    y = np.stack([x[:, 0] > 0, x[:, 1] > 0.3], axis=1).astype(float)
    examples = tuple(
        Example(f"line {i} «ü»\nnext", "en", ("up",) if y[i, 0] else (), f"toy:{i}", "quiet" if y[i, 1] else "",
                (f"before {i}",), f"g{i % 7}")
        for i in range(n)
    )  # fmt: skip
    reader = train_head(np.hstack([x, x]), y, ("up", "quiet"), epochs=20)
    head = replace(train_head(x, y, ("up", "quiet"), epochs=50), embedder="toy", quiet=("quiet",), examples=examples)
    return replace(head, example_vectors=x.astype(np.float16), reader=replace(reader, categories=("up", "quiet")))


def _brute_nearest(head: Head, vector: np.ndarray, k: int, category: str | None) -> list[tuple[Example, float]]:
    """``Head.nearest`` as format 1 computed it: every row converted and normed per call, filtered in Python."""
    rows = np.asarray(head.example_vectors).astype(np.float32)
    v = np.asarray(vector, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1) * max(float(np.linalg.norm(v)), 1e-9)
    sims = rows @ v / np.where(norms > 0, norms, 1.0)
    order = np.argsort(-sims, kind="stable")
    picked = [i for i in order if category is None or category in (*head.examples[i].labels, head.examples[i].trap)]
    return [(head.examples[i], float(sims[i])) for i in picked[:k]]


def _format_1(head: Head, path: Path) -> None:
    """The file as the sixth round wrote it: compressed, every example in the meta."""
    meta = {"format": 1, "categories": list(head.categories), "threshold": head.threshold, "embedder": head.embedder,
            "info": {}, "quiet": list(head.quiet), "thresholds": [], "veto": 0.0, "dismiss": 0.0, "sure": 0.0,
            "carry": 0.0, "examples": [example_row(e) for e in head.examples]}  # fmt: skip
    arrays = {n: getattr(head, n).astype(np.float32) for n in ("weights", "bias", "center", "scale")}
    assert head.reader is not None and head.example_vectors is not None
    arrays.update({f"reader_{n}": getattr(head.reader, n).astype(np.float32) for n in ("weights", "bias", "center",
                                                                                         "scale")})  # fmt: skip
    np.savez_compressed(path, **arrays, examples=head.example_vectors,
                        meta=np.frombuffer(json.dumps(meta).encode(), np.uint8))  # fmt: skip


def test_a_saved_head_reads_back_the_same_and_maps_its_examples(tmp_path: Path) -> None:
    head = _head()
    save_head(head, tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert isinstance(loaded.examples, StoredExamples) and loaded.examples == head.examples
    assert list(loaded.examples) == list(head.examples) and loaded.examples[-1] == head.examples[-1]
    vectors = loaded.example_vectors
    assert vectors is not None and np.array_equal(vectors, np.asarray(head.example_vectors))
    assert not vectors.flags.owndata and not vectors.flags.writeable  # a view of the mapped file, not a copy
    assert vectors.ctypes.data % 64 == 0
    x = np.asarray(head.example_vectors, dtype=np.float32)
    assert np.allclose(loaded.probabilities(x, x), head.probabilities(x, x), atol=1e-5)  # float32 as stored
    with zipfile.ZipFile(tmp_path / "head.npz") as zf:
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}


def test_an_explanation_parses_only_the_rows_it_quotes(tmp_path: Path) -> None:
    save_head(_head(), tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    assert isinstance(loaded.examples, StoredExamples) and not loaded.examples._parsed
    assert len(loaded.nearest(np.ones(12), k=2, category="up")) == 2
    assert len(loaded.examples._parsed) == 2


def test_nearest_gives_what_format_1_gave(tmp_path: Path) -> None:
    """The same examples, in the same order (ties by position), with the same cosines (format 1 and 2 bit for bit;
    against every row's product to float32 rounding: ``Head.nearest`` reads the category's rows alone)."""
    head = _head()
    save_head(head, tmp_path / "head.npz")
    _format_1(head, tmp_path / "old.npz")
    loaded, old = load_head(tmp_path / "head.npz"), load_head(tmp_path / "old.npz")
    assert isinstance(old.examples, tuple) and old.examples == head.examples
    x = np.asarray(head.example_vectors, dtype=np.float32)
    assert np.array_equal(loaded.probabilities(x, x), old.probabilities(x, x))
    rng = np.random.default_rng(1)
    for vector in [*np.asarray(head.example_vectors, np.float32)[:10], *rng.normal(size=(20, 12)), np.zeros(12)]:
        for category in ("up", "quiet", None, "not a column"):
            for k in (1, 3):
                want = _brute_nearest(head, vector, k, category)
                got = loaded.nearest(vector, k, category)
                assert got == old.nearest(vector, k, category)
                assert [e for e, _ in got] == [e for e, _ in want]  # the cosines: of the category's rows alone
                assert np.allclose([s for _, s in got], [s for _, s in want], rtol=0, atol=1e-6)


def test_the_same_head_writes_the_same_bytes(tmp_path: Path) -> None:
    save_head(_head(), tmp_path / "a.npz")
    save_head(load_head(tmp_path / "a.npz"), tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_the_version_follows_the_contents(tmp_path: Path) -> None:
    """A stored analysis names the head it was made with (``file_version``: from the zip directory alone)."""
    head = _head()
    save_head(head, tmp_path / "a.npz")
    save_head(load_head(tmp_path / "a.npz"), tmp_path / "b.npz")
    save_head(replace(head, bias=head.bias + 1e-3), tmp_path / "c.npz")
    save_head(replace(head, examples=(*head.examples[:-1], replace(head.examples[-1], text="changed"))),
              tmp_path / "d.npz")  # fmt: skip
    versions = [file_version(tmp_path / f"{n}.npz") for n in "abcd"]
    assert versions[0] == versions[1] and len(set(versions)) == 3 and len(versions[0]) == 12


def _damaged(path: Path, member: str, at: int) -> None:
    """One byte of ``member``'s data changed in place."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    start += int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    data[start + at] ^= 0x5A
    path.write_bytes(bytes(data))


DAMAGED = [("examples.npy", 1000), ("example_rows.npy", 300), ("example_tags.npy", 200), ("weights.npy", 150),
           ("meta.npy", 140)]  # fmt: skip


@pytest.mark.parametrize(("member", "at"), DAMAGED)
def test_a_damaged_member_is_reported_by_the_load(tmp_path: Path, member: str, at: int) -> None:
    path = tmp_path / "head.npz"
    save_head(_head(), path)
    _damaged(path, member, at)
    with pytest.raises(HeadError, match=r"head\.npz.*corrupt.*assistant model train"):
        load_head(path)


def test_a_cut_or_empty_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "head.npz"
    save_head(_head(), path)
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(HeadError, match=r"head\.npz.*corrupt.*assistant model train"):
        load_head(path)
    path.write_bytes(b"")
    with pytest.raises(HeadError, match=r"head\.npz.*corrupt.*assistant model train"):
        load_head(path)


def test_rows_that_do_not_match_the_count_are_corrupt(tmp_path: Path) -> None:
    save_head(_head(), tmp_path / "head.npz")
    with np.load(tmp_path / "head.npz") as data:
        arrays = {name: data[name] for name in data.files}
    rows = arrays["example_rows"]
    arrays["example_rows"] = rows[: np.flatnonzero(rows == ord("\n"))[-2] + 1]  # the last row cut
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(HeadError, match=r"bad\.npz.*corrupt.*80 examples but 79 example rows"):
        load_head(tmp_path / "bad.npz")


def test_the_shipped_head_is_format_2() -> None:
    """The head in the wheel is read without inflating anything (docs/benchmarks.md: its load in an ingest)."""
    head = load_head(HEAD_FILE)
    assert isinstance(head.examples, StoredExamples) and len(head.examples) > 1000
    assert head.example_vectors is not None and not head.example_vectors.flags.owndata
    with zipfile.ZipFile(HEAD_FILE) as zf:
        meta = json.loads(np.lib.format.read_array(zf.open("meta.npy")).tobytes())
        assert meta["format"] == 2 and {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
