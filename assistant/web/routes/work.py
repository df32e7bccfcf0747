"""Pages and API routes that change things: the rules editor (managers), uploads, background jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from assistant.analysis.nlp import check_language
from assistant.errors import AssistantError, InputError
from assistant.records import CallMetadata
from assistant.records.users import UserRecord
from assistant.services import background, rules, rules_edit, verdicts
from assistant.services.jobs import Jobs, JobState
from assistant.services.queue import uses_queue
from assistant.services.views import analysis_json, to_jsonable
from assistant.web.deps import Id, the_app
from assistant.web.security import Manager, Rep, signed_in
from assistant.web.templating import editor, render

router = APIRouter(dependencies=[Depends(signed_in)])
Text = Annotated[str, Form(max_length=rules_edit.MAX_BYTES)]


def _jobs(request: Request) -> Jobs:
    jobs = request.app.state.jobs
    assert isinstance(jobs, Jobs)
    return jobs


# ---- rules ----------------------------------------------------------------------------------------------------


def _rules_context(request: Request) -> dict[str, Any]:
    app = the_app(request)
    ruleset, problems = rules.check_rules(app.settings.rules_dir)
    return {"ruleset": ruleset, "problems": problems, "files": rules_edit.rule_files(app), "tested": None,
            "previewed": None, "text": "", "lang": "en", "role": "customer", "rule": "",
            "precision": verdicts.precision(app)}  # fmt: skip


@router.get("/rules", include_in_schema=False)
def rules_page(request: Request, user: UserRecord = Manager) -> Response:
    return render(request, "rules.html", _rules_context(request))


@router.post("/rules/test", include_in_schema=False)
def rules_test(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=5000)],
    lang: Annotated[str, Form(max_length=8)] = "en",
    role: Annotated[str, Form(pattern="^(customer|rep)$")] = "customer",
    user: UserRecord = Manager,
) -> Response:
    ctx = _rules_context(request)
    analysis = rules.test_sentence(the_app(request), text, check_language(lang), role)
    ctx.update(tested=analysis_json(analysis), text=text, lang=lang, role=role)
    return render(request, "rules.html", ctx)


@router.get("/rules/preview", include_in_schema=False)
def rules_preview(
    request: Request, rule: Annotated[str, Query(min_length=1, max_length=200)], user: UserRecord = Manager
) -> Response:
    ctx = _rules_context(request)
    found = rules.preview(the_app(request), rule, limit=200)
    ctx.update(previewed=found, rule=rule, preview_calls=len({p.call.id for p in found}))
    return render(request, "rules.html", ctx)


def _editor(request: Request, name: str, text: str, result: rules_edit.EditResult | None) -> Response:
    return editor(
        request, result, name=name, text=text, action=f"/rules/edit/{name}", section="Rules", back="/rules",
        label="rule file", unchanged="The rules in effect are unchanged.",
        note="Saved only when every rule file is valid; the rules in effect stay as they are until then. "
        "Saving reanalyses every stored call in the background.",
    )  # fmt: skip


@router.get("/rules/edit/{name}", include_in_schema=False)
def rule_edit_form(request: Request, name: str, user: UserRecord = Manager) -> Response:
    return _editor(request, name, rules_edit.read_rule_file(the_app(request), name), None)


@router.post("/rules/edit/{name}", include_in_schema=False)
def rule_edit_save(request: Request, name: str, text: Text, user: UserRecord = Manager) -> Response:
    app = the_app(request)
    result = rules_edit.save_rule_file(app, name, text.replace("\r\n", "\n"))
    if not result.saved:
        return _editor(request, name, text, result)
    work = background.queue_reanalysis if uses_queue(app.settings) else background.reanalyze_all
    job = _jobs(request).start("reanalysis", user.username, lambda p: work(app, p))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


# ---- uploads and jobs -------------------------------------------------------------------------------------------


def _metadata(account: str, rep: str, title: str, when: str, language: str) -> CallMetadata:
    try:
        recorded = datetime.fromisoformat(when) if when else None
    except ValueError as exc:
        raise InputError(f"date: {when!r} is not a date (YYYY-MM-DD)") from exc
    lang = check_language(language) if language else None
    return CallMetadata(account=account or None, rep=rep or None, title=title or None, recorded_at=recorded,
                        language=lang)  # fmt: skip


def _start_upload(request: Request, user: UserRecord, files: list[UploadFile], meta: CallMetadata) -> JobState:
    if not files or not any(f.filename for f in files):
        raise InputError("files: choose at least one recording or transcript")
    app = the_app(request)
    paths = background.save_uploads(app, [(f.filename or "upload", f.file) for f in files])
    work = background.queue_uploads if uses_queue(app.settings) else background.ingest_uploads
    return _jobs(request).start("upload", user.username, lambda p: work(app, paths, meta, p))


Meta = Annotated[str, Form(max_length=300)]


@router.post("/api/uploads", status_code=202, summary="Upload recordings or transcripts; ingest in the background")
def upload_api(
    request: Request, files: Annotated[list[UploadFile], File(description="Recordings or transcripts.")],
    account: Meta = "", rep: Meta = "", title: Meta = "", date: Meta = "", language: Meta = "",
    user: UserRecord = Rep,
) -> Any:  # fmt: skip
    job = _start_upload(request, user, files, _metadata(account, rep, title, date, language))
    return to_jsonable(job)


@router.get("/api/jobs/{job_id}", summary="A background job: status, progress and per-file results")
def job_api(request: Request, job_id: Id, user: UserRecord = Rep) -> Any:
    return to_jsonable(_jobs(request).get(job_id))


@router.get("/upload", include_in_schema=False)
def upload_page(request: Request, user: UserRecord = Rep) -> Response:
    return render(request, "upload.html", {"today": date.today().isoformat()})


@router.post("/upload", include_in_schema=False)
def upload_form(
    request: Request, files: Annotated[list[UploadFile], File()], account: Meta = "", rep: Meta = "",
    title: Meta = "", date: Meta = "", language: Meta = "", user: UserRecord = Rep,
) -> Response:  # fmt: skip
    try:
        job = _start_upload(request, user, files, _metadata(account, rep, title, date, language))
    except AssistantError as exc:
        return render(request, "upload.html", {"error": str(exc)}, status_code=400)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", include_in_schema=False)
def job_page(request: Request, job_id: Id, user: UserRecord = Rep) -> Response:
    return render(request, "job.html", {"job": _jobs(request).get(job_id)})
