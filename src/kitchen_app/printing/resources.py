"""Find files under the project's ``resources/`` folder.

Three layouts are supported, tried in order:

1. ``KITCHEN_RESOURCES_DIR`` names the folder (packagers and tests may set it);
2. a frozen bundle (PyInstaller puts data beside the executable, under ``sys._MEIPASS``);
3. a source checkout or editable install: ``resources/`` at the repository root, three levels
   above this package (``src/kitchen_app/printing`` → repository).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

__all__ = ["ResourceMissing", "font_path", "resource_path"]

log = logging.getLogger(__name__)


class ResourceMissing(FileNotFoundError):
    """A file the app ships with is not where it should be (a broken install)."""


def _candidates() -> list[Path]:
    roots: list[Path] = []
    env = os.environ.get("KITCHEN_RESOURCES_DIR")
    if env:
        roots.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(Path(__file__).resolve().parents[3] / "resources")
    return roots


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; raises ResourceMissing when it is nowhere."""
    for root in _candidates():
        path = root.joinpath(*parts)
        if path.is_file():
            return path
    where = ", ".join(str(r) for r in _candidates())
    raise ResourceMissing(f"resource {'/'.join(parts)} not found (looked in {where})")


def font_path(name: str) -> Path:
    """A font file shipped in ``resources/fonts`` (e.g. ``DejaVuSans.ttf``)."""
    return resource_path("fonts", name)
