"""Bands across the top of the window: the new-order alert (amber to red, with mute
buttons), "one more auto-cancel pauses the store", and "offline"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .alert_policy import AlertLevel

log = logging.getLogger(__name__)

__all__ = ["AlertBanner", "Banner"]


class Banner(QFrame):
    """A coloured band with one line of text; ``kind`` selects its QSS colours."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Banner")
        self.setProperty("banner", kind)
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self._layout.addWidget(self.label, 1)
        self.hide()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def set_level(self, level: str) -> None:
        """Switch the QSS colour (``level`` property) and re-polish."""
        if self.property("level") != level:
            self.setProperty("level", level)
            self.style().unpolish(self)
            self.style().polish(self)
            for child in self.findChildren(QWidget):
                child.style().unpolish(child)
                child.style().polish(child)


class AlertBanner(Banner):
    """Signals: muteRequested(int minutes), unmuteRequested()"""

    muteRequested = Signal(int)
    unmuteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("alert", parent)
        self.mute5 = QPushButton(self.tr("Mute 5 min"), self)
        self.mute5.setObjectName("mute5")
        self.mute15 = QPushButton(self.tr("Mute 15 min"), self)
        self.mute15.setObjectName("mute15")
        self.unmute = QPushButton(self.tr("Sound on"), self)
        self.unmute.setObjectName("unmute")
        for button in (self.mute5, self.mute15, self.unmute):
            self._layout.addWidget(button)
        self.mute5.clicked.connect(lambda: self.muteRequested.emit(5))
        self.mute15.clicked.connect(lambda: self.muteRequested.emit(15))
        self.unmute.clicked.connect(self.unmuteRequested)
        self.set_muted(False)

    def set_muted(self, muted: bool) -> None:
        self.mute5.setVisible(not muted)
        self.mute15.setVisible(not muted)
        self.unmute.setVisible(muted)

    def show_alert(self, level: AlertLevel, text: str) -> None:
        self.set_level({3: "critical", 2: "urgent"}.get(int(level), "calm"))
        self.set_text(text)
        self.show()
