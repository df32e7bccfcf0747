"""`assistant worker` and `assistant jobs list|show|retry|cancel`: the job queue (PostgreSQL; docs/deploy.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.context import application, state
from assistant.cli.output import console, print_json, print_table
from assistant.records.jobs import JobInfo
from assistant.services import queue as jobs
from assistant.services.views import job_view

app = typer.Typer(help="Jobs of the queue: list, show, retry, cancel.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
JobId = Annotated[int, typer.Argument(help="Job id (see `assistant jobs list`).")]


def worker_cli(
    ctx: typer.Context,
    queues: Annotated[
        str | None, typer.Option(help=f"Comma-separated queues to take jobs from: {', '.join(jobs.QUEUES)} (all).")
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Jobs run at the same time (threads).")] = 1,
    name: Annotated[str | None, typer.Option(help="Worker name shown in `jobs show` (default host-pid).")] = None,
    burst: Annotated[bool, typer.Option(help="Stop once the queues are empty instead of waiting.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also show the queue's own log, tracebacks included (masked).")
    ] = False,
) -> None:
    """Run queued jobs on this machine until stopped (Ctrl-C / SIGTERM let running jobs finish)."""
    from assistant.jobs import worker

    chosen = [q.strip() for q in queues.split(",") if q.strip()] if queues else None
    settings = state(ctx).settings
    console.print(f"worker {worker.worker_name(name)}: queues {', '.join(chosen or ['all'])}", highlight=False)
    worker.run(settings, queues=chosen, concurrency=concurrency, name=name, wait=not burst, verbose=verbose)


def _row(job: JobInfo) -> list[object]:
    when = job.deferred_at.strftime("%Y-%m-%d %H:%M:%S") if job.deferred_at else ""
    path = job.args.get("path", "")
    return [job.id, job.status, job.queue, job.task.split(":")[-1], job.attempts, job.worker or "", when, path,
            job.outcome[:100]]  # fmt: skip


@app.command("list")
def list_cli(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help=f"Only this state: {', '.join(jobs.JOB_STATUSES)}.")] = None,
    queue: Annotated[str | None, typer.Option(help=f"Only this queue: {', '.join(jobs.QUEUES)}.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="At most this many, newest first.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """Jobs, newest first: state, attempts, worker, and the result or last error.

    The result is what a finished job produced (the call stored, calls changed, counts); a failed job shows its
    last error and the attempt it came from."""
    found = jobs.list_jobs(application(ctx), status=status, queue=queue, limit=limit)
    if as_json:
        print_json([job_view(j) for j in found])
        return
    columns = ["id", "state", "queue", "task", "attempts", "worker", "queued", "file", "result / last error"]
    print_table(columns, [_row(j) for j in found])


@app.command("show")
def show_cli(ctx: typer.Context, job_id: JobId, as_json: JsonFlag = False) -> None:
    """One job: its arguments, its result (or last error), and every attempt.

    Each attempt with its worker, start, end, and its result or error."""
    job = jobs.get_job(application(ctx), job_id)
    if as_json:
        print_json(job_view(job))
        return
    console.print(f"job {job.id}: {job.task} on '{job.queue}', {job.status}, {job.attempts} attempt(s)",
                  highlight=False, markup=False)  # fmt: skip
    for name, value in job.args.items():
        console.print(f"  {name}: {value}", highlight=False, markup=False)
    if job.outcome:
        label = "result" if job.status == "succeeded" else "last error"
        console.print(f"{label}: {job.outcome}", highlight=False, markup=False)
    rows = [[r.attempt, r.worker, r.status, r.started_at, r.finished_at or "", r.error or _said(r.result)]
            for r in job.runs]  # fmt: skip
    print_table(["attempt", "worker", "status", "started", "finished", "result / error"], rows)


def _said(result: dict[str, object] | None) -> str:
    return str(result.get("summary", "")) if result else ""


@app.command("retry")
def retry_cli(ctx: typer.Context, job_id: JobId, as_json: JsonFlag = False) -> None:
    """Queue a failed, cancelled or aborted job again (after fixing what it failed on)."""
    job = jobs.retry_job(application(ctx), job_id)
    if as_json:
        print_json(job_view(job))
    else:
        console.print(f"job {job.id} queued again ({job.status})", highlight=False)


@app.command("cancel")
def cancel_cli(ctx: typer.Context, job_id: JobId, as_json: JsonFlag = False) -> None:
    """Cancel a waiting job (a running one is asked to abort)."""
    job = jobs.cancel_job(application(ctx), job_id)
    print_json(job_view(job)) if as_json else console.print(f"job {job.id}: {job.status}", highlight=False)
