"""`assistant rules check|test`: validate rule files; try a sentence against the rules in effect."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import application, state
from assistant.cli.output import console, fmt_time, print_json, print_table
from assistant.errors import RulesError
from assistant.records import Analysis

app = typer.Typer(help="Keyword rules: check rule files, test a sentence against them.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command("check")
def check_cli(
    ctx: typer.Context,
    rules_dir: Annotated[Path | None, typer.Argument(help="Rules folder (default: the rules_dir setting).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Validate every rule file; print each problem as file:line: message (exit 1 if there is any)."""
    folder = rules_dir or state(ctx).settings.rules_dir
    from assistant.services.rules import check_rules  # spaCy loads with the analysis: not at start-up

    ruleset, problems = check_rules(folder)
    count = len(ruleset.rules) if ruleset else 0
    if as_json:
        version = ruleset.version if ruleset else None
        print_json({"ok": not problems, "rules": count, "version": version, "problems": problems})
    elif problems:
        for line in problems:
            console.print(line, highlight=False, markup=False, soft_wrap=True)
    else:
        version = ruleset.version if ruleset else ""
        console.print(f"{count} rules OK ({folder}, version {version})", highlight=False, markup=False)
    if problems:  # one line on stderr and exit status 1, from the CLI's single error handler
        raise RulesError(f"{len(problems)} problem(s) in the rule files of {folder}; fix them and run it again")


@app.command("test")
def test_cli(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What someone said on a call.")],
    lang: Annotated[str, typer.Option("--lang", help="Language: en, it, ru, pl or zh.")] = "en",
    role: Annotated[str, typer.Option("--role", help="Who says it: customer or rep.")] = "customer",
    rules_dir: Annotated[Path | None, typer.Option("--rules", help="Rules folder (default: rules_dir).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the hits, executives and risk score one sentence would get, and why."""
    if role not in ("customer", "rep"):
        raise typer.BadParameter("use customer or rep", param_hint="--role")
    from assistant.analysis.nlp import check_language
    from assistant.services.rules import test_sentence
    from assistant.services.views import analysis_json

    analysis = test_sentence(application(ctx), text, check_language(lang), role, rules_dir)
    if as_json:
        print_json(analysis_json(analysis))
    else:
        _print(analysis)


def _print(analysis: Analysis) -> None:
    if not analysis.hits:
        console.print("Nothing flagged: no rule matched and the model (when on) found no risk.")
    for h in analysis.hits:
        flags = ", ".join(f for f, on in (("negated", h.negated), ("hypothetical", h.hypothetical)) if on)
        what = "learned model" if h.source == "model" else f"rule, matched {h.matched!r}"
        head = f"{h.rule} ({h.category}) at {fmt_time(h.start)}: {what}"
        console.print(head + (f" [{flags}]" if flags else ""), highlight=False, markup=False, soft_wrap=True)
        console.print(f"    why: {h.evidence}", highlight=False, markup=False, soft_wrap=True)
    if analysis.executives:
        print_table(
            ["title", "name", "kind", "quote"],
            [(e.title, e.name, e.kind, e.quote) for e in analysis.executives],
            title="Executives",
        )
    console.print(analysis.report.explanation, highlight=False, markup=False, soft_wrap=True)
