"""`assistant reanalyze` and `assistant rules preview`: rules applied to stored calls, no transcription."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, err_console, esc, fmt_time, print_json, print_table
from assistant.services.app import App

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def reanalyze_cli(
    ctx: typer.Context,
    call_ids: Annotated[
        list[int] | None, typer.Argument(help="Calls to reanalyse (see `assistant calls list`).")
    ] = None,
    all_calls: Annotated[bool, typer.Option("--all", help="Reanalyse every stored call.")] = False,
    force: Annotated[bool, typer.Option(help="Also calls already analysed with the current rules.")] = False,
    deliver: Annotated[bool, typer.Option(help="Send due risk alerts when done.")] = True,
    enqueue: Annotated[
        bool | None,
        typer.Option(
            "--enqueue/--no-enqueue",
            help="Queue the reanalysis for `assistant worker` processes (PostgreSQL) instead of running it here; "
            "default: the job_queue setting.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Apply the current keyword rules to stored calls without transcribing them again."""
    from assistant.cli.ingest import report_delivery
    from assistant.services.rules import reanalyze_calls

    if not call_ids and not all_calls:
        raise typer.BadParameter("give call ids or --all", param_hint="CALL_IDS")
    ids = None if all_calls else list(call_ids or [])
    app = application(ctx)
    if enqueue if enqueue is not None else app.settings.job_queue:
        _enqueue(app, ids, force, as_json)
        return
    results, deliveries = reanalyze_calls(app, ids, force=force, send=deliver)
    for d in [] if as_json else deliveries:
        report_delivery(d)
    if as_json:
        print_json(results)
    else:
        print_table(
            ["call", "status", "before", "after", "level", "note"],
            [(r.call_id, r.status, _score(r.score_before), _score(r.score_after), r.level, r.message) for r in results],
        )
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _enqueue(app: App, ids: list[int] | None, force: bool, as_json: bool) -> None:
    """`reanalyze --enqueue`: one job on the ``default`` queue; its alerts are delivered by the workers."""
    from assistant.services.queue import enqueue_reanalysis

    job_id = enqueue_reanalysis(app, ids, force=force)
    if as_json:
        print_json({"job_id": job_id, "queue": "default", "call_ids": ids})
    else:
        what = "every call" if ids is None else f"{len(ids)} call(s)"
        err_console.print(f"reanalysis of {what} queued as job {job_id}, see `assistant jobs show {job_id}`")


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def preview_cli(
    ctx: typer.Context,
    rule_id: Annotated[str, typer.Argument(help="Id of the rule (tracker) to try.")],
    limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """What one rule would flag across stored calls, with context, before rolling it out."""
    from assistant.services.rules import preview

    found = preview(application(ctx), rule_id, limit=limit)
    if as_json:
        print_json(found)
        return
    for p in found:
        flags = " ".join(f for f, on in (("negated", p.hit.negated), ("hypothetical", p.hit.hypothetical)) if on)
        console.print(
            f"[bold]call {p.call.id}[/] {esc(p.call.account)} {fmt_time(p.hit.start)} "
            f"{esc(p.hit.role)} matched '{esc(p.hit.matched)}' {flags}",
            highlight=False,
        )
        for line in p.context:
            console.print(f"    {line}", highlight=False, markup=False)
    err_console.print(f"{len(found)} hits for {rule_id}; {_precision_line(ctx, rule_id)}", markup=False)


def _precision_line(ctx: typer.Context, rule_id: str) -> str:
    """The tracker's precision measured by managers' verdicts (`assistant hits confirm|reject`)."""
    from assistant.services.verdicts import precision

    p = precision(application(ctx)).get(rule_id)
    if p is None or p.precision is None:
        return "measured precision: no verdicts yet (assistant hits confirm|reject ID)"
    return f"measured precision {p.precision:.2f} ({p.confirmed} confirmed, {p.rejected} rejected)"
