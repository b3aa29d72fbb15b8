"""Getting staff's attention for a new order beyond the sound: the window comes forward,
the taskbar entry flashes (``QApplication.alert``), and a tray notification names the order."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from . import labels
from .loading_rows import LoadingRow
from .orders_model import Row

log = logging.getLogger(__name__)

__all__ = ["Attention"]


class Attention(QObject):
    def __init__(self, window: QWidget, *, tray: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self._tray: QSystemTrayIcon | None = None
        self._last_tray_flash: float | None = None
        if tray and QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(window.windowIcon(), self)
            self._tray.activated.connect(lambda *_: self.bring_forward())
            self._tray.show()

    def new_order(self, summary: Row) -> None:
        QApplication.alert(self._window, 0)
        self.bring_forward()
        if self._tray is not None:
            self._tray.showMessage(
                self.tr("New order #%1").replace(
                    "%1",
                    summary.order_id if isinstance(summary, LoadingRow) else summary.display_id,
                ),
                (
                    self.tr("%1 — accept within 5 minutes")
                    if summary.accept_deadline is not None
                    else self.tr("%1 — a new order to prepare")
                ).replace("%1", summary.customer_name or labels.channel_label(summary.channel)),
                QSystemTrayIcon.MessageIcon.Warning,
                10_000,
            )

    def flash(self) -> None:
        """A chime was due and no sound could be made: flash the taskbar entry at every
        chime, and say it in the tray (not more than once a minute, not to bury it)."""
        QApplication.alert(self._window, 0)
        if self._tray is None:
            return
        now = time.monotonic()
        if self._last_tray_flash is None or now - self._last_tray_flash >= 60:
            self._last_tray_flash = now
            self._tray.showMessage(
                self.tr("Orders are waiting"),
                self.tr("The alert sound is not working: look at the desk."),
                QSystemTrayIcon.MessageIcon.Warning,
                10_000,
            )

    def bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def hide(self) -> None:
        if self._tray is not None:
            self._tray.hide()
