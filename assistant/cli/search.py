"""`assistant search QUERY [filters]`: ranked utterances with a highlighted snippet, or JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.text import Text

from assistant.cli.context import application
from assistant.cli.output import console, err_console, esc, fmt_time, marked, print_json
from assistant.records.library import SearchFilters, SearchHit, SearchPage
from assistant.services import search as service

Opt = typer.Option


_SENTINEL = ("\ue000", "\ue001")  # private-use characters: marks no transcript text contains


def _snippet(hit: SearchHit, query: str) -> Text:
    """The hit's snippet with its matches highlighted, the text itself shown as it is (never as markup).
    Made again with sentinel marks: a '<mark>' typed in a transcript must not turn into a highlight."""
    if any(m in hit.text for m in _SENTINEL):
        return Text(hit.snippet)
    return marked(service.highlight(hit, query, _SENTINEL), _SENTINEL, "bold yellow")


def _print(page: SearchPage) -> None:
    for note in page.notes:
        err_console.print(f"note: {note}", highlight=False, markup=False)
    if not page.hits:
        console.print(f"No matches for {page.query!r}.", highlight=False, markup=False)
        if page.did_you_mean:
            console.print(f"Did you mean: {page.did_you_mean}", highlight=False, markup=False)
        return
    for n, h in enumerate(page.hits, start=page.offset + 1):
        where = f"call {h.call} {h.account or ''} {fmt_time(h.start)}–{fmt_time(h.end)} {h.speaker} ({h.role})"
        if page.mode == "like":
            where += f" {h.language or ''} similarity {h.score:.2f}"
        console.print(f"[dim]{n:>3}.[/] [cyan]{esc(where)}[/]", highlight=False)
        text = Text(h.text) if page.mode == "like" else _snippet(h, page.query)
        console.print(Text("     ").append_text(text), highlight=False)
    if page.has_more:
        console.print(f"[dim]more: --offset {page.offset + page.limit}[/]")


def _day(value: datetime | None) -> Any:
    return value.date() if value else None


def search_cli(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help='Words, "phrases", prefix*, AND / OR / NOT, parentheses.')] = None,
    like: Annotated[
        str | None, Opt(help="Meaning search: lines that mean this, in any language (instead of QUERY).")
    ] = None,
    min_score: Annotated[
        float | None, Opt(min=0.0, max=1.0, help="With --like: least similarity (default: like_min_score).")
    ] = None,
    account: Annotated[str | None, Opt(help="Only calls of this account.")] = None,
    rep: Annotated[str | None, Opt(help="Only calls of this rep.")] = None,
    role: Annotated[str | None, Opt(help="Only lines said by: rep, customer or unknown.")] = None,
    language: Annotated[str | None, Opt(help="Only lines in this language (ISO 639-1).")] = None,
    date_from: Annotated[datetime | None, Opt("--from", help="Calls recorded on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[datetime | None, Opt("--to", help="Calls recorded on or before (YYYY-MM-DD).")] = None,
    tracker: Annotated[str | None, Opt(help="Only calls with a hit of this rule id.")] = None,
    category: Annotated[str | None, Opt(help="Only calls with a hit of this category.")] = None,
    risk: Annotated[str | None, Opt(help="Only calls at this risk level: low, medium, high.")] = None,
    outcome: Annotated[str | None, Opt(help="Only calls whose outcome is this (renewed, churned ...).")] = None,
    executive: Annotated[bool | None, Opt("--executive/--no-executive", help="An executive spoke.")] = None,
    limit: Annotated[int, Opt(min=1, max=500, help="Hits per page.")] = 20,
    offset: Annotated[int, Opt(min=0, help="Skip this many hits.")] = 0,
    as_json: Annotated[bool, Opt("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Search every stored utterance (ranked, with highlighted snippets), or by meaning with --like."""

    filters = SearchFilters(
        account=account, rep=rep, role=role, language=language, date_from=_day(date_from), date_to=_day(date_to),
        tracker=tracker, category=category, risk_level=risk, outcome=outcome, executive=executive,
    )  # fmt: skip
    page = service.find(application(ctx), query, like=like, filters=filters, limit=limit, offset=offset,
                        min_score=min_score)  # fmt: skip
    if as_json:
        print_json(page)
    else:
        _print(page)
