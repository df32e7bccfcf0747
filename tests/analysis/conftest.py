"""Shared by the accuracy tests: the scorer ``bench/rules_eval.py`` (loaded once) and the floor check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "rules_eval.py"
LANGUAGES = ("en", "it", "ru", "pl", "zh")


@pytest.fixture(scope="session")
def rules_eval() -> ModuleType:
    """bench/rules_eval.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("rules_eval", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["rules_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def model_eval(rules_eval: ModuleType) -> ModuleType:
    """bench/model_eval.py as a module (rules, model and both on a labelled corpus)."""
    spec = importlib.util.spec_from_file_location("model_eval", BENCH.parent / "model_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["model_eval"] = module
    spec.loader.exec_module(module)
    return module


def assert_floors(scores: dict[str, Any], group: str, floors: dict[str, tuple[float, float]]) -> None:
    """Churn-risk precision and recall of ``group`` (a language or "all") at least its (precision, recall) floor,
    on enough risk lines to mean something."""
    precision, recall = floors[group]
    risk = scores[group].risk
    assert risk.tp + risk.fn >= 40, f"{group}: too few risk lines to score ({risk.as_dict()})"
    assert risk.precision >= precision, f"{group}: {risk.as_dict()}"
    assert risk.recall >= recall, f"{group}: {risk.as_dict()}"
