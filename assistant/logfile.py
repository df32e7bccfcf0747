"""The log file: unexpected errors go to ``<data_dir>/logs/assistant.log`` with their traceback (rotating),
never to the terminal, where a failure is one line that names the file at fault and this log.

A long-running command (``assistant worker``) also shows its warnings on the terminal, one masked line each
(``console_logging``); the libraries it runs on (procrastinate, psycopg's pool) log to the file only, where
their tracebacks are kept, masked: ``--verbose`` shows those on the terminal too."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from typing import Any

from assistant.redact import mask_text
from assistant.settings import Settings

LOGGER = "assistant"
LOG_BYTES = 2_000_000  # with 3 backups at most ~8 MB of tracebacks are kept


LIBRARIES = ("procrastinate", "psycopg", "asyncio")  # the job queue, its connection pool, their event loop


class MaskingFormatter(logging.Formatter):
    """Log lines and tracebacks with every URL's password and webhook secret masked (``assistant.redact``)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


class OneLineFormatter(MaskingFormatter):
    """A terminal line: the time and the message, masked, without the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(f"{self.formatTime(record)} {record.getMessage()}".splitlines()[0])


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (a test may swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


@contextmanager
def console_logging(settings: Settings, *, verbose: bool = False) -> Iterator[None]:
    """For the block, the terminal of a long-running command: our warnings one masked line each (INFO too with
    ``verbose``); the libraries' messages go to the log file only (with ``verbose`` to the terminal too,
    tracebacks and all, masked). Everything also goes to the log file (``file_logger``). The loggers are as
    they were after the block."""
    files = [h for h in file_logger(settings).handlers if isinstance(h, RotatingFileHandler)]
    console = _Stderr()
    console.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s") if verbose
                         else OneLineFormatter())  # fmt: skip
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    saved = {name: _state(logging.getLogger(name)) for name in (LOGGER, *LIBRARIES)}
    for name in LIBRARIES:
        level = logging.INFO if verbose and name == "procrastinate" else logging.WARNING
        _set(logging.getLogger(name), [*files, *([console] if verbose else [])], level, propagate=False)
    logging.getLogger(LOGGER).addHandler(console)
    try:
        yield
    finally:
        for name, (handlers, level, propagate) in saved.items():
            _set(logging.getLogger(name), handlers, level, propagate=propagate)


def _state(logger: logging.Logger) -> tuple[list[logging.Handler], int, bool]:
    return list(logger.handlers), logger.level, logger.propagate


def _set(logger: logging.Logger, handlers: list[logging.Handler], level: int, *, propagate: bool) -> None:
    """``propagate=False`` for the libraries: never the root logger's (nor Python's last-resort) stderr."""
    logger.handlers, logger.propagate = list(handlers), propagate
    logger.setLevel(level)


def file_logger(settings: Settings) -> logging.Logger:
    """The ``assistant`` logger, writing to ``settings.log_path`` (set up once per path, owner-only folder)."""
    logger = logging.getLogger(LOGGER)
    path = settings.log_path
    if not any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
            logger.removeHandler(old)
            old.close()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=3, encoding="utf-8", delay=True)
        handler.setFormatter(MaskingFormatter("%(asctime)s %(process)d %(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # no terminal, no root handlers
    return logger
