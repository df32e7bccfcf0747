"""`assistant worker`: run queued jobs on this machine, any number of machines at once.

A worker refuses to start when the database schema is not the one this version needs (it never migrates
by itself: several machines would race; `assistant db migrate` does it once). It heartbeats every
``worker_heartbeat`` seconds; a worker silent for ``worker_stalled_after`` seconds is dead (kill -9, power
cut) and any live worker puts its running jobs back in the queue, where they run again from the start
(a call is stored in one transaction, so nothing of the dead attempt remains). A worker that loses the database
(a restart, a network cut) says so in one line naming it (password masked) and starts again once it answers;
its jobs that were running are put back in the queue by the same heartbeat rule.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.errors import StorageError
from assistant.jobs.queue import make_app
from assistant.jobs.tasks import Runtime
from assistant.logfile import console_logging
from assistant.services.app import App
from assistant.services.queue import QUEUES, conninfo
from assistant.settings import Settings

if TYPE_CHECKING:
    import procrastinate

    from assistant.storage.db import Store

log = logging.getLogger("assistant.worker")


def worker_name(name: str | None = None) -> str:
    return name or f"{socket.gethostname()}-{os.getpid()}"


def check_queues(queues: Sequence[str] | None) -> list[str] | None:
    from assistant.errors import JobError

    for queue in queues or ():
        if queue not in QUEUES:
            raise JobError(f"--queues: {queue!r} is not one of {', '.join(QUEUES)}")
    return list(queues) if queues else None


def run(
    settings: Settings,
    *,
    queues: Sequence[str] | None = None,
    concurrency: int = 1,
    name: str | None = None,
    wait: bool = True,
    verbose: bool = False,
) -> None:
    """Run jobs until stopped (SIGINT / SIGTERM finish the running jobs first); ``wait=False``: until the
    queues are empty. Its terminal shows one masked line per event (``verbose``: the queue's own log too)."""
    from assistant.storage.db import Store

    chosen = check_queues(queues)
    settings = settings.model_copy(update={"job_queue": True})  # a worker's alerts are delivered by jobs too
    conninfo(settings)  # JobError unless the database is PostgreSQL
    store = Store.open(settings, migrate=False)  # MigrationError naming `assistant db migrate` when behind
    runtime = Runtime(App(settings, store), worker_name(name))
    try:
        with console_logging(settings, verbose=verbose):
            _run_until_stopped(runtime, chosen, concurrency, wait)
    finally:
        runtime.app.close()


def _run_until_stopped(runtime: Runtime, queues: list[str] | None, concurrency: int, wait: bool) -> None:
    """The queue loop, started again (when waiting) each time the database comes back after it was lost."""
    settings, store = runtime.app.settings, runtime.app.store
    while True:
        try:
            asyncio.run(_work(settings, runtime, queues, concurrency, wait))
            return
        except _database_lost() as exc:
            lost = StorageError(f"worker {runtime.name} lost the database {store.masked_url}: {_reason(exc)}")
            if not wait:
                raise lost from exc
            log.warning("%s; starting again once it answers", lost)
            _wait_for(store, settings.worker_heartbeat)
            log.warning("worker %s: the database %s answers again", runtime.name, store.masked_url)


def _database_lost() -> tuple[type[BaseException], ...]:
    """What the queue raises when its database went away (procrastinate wraps psycopg's errors)."""
    from procrastinate.exceptions import ConnectorException
    from psycopg import OperationalError

    return ConnectorException, OperationalError  # a pool that timed out is a ConnectorException too


def _reason(exc: BaseException) -> str:
    """The first line of the error underneath procrastinate's 'Database error.'."""
    for cause in (exc.__cause__, exc):
        text = str(cause or "").strip()
        if text and text != "Database error.":
            return text.splitlines()[0]
    return type(exc).__name__


def _wait_for(store: Store, every: float) -> None:
    """Until the database answers again (SIGINT / SIGTERM stop the wait as they stop the worker)."""
    while True:
        try:
            store.check_connection()
            return
        except StorageError:
            time.sleep(max(1.0, every))


async def _work(settings: Settings, runtime: Runtime, queues: list[str] | None, concurrency: int, wait: bool) -> None:
    queue_app = make_app(settings)
    async with queue_app.open_async():
        recovery = asyncio.create_task(_recover_stalled(queue_app, runtime))
        try:
            await queue_app.run_worker_async(
                queues=queues or list(QUEUES),
                concurrency=concurrency,
                name=runtime.name,
                wait=wait,
                additional_context={"runtime": runtime},
                update_heartbeat_interval=settings.worker_heartbeat,
                stalled_worker_timeout=settings.worker_stalled_after,
                fetch_job_polling_interval=min(5.0, settings.worker_heartbeat),
                abort_job_polling_interval=min(5.0, settings.worker_heartbeat),
            )
        finally:
            recovery.cancel()


async def _recover_stalled(queue_app: procrastinate.App, runtime: Runtime) -> None:
    """Put the running jobs of dead workers back in the queue, every heartbeat."""
    from assistant.storage.jobs import mark_lost

    settings, manager = runtime.app.settings, queue_app.job_manager
    while True:
        try:
            stalled = await manager.get_stalled_jobs(seconds_since_heartbeat=settings.worker_stalled_after)
            for job in stalled:
                log.warning("job %s (%s) was running on a dead worker: queued again", job.id, job.task_name)
                assert job.id is not None
                reason = f"worker stopped answering (no heartbeat for {settings.worker_stalled_after:g} s); retried"
                await asyncio.to_thread(mark_lost, runtime.app.store, job.id, reason=reason)
                await manager.retry_job(job)
        except Exception as exc:  # the database may be down for a moment: try again next round (the log file
            log.info("could not look for stalled jobs: %s", _reason(exc))  # says so; the terminal says it once)
        await asyncio.sleep(settings.worker_heartbeat)
