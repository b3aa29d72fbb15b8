from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

from kitchen_app.ui.none_guard import pin_none


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from 3.12")
def test_none_survives_many_void_qt_calls(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert pin_none() is True
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):  # more than None's natural count: aborted the process unpinned
        label.setText(str(i % 10))
    assert label.text() == "9"
    assert sys.getrefcount(None) > 1 << 39 and sys.getrefcount(None) <= before
