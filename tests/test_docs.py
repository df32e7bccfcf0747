"""Every CLI command (with each of its arguments and options) and every setting is documented, in the style of
datasette's tests/test_docs.py: docs/cli.md and docs/settings.md are checked against the Typer app and the
Settings class themselves. `python -m assistant.cli.reference` rewrites both from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.cli.reference import commands
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
FIX = "document it (python -m assistant.cli.reference rewrites docs/cli.md and docs/settings.md from the code)"


def sections(markdown: str) -> dict[str, str]:
    """``## `assistant calls show` `` headings → the text under each."""
    parts = re.split(r"^## `(assistant[^`]*)`\s*$", markdown, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


CLI = sections((DOCS / "cli.md").read_text(encoding="utf-8"))
COMMANDS = [(name, command) for name, command in commands() if command.callback or not name]


def test_the_reference_found_the_commands() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"ingest", "calls show", "search", "brief", "watch", "rules check", "settings"} <= names
    assert len(CLI) >= 40


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n or "assistant" for n, _ in COMMANDS])
def test_every_command_and_option_is_documented(name: str, command: object) -> None:
    title = f"assistant {name}".strip()
    assert title in CLI, f"docs/cli.md has no section '## `{title}`': {FIX}"
    for param in getattr(command, "params", []):
        if param.name == "help":
            continue
        shown = [f"`{param.name.upper()}`"] if param.param_type_name == "argument" else [f"`{o}`" for o in param.opts]
        assert all(s in CLI[title] for s in shown), f"docs/cli.md, `{title}`: {shown} is not documented: {FIX}"


def test_no_section_documents_a_command_that_is_gone() -> None:
    names = {f"assistant {n}".strip() for n, _ in COMMANDS}
    assert sorted(set(CLI) - names) == []


SETTINGS_DOC = (DOCS / "settings.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    row = next((line for line in SETTINGS_DOC.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row is not None, f"docs/settings.md has no row for the setting {name!r}: {FIX}"
    assert f"`ASSISTANT_{name.upper()}`" in row
    description = Settings.model_fields[name].description
    assert description, f"the setting {name!r} has no description in assistant/settings.py"


def test_the_readme_leads_to_the_references_and_every_linked_doc_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for doc in ("docs/cli.md", "docs/settings.md", "docs/architecture.md"):
        assert f"]({doc})" in readme, f"README.md does not link {doc}"
    for target in re.findall(r"\]\(((?:docs|samples|keyword_rules)/[^)#]+)", readme):
        assert (REPO / target).exists(), f"README.md links {target}, which does not exist"
