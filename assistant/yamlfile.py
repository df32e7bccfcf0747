"""YAML files that people edit (keyword rules, executive titles, alert policies): one loader for all.

    problems = Problems()
    data = read_yaml(path, problems)          # LineDict / LineList / scalars, or None (problem recorded)
    check_fields(data, ("name", "rules"), str(path), problems)
    problems.raise_if_any(RulesError)         # every problem at once, as "file:line: message"

Mappings become ``LineDict`` and lists ``LineList``: plain ``dict`` / ``list`` that remember the line of
themselves, of each key and of each item, and the text of each scalar as written (``raw``: ``no`` stays
"no" where a phrase is meant, though YAML reads it as false). Keys given twice are problems; so is a file
over 5 MB, or one whose aliases (``*x``) expand to more than 200,000 values ("billion laughs").
``suggest`` adds "(did you mean 'level'?)" to an unknown name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 5_000_000  # a rules or policies file is a few kB; anything this big is a mistake
MAX_VALUES = 200_000  # values with aliases expanded: "billion laughs" files stop here


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself, of each key and of each value."""

    line: int = 0
    lines: dict[str, int]
    value_lines: dict[str, int]
    raw: dict[str, str]  # a scalar value's text as written

    def line_of(self, key: str) -> int:
        """The line of ``key`` (of the mapping itself when the key is absent)."""
        return self.lines.get(key, self.line)

    def value_line(self, key: str) -> int:
        """The line where the value of ``key`` starts (a list on the next lines starts there)."""
        return self.value_lines.get(key, self.line_of(key))


class LineList(list[Any]):
    """A list that remembers its line, the line of each item and each scalar item's text."""

    line: int = 0
    lines: list[int]
    raw: list[str | None]


class Problems:
    """Problems found in one or more files, kept as (file, line, message) until reported together."""

    def __init__(self, *, ordered: bool = True) -> None:
        self._found: list[tuple[str, int, str]] = []
        self._ordered = ordered  # False: in the order found

    def add(self, file: str, line: int, message: str) -> None:
        self._found.append((file, line, message))

    @property
    def items(self) -> list[str]:
        """Every problem as ``file:line: message``, in file and line order (or as found)."""
        ordered = sorted(self._found, key=lambda p: (p[0], p[1])) if self._ordered else self._found
        return [f"{f}:{ln}: {m}" if ln else f"{f}: {m}" for f, ln, m in ordered]

    def __len__(self) -> int:
        return len(self._found)

    def raise_if_any(self, error: Callable[[list[str]], Exception]) -> None:
        """Raise ``error(items)`` when anything was found."""
        if self._found:
            raise error(self.items)


# ---- parsing ------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    duplicates: list[tuple[int, str]]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _raw(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line, result.lines, result.value_lines, result.raw = _line(node), {}, {}, {}
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        if key in result:
            loader.duplicates.append((_line(key_node), key))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key], result.value_lines[key] = _line(key_node), _line(value_node)
        raw = _raw(value_node)
        if raw is not None:
            result.raw[key] = raw
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.lines = _line(node), [_line(c) for c in node.value]
    result.raw = [_raw(c) for c in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path, problems: Problems, *, what: str = "file", invalid: str = "invalid YAML") -> Any:
    """The parsed file with line numbers, or None after recording why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(str(path), 0, f"{what} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(str(path), 0, f"cannot read {what} ({getattr(exc, 'strerror', None) or exc})")
        return None
    return parse_yaml(text, str(path), problems, invalid=invalid)


def parse_yaml(text: str, where: str, problems: Problems, *, invalid: str = "invalid YAML") -> Any:
    """``text`` parsed with line numbers, or None after recording why it is not valid YAML."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        loader.duplicates = []
        root = loader.get_single_node()
        problem = _too_big(root) if root is not None else None
        if problem:
            problems.add(where, *problem)
            return None
        data = loader.construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.add(where, _error_line(exc), f"{invalid}: {_reason(exc)}{_brace_hint(text, exc)}")
        return None
    finally:
        if loader is not None:
            loader.dispose()
    for line, key in loader.duplicates:
        problems.add(where, line, f"field {key!r} is given twice")
    return data


def _too_big(root: yaml.Node) -> tuple[int, str] | None:
    """``(line, message)`` when the document is too big to build: aliases that expand too far, or a number
    too long for Python to convert (over 4,300 digits raises ValueError)."""
    sizes: dict[int, int] = {}
    size = _expanded_size(root, sizes)
    if size > MAX_VALUES:
        return 1, f"{size:,} values with aliases (*name) expanded; the limit is {MAX_VALUES:,}"
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and len(node.value) > 100 and node.tag.endswith((":int", ":float")):
            return _line(node), f"a number of {len(node.value):,} digits; write a number of at most 100"
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the node stands for with every alias written out (each node counted once)."""
    if id(node) not in sizes:
        sizes[id(node)] = 1  # a node that contains itself counts once
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        sizes[id(node)] = 1 + sum(_expanded_size(child, sizes) for child in children)
    return sizes[id(node)]


def _error_line(exc: BaseException) -> int:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark else 0


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(getattr(exc, "problem", None) or exc)


def _brace_hint(text: str, exc: BaseException) -> str:
    """A phrase starting with '{' is a YAML mapping unless quoted: say so when that is what broke."""
    line = _error_line(exc) - 1
    lines = text.splitlines()
    near = lines[max(0, line - 1) : line + 1] if 0 <= line < len(lines) else []
    if any(re.match(r"\s*-\s*\{\w+\}\s*\S", ln) for ln in near):
        return " (a phrase that starts with '{' needs quotes: - \"{competitor} is cheaper\")"
    return ""


# ---- checks -------------------------------------------------------------------------------------


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, choices: Sequence[str], listing: str = " (expected one of: {})") -> str:
    """ " (did you mean 'level'?)", else ``listing`` filled with every choice."""
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else listing.format(", ".join(choices))


def check_fields(
    data: LineDict, allowed: Sequence[str], where: str, problems: Problems, listing: str = " (expected one of: {})"
) -> None:
    """Every key of ``data`` that is not ``allowed`` is a problem, with a did-you-mean."""
    for key in data:
        if key not in allowed:
            problems.add(where, data.line_of(key), f"unknown field {key!r}{suggest(key, allowed, listing)}")
