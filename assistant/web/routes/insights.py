"""Accounts (list, renewal brief, churn / NRR, tracker lift, signals), alerts (deliveries, retry, edit and
test policies): pages over the same services as `assistant accounts|brief|churn|signals|alerts`."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from assistant.accounts.brief_render import headline, sections
from assistant.errors import AssistantError
from assistant.records.users import UserRecord
from assistant.services import accounts, alerts, policies_edit
from assistant.services.rules_edit import EditResult
from assistant.web import charts
from assistant.web.deps import MAX_ID, the_app
from assistant.web.security import Manager, signed_in
from assistant.web.templating import editor, render

router = APIRouter(dependencies=[Depends(signed_in)], include_in_schema=False)
Per = Annotated[str, Query(pattern="^(range|month|quarter|year)$")]


def _year_span() -> tuple[date, date]:
    today = date.today()
    return date(today.year, 1, 1), date(today.year, 12, 31)


@router.get("/accounts")
def accounts_page(
    request: Request, date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None, per: Per = "quarter",
) -> Response:  # fmt: skip
    app = the_app(request)
    first, last = date_from or _year_span()[0], date_to or _year_span()[1]
    periods, notes = accounts.churn(app, first, last, per=per)
    signals = accounts.signals(app)
    ctx = {"accounts": accounts.list_accounts(app), "periods": periods, "notes": notes, "signals": signals,
           "first": first, "last": last, "per": per, "churn_chart": charts.churn_chart(periods),
           "lift_chart": charts.lift_chart(signals.stats)}  # fmt: skip
    return render(request, "accounts.html", ctx)


def _png(draw: object) -> Response:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chart.png"
        draw(path)  # type: ignore[operator]
        return Response(path.read_bytes(), media_type="image/png", headers={"Cache-Control": "private, max-age=60"})


@router.get("/accounts/churn.png")
def churn_chart(
    request: Request, date_from: Annotated[date, Query(alias="from")], date_to: Annotated[date, Query(alias="to")],
    per: Per = "quarter",
) -> Response:  # fmt: skip
    app = the_app(request)
    return _png(lambda path: accounts.churn(app, date_from, date_to, per=per, chart=path))


@router.get("/accounts/lift.png")
def lift_chart(request: Request) -> Response:
    app = the_app(request)
    return _png(lambda path: accounts.signals(app, chart=path))


@router.get("/accounts/{name}/brief")
def brief_page(request: Request, name: str, as_of: date | None = None) -> Response:
    brief = accounts.brief(the_app(request), name, as_of=as_of)
    return render(request, "brief.html", {"brief": brief, "headline": headline(brief), "sections": sections(brief)})


def _alerts_page(request: Request, status: str = "", tested: list[alerts.ChannelTest] | None = None) -> Response:
    app = the_app(request)
    try:
        policies, policy_error = alerts.check_policies(app), ""
    except AssistantError as exc:  # an invalid policies file is shown, file:line, not a broken page
        policies, policy_error = None, str(exc)
    ctx = {"alerts": alerts.list_alerts(app, status=status or None, limit=200), "policies": policies,
           "policy_error": policy_error, "status": status, "tested": tested,
           "retried": request.query_params.get("retried"), "saved": request.query_params.get("saved")}  # fmt: skip
    return render(request, "alerts.html", ctx)


@router.get("/alerts")
def alerts_page(
    request: Request, status: Annotated[str | None, Query(pattern="^(|pending|sent|failed)$")] = None,
    user: UserRecord = Manager,
) -> Response:  # fmt: skip
    return _alerts_page(request, status or "")


@router.post("/alerts/retry")
def alerts_retry(
    request: Request, alert_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None, user: UserRecord = Manager
) -> Response:
    count, _ = alerts.retry(the_app(request), [alert_id] if alert_id else None)
    return RedirectResponse(f"/alerts?retried={count}", status_code=303)


@router.post("/alerts/test")
def alerts_test(
    request: Request, policy: Annotated[str, Form(min_length=1, max_length=500)],
    channel: Annotated[str, Form(max_length=500)] = "", user: UserRecord = Manager,
) -> Response:  # fmt: skip
    """Send a made-up alert through a policy's channel(s) now; each channel's receipt or error is shown."""
    return _alerts_page(request, tested=alerts.test_channels(the_app(request), policy, channel or None))


def _policy_editor(request: Request, text: str, result: EditResult | None) -> Response:
    return editor(
        request, result, name=the_app(request).settings.alerts_path.name, text=text, action="/alerts/policies",
        section="Alerts", back="/alerts", label="alert policies", unchanged="The policies in effect are unchanged.",
        note="Saved only when the whole file is valid; the policies in effect stay as they are until then. "
        "Calls stored after the save are checked against the new policies.",
    )  # fmt: skip


@router.get("/alerts/policies")
def policies_form(request: Request, user: UserRecord = Manager) -> Response:
    return _policy_editor(request, policies_edit.read_policies(the_app(request))[0], None)


@router.post("/alerts/policies")
def policies_save(
    request: Request, text: Annotated[str, Form(max_length=policies_edit.MAX_BYTES)], user: UserRecord = Manager
) -> Response:
    result = policies_edit.save_policies(the_app(request), text.replace("\r\n", "\n"))
    if not result.saved:
        return _policy_editor(request, text, result)
    return RedirectResponse(f"/alerts?saved={result.rules}", status_code=303)
