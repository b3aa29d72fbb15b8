"""Logging for the desk: a daily rotating file in the data folder plus the console. Qt's own
messages are routed into logging by the UI. Secrets never reach a log line: settings marked
secret are never logged, and clients mask tokens in their reprs."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

__all__ = ["log_to_file"]

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_file(data_dir: Path, *, days: int = 14) -> Path:
    """Add a rotating file handler (one file a day, ``days`` kept); returns the file's path."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kitchen-desk.log"
    handler = logging.handlers.TimedRotatingFileHandler(
        path, when="midnight", backupCount=days, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path
