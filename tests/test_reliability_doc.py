"""docs/reliability.md names the tests that hold each promise: every file and test it names exists.

A reference is `tests/path.py` (the whole file), `tests/path.py::test_name`, or `::test_name` (in the file named
last before it on the same line or an earlier one)."""

from __future__ import annotations

import re

from tests.conftest import REPO

DOC = REPO / "docs" / "reliability.md"
REF = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def test_every_test_the_reliability_doc_names_exists() -> None:
    current, named, missing = None, 0, []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        for path, name in REF.findall(line):
            current = path or current
            if current is None or not (REPO / current).is_file():
                missing.append(f"docs/reliability.md:{number}: {current or '::' + name}: no such test file")
                continue
            named += 1
            if name and not re.search(rf"^def {name}\(", (REPO / current).read_text(encoding="utf-8"), re.M):
                missing.append(f"docs/reliability.md:{number}: {current}::{name}: no such test")
    assert not missing, "\n".join(missing)
    assert named > 30
