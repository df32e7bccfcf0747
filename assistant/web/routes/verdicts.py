"""Verdicts on the analysis (managers): confirm or reject a hit, mark a missed line; the call page's buttons and
the same under /api (as `assistant hits list|confirm|reject|add|verdicts --json`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, model_validator

from assistant.records.users import UserRecord
from assistant.services import verdicts
from assistant.services.views import to_jsonable
from assistant.web.deps import MAX_ID, Id, the_app
from assistant.web.security import Manager, signed_in

router = APIRouter(dependencies=[Depends(signed_in)])
Judgement = Literal["confirm", "reject"]


@router.post("/calls/{call_id}/hits/{hit_id}/verdict", include_in_schema=False)
def judge_form(
    request: Request, call_id: Id, hit_id: Id, verdict: Annotated[Judgement, Form()], user: UserRecord = Manager
) -> Response:
    """The call page's confirm / reject buttons; back to the judged line."""
    judged = verdicts.judge(the_app(request), hit_id, verdict)
    return RedirectResponse(f"/calls/{judged.call_id}#line-{judged.utterance_index}", status_code=303)


@router.get("/api/calls/{call_id}/hits", summary="A call's hits with their ids and verdicts (as `hits list --json`)")
def call_hits(request: Request, call_id: Id) -> Any:
    app = the_app(request)
    judged = verdicts.call_verdicts(app, call_id).judged
    return [
        {"id": hit_id, "source": h.source, **to_jsonable(h), "verdict": judged.get(hit_id)}
        for hit_id, h in verdicts.call_hits(app, call_id)
    ]


class VerdictIn(BaseModel):
    verdict: Judgement = Field(description="confirm: a real churn risk of its category; reject: a false alarm.")


@router.post("/api/hits/{hit_id}/verdict", summary="Confirm or reject a hit (as `assistant hits confirm|reject`)")
def judge(request: Request, hit_id: Id, body: VerdictIn, user: UserRecord = Manager) -> Any:
    return to_jsonable(verdicts.judge(the_app(request), hit_id, body.verdict))


class MissedIn(BaseModel):
    category: str = Field(min_length=1, max_length=100, description="Its churn-risk category, e.g. price.")
    at: float | None = Field(None, ge=0, le=1e7, description="Seconds into the call where the line is said.")
    line: int | None = Field(None, ge=1, le=10_000_000, description="Or the line's number (1-based).")

    @model_validator(mode="after")
    def one_place(self) -> MissedIn:
        if (self.at is None) == (self.line is None):
            raise ValueError("give 'at' (seconds) or 'line' (number), one of them")
        return self


@router.post("/api/calls/{call_id}/missed", status_code=201, summary="Mark a line the analysis missed (hits add)")
def add_missed(request: Request, call_id: Id, body: MissedIn, user: UserRecord = Manager) -> Any:
    return to_jsonable(verdicts.add_missed(the_app(request), call_id, body.at, body.category, line=body.line))


@router.get("/api/verdicts", summary="Every verdict with the hit it judges now (as `hits verdicts --json`)")
def list_verdicts(request: Request, call_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Any:
    return to_jsonable(verdicts.list_verdicts(the_app(request), call_id))


@router.get("/api/verdicts/categories", summary="The categories a missed line can be marked with")
def categories(request: Request) -> Any:
    return verdicts.categories(the_app(request))


@router.get("/api/verdicts/precision", summary="Each tracker's precision measured by the verdicts")
def precision(request: Request) -> Any:
    return [
        {**to_jsonable(p), "judged": p.judged, "precision": p.precision}
        for p in verdicts.precision(the_app(request)).values()
    ]
