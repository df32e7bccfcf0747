"""Each of the rules' fixed patterns compiled once (analysis/regexes.py): re's own cache keeps 512 patterns and the
rules' modules hold more, so a module-level ``re.search(PATTERN, text)`` would make every call recompile some."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import assistant.analysis
from assistant.analysis import analyze, regexes
from assistant.analysis.rules import load_ruleset
from assistant.records import Transcript, Utterance
from assistant.settings import DEFAULT_RULES_DIR, load_settings

PACKAGE = Path(assistant.analysis.__file__).parent
RE_FUNCTIONS = {"search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn"}


def _module_level_re_calls(source: str) -> list[int]:
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    return [c.lineno for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr in RE_FUNCTIONS
            and isinstance(c.func.value, ast.Name) and c.func.value.id == "re"]  # fmt: skip


def test_no_rules_module_calls_re_with_a_pattern_string() -> None:
    offenders = [f"{path.name}:{line}" for path in sorted(PACKAGE.glob("*.py"))
                 for line in _module_level_re_calls(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert offenders == []


def test_the_check_sees_a_call_of_re() -> None:
    assert _module_level_re_calls("import re\nfound = re.search(r'x', 'y')\n") == [2]
    assert _module_level_re_calls("found = rx.search(r'x', 'y')\n") == []


def test_a_pattern_is_compiled_once_and_behaves_as_re() -> None:
    first = regexes.compiled(r"\bcancel\w*")
    assert regexes.compiled(r"\bcancel\w*") is first
    text = "we cancelled, then cancel again"
    assert [m.group(0) for m in regexes.finditer(r"\bcancel\w*", text)] == re.findall(r"\bcancel\w*", text)
    assert regexes.split(r",\s*", text) == ["we cancelled", "then cancel again"]
    assert regexes.fullmatch(r"\d+", "12") and not regexes.match(r"\d", "a1")


def test_analysing_calls_in_five_languages_compiles_no_rules_pattern_through_re() -> None:
    lines = {"en": "We will cancel the contract, the price is too high.",
             "it": "Disdiciamo il contratto, costa troppo.", "ru": "Мы расторгнем договор, слишком дорого.",
             "pl": "Wypowiadamy umowę, jest za drogo.",
             "zh": "我们要解约，价格太贵了。"}  # fmt: skip
    ruleset, settings = load_ruleset(DEFAULT_RULES_DIR), load_settings()
    for lang in lines:  # the rule files' own token patterns compile with the ruleset, once per language
        analyze(_call("OK.", lang), ruleset, settings=settings, use_model=False)
    callers: set[str] = set()
    original = re._compile  # type: ignore[attr-defined]

    def counting(pattern: object, flags: int) -> re.Pattern[str]:
        frame = sys._getframe(1)
        while frame.f_back is not None and Path(frame.f_code.co_filename).parent.name == "re":
            frame = frame.f_back
        callers.add(frame.f_code.co_filename)
        return original(pattern, flags)

    re._compile = counting  # type: ignore[attr-defined]
    try:
        for lang, text in lines.items():
            assert analyze(_call(text, lang), ruleset, settings=settings, use_model=False).hits
    finally:
        re._compile = original  # type: ignore[attr-defined]
    assert regexes.compiled.cache_info().currsize > 50
    assert sorted(c for c in callers if Path(c).parent == PACKAGE and Path(c).name != "regexes.py") == []


def _call(text: str, lang: str) -> Transcript:
    return Transcript((Utterance("c", "customer", 0.0, 5.0, text, language=lang),), lang, 5.0, "vtt")
