"""Where the desk keeps its files (DESIGN §5: `--data-dir` defaults to the platform's user
data folder; the demo never uses the real one).

Nothing here creates a folder: the part that writes a file creates its parent when it needs to.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

__all__ = [
    "APP_DIR_NAME",
    "default_data_dir",
    "demo_data_dir",
    "desk_db_path",
    "keep_printer_capabilities_cached",
]

log = logging.getLogger(__name__)

APP_DIR_NAME = "kitchen-desk"
DESK_DB_NAME = "desk.db"


def default_data_dir() -> Path:
    """The real desk's data folder, e.g. ~/.local/share/kitchen-desk on Linux."""
    return user_data_path(APP_DIR_NAME, appauthor=False)


def demo_data_dir() -> Path:
    """The demo's own folder beside the real desk's files, so training orders never mix with
    real ones."""
    return default_data_dir() / "demo"


def desk_db_path(data_dir: Path) -> Path:
    """The desk's SQLite file inside a data folder."""
    return data_dir / DESK_DB_NAME


def keep_printer_capabilities_cached() -> None:
    """python-escpos parses its printer capability database on import and caches it in a new
    temporary folder each run (about 0.25 s of every start). Point it at our cache folder so
    the parsed copy is reused. Call before anything imports escpos."""
    folder = user_cache_path(APP_DIR_NAME, appauthor=False) / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only home: the library's own temp folder still works
        log.info("printer capability cache not kept: %s", exc)
        return
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(folder))
