"""`assistant watch DIR`: poll a folder, ingest each new recording or transcript once it is completely
written, deliver the alerts it raised.

- *Completely written*: a file's size and mtime stayed the same for ``watch_settle`` seconds (a file
  whose mtime is already that old, e.g. dropped while the watcher was down, is taken at once).
- *Never twice*: every file taken is remembered in the database with its size and mtime; a restart
  skips those, and the content hash makes a re-ingest of the same bytes a no-op anyway.
- *Never lost*: the first scan after a start takes every file not remembered yet.
- *Bad files* move to ``DIR/failed/`` (with their sidecar) next to ``<name>.error.txt`` saying why.
- *Policies*: re-read when the file changes; a malformed edit keeps the previous ones in effect.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.alerts.delivery import Delivery, deliver_due
from assistant.alerts.policies import PolicyWatch
from assistant.errors import AlertError, InputError
from assistant.metadata import sidecar_path
from assistant.pipeline import Ingestor, IngestResult, is_ingestible
from assistant.storage import outbox

FAILED_DIR = "failed"


@dataclass(frozen=True)
class WatchEvent:
    path: Path
    status: str  # stored | replaced | skipped | failed | policies
    message: str = ""
    call_id: int | None = None
    deliveries: tuple[Delivery, ...] = ()


Stamp = tuple[int, int]  # size, mtime_ns


class Watcher:
    def __init__(
        self,
        folder: Path,
        ingestor: Ingestor,
        *,
        deliver: bool = True,
        on_event: Callable[[WatchEvent], None] | None = None,
    ) -> None:
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder (create it, or give the folder recordings are dropped in)")
        self.folder = folder.resolve()
        self.ingestor = ingestor
        self.settings = ingestor.settings
        self.deliver = deliver
        self.on_event = on_event or (lambda _event: None)
        self.policies = PolicyWatch(self.settings.alerts_path, on_error=self._policy_error)
        self._seen: dict[Path, tuple[Stamp, float]] = {}

    def _policy_error(self, exc: AlertError) -> None:
        message = f"policies file not reloaded, the previous policies stay in effect:\n{exc}"
        self.on_event(WatchEvent(self.settings.alerts_path, "policies", message))

    # ---- one poll ----------------------------------------------------------------------------------

    def poll(self) -> list[WatchEvent]:
        """Take every new file that is completely written; deliver due alerts; return what happened."""
        self.ingestor.policies = self.policies.refresh()
        events = [self._take(path) for path in self.ready()]
        deliveries = tuple(deliver_due(self.ingestor.store, self.settings)) if self.deliver else ()
        if deliveries:
            events.append(WatchEvent(self.folder, "delivered", f"{len(deliveries)} alert(s)", deliveries=deliveries))
        for event in events:
            self.on_event(event)
        return events

    def candidates(self) -> list[Path]:
        failed = self.folder / FAILED_DIR
        return sorted(
            p
            for p in self.folder.rglob("*")
            if p.is_file()
            and is_ingestible(p)
            and failed not in p.parents
            and not any(part.startswith(".") for part in p.relative_to(self.folder).parts)
        )

    def ready(self) -> list[Path]:
        """New files whose size and mtime have settled."""
        now, settle = time.monotonic(), self.settings.watch_settle
        ready: list[Path] = []
        for path in self.candidates():
            stamp = _stamp(path)
            if stamp is None or self._known(path, stamp):
                continue
            previous = self._seen.get(path)
            first_seen = previous[1] if previous and previous[0] == stamp else now
            self._seen[path] = (stamp, first_seen)
            old_enough = time.time() - stamp[1] / 1e9 >= settle
            if now - first_seen >= settle or old_enough:
                ready.append(path)
        return ready

    def _known(self, path: Path, stamp: Stamp) -> bool:
        record = outbox.watched(self.ingestor.store, path=str(path))
        return record is not None and (record.size, record.mtime_ns) == stamp

    # ---- one file ----------------------------------------------------------------------------------

    def _take(self, path: Path) -> WatchEvent:
        stamp = _stamp(path) or (0, 0)
        result: IngestResult = self.ingestor.ingest_file(path)
        self._seen.pop(path, None)
        if not result.ok:
            self._move_to_failed(path, result.message)
        outbox.mark_watched(
            self.ingestor.store,
            path=str(path),
            size=stamp[0],
            mtime_ns=stamp[1],
            status="done" if result.ok else "failed",
            call_id=result.call_id,
            message=result.message,
        )
        return WatchEvent(path, result.status, result.message, result.call_id)

    def _move_to_failed(self, path: Path, message: str) -> None:
        target = self.folder / FAILED_DIR
        target.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        report = f"{path.name} could not be ingested ({stamp}):\n\n{message}\n\nFix the file and drop it in again.\n"
        (target / f"{path.name}.error.txt").write_text(report, encoding="utf-8")
        for item in (path, sidecar_path(path)):
            if item.exists():
                shutil.move(str(item), target / item.name)

    # ---- the loop ------------------------------------------------------------------------------------

    def run_once(self) -> list[WatchEvent]:
        """Process what is there now (waiting ``watch_settle`` once so half-written files are left alone)."""
        events = self.poll()
        if self._seen:
            time.sleep(self.settings.watch_settle)
            events += self.poll()
        return events

    def run(self, *, stop: Callable[[], bool] = lambda: False) -> None:
        while not stop():
            self.poll()
            time.sleep(self.settings.watch_interval)


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)
