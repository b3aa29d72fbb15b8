"""The window on a counter PC's 1366×768 screen, in each language, on the worst afternoon
(every band up, the longest status messages): nothing is pushed past the screen, nothing is
cut, the order list does not scroll sideways. The same scene is in docs/screenshots/
(scripts/screenshots.py), looked at by a person."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kitchen_app.printing.resources import resource_path
from kitchen_app.ui.app import install_translations
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.elided import ElidedButton, ElidedLabel
from kitchen_app.ui.main_window import MainWindow

from .counter_scene import add_rush_hour, worst_day, worst_health
from .fakes import FakeCommands, FakeReader

NOW = datetime(2026, 11, 23, 20, 14, 30, tzinfo=UTC)
WIDTH, HEIGHT = 1366, 768


def _inside_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize(
    ("language", "busy"), [("en", False), ("es", False), ("pt_BR", False), ("es", True)]
)
def test_the_worst_afternoon_fits_1366_by_768(qtbot, qapp, language: str, busy: bool) -> None:  # type: ignore[no-untyped-def]
    before = QLocale()
    # The desk's own look (create_app's style and style sheet): paddings and fonts decide
    # what fits.
    style, sheet = qapp.style().name(), qapp.styleSheet()
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(resource_path("styles", "desk.qss").read_text(encoding="utf-8"))
    translators = install_translations(qapp, language)
    try:
        reader = FakeReader()
        selected = worst_day(reader, NOW, ["Ana Gómez", "João da Silva Pereira"])
        if busy:
            # The demo at rush hour: its badge in the filter bar, five-digit totals, and more
            # rows than fit, so the list shows its vertical scrollbar.
            add_rush_hour(reader, NOW, 60)
        window = MainWindow(
            FakeCommands(),
            reader,
            EngineBridge(),
            alert=None,
            demo=busy,
            tz=UTC,
            now=lambda: NOW,
            tray=False,
        )
        qtbot.addWidget(window)
        try:
            window.set_health(worst_health(NOW))
            window.select(selected)
            window.show()
            window.resize(WIDTH, HEIGHT)
            qtbot.waitExposed(window)
            qtbot.waitUntil(lambda: window.size().toTuple() == (WIDTH, HEIGHT))
            hint = window.minimumSizeHint()
            assert hint.width() <= WIDTH and hint.height() <= HEIGHT, hint
            # Every band is up, and the list does not scroll sideways.
            for band in (
                window.offline_banner,
                window.paused_banner,
                window.missed_banner,
                window.alert_banner,
            ):
                assert band.isVisible()
            if busy:
                assert window.table.verticalScrollBar().isVisible()
            assert window.table.horizontalScrollBar().maximum() == 0
            assert window.status.health_light.property("level") == "bad"
            frame = window.rect()
            cut: list[str] = []
            for area in window.findChildren(QScrollArea):
                inner = area.widget()
                # No sideways scrolling here either: what is wider than the view is cut.
                wide = inner is not None and inner.width() > area.viewport().width()
                if area.isVisible() and wide:
                    cut.append(f"{area.objectName()} wider than its view")
            for widget in window.findChildren(QWidget):
                if not widget.isVisible() or _inside_scroll_area(widget, window):
                    continue
                box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
                if not frame.contains(box):
                    cut.append(f"{widget.objectName() or type(widget).__name__} outside {box}")
                if isinstance(widget, (ElidedLabel, ElidedButton)):
                    continue  # they shorten on purpose, with the whole text in the tooltip
                short = widget.sizeHint().width() > widget.width() + 1
                if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and short:
                    cut.append(f"label {widget.text()!r} cut")
                if isinstance(widget, QPushButton) and widget.text() and short:
                    cut.append(f"button {widget.text()!r} cut")
            assert cut == []
        finally:
            window.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
