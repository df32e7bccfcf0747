"""Watch a folder: ingest each new recording or transcript once it is completely written, deliver the alerts
it raised. It runs the one ingest loop (``services.ingest``) on the files that are ready.

- *Completely written*: size and mtime stayed the same for ``watch_settle`` seconds (a file already that old,
  e.g. dropped while the watcher was down, is taken at once) AND a recording decodes whole, to the length
  its header promises. A stable file that is cut off (a stalled upload) waits; after ``watch_stall``
  seconds it is ingested as *partial*, without alerts, and recorded as such.
- *Never twice*: each file taken is remembered in the database with its size and mtime; a restart skips
  those, and the content hash makes a re-ingest of the same bytes a no-op anyway.
- *Never forever*: a file is marked before its ingest starts; one that took the watcher down twice (killed,
  out of memory) is moved aside on the next start instead of being tried again.
- *Bad files* move to ``DIR/failed/<same sub-folder>/`` (with their sidecar) beside ``<name>.error.txt``;
  a name already taken there gets a number, nothing is overwritten.
- *Only its folder*: symbolic links that lead out of the folder are never followed.
- *Rules and policies* are re-read when their files change; a broken edit is reported and the previous
  ones stay in effect.
- *With a job queue* (``job_queue``) ready files are queued for the workers instead (``watch_queue``).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.alerts.delivery import Delivery, deliver_due
from assistant.alerts.policies import PolicyWatch
from assistant.errors import AssistantError, InputError
from assistant.metadata import sidecar_path
from assistant.pipeline import AUDIO_SUFFIXES, Ingestor, IngestResult, is_ingestible, one_line, shown
from assistant.services import watch_queue
from assistant.services.app import App
from assistant.services.ingest import IngestHooks, ingest_files, new_ingestor
from assistant.services.queue import uses_queue
from assistant.storage import outbox

__all__ = ["WatchEvent", "Watcher", "quarantine", "shown"]
FAILED_DIR = "failed"
MAX_STARTS = 2  # a file whose ingest was started this often without an outcome took the watcher down
log = logging.getLogger("assistant.watch")
Stamp = tuple[int, int]  # size, mtime_ns


@dataclass(frozen=True)
class WatchEvent:
    path: Path
    status: str  # stored | replaced | skipped | failed | partial | waiting | policies | rules | delivered
    message: str = ""
    call_id: int | None = None
    deliveries: tuple[Delivery, ...] = ()


class Watcher:
    def __init__(
        self,
        app: App,
        folder: Path,
        *,
        deliver: bool = True,
        on_event: Callable[[WatchEvent], None] | None = None,
        ingestor: Ingestor | None = None,
    ) -> None:
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder (create it, or give the folder recordings are dropped in)")
        self.app, self.settings = app, app.settings
        self.folder = folder.resolve()
        self.ingestor = ingestor or new_ingestor(app)
        self.deliver = deliver
        self.on_event = on_event or (lambda _event: None)
        self.policies = PolicyWatch(self.settings.alerts_path, on_error=self._reload_error("policies"))
        self.rules = RulesWatch(self.settings.rules_dir, self.ingestor, on_error=self._reload_error("rules"))
        self._seen: dict[Path, tuple[Stamp, float]] = {}
        self._cut: dict[Path, tuple[Stamp, str | None]] = {}
        self._events: list[WatchEvent] = []
        self.queued = uses_queue(self.settings)
        if self.queued:
            watch_queue.check(self)

    def _emit(self, event: WatchEvent) -> None:
        self._events.append(event)
        self.on_event(event)

    def _reload_error(self, what: str) -> Callable[[AssistantError], None]:
        def report(exc: AssistantError) -> None:
            where = self.settings.alerts_path if what == "policies" else self.settings.rules_dir
            self._emit(WatchEvent(where, what, f"{what} not reloaded, the previous {what} stay in effect:\n{exc}"))

        return report

    # ---- one poll ----------------------------------------------------------------------------------

    def poll(self) -> list[WatchEvent]:
        """Take every new file that is completely written; deliver due alerts; return what happened."""
        self._events = []
        self.ingestor.policies = self.policies.refresh()
        self.rules.refresh()
        deliveries: list[Delivery] = []
        whole, cut = self.ready()
        if self.queued:  # the workers ingest and deliver
            watch_queue.enqueue_ready(self, whole, [path for path, _ in cut])
            watch_queue.settle(self)
            return self._events
        self._take(whole + [path for path, _ in cut], deliveries)  # the cut ones are stored as partial, no alert
        if self.deliver:
            deliveries += self._deliver_due()
        if deliveries:
            self._emit(
                WatchEvent(self.folder, "delivered", f"{len(deliveries)} alert(s)", deliveries=tuple(deliveries))
            )
        return self._events

    def _deliver_due(self) -> list[Delivery]:
        try:
            return deliver_due(self.app.store, self.settings)
        except Exception as exc:  # the watcher goes on; alerts stay queued
            log.exception("alert delivery failed")
            self._warn(f"alert delivery failed, the alerts stay queued: {one_line(exc)}")
            return []

    def candidates(self) -> list[Path]:
        """Ingestible files under the folder (not hidden, not in failed/, no link leading out of it)."""
        found: list[Path] = []
        for root, dirs, files in os.walk(self.folder, followlinks=False):
            here = Path(root)
            dirs[:] = [d for d in dirs if not d.startswith(".") and not (here == self.folder and d == FAILED_DIR)]
            for name in files:
                path = here / name
                if not name.startswith(".") and is_ingestible(path) and self._inside(path):
                    found.append(path)
        return sorted(found)

    def _inside(self, path: Path) -> bool:
        if not path.is_symlink():
            return True
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return False
        return target.is_file() and target.is_relative_to(self.folder)

    def ready(self) -> tuple[list[Path], list[tuple[Path, str]]]:
        """New files whose size and mtime have settled and that decode whole; and those stable but cut off
        for longer than ``watch_stall`` (with why), to be taken as partial."""
        now, settle = time.monotonic(), self.settings.watch_settle
        whole: list[Path] = []
        cut: list[tuple[Path, str]] = []
        for path in self.candidates():
            stamp = _stamp(path)
            if stamp is None or self._known(path, stamp):
                continue
            previous = self._seen.get(path)
            first_seen = previous[1] if previous and previous[0] == stamp else now
            self._seen[path] = (stamp, first_seen)
            stable_for = max(now - first_seen, time.time() - stamp[1] / 1e9)
            if stable_for < settle:
                continue
            why = self._cut_off(path, stamp)
            if why is None:
                whole.append(path)
            elif stable_for >= self.settings.watch_stall:
                cut.append((path, why))
        return whole, cut

    def _cut_off(self, path: Path, stamp: Stamp) -> str | None:
        """Why a recording does not decode whole (checked once per size and mtime), None if it does."""
        if path.suffix.lower() not in AUDIO_SUFFIXES:
            return None
        known = self._cut.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        from assistant.audio import incomplete

        why = incomplete(path)
        self._cut[path] = (stamp, why)
        if why is not None:
            wait = f"waiting up to {self.settings.watch_stall:g} s for the rest (watch_stall)"
            self._emit(WatchEvent(path, "waiting", f"{why}; {wait}"))
        return why

    def _known(self, path: Path, stamp: Stamp) -> bool:
        """Taken before with this size and mtime; a file that took the watcher down too often is moved aside."""
        record = outbox.watched(self.app.store, path=str(path))
        if record is None or (record.size, record.mtime_ns) != stamp:
            return False
        if record.status.startswith("started-") and int(record.status.split("-")[1]) >= MAX_STARTS:
            message = (f"{shown(path)}: the watcher stopped {MAX_STARTS} times while ingesting this file (killed or "
                       "out of memory?); moved aside so that it is not tried again")  # fmt: skip
            self._emit(self._failed(path, stamp, message))
            return True
        return not record.status.startswith("started-")

    # ---- taking files --------------------------------------------------------------------------------

    def _take(self, paths: list[Path], deliveries: list[Delivery]) -> None:
        stamps = {p: _stamp(p) or (0, 0) for p in paths}

        def begin(path: Path) -> None:
            try:
                record = outbox.watched(self.app.store, path=str(path))
            except Exception:  # the database is busy: the ingest will say so for this file
                log.exception("could not read the watcher's record of %s", shown(path))
                return
            starts = int(record.status.split("-")[1]) if record and record.status.startswith("started-") else 0
            self._mark(path, stamps[path], f"started-{starts + 1}")

        def done(result: IngestResult) -> None:
            self._emit(self._after(result, stamps[result.path]))

        hooks = IngestHooks(begin=begin, result=done, delivery=deliveries.append, warning=self._warn)
        if paths:
            replaces = {p: call for p in paths if (call := self.partial_call(p)) is not None}
            ingest_files(self.app, paths, deliver=self.deliver, hooks=hooks, ingestor=self.ingestor, replaces=replaces)

    def partial_call(self, path: Path) -> int | None:
        """The call stored from this file when it was cut off: the complete file replaces it, same id."""
        try:
            record = outbox.watched(self.app.store, path=str(path))
        except Exception:  # the database is busy: the file is stored as a new call
            log.exception("could not read the watcher's record of %s", shown(path))
            return None
        return record.call_id if record is not None and record.status == "partial" else None

    def _after(self, result: IngestResult, stamp: Stamp) -> WatchEvent:
        self.forget(result.path)
        if not result.ok:
            return self._failed(result.path, stamp, result.message)
        status = "partial" if result.partial else result.status
        self._mark(result.path, stamp, "partial" if result.partial else "done", result.call_id, result.message)
        return WatchEvent(result.path, status, result.message, result.call_id)

    def _failed(self, path: Path, stamp: Stamp, message: str) -> WatchEvent:
        try:
            moved = quarantine(self.folder, path, message)
            message += f" (moved to {shown(moved.relative_to(self.folder))})"
        except OSError as exc:
            log.exception("could not move %s to %s/", shown(path), FAILED_DIR)
            message += f" (could not move it to {FAILED_DIR}/: {one_line(exc)}; it will not be retried)"
        self._mark(path, stamp, "failed", None, message)
        return WatchEvent(path, "failed", message)

    def _mark(self, path: Path, stamp: Stamp, status: str, call_id: int | None = None, message: str = "") -> None:
        self.mark(path, stamp, status, call_id=call_id, message=message)

    def mark(
        self, path: Path, stamp: Stamp, status: str, *, call_id: int | None = None, message: str = "",
        content_hash: str | None = None,
    ) -> None:  # fmt: skip
        """Remember what became of a file (a database that is locked or full is a warning, not a crash)."""
        try:
            outbox.mark_watched(self.app.store, path=str(path), size=stamp[0], mtime_ns=stamp[1], status=status,
                                call_id=call_id, message=message, content_hash=content_hash)  # fmt: skip
        except Exception as exc:  # the database is locked or full: the file is handled, the memory is not
            log.exception("could not record %s as %s", shown(path), status)
            self._warn(f"{shown(path)}: could not record it as {status} ({one_line(exc)})")

    def _warn(self, message: str) -> None:
        self._emit(WatchEvent(self.folder, "warning", message))

    # ---- for the queue's side (watch_queue) -----------------------------------------------------------

    warn = _warn

    def emit(self, path: Path, status: str, message: str, call_id: int | None = None) -> None:
        self._emit(WatchEvent(path, status, message, call_id))

    def fail(self, path: Path, stamp: Stamp, message: str) -> None:
        """Quarantine a file that failed (elsewhere) and say so."""
        self._emit(self._failed(path, stamp, message))

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)
        self._cut.pop(path, None)

    @staticmethod
    def stamp_of(path: Path) -> Stamp:
        return _stamp(path) or (0, 0)

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
            try:
                self.poll()
            except Exception as exc:  # e.g. the database stayed locked: say so, try again next round
                log.exception("watch poll failed")
                self._warn(f"this scan failed, trying again in {self.settings.watch_interval:g} s: {one_line(exc)}")
            time.sleep(self.settings.watch_interval)


class RulesWatch:
    """The keyword rules of a long-running process: reloaded when a file in their folder changes; a broken
    edit keeps the previous rules in effect and is reported once through ``on_error``."""

    def __init__(self, folder: Path, ingestor: Ingestor, on_error: Callable[[AssistantError], None]) -> None:
        self.folder, self.ingestor, self.on_error = folder, ingestor, on_error
        self._stamp = self._files()
        _ = ingestor.ruleset  # the first load fails fast: nothing to fall back on

    def _files(self) -> tuple[tuple[str, int, int], ...]:
        try:
            return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in self.folder.rglob("*")
                                if p.is_file()))  # fmt: skip
        except OSError:
            return ()

    def refresh(self) -> None:
        stamp = self._files()
        if stamp == self._stamp:
            return
        self._stamp = stamp
        from assistant.analysis.rules import load_ruleset

        try:
            self.ingestor.ruleset = load_ruleset(self.folder)
        except AssistantError as exc:
            self.on_error(exc)


def quarantine(folder: Path, path: Path, message: str) -> Path:
    """Move ``path`` (and its sidecar) to ``folder/failed/<its sub-folder>/`` beside ``<name>.error.txt``;
    a name already taken there gets ``-2``, ``-3`` ... Returns where the file went."""
    relative = path.relative_to(folder)
    target = folder / FAILED_DIR / relative.parent
    target.mkdir(parents=True, exist_ok=True)
    dest = _free_name(target, path)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    report = f"{shown(relative)} could not be ingested ({stamp}):\n\n{message}\n\nFix the file and drop it in again.\n"
    (target / f"{dest.name}.error.txt").write_text(report, encoding="utf-8")
    sidecar = sidecar_path(path)
    if sidecar.exists():
        shutil.move(str(sidecar), sidecar_path(dest))
    shutil.move(str(path), dest)
    return dest


def _free_name(target: Path, path: Path) -> Path:
    n = 1
    while True:
        name = path.name if n == 1 else f"{path.stem}-{n}{path.suffix}"
        dest = target / name
        taken = (dest, target / f"{name}.error.txt", sidecar_path(dest))
        if not any(p.exists() or p.is_symlink() for p in taken):
            return dest
        n += 1


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)
