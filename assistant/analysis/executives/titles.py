"""Executive titles: load and validate ``keyword_rules/executives.yaml`` (format in its header).

``load_executive_titles(path)`` returns an ``ExecutiveTitles``; every problem in the file is collected
and raised together as ``RulesError`` with ``file:line: message`` lines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.analysis.executives.lang import LANGUAGES
from assistant.errors import RulesError
from assistant.settings import DEFAULT_RULES_DIR

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
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{name}: cannot read executive titles ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise RulesError(f"{name}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    problems: list[str] = []
    titles, domains = _parse_root(root, name, problems)
    if problems:
        raise RulesError(problems)
    return ExecutiveTitles(titles=tuple(titles), domains=tuple(domains), source=name)


def _parse_root(root: Any, name: str, problems: list[str]) -> tuple[list[TitleSpec], list[DomainSpec]]:
    if not isinstance(root, yaml.MappingNode):
        problems.append(f"{name}:{_line(root)}: expected a mapping with 'titles:' at the top")
        return [], []
    fields = _mapping(root, name, _TOP_FIELDS, problems)
    if "titles" not in fields:
        problems.append(f"{name}:{_line(root)}: missing 'titles:' (a list of executive titles)")
    titles = [t for node in _items(fields.get("titles"), name, problems) if (t := _title(node, name, problems))]
    domains = [d for node in _items(fields.get("domains"), name, problems) if (d := _domain(node, name, problems))]
    _check_duplicates([(t.title, t.line) for t in titles], "title", name, problems)
    _check_duplicates([(d.name, d.line) for d in domains], "domain", name, problems)
    return titles, domains


def _title(node: Any, name: str, problems: list[str]) -> TitleSpec | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{name}:{_line(node)}: each title must be a mapping with 'title:' and 'level:'")
        return None
    f = _mapping(node, name, _TITLE_FIELDS, problems)
    title = _string(f.get("title"), "title", name, problems, required_at=node)
    level = _choice(f.get("level"), "level", LEVELS, name, problems, required_at=node)
    domain = _choice(f.get("domain"), "domain", DOMAIN_MODES, name, problems) or "none"
    phrases = _phrases(f, name, problems)
    abbreviations = _strings(f.get("abbreviations"), "abbreviations", name, problems)
    for abbr in abbreviations:
        if not _ACRONYM.match(abbr):
            problems.append(f"{name}:{_line(f['abbreviations'])}: abbreviation '{abbr}' must be 2-6 capitals")
    if not phrases and not abbreviations and title:
        problems.append(f"{name}:{_line(node)}: title '{title}' has no phrases: add e.g. 'en: [...]'")
    context = _boolean(f.get("needs_context"), "needs_context", name, problems)
    if not (title and level):
        return None
    asr = _strings(f.get("asr"), "asr", name, problems)
    ambiguous = _strings(f.get("ambiguous"), "ambiguous", name, problems)
    listed = {p.casefold() for group in phrases.values() for p in group}
    for phrase in ambiguous:
        if phrase.casefold() not in listed:
            problems.append(f"{name}:{_line(f['ambiguous'])}: ambiguous phrase '{phrase}' is not among the phrases")
    same_as = _strings(f.get("same_as"), "same_as", name, problems)
    return TitleSpec(title, level, phrases, abbreviations, asr, context, domain, _line(node), ambiguous, same_as)


def _domain(node: Any, name: str, problems: list[str]) -> DomainSpec | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{name}:{_line(node)}: each domain must be a mapping with 'name:' and phrases")
        return None
    f = _mapping(node, name, _DOMAIN_FIELDS, problems)
    label = _string(f.get("name"), "name", name, problems, required_at=node)
    phrases = _phrases(f, name, problems)
    return DomainSpec(label, phrases, _line(node)) if label else None


def _phrases(fields: dict[str, Any], name: str, problems: list[str]) -> dict[str, tuple[str, ...]]:
    return {lang: p for lang in LANGUAGES if (p := _strings(fields.get(lang), lang, name, problems))}


# ---- YAML node helpers ------------------------------------------------------------------------------


def _line(node: Any) -> int:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark else 0


def _mapping(node: yaml.MappingNode, name: str, allowed: tuple[str, ...], problems: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in fields:
            problems.append(f"{name}:{_line(key_node)}: field '{key}' given twice")
        elif key not in allowed:
            problems.append(f"{name}:{_line(key_node)}: unknown field '{key}'{_suggest(key, allowed)}")
        fields[key] = value
    return fields


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"


def _items(node: Any, name: str, problems: list[str]) -> list[Any]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{name}:{_line(node)}: expected a list ('- ...' items)")
        return []
    return list(node.value)


def _string(node: Any, what: str, name: str, problems: list[str], required_at: Any = None) -> str:
    if node is None:
        if required_at is not None:
            problems.append(f"{name}:{_line(required_at)}: missing '{what}:'")
        return ""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        problems.append(f"{name}:{_line(node)}: '{what}' must be a non-empty text")
        return ""
    return str(node.value).strip()


def _strings(node: Any, what: str, name: str, problems: list[str]) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{name}:{_line(node)}: '{what}' must be a list, e.g. {what}: [word, other word]")
        return ()
    out = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
            out.append(str(item.value).strip())
        else:
            problems.append(f"{name}:{_line(item)}: empty or invalid phrase in '{what}'")
    return tuple(out)


def _choice(
    node: Any, what: str, allowed: tuple[str, ...], name: str, problems: list[str], required_at: Any = None
) -> str:
    value = _string(node, what, name, problems, required_at)
    if value and value not in allowed:
        problems.append(f"{name}:{_line(node)}: {what} '{value}' is not one of {', '.join(allowed)}")
        return ""
    return value


def _boolean(node: Any, what: str, name: str, problems: list[str]) -> bool:
    if node is None:
        return False
    if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
        problems.append(f"{name}:{_line(node)}: '{what}' must be true or false")
        return False
    return str(node.value).lower() in ("true", "yes", "on")


def _check_duplicates(entries: list[tuple[str, int]], what: str, name: str, problems: list[str]) -> None:
    seen: dict[str, int] = {}
    for label, line in entries:
        if label.casefold() in seen:
            problems.append(f"{name}:{line}: duplicate {what} '{label}' (first at line {seen[label.casefold()]})")
        seen.setdefault(label.casefold(), line)
