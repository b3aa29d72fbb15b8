"""The Qt binding must not leak references: PySide6 6.12.0 dropped one reference to None on
every Qt call returning nothing, so a desk on Python 3.11 aborted ("none_dealloc") after a
few thousand repaints. pyproject.toml keeps that release out; this test keeps it honest."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_referenced(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(2_000):
        label.setText(str(i % 10))
    after = sys.getrefcount(None)
    assert label.text() == "9"
    # Unrelated code may take or drop a few references meanwhile; a leak loses 2,000.
    assert after > before - 100
