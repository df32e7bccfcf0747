"""The HTML pages: each parses, calls the services, renders a template. Anonymous visitors go to /login."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, Response

from assistant.errors import AssistantError, InputError
from assistant.records.library import CallFilters, SearchFilters
from assistant.services import accounts, alerts, calls, library, player, search, speakers, verdicts
from assistant.services.views import metrics_json, speakers_json
from assistant.web.deps import Id, the_app
from assistant.web.routes.api import search_filters
from assistant.web.security import signed_in
from assistant.web.templating import render

router = APIRouter(dependencies=[Depends(signed_in)], include_in_schema=False)
PAGE = 50
_MARKS = ("\ue000", "\ue001")  # private-use characters no transcript contains: where highlights go
_REGION_COLORS = {"high": "rgba(179,38,30,0.25)", "none": "rgba(120,120,120,0.15)"}


@router.get("/")
def home(request: Request) -> Response:
    app = the_app(request)
    recent = calls.list_calls(app, limit=1000)
    risky = sorted((c for c in recent if c.risk_level == "high"), key=lambda c: -(c.risk_score or 0))[:10]
    upcoming, notes = accounts.upcoming_renewals(app, within_days=120)
    failed = alerts.list_alerts(app, status="failed", limit=10)
    return render(request, "home.html", {"risky": risky, "renewals": upcoming[:10], "notes": notes, "failed": failed})


def call_filters(
    account: Annotated[str | None, Query(max_length=500)] = None,
    rep: Annotated[str | None, Query(max_length=500)] = None,
    risk: Annotated[str | None, Query(pattern="^(|low|medium|high)$")] = None,
    tracker: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    executive: Annotated[str | None, Query(pattern="^(|yes|no)$")] = None,
) -> CallFilters:
    """The calls page's filters; empty form fields mean "any"."""
    return CallFilters(
        account=account or None, rep=rep or None, risk_level=risk or None, tracker=tracker or None,
        language=language or None, date_from=_day(date_from, "from"), date_to=_day(date_to, "to"),
        executive={"yes": True, "no": False}.get(executive or ""),
    )  # fmt: skip


def _day(value: str | None, field: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise InputError(f"{field}: {value!r} is not a date (YYYY-MM-DD)") from exc


@router.get("/calls")
def call_list(
    request: Request,
    filters: CallFilters = Depends(call_filters),
    sort: Annotated[str, Query(pattern="^(newest|oldest|risk|longest)$")] = "newest",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rows, total = calls.find_calls(the_app(request), filters, sort=sort, limit=PAGE, offset=(page - 1) * PAGE)

    def page_link(n: int) -> str:
        return "?" + urlencode({**dict(request.query_params), "page": n})

    ctx = {"calls": rows, "total": total, "page": page, "pages": max(1, -(-total // PAGE)), "f": filters,
           "sort": sort, "q": dict(request.query_params), "page_link": page_link}  # fmt: skip
    return render(request, "calls.html", ctx)


def _regions(page: player.CallPage) -> list[dict[str, Any]]:
    """One waveform region per run of overlapping hits (two rules on one phrase share a region and a label such
    as "#2 #3"; the rule names go in its tooltip), so labels never sit on top of each other."""
    groups: list[list[player.LineHit]] = []
    end = -1.0
    for lh in sorted((lh for line in page.lines for lh in line.hits), key=lambda lh: lh.hit.start):
        if not groups or lh.hit.start >= end:
            groups.append([])
            end = 0.0
        groups[-1].append(lh)
        end = max(end, _region_end(lh))
    return [_region(group) for group in groups]


def _region_end(lh: player.LineHit) -> float:
    return max(lh.hit.end, lh.hit.start + 0.5)


def _region(group: list[player.LineHit]) -> dict[str, Any]:
    return {"start": group[0].hit.start, "end": max(_region_end(lh) for lh in group),
            "label": " ".join(f"#{lh.number}" for lh in group),
            "title": "; ".join(f"#{lh.number} {lh.hit.rule}" for lh in group),
            "color": _REGION_COLORS["high" if any(lh.points for lh in group) else "none"]}  # fmt: skip


@router.get("/calls/{call_id}")
def call_page(request: Request, call_id: Id) -> Response:
    page = player.call_page(the_app(request), call_id)
    call = page.call
    ctx = {"page": page, "regions": _regions(page), "voices": speakers_json(call.transcript),
           "metrics": metrics_json(speakers.call_metrics(call)), "notes": call.transcript.notes,
           "verdicts": verdicts.call_verdicts(the_app(request), call_id)}  # fmt: skip
    return render(request, "call.html", ctx)


@router.get("/calls/{call_id}/audio")
def call_audio(request: Request, call_id: Id) -> Response:
    """The original recording; FileResponse answers HTTP Range requests, so the player can seek."""
    path = player.call_recording(the_app(request), call_id)
    return FileResponse(path, headers={"Cache-Control": "private, max-age=3600"})


def _parts(text: str) -> list[tuple[str, bool]]:
    """A snippet made with the private marks → (text, highlighted) pieces; the template escapes each."""
    parts, inside = [], False
    for piece in text.replace(_MARKS[1], _MARKS[0]).split(_MARKS[0]):
        if piece:
            parts.append((piece, inside))
        inside = not inside
    return parts


@router.get("/search")
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=1000)] = "",
    filters: SearchFilters = Depends(search_filters),
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    mode: Annotated[Literal["words", "meaning"], Query(description="words: the query language; meaning")] = "words",
) -> Response:
    app, ctx = the_app(request), {"q": q, "f": filters, "page": None, "results": [], "error": "", "mode": mode}
    if q.strip():
        try:
            if mode == "meaning":  # lines closest in meaning, in any language (stored embeddings)
                page = search.meaning(app, q, filters=filters, limit=20, offset=offset)
            else:
                page = search.search(app, q, filters=filters, limit=20, offset=offset)
        except AssistantError as exc:  # a query that cannot run is shown next to the box
            ctx["error"] = str(exc)
        else:
            found = calls.summaries(app, (h.call for h in page.hits))
            audio = {c: c in found and player.has_audio(app, found[c]) for c in {h.call for h in page.hits}}
            ctx["page"], ctx["results"] = (
                page,
                [
                    {
                        "hit": h,
                        "audio": audio[h.call],
                        "parts": [(h.text, False)] if mode == "meaning" else _parts(search.highlight(h, q, _MARKS)),
                    }
                    for h in page.hits
                ],
            )

    def query_string(**changes: Any) -> str:
        return urlencode({**dict(request.query_params), **changes})

    return render(request, "search.html", {**ctx, "query_string": query_string})


@router.get("/clips")
def clips_page(request: Request, tag: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    app = the_app(request)
    collections = [library.get_collection(app, c.name) for c in library.list_collections(app)]
    ctx = {"clips": library.list_clips(app, tag=tag or None), "collections": collections, "tag": tag or "",
           "suggestions": list(enumerate(library.suggest(app, limit=20), start=1))}  # fmt: skip
    return render(request, "clips.html", ctx)


@router.get("/clips/{clip_id}")
def clip_page(request: Request, clip_id: Id) -> Response:
    clip = library.get_clip(the_app(request), clip_id)
    return render(
        request, "clips.html", {"clips": [clip], "collections": [], "tag": "", "suggestions": [], "single": True}
    )


@router.get("/clips/{clip_id}/audio")
def clip_audio(request: Request, clip_id: Id, download: bool = False) -> Response:
    path = library.clip_audio(the_app(request), clip_id)
    return FileResponse(path, filename=path.name if download else None)
