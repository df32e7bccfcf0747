"""The shape of the analysis package: one NLP stack, no import circle, no imports hidden inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import assistant.analysis

PACKAGE = Path(assistant.analysis.__file__).parent
NLP_LIBRARIES = ("pymorphy3", "pystempel", "jieba", "spacy_lookups_data", "spacy.lookups")
LOADERS = ("load", "blank", "MorphAnalyzer", "load_lookups")


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return []


def test_only_nlp_loads_tokenisers_and_lemmatisers() -> None:
    offenders = []
    for name, tree in _modules().items():
        if name == "assistant.analysis.nlp":
            continue
        for node in ast.walk(tree):
            if any(m.startswith(NLP_LIBRARIES) for m in _imported(node)):
                offenders.append(f"{name}:{node.lineno} imports an NLP library")  # type: ignore[attr-defined]
            call = node.func if isinstance(node, ast.Call) else None
            if isinstance(call, ast.Attribute) and call.attr in LOADERS and ast.unparse(call.value) == "spacy":
                offenders.append(f"{name}:{node.lineno} loads a pipeline")  # type: ignore[attr-defined]
    assert offenders == []


def test_no_first_party_import_inside_a_function_or_try() -> None:
    offenders = []
    for name, tree in _modules().items():
        for outer in ast.walk(tree):
            if not isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef | ast.Try):
                continue
            for node in ast.walk(outer):
                if any(m.startswith("assistant") for m in _imported(node)):
                    offenders.append(f"{name}:{node.lineno}")  # type: ignore[attr-defined]
    assert offenders == []


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, tree in modules.items():
        for node in tree.body:
            if isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports do not run
                continue
            for target in _imported(node):
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def test_analysis_modules_import_each_other_without_a_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if dep.startswith("assistant.analysis.") and dep != "assistant.analysis" and state.get(dep) == 1:
                cycles.append([*path, dep])
            elif state.get(dep, 0) == 0 and dep in graph:
                visit(dep, [*path, dep])
        state[name] = 2

    for name in sorted(graph):
        if state.get(name, 0) == 0:
            visit(name, [name])
    assert cycles == []


def test_the_cycle_check_sees_a_circle() -> None:
    graph = _graph()
    assert "assistant.analysis.phrases" in graph["assistant.analysis.matching"]
    assert "assistant.analysis.ruleset" in graph["assistant.analysis.schema"]
