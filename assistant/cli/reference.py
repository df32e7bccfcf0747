"""The CLI reference and the settings reference, made from the code: every command of the Typer app with its
arguments and options, every field of ``Settings`` with its environment variable and default.

    .venv/bin/python -m assistant.cli.reference          # rewrites docs/cli.md and docs/settings.md

``tests/test_docs.py`` checks that both documents cover every command, option and setting."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main

from assistant.cli.main import get_app
from assistant.settings import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs"
CLI_INTRO = """# Command-line reference

Every command of `assistant`, made from the code (`python -m assistant.cli.reference` rewrites this file;
`tests/test_docs.py` fails when a command or option is missing here). Every command prints for people by
default, prints JSON with `--json` where it has one, and exits with a status other than 0 when it fails
(1: the command failed, with one line on stderr naming the file, line or field; 2: a usage error).

Options of the root command come before the command: `assistant --data-dir ./data calls list`.
Settings (below and in [settings.md](settings.md)) come from options, `ASSISTANT_<NAME>` environment
variables, a TOML config file, then defaults.
"""
SETTINGS_INTRO = """# Settings

One settings object (`assistant/settings.py`), from (strongest first) command options, environment variables
`ASSISTANT_<NAME>`, a TOML config file (`--config`, `$ASSISTANT_CONFIG`, or `<data_dir>/config.toml`), then
the defaults below. `assistant settings` lists the values in effect (secrets masked). Made from the code
(`python -m assistant.cli.reference` rewrites this file; `tests/test_docs.py` fails when a setting is missing).

A config file uses the same names:

```toml
model = "small"
rep_names = ["Alex Morgan", "Giulia Romano"]
risk_high = 60
alerts_file = "/etc/assistant/alerts.yaml"
```

| setting | environment variable | default | what |
|---|---|---|---|
"""


def commands() -> Iterator[tuple[str, Any]]:
    """(full name such as ``calls show``, click command) for every command, the root first as ``""``."""

    def walk(command: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        yield prefix, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{prefix} {name}".strip())

    yield from walk(typer.main.get_command(get_app()), "")


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{param.name.upper()}`"
    else:
        name = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    help_text = (getattr(param, "help", None) or "").replace("|", "\\|").replace("\n", " ")
    return f"| {name} | {help_text} |"


def command_section(name: str, command: Any) -> str:
    title = f"assistant {name}".strip()
    lines = [f"## `{title}`", "", (command.help or "").strip(), ""]
    params = [p for p in command.params if p.name != "help"]
    if params:
        lines += ["| argument / option | what |", "|---|---|", *(_param_row(p) for p in params), ""]
    return "\n".join(lines)


def cli_markdown() -> str:
    return CLI_INTRO + "\n" + "\n".join(command_section(n, c) for n, c in commands() if c.callback or not n)


def _default(field: Any) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
        home = str(Path.home())
        return f"`{str(value).replace(home, '~')}`"
    if field.default is None:
        return "none"
    value = field.default
    if isinstance(value, Path) and value.is_absolute():
        return f"`{value.name}/` (shipped)"
    return f"`{value}`"


def settings_markdown() -> str:
    rows = [
        f"| `{name}` | `ASSISTANT_{name.upper()}` | {_default(field)} | {(field.description or '').replace('|', '/')} |"
        for name, field in Settings.model_fields.items()
    ]
    return SETTINGS_INTRO + "\n".join(rows) + "\n"


def main() -> None:
    (DOCS / "cli.md").write_text(cli_markdown(), encoding="utf-8")
    (DOCS / "settings.md").write_text(settings_markdown(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOCS / 'cli.md'} and {DOCS / 'settings.md'}\n")


if __name__ == "__main__":
    main()
