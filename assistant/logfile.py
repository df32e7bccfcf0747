"""The log file: unexpected errors go to ``<data_dir>/logs/assistant.log`` with their traceback (rotating),
never to the terminal, where a failure is one line that names the file at fault and this log."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from assistant.redact import mask_text
from assistant.settings import Settings

LOGGER = "assistant"
LOG_BYTES = 2_000_000  # with 3 backups at most ~8 MB of tracebacks are kept


class MaskingFormatter(logging.Formatter):
    """Log lines and tracebacks with every URL's password and webhook secret masked (``assistant.redact``)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


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
