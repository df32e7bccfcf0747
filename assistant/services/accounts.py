"""Accounts from the CRM and the analytics built on them: import, list, show, renewals, briefs, churn,
signals (with their optional files: brief as Markdown / HTML, PNG charts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.accounts import portfolio
from assistant.accounts.brief import QUIET_DAYS, build_brief, renewals
from assistant.accounts.brief_render import to_html, to_markdown
from assistant.accounts.signals import MIN_EVENTS
from assistant.errors import InputError
from assistant.files import check_output_path, write_text
from assistant.records.accounts import AccountRecord, Brief, ImportReport, PeriodChurn, Renewal, SignalsReport
from assistant.services.app import App
from assistant.storage import accounts as stored

__all__ = ["MIN_EVENTS", "QUIET_DAYS"]
BRIEF_SUFFIXES = (".md", ".html", ".htm")


def import_accounts(app: App, path: Path, *, as_of: date | None = None, day_first: bool = False) -> ImportReport:
    """Import or update accounts from a CRM export; bad rows are in the report, good rows load."""
    return portfolio.import_csv(app.store, path, as_of=as_of, day_first=day_first)


def list_accounts(app: App) -> list[AccountRecord]:
    return stored.list_accounts(app.store)


def get_account(app: App, name: str) -> AccountRecord:
    """An account by name or CRM id (NotFoundError otherwise)."""
    return stored.get_account(app.store, name=name)


def upcoming_renewals(app: App, *, within_days: int, as_of: date | None = None) -> tuple[list[Renewal], list[str]]:
    """Renewals in the next ``within_days`` days, riskiest first, and notes on what is missing."""
    return renewals(app.store, within_days=within_days, as_of=as_of)


def brief(
    app: App, account: str, *, as_of: date | None = None, quiet_days: int = QUIET_DAYS, output: Path | None = None
) -> Brief:
    """The renewal brief of one account; also written to ``output`` (.md or .html) when given."""
    if output is not None and output.suffix.lower() not in BRIEF_SUFFIXES:
        raise InputError(f"{output}: write the brief to a .md or .html file")
    if output is not None:
        check_output_path(output)  # before the work: a bad path is one line, nothing half-written
    b = build_brief(app.store, account, as_of=as_of, quiet_days=quiet_days)
    if output is not None:
        write_text(output, to_markdown(b) if output.suffix.lower() == ".md" else to_html(b))
    return b


def churn(
    app: App, first: date, last: date, *, per: str = "range", chart: Path | None = None
) -> tuple[list[PeriodChurn], list[str]]:
    """Logo and revenue churn, retention and NRR per period, with notes; a PNG trend chart when asked."""
    if chart is not None:
        check_output_path(chart)
    periods, notes = portfolio.churn_report(app.store, first, last, per)
    notes += sorted({n for p in periods for n in p.notes})
    if chart is not None:
        from assistant.accounts.charts import churn_chart

        churn_chart(periods, chart)
    return periods, notes


def signals(app: App, *, min_churned: int = MIN_EVENTS, chart: Path | None = None) -> SignalsReport:
    """Which trackers and categories predict churn (lift with 95 % CI), how well risk scores rank (AUC)."""
    if chart is not None:
        check_output_path(chart)
    report = portfolio.signals_report(app.store, min_churned=min_churned)
    if chart is not None:
        from assistant.accounts.charts import lift_chart

        lift_chart(report.stats, chart)
    return report
