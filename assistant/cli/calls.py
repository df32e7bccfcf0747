"""`assistant calls list|show` and `assistant export`: read stored calls; render table, text or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, esc, fmt_time, print_json, print_plain, print_table
from assistant.files import check_output_path, write_text
from assistant.records import CallDetail
from assistant.services import calls as service
from assistant.services.views import call_json

app = typer.Typer(help="Stored calls: list them, show one.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("list")
def list_cli(
    ctx: typer.Context,
    account: Annotated[str | None, typer.Option(help="Only calls of this account.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many calls.")] = 100,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many calls first.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """List stored calls, oldest first."""
    rows = service.list_calls(application(ctx), account=account, limit=limit, offset=offset)
    if as_json:
        print_json(rows)
        return
    print_table(
        ["id", "account", "title", "when", "lang", "length", "lines", "risk", "exec"],
        [
            (
                c.id,
                c.account,
                c.title or Path(c.source_path).name,
                c.recorded_at.date() if c.recorded_at else "",
                c.language,
                fmt_time(c.duration),
                c.utterances,
                f"{c.risk_level} {c.risk_score:.0f}" if c.risk_level and c.risk_score is not None else "",
                "yes" if c.executive_present else "",
            )
            for c in rows
        ],
    )


def _print_call(call: CallDetail) -> None:
    s = call.summary
    console.print(f"[bold]Call {s.id}[/] {esc(s.title)}  {esc(s.account)}  {esc(Path(s.source_path).name)}")
    console.print(
        f"{esc(s.language)}  {fmt_time(s.duration)}  {len(call.transcript.utterances)} utterances  {esc(s.status)}"
    )
    if call.analysis:
        r = call.analysis.report
        if r.explanation:  # it opens with the score and level itself
            console.print(r.explanation, highlight=False, markup=False)
        else:
            console.print(f"[bold]Risk:[/] {esc(r.level)} ({r.score:.0f}/100)")
        for e in call.analysis.executives:
            console.print(f"[bold]Executive:[/] {esc(e.title)} {esc(e.name)} ({esc(e.kind)}) at {fmt_time(e.start)}")
    console.print()
    for u in call.transcript.utterances:
        line = f"[dim]{fmt_time(u.start):>7}[/] [bold]{esc(u.speaker)}[/] ({esc(u.role)}): {esc(u.text)}"
        console.print(line, highlight=False)


@app.command("show")
def show_cli(
    ctx: typer.Context,
    call_id: Annotated[int, typer.Argument(help="Call id (see `assistant calls list`).")],
    as_json: JsonFlag = False,
) -> None:
    """Show one call: risk report, executives and the transcript."""
    call = service.get_call(application(ctx), call_id)
    if as_json:
        print_json(call_json(call))
    else:
        _print_call(call)


def export_cli(
    ctx: typer.Context,
    call_id: Annotated[int, typer.Argument(help="Call id (see `assistant calls list`).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="vtt, srt, json or txt.")] = "vtt",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Export a call's transcript as WebVTT, SRT, Whisper-style JSON or plain text."""
    if fmt not in service.EXPORT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(service.EXPORT_FORMATS)}", param_hint="--format")
    text = service.export_call(application(ctx), call_id, fmt)
    if output is None:
        print_plain(text)
    else:
        write_text(check_output_path(output), text)
    if as_json and output is not None:
        print_json({"call": call_id, "format": fmt, "output": output, "bytes": len(text.encode())})
