"""Keyword rule files: load, validate (every problem as ``file:line: message``) and hash them.

A rules folder holds ``*.yaml`` files with a top-level ``rules:`` list (each rule: phrases, concepts —
a term from each of 2-3 groups near each other — and token patterns per language), and ``competitors.yaml`` (a list
of competitor names with aliases that phrases reference as ``{competitor}``). ``executives.yaml`` belongs
to ``assistant.analysis.executives`` and is skipped here. The format is documented in
``keyword_rules/README.md``.

``load_ruleset(dir)`` returns a new, immutable ``RuleSet`` or raises ``RulesError`` with every problem
found; it never changes a ruleset already loaded. ``reload_ruleset(current, dir)`` makes the
keep-the-old-one-on-failure rule explicit for long-running callers.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from assistant.analysis import schema
from assistant.analysis.executives.titles import load_executive_titles
from assistant.analysis.ruleset import (
    COMPETITOR_SLOT,
    COMPETITORS_FILE,
    EXECUTIVES_FILE,
    Competitor,
    Concept,
    Rule,
    RuleSet,
    Speaker,
    Window,
)
from assistant.errors import RulesError
from assistant.yamlfile import LineDict, Problems, check_fields, read_yaml

__all__ = [
    "COMPETITORS_FILE", "COMPETITOR_SLOT", "EXECUTIVES_FILE", "Competitor", "Concept", "Rule", "RuleSet",
    "Speaker", "Window", "check_folder", "load_ruleset", "reload_ruleset", "ruleset_from_rules",
]  # fmt: skip


def load_ruleset(rules_dir: Path) -> RuleSet:
    """Every rule file in ``rules_dir``, validated; ``RulesError`` lists every problem as file:line."""
    problems = Problems()
    directory = Path(rules_dir)
    if not directory.is_dir():
        raise RulesError(f"{directory}: rules folder not found (set rules_dir or pass a folder)")
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    rules: list[Rule] = []
    ids: list[tuple[str, str]] = []
    competitors: tuple[Competitor, ...] = ()
    competitor_fuzzy: int | None = None
    for path in files:
        if path.name == EXECUTIVES_FILE:
            continue
        if path.name == COMPETITORS_FILE:
            competitors, competitor_fuzzy = _load_competitors(path, problems)
        else:
            rules.extend(_load_rule_file(path, problems, ids))
    _check_duplicates(ids, problems)
    _check_competitor_use(rules, competitors, directory, problems)
    if not rules and not problems:
        problems.add(str(directory), 0, "no rules found: add a *.yaml file with a 'rules:' list")
    problems.raise_if_any(RulesError)
    return _finish(tuple(rules), competitors, directory, competitor_fuzzy)


def check_folder(rules_dir: Path) -> tuple[RuleSet | None, list[str]]:
    """What ``rules check`` reports: the ruleset (None if invalid) and every problem of the rule files and
    of the executive titles beside them (``executives.yaml``), as ``file:line: message``."""
    problems: list[str] = []
    ruleset = None
    try:
        ruleset = load_ruleset(rules_dir)
    except RulesError as exc:
        problems.extend(exc.problems)
    titles = Path(rules_dir) / EXECUTIVES_FILE
    if titles.is_file():
        try:
            load_executive_titles(titles)
        except RulesError as exc:
            problems.extend(exc.problems)
    return ruleset, problems


def reload_ruleset(current: RuleSet, rules_dir: Path) -> tuple[RuleSet, list[str]]:
    """``(new ruleset, [])`` when the folder is valid, else ``(current, problems)``: a bad edit never
    replaces the rules already in effect."""
    try:
        return load_ruleset(rules_dir), []
    except RulesError as exc:
        return current, list(exc.problems)


def ruleset_from_rules(
    rules: tuple[Rule, ...], competitors: tuple[Competitor, ...] = (), competitor_fuzzy: int | None = None
) -> RuleSet:
    """A RuleSet built in code (tests, previews), hashed like a loaded one."""
    return _finish(rules, competitors, None, competitor_fuzzy)


def _finish(
    rules: tuple[Rule, ...], competitors: tuple[Competitor, ...], directory: Path | None, fuzzy: int | None
) -> RuleSet:
    content = {
        "rules": [{k: v for k, v in rule.__dict__.items() if k != "source"} for rule in rules],
        "competitors": [c.__dict__ for c in competitors],
        "competitor_fuzzy": fuzzy,
    }
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, default=lambda o: o.__dict__)
    version = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    return RuleSet(rules, competitors, directory, fuzzy, version)


# ---- one file ----------------------------------------------------------------------------------


def _load_rule_file(path: Path, problems: Problems, ids: list[tuple[str, str]]) -> list[Rule]:
    data = read_yaml(path, problems)
    if data is None:
        return []
    where = str(path)
    if not isinstance(data, LineDict):
        problems.add(where, 1, "a rule file is a mapping with a 'rules:' list")
        return []
    check_fields(data, schema.FILE_FIELDS, where, problems)
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        problems.add(where, data.line_of("rules"), "'rules' must be a non-empty list of rules")
        return []
    ids.extend((str(r["id"]), f"{where}:{r.line}") for r in items if isinstance(r, LineDict) and "id" in r)
    parsed = (schema.parse_rule(item, where, problems) for item in items)
    return [Rule(**fields) for fields in parsed if fields is not None]


def _load_competitors(path: Path, problems: Problems) -> tuple[tuple[Competitor, ...], int | None]:
    data = read_yaml(path, problems)
    where = str(path)
    if data is None:
        return (), None
    if not isinstance(data, LineDict):
        problems.add(where, 1, "competitors.yaml is a mapping with a 'competitors:' list")
        return (), None
    check_fields(data, schema.COMPETITORS_FILE_FIELDS, where, problems)
    fuzzy = schema.parse_fuzzy(data, where, problems)
    items = data.get("competitors")
    if not isinstance(items, list):
        problems.add(where, data.line_of("competitors"), "'competitors' must be a list of names")
        return (), fuzzy
    lines = getattr(items, "lines", [0] * len(items))
    parsed = (schema.parse_competitor(item, ln, where, problems) for item, ln in zip(items, lines, strict=True))
    return tuple(c for c in parsed if c is not None), fuzzy


def _check_duplicates(ids: list[tuple[str, str]], problems: Problems) -> None:
    seen: dict[str, str] = {}
    for rule_id, source in ids:
        if rule_id in seen:
            file, line = source.rsplit(":", 1)
            problems.add(file, int(line), f"duplicate rule id {rule_id!r} (first defined at {seen[rule_id]})")
        else:
            seen[rule_id] = source


def _check_competitor_use(
    rules: list[Rule], competitors: tuple[Competitor, ...], directory: Path, problems: Problems
) -> None:
    if competitors:
        return
    for rule in rules:
        if any(COMPETITOR_SLOT in p for ps in rule.phrases.values() for p in ps) or _concepts_use_slot(rule):
            file, line = rule.source.rsplit(":", 1)
            problems.add(
                file, int(line), f"rule {rule.id!r} uses {COMPETITOR_SLOT} but {directory / COMPETITORS_FILE} "
                "lists no competitors",
            )  # fmt: skip


def _concepts_use_slot(rule: Rule) -> bool:
    return any(COMPETITOR_SLOT in t for cs in rule.concepts.values() for c in cs for g in c.groups for t in g)
