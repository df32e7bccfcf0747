"""The HTTP API under /api: JSON identical to the CLI's `--json`, errors as {"error", "message"}.

Every route needs a signed-in user (Bearer token or session cookie); writes made with a cookie need the CSRF
header. Each route parses, calls one service function, returns its JSON view.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from assistant.analysis.nlp import check_language
from assistant.records.library import SearchFilters
from assistant.records.users import UserRecord
from assistant.services import accounts, alerts, calls, library, policies_edit, rules, search
from assistant.services.library import ClipInfo, clip_json
from assistant.services.views import alert_json, analysis_json, to_jsonable
from assistant.web.deps import MAX_ID, Id, the_app
from assistant.web.security import Manager, Rep, signed_in

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)])
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many first.")]
Name = Annotated[str, Query(max_length=500)]
_EXPORT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json", "txt": "text/plain"}


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/api/openapi.json", title="Renewal assistant API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js", swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )  # fmt: skip


@router.get("/me", summary="Who the token or session belongs to")
def me(user: UserRecord = Rep) -> Any:
    return to_jsonable(user)


# ---- calls ----------------------------------------------------------------------------------------------


@router.get("/calls", summary="List stored calls (as `assistant calls list --json`)")
def list_calls(request: Request, account: Name | None = None, limit: Limit = 100, offset: Offset = 0) -> Any:
    return to_jsonable(calls.list_calls(the_app(request), account=account, limit=limit, offset=offset))


@router.get("/calls/{call_id}", summary="One call (as `assistant calls show ID --json`)")
def show_call(request: Request, call_id: Id) -> Any:
    return calls.show_call(the_app(request), call_id)


@router.get("/calls/{call_id}/export", summary="The transcript as vtt, srt, json or txt (as `assistant export`)")
def export_call(
    request: Request,
    call_id: Id,
    format: Annotated[str, Query(pattern="^(vtt|srt|json|txt)$")] = "vtt",
) -> Response:
    text = calls.export_call(the_app(request), call_id, format)
    headers = {"Content-Disposition": f'attachment; filename="call-{call_id}.{format}"'}
    return PlainTextResponse(text, media_type=_EXPORT_TYPES[format], headers=headers)


# ---- search ---------------------------------------------------------------------------------------------


def search_filters(
    account: Name | None = None, rep: Name | None = None,
    role: Annotated[str | None, Query(pattern="^(|rep|customer|unknown)$")] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    tracker: Name | None = None, category: Name | None = None,
    risk: Annotated[str | None, Query(pattern="^(|low|medium|high)$")] = None,
    outcome: Name | None = None, executive: bool | None = None,
) -> SearchFilters:  # fmt: skip
    """The search filters; an empty value (a form field left blank) means any."""
    return SearchFilters(
        account=account or None, rep=rep or None, role=role or None, language=language or None, date_from=date_from,
        date_to=date_to, tracker=tracker or None, category=category or None, risk_level=risk or None,
        outcome=outcome or None, executive=executive,
    )  # fmt: skip


@router.get("/search", summary="Search every utterance (as `assistant search --json`; `like`: by meaning)")
def search_route(
    request: Request,
    q: Annotated[
        str | None, Query(min_length=1, max_length=1000, description='Words, "phrases", prefix*, AND/OR/NOT.')
    ] = None,
    like: Annotated[
        str | None, Query(min_length=1, max_length=1000, description="Meaning search: lines that mean this.")
    ] = None,
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0, description="With like: least similarity.")] = None,
    filters: SearchFilters = Depends(search_filters),
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Offset = 0,
) -> Any:
    page = search.find(the_app(request), q, like=like, filters=filters, limit=limit, offset=offset, min_score=min_score)
    return to_jsonable(page)


# ---- clips and collections --------------------------------------------------------------------------------


class ClipIn(BaseModel):
    call_id: int | None = Field(None, ge=1, le=MAX_ID, description="Call of a time range or risk hit.")
    start: float | None = Field(None, ge=0, le=1e7, description="Start, seconds (with end).")
    end: float | None = Field(None, ge=0, le=1e7, description="End, seconds.")
    hit: int | None = Field(None, ge=1, le=100_000, description="The call's N-th risk hit, with its answer.")
    utterance_id: int | None = Field(None, ge=1, le=MAX_ID, description="A search hit's utterance_id.")
    title: str | None = Field(None, max_length=200)
    tags: list[str] = Field(default_factory=list, max_length=20)
    notes: str = Field("", max_length=5000)


@router.get("/clips", summary="List clips (as `assistant clips list --json`)")
def list_clips(
    request: Request, tag: Name | None = None, call_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> Any:
    return [clip_json(c) for c in library.list_clips(the_app(request), tag=tag, call_id=call_id)]


@router.post("/clips", status_code=201, summary="Make a clip (cut from the recording on the server)")
def add_clip(request: Request, body: ClipIn, user: UserRecord = Rep) -> Any:
    info = ClipInfo(title=body.title, tags=tuple(t.strip() for t in body.tags if t.strip()), notes=body.notes,
                    author=user.username)  # fmt: skip
    clip = library.add_clip(
        the_app(request), info, call=body.call_id, start=body.start, end=body.end, hit=body.hit,
        utterance=body.utterance_id,
    )  # fmt: skip
    return clip_json(clip)


@router.get("/clips/suggestions", summary="Moments worth a clip, with their reasons (as `clips suggest --json`)")
def suggestions(request: Request, limit: Limit = 50) -> Any:
    return to_jsonable(library.suggest(the_app(request), limit=limit))


class PicksIn(BaseModel):
    picks: list[Annotated[int, Field(ge=1, le=1000)]] = Field(min_length=1, max_length=100)


@router.post("/clips/suggestions/accept", status_code=201, summary="Turn suggestions (1-based) into clips")
def accept_suggestions(request: Request, body: PicksIn) -> Any:
    return [clip_json(c) for c in library.accept_suggestions(the_app(request), body.picks)]


@router.get("/clips/{clip_id}", summary="One clip (as `assistant clips show ID --json`)")
def get_clip(request: Request, clip_id: Id) -> Any:
    return clip_json(library.get_clip(the_app(request), clip_id))


class ClipEdit(BaseModel):
    title: str | None = Field(None, max_length=library.MAX_TITLE, description="New title (not sent: unchanged).")
    notes: str | None = Field(None, max_length=library.MAX_NOTES, description='New notes ("" clears them).')
    tags: list[Annotated[str, Field(max_length=library.MAX_TAG)]] | None = Field(
        None, max_length=library.MAX_TAGS, description="The clip's tags, all of them (replaces the old ones)."
    )


@router.patch("/clips/{clip_id}", summary="Edit a clip's title, notes or tags (as `assistant clips edit`)")
def edit_clip(request: Request, clip_id: Id, body: ClipEdit) -> Any:
    clip = library.edit_clip(the_app(request), clip_id, title=body.title, notes=body.notes, tags=body.tags)
    return clip_json(clip)


@router.delete("/clips/{clip_id}", summary="Remove a clip and its files")
def remove_clip(request: Request, clip_id: Id) -> Any:
    return {"removed": library.remove_clip(the_app(request), clip_id).id}


class CollectionIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)


class MemberIn(BaseModel):
    clip_id: int = Field(ge=1, le=MAX_ID)
    position: int | None = Field(None, ge=1, le=100_000, description="1-based place (moves it if already in).")


@router.get("/collections", summary="List collections")
def list_collections(request: Request) -> Any:
    return to_jsonable(library.list_collections(the_app(request)))


@router.post("/collections", status_code=201, summary="Create a collection")
def create_collection(request: Request, body: CollectionIn) -> Any:
    return to_jsonable(library.create_collection(the_app(request), body.name, body.description))


@router.get("/collections/{name}", summary="A collection and its clips in order")
def get_collection(request: Request, name: str) -> Any:
    collection, clips = library.get_collection(the_app(request), name)
    return {**to_jsonable(collection), "clips": [clip_json(c) for c in clips]}


@router.post("/collections/{name}/clips", summary="Add a clip to a collection, or move it to a new place")
def add_to_collection(request: Request, name: str, body: MemberIn) -> Any:
    return to_jsonable(library.add_to_collection(the_app(request), name, body.clip_id, body.position))


@router.delete("/collections/{name}/clips/{clip_id}", summary="Take a clip out of a collection")
def remove_from_collection(request: Request, name: str, clip_id: Id) -> Any:
    return to_jsonable(library.remove_from_collection(the_app(request), name, clip_id))


@router.delete("/collections/{name}", summary="Delete a collection (its clips stay)")
def delete_collection(request: Request, name: str) -> Any:
    library.delete_collection(the_app(request), name)
    return {"removed": name}


# ---- rules (managers) ---------------------------------------------------------------------------------------


class SentenceIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    lang: str = Field("en", max_length=8)
    role: str = Field("customer", pattern="^(customer|rep)$")


@router.get("/rules/check", summary="Every problem of the rule files (as `assistant rules check --json`)")
def check_rules(request: Request, user: UserRecord = Manager) -> Any:
    ruleset, problems = rules.check_rules(the_app(request).settings.rules_dir)
    count = len(ruleset.rules) if ruleset else 0
    return {"ok": not problems, "rules": count, "version": ruleset.version if ruleset else None, "problems": problems}


@router.post("/rules/test", summary="What one sentence would get (as `assistant rules test --json`)")
def test_sentence(request: Request, body: SentenceIn, user: UserRecord = Manager) -> Any:
    return analysis_json(rules.test_sentence(the_app(request), body.text, check_language(body.lang), body.role))


@router.get("/rules/{rule_id}/preview", summary="What a rule flags on stored calls (as `rules preview --json`)")
def preview_rule(request: Request, rule_id: str, limit: Limit = 50, user: UserRecord = Manager) -> Any:
    return to_jsonable(rules.preview(the_app(request), rule_id, limit=limit))


# ---- alerts ------------------------------------------------------------------------------------------------


@router.get("/alerts", summary="Alerts with delivery state (as `assistant alerts list --json`)")
def list_alerts(
    request: Request, status: Annotated[str | None, Query(pattern="^(pending|sent|failed)$")] = None,
    call_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None, limit: Limit = 100,
) -> Any:  # fmt: skip
    return [alert_json(a) for a in alerts.list_alerts(the_app(request), status=status, call_id=call_id, limit=limit)]


class PoliciesIn(BaseModel):
    text: str = Field(max_length=policies_edit.MAX_BYTES, description="The whole policies file (YAML).")


@router.get("/alerts/policies", summary="The alert policies file as text (a starting example when there is none)")
def get_policies(request: Request, user: UserRecord = Manager) -> Any:
    text, exists = policies_edit.read_policies(the_app(request))
    return {"file": the_app(request).settings.alerts_path.name, "exists": exists, "text": text}


@router.put("/alerts/policies", summary="Replace the policies file; refused (422) with file:line problems if invalid")
def put_policies(request: Request, body: PoliciesIn, user: UserRecord = Manager) -> Any:
    result = policies_edit.save_policies(the_app(request), body.text)
    return JSONResponse(to_jsonable(result), status_code=200 if result.saved else 422)


class ChannelTestIn(BaseModel):
    policy: str = Field(min_length=1, max_length=500)
    channel: str | None = Field(None, max_length=500, description="One channel of the policy; none = all.")


@router.post("/alerts/test", summary="Send a made-up alert through a policy's channels now (as `alerts test-channel`)")
def test_channels(request: Request, body: ChannelTestIn, user: UserRecord = Manager) -> Any:
    return to_jsonable(alerts.test_channels(the_app(request), body.policy, body.channel))


@router.get("/alerts/{alert_id}", summary="One alert with its attempt history")
def get_alert(request: Request, alert_id: Id) -> Any:
    return alert_json(alerts.get_alert(the_app(request), alert_id))


class RetryIn(BaseModel):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        default_factory=list, max_length=1000, description="Alert ids; none = every failed one."
    )


@router.post("/alerts/retry", summary="Re-queue failed alerts and deliver them now")
def retry_alerts(request: Request, body: RetryIn, user: UserRecord = Manager) -> Any:
    count, deliveries = alerts.retry(the_app(request), body.ids or None)
    return {"requeued": count, "deliveries": to_jsonable(deliveries)}


# ---- accounts ------------------------------------------------------------------------------------------------


@router.get("/accounts", summary="Accounts (as `assistant accounts list --json`)")
def list_accounts(request: Request) -> Any:
    return to_jsonable(accounts.list_accounts(the_app(request)))


@router.get("/accounts/{name}/brief", summary="Renewal brief of one account (as `assistant brief --json`)")
def brief(request: Request, name: str, as_of: date | None = None) -> Any:
    return to_jsonable(accounts.brief(the_app(request), name, as_of=as_of))


@router.get("/renewals", summary="Upcoming renewals by risk (as `assistant renewals --json`)")
def renewals(
    request: Request, within_days: Annotated[int, Query(ge=1, le=3660)] = 90, as_of: date | None = None
) -> Any:
    rows, notes = accounts.upcoming_renewals(the_app(request), within_days=within_days, as_of=as_of)
    return {"renewals": to_jsonable(rows), "notes": notes}


@router.get("/churn", summary="Churn, retention and NRR per period (as `assistant churn --json`)")
def churn(
    request: Request, date_from: Annotated[date, Query(alias="from")], date_to: Annotated[date, Query(alias="to")],
    per: Annotated[str, Query(pattern="^(range|month|quarter|year)$")] = "range",
) -> Any:  # fmt: skip
    periods, notes = accounts.churn(the_app(request), date_from, date_to, per=per)
    return {"periods": to_jsonable(periods), "notes": notes, "chart": None}


@router.get("/signals", summary="Which trackers predict churn (as `assistant signals --json`)")
def signals(request: Request, min_churned: Annotated[int, Query(ge=1, le=1000)] = accounts.MIN_EVENTS) -> Any:
    return to_jsonable(accounts.signals(the_app(request), min_churned=min_churned))
