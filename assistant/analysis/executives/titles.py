"""Executive titles: load and validate ``keyword_rules/executives.yaml`` (format in its header).

``load_executive_titles(path)`` returns an ``ExecutiveTitles``; every problem in the file is collected
and raised together as ``RulesError`` with ``file:line: message`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.analysis.executives.lang import LANGUAGES
from assistant.errors import RulesError
from assistant.settings import DEFAULT_RULES_DIR
from assistant.yamlfile import LineDict, LineList, Problems, check_fields, read_yaml

DEFAULT_EXECUTIVES_FILE = DEFAULT_RULES_DIR / "executives.yaml"
LEVELS: tuple[str, ...] = ("c_level", "board", "vp", "director", "owner", "senior")
DOMAIN_MODES: tuple[str, ...] = ("none", "optional", "required")
_TOP_FIELDS = ("version", "titles", "domains")
_TITLE_FIELDS = (
    "title",
    "level",
    "needs_context",
    "domain",
    "abbreviations",
    "asr",
    "ambiguous",
    "same_as",
    *LANGUAGES,
)
_DOMAIN_FIELDS = ("name", *LANGUAGES)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$")


@dataclass(frozen=True)
class TitleSpec:
    title: str
    level: str
    phrases: dict[str, tuple[str, ...]]  # language -> phrases as written in the file
    abbreviations: tuple[str, ...] = ()
    asr: tuple[str, ...] = ()
    needs_context: bool = False
    domain: str = "none"
    line: int = 0
    ambiguous: tuple[str, ...] = ()  # phrases (of any language) that need context though the title does not
    same_as: tuple[str, ...] = ()  # other titles the same person is often called ("Director of Finance")


@dataclass(frozen=True)
class DomainSpec:
    name: str
    phrases: dict[str, tuple[str, ...]]
    line: int = 0


@dataclass(frozen=True)
class ExecutiveTitles:
    titles: tuple[TitleSpec, ...]
    domains: tuple[DomainSpec, ...] = ()
    source: str = ""
    # compiled matchers per language, filled on first use (see match.lexicon)
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)


def load_executive_titles(path: Path = DEFAULT_EXECUTIVES_FILE) -> ExecutiveTitles:
    """Read and validate an executive titles file; raise RulesError listing every problem."""
    name = str(path)
    problems = Problems(ordered=False)
    root = read_yaml(path, problems, what="executive titles")
    if root is None and not problems:
        problems.add(name, 1, "expected a mapping with 'titles:' at the top")
    problems.raise_if_any(RulesError)
    ctx = _Ctx(name, problems)
    titles, domains = _parse_root(root, ctx)
    problems.raise_if_any(RulesError)
    return ExecutiveTitles(titles=tuple(titles), domains=tuple(domains), source=name)


@dataclass(frozen=True)
class _Ctx:
    name: str
    problems: Problems

    def fail(self, line: int, message: str) -> None:
        self.problems.add(self.name, line, message)


def _parse_root(root: Any, ctx: _Ctx) -> tuple[list[TitleSpec], list[DomainSpec]]:
    if not isinstance(root, LineDict):
        ctx.fail(getattr(root, "line", 1), "expected a mapping with 'titles:' at the top")
        return [], []
    _fields(root, _TOP_FIELDS, ctx)
    if "titles" not in root:
        ctx.fail(root.line, "missing 'titles:' (a list of executive titles)")
    titles = [t for item, ln in _items(root, "titles", ctx) if (t := _title(item, ln, ctx))]
    domains = [d for item, ln in _items(root, "domains", ctx) if (d := _domain(item, ln, ctx))]
    _check_duplicates([(t.title, t.line) for t in titles], "title", ctx)
    _check_duplicates([(d.name, d.line) for d in domains], "domain", ctx)
    return titles, domains


def _title(node: Any, line: int, ctx: _Ctx) -> TitleSpec | None:
    if not isinstance(node, LineDict):
        ctx.fail(line, "each title must be a mapping with 'title:' and 'level:'")
        return None
    _fields(node, _TITLE_FIELDS, ctx)
    title = _string(node, "title", ctx, required=True)
    level = _choice(node, "level", LEVELS, ctx, required=True)
    domain = _choice(node, "domain", DOMAIN_MODES, ctx) or "none"
    phrases = _phrases(node, ctx)
    abbreviations = _strings(node, "abbreviations", ctx)
    for abbr in abbreviations:
        if not _ACRONYM.match(abbr):
            ctx.fail(node.value_line("abbreviations"), f"abbreviation '{abbr}' must be 2-6 capitals")
    if not phrases and not abbreviations and title:
        ctx.fail(node.line, f"title '{title}' has no phrases: add e.g. 'en: [...]'")
    context = _boolean(node, "needs_context", ctx)
    if not (title and level):
        return None
    asr = _strings(node, "asr", ctx)
    ambiguous = _strings(node, "ambiguous", ctx)
    listed = {p.casefold() for group in phrases.values() for p in group}
    for phrase in ambiguous:
        if phrase.casefold() not in listed:
            ctx.fail(node.value_line("ambiguous"), f"ambiguous phrase '{phrase}' is not among the phrases")
    same_as = _strings(node, "same_as", ctx)
    return TitleSpec(title, level, phrases, abbreviations, asr, context, domain, node.line, ambiguous, same_as)


def _domain(node: Any, line: int, ctx: _Ctx) -> DomainSpec | None:
    if not isinstance(node, LineDict):
        ctx.fail(line, "each domain must be a mapping with 'name:' and phrases")
        return None
    _fields(node, _DOMAIN_FIELDS, ctx)
    label = _string(node, "name", ctx, required=True)
    phrases = _phrases(node, ctx)
    return DomainSpec(label, phrases, node.line) if label else None


def _phrases(node: LineDict, ctx: _Ctx) -> dict[str, tuple[str, ...]]:
    return {lang: p for lang in LANGUAGES if (p := _strings(node, lang, ctx))}


# ---- field helpers (values as written: "no" is a word here, not false) -------------------------------


def _fields(node: LineDict, allowed: tuple[str, ...], ctx: _Ctx) -> None:
    check_fields(node, allowed, ctx.name, ctx.problems, listing=" (allowed: {})")


def _items(node: LineDict, key: str, ctx: _Ctx) -> list[tuple[Any, int]]:
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, LineList):
        ctx.fail(node.value_line(key), "expected a list ('- ...' items)")
        return []
    return list(zip(value, value.lines, strict=True))


def _string(node: LineDict, key: str, ctx: _Ctx, required: bool = False) -> str:
    if node.get(key) is None:
        if required:
            ctx.fail(node.line, f"missing '{key}:'")
        return ""
    raw = node.raw.get(key, "")
    if not raw.strip():
        ctx.fail(node.value_line(key), f"'{key}' must be a non-empty text")
        return ""
    return raw.strip()


def _strings(node: LineDict, key: str, ctx: _Ctx) -> tuple[str, ...]:
    value = node.get(key)
    if value is None:
        return ()
    if not isinstance(value, LineList):
        ctx.fail(node.value_line(key), f"'{key}' must be a list, e.g. {key}: [word, other word]")
        return ()
    out = []
    for raw, line in zip(value.raw, value.lines, strict=True):
        if raw is not None and raw.strip():
            out.append(raw.strip())
        else:
            ctx.fail(line, f"empty or invalid phrase in '{key}'")
    return tuple(out)


def _choice(node: LineDict, key: str, allowed: tuple[str, ...], ctx: _Ctx, required: bool = False) -> str:
    value = _string(node, key, ctx, required)
    if value and value not in allowed:
        ctx.fail(node.value_line(key), f"{key} '{value}' is not one of {', '.join(allowed)}")
        return ""
    return value


def _boolean(node: LineDict, key: str, ctx: _Ctx) -> bool:
    value = node.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        ctx.fail(node.value_line(key), f"'{key}' must be true or false")
        return False
    return value


def _check_duplicates(entries: list[tuple[str, int]], what: str, ctx: _Ctx) -> None:
    seen: dict[str, int] = {}
    for label, line in entries:
        if label.casefold() in seen:
            ctx.fail(line, f"duplicate {what} '{label}' (first at line {seen[label.casefold()]})")
        seen.setdefault(label.casefold(), line)
