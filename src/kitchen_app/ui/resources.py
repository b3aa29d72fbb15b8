"""Where the desk's files live: ``resources/`` beside ``src/`` in a checkout, or next to the
executable in a frozen build (PyInstaller puts data under ``sys._MEIPASS``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["resource_path", "resources_dir"]


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    # src/kitchen_app/ui/resources.py -> repository root
    candidates.append(Path(__file__).resolve().parents[3] / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
