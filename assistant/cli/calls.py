"""`assistant calls list|show` and `assistant export`: read stored calls; render table, text or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, esc, fmt_time, print_json, print_plain, print_table
from assistant.cli.reps import print_metrics
from assistant.files import check_output_path, write_text
from assistant.records import CallDetail
from assistant.services import calls as service
from assistant.services import speakers
from assistant.services.views import call_json, metrics_json

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
    _print_speakers(call)
    console.print()
    for u in call.transcript.utterances:
        line = f"[dim]{fmt_time(u.start):>7}[/] [bold]{esc(u.speaker)}[/] ({esc(u.role)}): {esc(u.text)}"
        console.print(line, highlight=False)


def _print_speakers(call: CallDetail) -> None:
    for p in call.transcript.speakers:
        sure = f", {p.confidence:.0%} sure" if p.confidence is not None and p.method != "channel" else ""
        how = f" by {p.method}{sure}" if p.method else ""
        why = f" — {p.evidence}" if p.evidence else ""
        who = f" {p.name}" if p.name else ""
        console.print(f"[bold]Voice {esc(p.label)}:[/] {esc(p.role)}{esc(who)} ({p.seconds:.0f} s{esc(how)}){esc(why)}")
    for note in call.transcript.notes:
        console.print(f"[yellow]note:[/] {esc(note)}")
    metrics = speakers.call_metrics(call)
    if metrics.talk_ratio is not None:
        console.print("[bold]Conversation:[/]")
        print_metrics(metrics_json(metrics))


@app.command("speaker")
def speaker_cli(
    ctx: typer.Context,
    call_id: Annotated[int, typer.Argument(help="Call id (see `assistant calls list`).")],
    label: Annotated[str, typer.Argument(help="The voice, as `calls show` labels it (S1, S2, customer 2 ...).")],
    role: Annotated[str | None, typer.Option(help="rep, customer or unknown.")] = None,
    name: Annotated[str | None, typer.Option(help="The rep's name (makes the voice the rep).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Say who a voice is; the roles of its lines and the risk analysis are redone."""
    if (role is None) == (name is None):
        raise typer.BadParameter("give exactly one of --role and --name", param_hint="--role / --name")
    if role is not None and role not in speakers.ROLE_VALUES:
        raise typer.BadParameter(f"{role!r} is not one of {', '.join(speakers.ROLE_VALUES)}", param_hint="--role")
    call, deliveries = speakers.set_speaker(application(ctx), call_id, label, role or name or "")
    if as_json:
        print_json({**call_json(call), "deliveries": deliveries})
        return
    console.print(f"Call {call_id}: {esc(label)} is now {esc(role or 'rep ' + str(name))}; analysis redone")
    _print_speakers(call)
    if call.analysis:
        console.print(call.analysis.report.explanation, highlight=False, markup=False)
    for d in deliveries:
        console.print(f"alert {d.alert_id} {d.policy} → {d.channel}: {d.outcome} ({d.detail})", markup=False)


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
