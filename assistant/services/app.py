"""``App``: what every use case needs, built once per edge invocation (a CLI run, a web app, a worker):
the settings and the store (opened on first use)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import MediaMissingError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.storage.db import Store

__all__ = ["App", "Store"]


class App:
    """Settings plus the store of their database; ``close()`` when done (a web app keeps one for its life)."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self._store = self._with_queue(store) if store is not None else None

    @property
    def store(self) -> Store:
        if self._store is None:
            from assistant.storage.db import Store

            self._store = self._with_queue(Store.open(self.settings))
        return self._store

    def _with_queue(self, store: Store) -> Store:
        """With a job queue, every alert the store adds gets its delivery job in the same transaction."""
        if self.settings.job_queue and store.on_new_alerts is None:
            from assistant.services.queue import alert_jobs

            store.on_new_alerts = alert_jobs(self.settings)
        return store

    def media_file(self, stored_path: str, what: str) -> Path:
        """A stored recording or clip as a file this machine can open; MediaMissingError naming ``what`` (e.g.
        "call 3: its recording"), the file, media_root and machine when it cannot see it."""
        try:
            return self.store.media.local(stored_path)
        except MediaMissingError as exc:
            raise MediaMissingError(f"{what} is not there: {exc}") from exc

    @property
    def log_path(self) -> Path:
        return self.settings.log_path

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
