"""`assistant accounts import|list|show`, `renewals`, `brief`, `churn`, `signals`: thin edges over
``assistant.accounts``; human tables by default, ``--json`` for machines."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.accounts.brief_render import headline, sections
from assistant.cli.context import application
from assistant.cli.output import console, err_console, esc, print_json, print_table
from assistant.errors import InputError
from assistant.records.accounts import ImportReport, PeriodChurn, SignalsReport
from assistant.records.verdicts import TrackerPrecision
from assistant.services import accounts as service
from assistant.services.accounts import MIN_EVENTS, QUIET_DAYS

app = typer.Typer(help="Accounts from the CRM: import a CSV export, list them, show one.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Pretend today is this day (YYYY-MM-DD).")]


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=option) from None


def parse_span(value: str) -> int:
    """'90d', '12w', '3m' (30-day months), '1y' or a plain number of days → days."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy]?)\s*", value.lower())
    if m is None:
        raise typer.BadParameter(f"{value!r} is not a span like 90d, 12w, 3m or 1y", param_hint="--within")
    return int(m[1]) * {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[m[2]]


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


# ---- accounts -----------------------------------------------------------------------------------------------


def _print_import(report: ImportReport) -> None:
    console.print(
        f"{esc(report.path)}: {report.rows} row(s): {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.errors)} left out"
        + (f"; {report.calls_linked} call(s) linked by CRM id" if report.calls_linked else ""),
        highlight=False,
        soft_wrap=True,
    )
    for problem in report.warnings:
        err_console.print(f"[yellow]warning:[/] {esc(problem.message)}", highlight=False, soft_wrap=True)
    for problem in report.errors:
        err_console.print(f"[red]error:[/] {esc(problem.message)}", highlight=False, soft_wrap=True)


@app.command("import")
def import_cli(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CRM export (CSV); see docs/accounts.md for the columns.")],
    as_of: AsOf = None,
    day_first: Annotated[bool, typer.Option("--day-first", help="Read 03/04/2026 as 3 April.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import or update accounts from a CRM export; bad rows are listed, good rows load (exit 1 if any bad)."""
    day = parse_day(as_of, "--as-of")
    report = service.import_accounts(application(ctx), path, as_of=day, day_first=day_first)
    if as_json:
        print_json(report)
    else:
        _print_import(report)
    if report.errors:  # an error, not typer.Exit: the exit status must be 1 in every way the CLI is run
        raise InputError(
            f"{path}: {len(report.errors)} row(s) left out (listed above); the other rows are loaded. "
            "Fix those rows and import the file again"
        )


@app.command("list")
def list_cli(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List accounts with their renewal date, ARR, status and number of calls."""
    rows = service.list_accounts(application(ctx))
    if as_json:
        print_json(rows)
        return
    print_table(
        ["name", "id", "owner", "status", "renews", "ARR", "calls"],
        [
            (a.name, a.external_id, a.owner, a.status, a.renewal_date, f"{a.arr:,.0f}" if a.arr else "", a.calls)
            for a in rows
        ],
    )


@app.command("show")
def show_cli(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="Account name or CRM id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show one account: CRM fields, contacts and ARR history."""
    a = service.get_account(application(ctx), account)
    if as_json:
        print_json(a)
        return
    console.print(
        f"[bold]{esc(a.name)}[/] {esc(a.external_id)}  owner {esc(a.owner or '-')}  status {esc(a.status or '-')}"
    )
    console.print(
        f"customer since {a.customer_since or '-'}, renews {a.renewal_date or '-'}, churned {a.churned_on or '-'}"
    )
    for c in a.contacts:
        title, email = f" ({esc(c.title)})" if c.title else "", f" <{esc(c.email)}>" if c.email else ""
        console.print(f"  contact: {esc(c.name)}{title}{email}")
    for h in a.arr_history:
        console.print(f"  ARR from {h.on}: {h.arr:,.0f} {esc(a.currency)}", highlight=False, soft_wrap=True)


# ---- renewals and briefs -------------------------------------------------------------------------------------


def renewals_cli(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help="How far ahead: 90d, 12w, 3m, 1y.")] = "90d",
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Upcoming renewals, riskiest first (risk of the newest analysed call)."""
    day = parse_day(as_of, "--as-of")
    rows, notes = service.upcoming_renewals(application(ctx), within_days=parse_span(within), as_of=day)
    if as_json:
        print_json({"renewals": rows, "notes": notes})
        return
    print_table(
        ["account", "renews", "days", "ARR", "risk", "last call", "warnings"],
        [
            (
                r.account,
                r.renewal_date,
                r.days_left,
                f"{r.arr:,.0f} {r.currency or ''}" if r.arr is not None else "",
                f"{r.risk_level} {r.risk_score:.0f}" if r.risk_score is not None else "no calls",
                r.last_call or "none",
                ", ".join(r.warnings),
            )
            for r in rows
        ],
        title=f"Renewals in the next {parse_span(within)} days",
    )
    for note in notes:
        err_console.print(f"[yellow]note:[/] {esc(note)}", highlight=False, soft_wrap=True)


def brief_cli(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="Account name or CRM id.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write it: .md or .html.")] = None,
    quiet_days: Annotated[int, typer.Option(help="Warn when no call in this many days.")] = QUIET_DAYS,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """The renewal brief of one account: date and value, calls, risks, executives, warnings, clips."""
    if output is not None and output.suffix.lower() not in service.BRIEF_SUFFIXES:
        raise typer.BadParameter(f"{output}: write the brief to a .md or .html file", param_hint="--output")
    day = parse_day(as_of, "--as-of")
    b = service.brief(application(ctx), account, as_of=day, quiet_days=quiet_days, output=output)
    if as_json:
        print_json(b)
        return
    console.print(f"[bold]Renewal brief: {esc(b.account.name)}[/]  {esc(headline(b))}", highlight=False, soft_wrap=True)
    for heading, items in sections(b):
        console.print(f"\n[bold]{esc(heading)}[/]")
        for item in items:
            style = "red" if heading == "Warnings" and b.warnings else ""
            console.print(f"  • {item}", style=style, highlight=False, markup=False, soft_wrap=True)
    if output is not None:
        console.print(f"\nwritten to {esc(output)}", highlight=False, soft_wrap=True)


# ---- analytics ------------------------------------------------------------------------------------------------


def _period(p: PeriodChurn) -> str:
    if p.kind == "month":
        return p.start.strftime("%Y-%m")
    if p.kind == "quarter":
        return f"{p.start.year}Q{(p.start.month - 1) // 3 + 1}"
    return str(p.start.year) if p.kind == "year" else f"{p.start}..{p.end - timedelta(days=1)}"


def _churn_rows(periods: list[PeriodChurn]) -> list[tuple[Any, ...]]:
    return [
        (
            _period(p),
            p.customers_at_start,
            p.lost,
            p.won,
            _pct(p.churn_rate) + (" ⚠" if p.flagged else ""),
            _pct(p.retention_rate),
            _pct(p.revenue_churn),
            _pct(p.net_revenue_retention),
        )
        for p in periods
    ]


def churn_cli(
    ctx: typer.Context,
    first: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    last: Annotated[str, typer.Option("--to", help="Last day, inclusive (YYYY-MM-DD).")],
    per: Annotated[str, typer.Option(help="month, quarter, year, or range (one period).")] = "range",
    chart: Annotated[Path | None, typer.Option(help="Also write a PNG trend chart here.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Logo and revenue churn, retention and NRR per period; monthly churn above 1 % is flagged ⚠."""
    d_from, d_to = parse_day(first, "--from"), parse_day(last, "--to")
    assert d_from is not None and d_to is not None  # required options
    periods, notes = service.churn(application(ctx), d_from, d_to, per=per, chart=chart)
    if as_json:
        print_json({"periods": periods, "notes": notes, "chart": chart})
        return
    columns = ["period", "start", "lost", "won*", "churn", "retain", "rev churn", "NRR"]
    print_table(columns, _churn_rows(periods))
    console.print("won*: customers won inside the period, excluded from churn; ⚠: above 1 % a month", soft_wrap=True)
    for note in notes:
        err_console.print(f"[yellow]note:[/] {esc(note)}", highlight=False, soft_wrap=True)


def _print_signals(report: SignalsReport, precision: dict[str, TrackerPrecision] | None = None) -> None:
    precision = precision or {}
    console.print(
        f"{report.accounts} account(s) with a known ending: {report.churned} churned, {report.retained} stayed"
    )
    print_table(
        ["signal", "fired", "churn if fired", "churn if not", "lift", "95 % CI", "precision", "verdict"],
        [
            (
                f"{s.kind}: {s.key}",
                f"{s.fired_churned}/{s.fired}",
                _pct(s.churn_when_fired),
                _pct(s.churn_when_not),
                "∞" if s.lift is None and s.fired_churned else "n/a" if s.lift is None else f"{s.lift:.2f}",
                f"{s.lift_ci.low:.2f}–{s.lift_ci.high:.2f}" if s.lift_ci else "",
                _precision(precision.get(s.key)) if s.kind == "tracker" else "",
                s.verdict,
            )
            for s in report.stats
        ],
    )
    console.print(report.account_auc.verdict, highlight=False, markup=False, soft_wrap=True)
    console.print(report.call_auc.verdict, highlight=False, markup=False, soft_wrap=True)
    console.print(f"[bold]Verdict:[/] {esc(report.verdict)}", highlight=False, soft_wrap=True)
    console.print(f"[dim]Method: {esc(report.method)}[/]", highlight=False, soft_wrap=True)


def _precision(p: TrackerPrecision | None) -> str:
    """A tracker's precision measured by managers' verdicts (confirmed / judged), "" when none judged yet."""
    return f"{p.precision:.2f} of {p.judged}" if p is not None and p.precision is not None else ""


def signals_cli(
    ctx: typer.Context,
    min_churned: Annotated[int, typer.Option(min=1, help="Conclude nothing below this many churned accounts.")] = (
        MIN_EVENTS
    ),
    chart: Annotated[Path | None, typer.Option(help="Also write the tracker-lift chart (PNG) here.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Which trackers and categories predict churn (lift with 95 % CI) and how well risk scores rank (AUC)."""
    report = service.signals(application(ctx), min_churned=min_churned, chart=chart)
    if as_json:
        print_json(report)
    else:
        from assistant.services.verdicts import precision

        _print_signals(report, precision(application(ctx)))
