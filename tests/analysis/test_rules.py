"""Rule files: the shipped defaults load; every bad file is reported as file:line; old rules stay in effect."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.rules import RuleSet, load_ruleset, reload_ruleset
from assistant.errors import RulesError
from assistant.settings import DEFAULT_RULES_DIR

GOOD = """\
rules:
  - id: price_too_high
    category: price
    weight: 30
    phrases:
      en: ["too expensive"]
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_ruleset(folder)
    return info.value.problems


def test_shipped_defaults_load_and_cover_every_churn_reason() -> None:
    ruleset = load_ruleset(DEFAULT_RULES_DIR)
    categories = {rule.category for rule in ruleset.rules}
    assert {"price", "budget", "competitor", "cancellation", "downgrade", "adoption", "complexity", "support",
            "champion", "payment"} <= categories  # fmt: skip
    for rule in ruleset.rules:
        assert set(rule.phrases) == {"en", "it", "ru", "pl", "zh"}, rule.id
    assert ruleset.competitors and any(c.name == "HubSpot" for c in ruleset.competitors)


def test_version_is_stable_and_follows_content(tmp_path: Path) -> None:
    _write(tmp_path, "price.yaml", GOOD)
    first, again = load_ruleset(tmp_path), load_ruleset(tmp_path)
    assert first.version == again.version and len(first.version) == 16
    _write(tmp_path, "price.yaml", GOOD.replace("30", "31"))
    assert load_ruleset(tmp_path).version != first.version


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (GOOD + "    paterns:\n      en: [[{LOWER: a}]]\n", 7, "unknown field 'paterns' (did you mean 'patterns'?)"),
        (GOOD.replace("phrases:", "phrase:"), 5, "(did you mean 'phrases'?)"),
        (GOOD + "    speaker: custmer\n", 7, "speaker 'custmer' is not one of customer, rep, anyone"),
        (GOOD.replace('["too expensive"]', '["too expensive", ""]'), 6, "empty phrase in phrases.en"),
        (GOOD.replace("      en:", "      fr:"), 6, "unknown language 'fr'"),
        (GOOD.replace("weight: 30", "weight: 300"), 4, "'weight' must be a number from 0 to 100"),
        (GOOD.replace("    weight: 30\n", ""), 2, "missing required field 'weight'"),
        (GOOD + "    window: {middle_minutes: 3}\n", 7, "unknown field 'middle_minutes'"),
        (GOOD + "    fuzzy: 20\n", 7, "'fuzzy' must be a number from 50 to 100"),
        (GOOD.replace('["too expensive"]', '["too expensive"'), 7, "invalid YAML"),
        (GOOD + "    category: other\n", 7, "field 'category' is given twice"),
        ("rules: []\n", 1, "'rules' must be a non-empty list"),
        (GOOD.replace('["too expensive"]', "\n        - {competitor} is cheaper"), 7, "needs quotes"),
    ],
)
def test_each_bad_rule_file_is_reported_with_its_line(tmp_path: Path, text: str, line: int, needle: str) -> None:
    _write(tmp_path, "price.yaml", text)
    problems = _problems(tmp_path)
    assert any(p.startswith(f"{tmp_path / 'price.yaml'}:{line}: ") and needle in p for p in problems), problems


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        ("[{LEMA: price}]", "spaCy rejects this token pattern"),
        ("[{LOWER: {INN: [a]}}]", "spaCy rejects this token pattern"),
        ("[{LOWER: price}, {OP: '*'}, {LOWER: high}]", "unbounded wildcard"),
        ("[{LOWER: price, OP: '?'}]", "can match nothing"),
        ("[{TEXT: {REGEX: '(a+)+$'}}]", "catastrophic backtracking"),
        ("[{POS: NOUN}]", "not available to rules"),
    ],
)
def test_bad_token_patterns_are_rejected(tmp_path: Path, pattern: str, needle: str) -> None:
    _write(tmp_path, "p.yaml", GOOD + f"    patterns:\n      en:\n        - {pattern}\n")
    problems = _problems(tmp_path)
    assert any(p.startswith(f"{tmp_path / 'p.yaml'}:9: patterns.en: ") and needle in p for p in problems), problems


def test_every_problem_of_every_file_is_listed(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD + "    speaker: nobody\n    paterns: {}\n")
    _write(tmp_path, "b.yaml", GOOD)  # same id again
    _write(tmp_path, "c.yaml", "rules:\n  - id: x\n    phrases: [oops\n")
    problems = _problems(tmp_path)
    assert len(problems) == 4, problems
    assert any(p.startswith(f"{tmp_path / 'b.yaml'}:2: duplicate rule id 'price_too_high'") for p in problems)
    assert any(f"first defined at {tmp_path / 'a.yaml'}:2" in p for p in problems)
    assert any(p.startswith(f"{tmp_path / 'c.yaml'}:4: invalid YAML") for p in problems)


def test_competitor_placeholder_needs_a_competitor_list(tmp_path: Path) -> None:
    _write(tmp_path, "c.yaml", GOOD.replace('"too expensive"', '"quote from {competitor}"'))
    assert any("lists no competitors" in p for p in _problems(tmp_path))
    _write(tmp_path, "competitors.yaml", "competitors:\n  - HubSpot\n  - name: Salesforce\n    aliases: [SFDC]\n")
    ruleset = load_ruleset(tmp_path)
    assert [c.names for c in ruleset.competitors] == [("HubSpot",), ("Salesforce", "SFDC")]


def test_bad_competitor_file_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "price.yaml", GOOD)
    _write(tmp_path, "competitors.yaml", "competitors:\n  - name: HubSpot\n    alias: [Hub Spot]\n")
    problems = _problems(tmp_path)
    assert problems == [f"{tmp_path / 'competitors.yaml'}:3: unknown field 'alias' (did you mean 'aliases'?)"]


def test_executives_file_is_left_to_its_own_loader(tmp_path: Path) -> None:
    _write(tmp_path, "price.yaml", GOOD)
    _write(tmp_path, "executives.yaml", "titles: [not, a, rule, file]\n")
    assert [r.id for r in load_ruleset(tmp_path).rules] == ["price_too_high"]


def test_disabled_rules_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "price.yaml", GOOD + "  - id: other\n    category: x\n    weight: 5\n    enabled: false\n"
           "    phrases: {en: [foo]}\n")  # fmt: skip
    assert [r.id for r in load_ruleset(tmp_path).rules] == ["price_too_high"]


def test_a_failed_reload_keeps_the_rules_in_effect(tmp_path: Path) -> None:
    _write(tmp_path, "price.yaml", GOOD)
    current = load_ruleset(tmp_path)
    _write(tmp_path, "price.yaml", GOOD.replace("weight: 30", "weight: lots"))
    kept, problems = reload_ruleset(current, tmp_path)
    assert kept is current and problems and "weight" in problems[0]
    _write(tmp_path, "price.yaml", GOOD.replace("weight: 30", "weight: 40"))
    fresh, problems = reload_ruleset(current, tmp_path)
    assert problems == [] and isinstance(fresh, RuleSet) and fresh.rules[0].weight == 40


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert "rules folder not found" in _problems(tmp_path / "nope")[0]
    tmp_path.joinpath("empty").mkdir()
    assert "no rules found" in _problems(tmp_path / "empty")[0]


def test_check_folder_reports_rule_files_and_executive_titles_together(tmp_path: Path) -> None:
    from assistant.analysis.rules import check_folder

    _write(tmp_path, "price.yaml", GOOD.replace("weight: 30", "weight: 300"))
    _write(tmp_path, "executives.yaml", "titles:\n  - title: CFO\n    levle: c_level\n    en: [cfo]\n")
    ruleset, problems = check_folder(tmp_path)
    assert ruleset is None and len(problems) == 3, problems
    assert any(p.startswith(f"{tmp_path / 'price.yaml'}:4: 'weight'") for p in problems)
    assert any(p.startswith(f"{tmp_path / 'executives.yaml'}:3: unknown field 'levle'") for p in problems)
    _write(tmp_path, "price.yaml", GOOD)
    _write(tmp_path, "executives.yaml", "titles:\n  - title: CFO\n    level: c_level\n    en: [cfo]\n")
    ruleset, problems = check_folder(tmp_path)
    assert ruleset is not None and problems == []
