"""The log file: unexpected errors go to ``<data_dir>/logs/assistant.log`` with their traceback (rotating),
never to the terminal, where a failure is one line that names the file at fault and this log.

A long-running command (``assistant worker``) also shows its warnings on the terminal, one masked line each
(``console_logging``); the libraries it runs on (procrastinate, psycopg's pool) log to the file only, where
their tracebacks are kept, masked: ``--verbose`` shows those on the terminal too."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

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


def console_logging(settings: Settings, *, verbose: bool = False) -> None:
    """The terminal of a long-running command: our warnings one masked line each (INFO too with ``verbose``);
    the libraries' messages go to the log file only (with ``verbose`` to the terminal too, tracebacks and all,
    masked). Everything also goes to the log file (``file_logger``)."""
    ours = file_logger(settings)
    files = [h for h in ours.handlers if isinstance(h, RotatingFileHandler)]
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s") if verbose
                         else OneLineFormatter())  # fmt: skip
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.set_name("assistant-console")
    for name in (LOGGER, *LIBRARIES):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == "assistant-console"]:
            logger.removeHandler(old)
        if name != LOGGER:
            logger.handlers = [*files]
            logger.setLevel(logging.INFO if verbose and name == "procrastinate" else logging.WARNING)
            logger.propagate = False  # never the root logger's (nor Python's last-resort) stderr
        if name == LOGGER or verbose:
            logger.addHandler(console)


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
