"""Find files under the project's ``resources/`` folder (fonts, icons, sounds, styles,
translations).

Three roots are tried in order, each path on its own (a file missing from the first root is
still found in a later one):

1. ``KITCHEN_RESOURCES_DIR`` names the folder (packagers and tests may set it);
2. a frozen bundle (PyInstaller puts data beside the executable, under ``sys._MEIPASS``);
3. a source checkout or editable install: ``resources/`` at the repository root, two levels
   above this package (``src/kitchen_app`` → repository).

``resource_path`` is for things the app can do without (an icon, a stylesheet): it never
raises. ``require_resource`` is for things it cannot (the ticket fonts): it raises
``ResourceMissing``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

__all__ = ["ResourceMissing", "require_resource", "resource_path", "resource_roots"]

log = logging.getLogger(__name__)


class ResourceMissing(FileNotFoundError):
    """A file the app ships with is not where it should be (a broken install)."""


def resource_roots() -> list[Path]:
    """The folders searched, first match wins."""
    roots: list[Path] = []
    env = os.environ.get("KITCHEN_RESOURCES_DIR")
    if env:
        roots.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    # src/kitchen_app/printing/resources.py -> repository root (source checkout, editable install)
    roots.append(Path(__file__).resolve().parents[3] / "resources")
    # a wheel installs them as data files (pyproject.toml [tool.setuptools.data-files])
    roots.append(Path(sys.prefix) / "share" / "kitchen-desk" / "resources")
    return roots


def _find(parts: tuple[str, ...], *, file_only: bool) -> Path | None:
    for root in resource_roots():
        path = root.joinpath(*parts)
        if path.is_file() if file_only else path.exists():
            return path
    return None


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>`` (a file or a folder) in the first root that has it.

    When no root has it, the path it would have in the first root that exists is returned,
    so callers that can do without it check ``.exists()`` instead of handling an error.
    """
    found = _find(parts, file_only=False)
    if found is not None:
        return found
    roots = resource_roots()
    fallback = next((root for root in roots if root.is_dir()), roots[-1])
    log.debug("resource %s not found; using %s", "/".join(parts), fallback)
    return fallback.joinpath(*parts)


def require_resource(*parts: str) -> Path:
    """The path of the file ``resources/<parts...>``; raises ResourceMissing when it is
    nowhere."""
    found = _find(parts, file_only=True)
    if found is None:
        where = ", ".join(str(r) for r in resource_roots())
        raise ResourceMissing(f"resource {'/'.join(parts)} not found (looked in {where})")
    return found
