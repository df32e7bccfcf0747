"""The worker's procrastinate app: the services' queue app with every task of ``tasks`` registered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.services.queue import queue_app
from assistant.settings import Settings

if TYPE_CHECKING:
    import procrastinate


def make_app(settings: Settings) -> procrastinate.App:
    """A procrastinate App for the settings' database with the tasks registered (not opened yet)."""
    from assistant.jobs.tasks import register

    app = queue_app(settings)
    register(app, max_attempts=settings.job_max_attempts)
    return app
