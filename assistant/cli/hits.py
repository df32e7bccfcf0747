"""`assistant hits ...`: list a call's hits, confirm or reject one, mark a missed line (verdicts that teach)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import application
from assistant.cli.output import console, fmt_time, print_json, print_table, to_jsonable
from assistant.records.verdicts import Verdict

app = typer.Typer(help="Hits and the managers' verdicts on them (they teach the churn-risk model).",
                  no_args_is_help=True)  # fmt: skip
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
CallArg = Annotated[int, typer.Argument(help="Call id.")]
HitArg = Annotated[int, typer.Argument(help="Hit id (from `assistant hits list CALL`).")]


@app.command("list")
def list_cli(
    ctx: typer.Context, call: Annotated[int, typer.Argument(help="Call id.")], as_json: JsonOpt = False
) -> None:
    """A call's hits with their ids (what confirm and reject take)."""
    from assistant.services.verdicts import call_hits

    rows = call_hits(application(ctx), call)
    if as_json:
        print_json([{"id": hit_id, "source": h.source, **to_jsonable(h)} for hit_id, h in rows])
        return
    print_table(("id", "at", "rule", "category", "source", "quote"),
                [(i, fmt_time(h.start), h.rule, h.category, h.source, h.text[:80]) for i, h in rows],
                title=f"hits of call {call}")  # fmt: skip


@app.command("confirm")
def confirm_cli(
    ctx: typer.Context, hit: Annotated[int, typer.Argument(help="Hit id.")], as_json: JsonOpt = False
) -> None:
    """Confirm a hit: it is a real churn risk of its category."""
    _judge(ctx, hit, "confirm", as_json)


@app.command("reject")
def reject_cli(
    ctx: typer.Context, hit: Annotated[int, typer.Argument(help="Hit id.")], as_json: JsonOpt = False
) -> None:
    """Reject a hit: a false alarm."""
    _judge(ctx, hit, "reject", as_json)


def _judge(ctx: typer.Context, hit: int, verdict: str, as_json: bool) -> None:
    from assistant.services.verdicts import judge

    _show(judge(application(ctx), hit, verdict), as_json)  # type: ignore[arg-type]


@app.command("add")
def add_cli(
    ctx: typer.Context,
    call: CallArg,
    at: Annotated[float, typer.Option("--at", help="Seconds into the call where the line is said.")],
    category: Annotated[str, typer.Option("--category", help="Its churn-risk category, e.g. price.")],
    as_json: JsonOpt = False,
) -> None:
    """Mark a line the analysis missed as a churn risk of a category."""
    from assistant.services.verdicts import add_missed

    _show(add_missed(application(ctx), call, at, category), as_json)


@app.command("verdicts")
def verdicts_cli(
    ctx: typer.Context,
    call: Annotated[int | None, typer.Option("--call", help="Only this call.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every verdict, with the hit it judges now ('gone' when reanalysis or deletion removed it)."""
    from assistant.services.verdicts import list_verdicts

    found = list_verdicts(application(ctx), call)
    if as_json:
        print_json(found)
        return
    print_table(("id", "call", "at", "verdict", "rule", "category", "hit now", "line"),
                [(v.id, v.call_id, fmt_time(v.start), v.verdict, v.rule or "-", v.category,
                  "-" if not v.rule else (v.hit_id if v.hit_id is not None else "gone"), v.text[:60]) for v in found],
                title="verdicts")  # fmt: skip


def _show(v: Verdict, as_json: bool) -> None:
    if as_json:
        print_json(v)
        return
    what = f"{v.rule} ({v.category})" if v.rule else f"missed {v.category}"
    console.print(f"verdict {v.id}: {v.verdict} {what} — call {v.call_id} at {fmt_time(v.start)}: \u201c{v.text}\u201d",
                  highlight=False, markup=False, soft_wrap=True)  # fmt: skip
