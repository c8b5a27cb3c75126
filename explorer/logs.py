"""The app's log: a rotating file in the platform's log folder (platformdirs), no Qt.

Background operations, opened files and unexpected errors are written there; its
path is shown in the About box and in the crash dialog, so a user can send it.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from explorer.shown import encodable

APP_NAME = "Entitlement Explorer"
MAX_BYTES = 1_000_000
BACKUPS = 3


class _Formatter(logging.Formatter):
    """Lines as the rest of the app shows paths: a file name's undecodable bytes would fail the UTF-8 log
    ("--- Logging error ---") and lose the line."""

    def format(self, record: logging.LogRecord) -> str:
        return encodable(super().format(record))


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def log_file() -> Path:
    return log_folder() / "explorer.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``explorer`` loggers to the rotating log file (once); None when the folder cannot be written."""
    logger = logging.getLogger("explorer")
    logger.setLevel(level)
    target = log_file()
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == target:
                return target
            logger.removeHandler(handler)  # the folder moved (tests give each run its own)
            handler.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return target
