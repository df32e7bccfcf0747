"""The shared YAML loader: line numbers, duplicates, did-you-mean, and files that must not take the host down."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.errors import RulesError
from assistant.yamlfile import MAX_FILE_BYTES, LineDict, LineList, Problems, check_fields, read_yaml, suggest


def load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return read_yaml(path, problems), [p.replace(str(path), "f.yaml") for p in problems.items]


def test_mappings_and_lists_remember_their_lines_and_raw_text(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "name: x\nitems:\n  - no\n  - 'yes'\n  - {a: 1}\n")
    assert problems == []
    assert isinstance(data, LineDict) and data.line == 1
    assert data.line_of("items") == 2 and data.value_line("items") == 3 and data.raw["name"] == "x"
    items = data["items"]
    assert isinstance(items, LineList) and items.lines == [3, 4, 5]
    assert items == [False, "yes", {"a": 1}] and items.raw[:2] == ["no", "yes"] and items.raw[2] is None


def test_duplicate_keys_and_invalid_yaml_name_the_line(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems == ["f.yaml:3: field 'a' is given twice"]
    _, problems = load(tmp_path, "rules:\n  - id: x\n    phrases: [unclosed\n")
    assert len(problems) == 1 and problems[0].startswith("f.yaml:4: invalid YAML")


def test_unknown_fields_get_a_suggestion(tmp_path: Path) -> None:
    data, _ = load(tmp_path, "name: x\nlevle: 3\nzzz: 1\n")
    problems = Problems()
    assert isinstance(data, LineDict)
    check_fields(data, ("name", "level"), "f.yaml", problems)
    assert problems.items == [
        "f.yaml:2: unknown field 'levle' (did you mean 'level'?)",
        "f.yaml:3: unknown field 'zzz' (expected one of: name, level)",
    ]
    assert suggest("zzz", ("a", "b"), "; known: {}") == "; known: a, b"
    with pytest.raises(RulesError) as info:
        problems.raise_if_any(RulesError)
    assert len(info.value.problems) == 2


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.monotonic()
    data, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert time.monotonic() - started < 5
    assert data is None and len(problems) == 1 and "aliases" in problems[0] and "limit" in problems[0]


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "base: &b {type: slack}\nuse: *b\n")
    assert problems == [] and isinstance(data, dict) and data["use"] == {"type": "slack"}


def test_deep_nesting_and_huge_files_are_problems_not_crashes(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert data is None and len(problems) == 1 and "f.yaml" in problems[0] and "invalid YAML" in problems[0]
    data, problems = load(tmp_path, "a: '" + "x" * (MAX_FILE_BYTES + 1) + "'\n")
    assert data is None and problems and "limit" in problems[0]


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    problems = Problems()
    assert read_yaml(path, problems, what="rule file") is None
    assert problems.items[0].startswith(f"{path}: cannot read rule file")


def test_numbers_too_long_to_convert_and_control_characters_are_problems(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "name: x\nweight: " + "1" * 5000 + "\n")
    assert data is None and problems == ["f.yaml:2: a number of 5,000 digits; write a number of at most 100"]
    data, problems = load(tmp_path, "name: x\x00\n")
    assert data is None and len(problems) == 1 and problems[0].startswith("f.yaml") and "invalid YAML" in problems[0]
