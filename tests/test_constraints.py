"""constraints.txt pins the whole dependency set exactly, and the installed venv is that set.

scripts/setup installs with ``-c constraints.txt``; scripts/lock regenerates it. A distribution installed but
not pinned, a pin that is not ``==``, or a dependency declared in pyproject.toml without a pin fails here.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from tests.conftest import REPO

PROJECT = "renewal-assistant"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate((REPO / "constraints.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!_-]+)", line.strip())
        assert match, f"constraints.txt:{number}: not an exact 'name==version' pin: {line!r}"
        name = _normal(match[1])
        assert name not in pins, f"constraints.txt:{number}: {name} pinned twice"
        pins[name] = match[2]
    return pins


def test_every_installed_distribution_is_pinned_at_its_installed_version() -> None:
    pins = _pins()
    installed = {_normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop(PROJECT)
    unpinned = sorted(set(installed) - set(pins))
    why = "a new dependency: run scripts/lock; anything else: scripts/setup removes it"
    assert not unpinned, f"installed but not in constraints.txt ({why}): {unpinned}"
    wrong = {name: (version, pins[name]) for name, version in installed.items() if pins[name] != version}
    assert not wrong, f"installed version differs from constraints.txt (run scripts/setup): {wrong}"


def test_every_declared_dependency_and_extra_is_pinned() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"]) + [d for deps in project["optional-dependencies"].values() for d in deps]
    names = {_normal(re.match(r"[A-Za-z0-9._-]+", d)[0]) for d in declared}  # type: ignore[index]
    assert names - set(_pins()) == set(), "declared in pyproject.toml but not pinned: run scripts/lock"
    assert PROJECT not in _pins()


def test_setup_installs_with_the_constraints_and_restamps_when_they_change() -> None:
    setup = (REPO / "scripts" / "setup").read_text(encoding="utf-8")
    assert "-c constraints.txt" in setup and "cat pyproject.toml constraints.txt" in setup
