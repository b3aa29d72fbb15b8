"""Keep ``None`` alive under PySide6 6.12 on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that returns
nothing (``QLabel.setText``, ``QWidget.raise_``, ``QPushButton.setVisible`` …) drops one
reference to ``None`` that it never took. CPython 3.12 made ``None`` immortal, so there it is
harmless; on 3.11 ``None``'s count (about 8,000 at start) runs down with every repaint-driving
call, and the process aborts with "Fatal Python error: none_dealloc" — about twenty minutes
into a busy counter, from the 1 s countdown alone.

``pin_none()`` adds a very large number to ``None``'s reference count once, after checking
that the count sits where CPython keeps it. ``None`` is a static object that is never freed,
so a count that is too high is harmless. Remove this when the desk needs CPython 3.12+ or a
fixed PySide6.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

__all__ = ["pin_none"]

_HEADROOM = 1 << 40  # at 1,000 lost references a second: about 35 years
_pinned = False


def pin_none() -> bool:
    """Pin ``None`` once; True when the count was raised (CPython < 3.12 only)."""
    global _pinned
    if _pinned:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # None is immortal (PEP 683)
    if hasattr(sys, "getobjects"):
        return False  # a trace-refs build lays the object header out differently
    count = ctypes.c_ssize_t.from_address(id(None))
    # getrefcount counts its own argument: the header's count is one less.
    if count.value != sys.getrefcount(None) - 1:
        log.warning("unexpected object layout; None's reference count left alone")
        return False
    count.value += _HEADROOM
    _pinned = True
    log.debug("None's reference count pinned against PySide6's lost references")
    return True
