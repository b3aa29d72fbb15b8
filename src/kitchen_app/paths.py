"""Where the desk keeps its files (DESIGN §5: `--data-dir` defaults to the platform's user
data folder; the demo never uses the real one).

Nothing here creates a folder: the part that writes a file creates its parent when it needs to.
"""

from __future__ import annotations

import logging
from pathlib import Path

from platformdirs import user_data_path

__all__ = ["APP_DIR_NAME", "default_data_dir", "demo_data_dir", "desk_db_path"]

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
