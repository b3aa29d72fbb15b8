"""A label and a button that shorten their text with "…" to the room they get, keeping the
whole text in the tooltip. The status bar holds many of them side by side: without this, one
long printer error or health message would widen the window past a 1366-pixel screen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

log = logging.getLogger(__name__)

__all__ = ["ElidedButton", "ElidedLabel"]

_MIN_WIDTH = 60  # px: room for a few letters and the "…"
# px kept spare: bold text under a style sheet paints a little wider than its metrics say.
_SLACK = 8


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, max_width: int = 10_000) -> None:
        super().__init__(parent)
        self._full = ""
        self._max = max_width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        """The whole text (what is painted may be shortened: ``shown_text``)."""
        return self._full

    def shown_text(self) -> str:
        return QLabel.text(self)

    def text_fits(self) -> bool:
        """The whole text is shown (nothing was cut)."""
        return self.shown_text() == self._full

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(min(width + 2 * _SLACK, self._max), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(_MIN_WIDTH, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A style sheet level (bold, padding) changes the font after the text was set:
        # measure again with the font that paints.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.updateGeometry()

    def _fit(self) -> None:
        self.ensurePolished()  # the style sheet's font (bold) is the one that paints
        room = self.contentsRect().width() - _SLACK
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        QLabel.setText(self, shown if room > 0 else self._full)


class ElidedButton(QPushButton):
    def __init__(
        self, parent: QWidget | None = None, *, max_width: int = 10_000, min_width: int = 120
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._max = max_width
        self._min = min_width
        # A push button's width policy is Minimum (never below its whole text): Preferred
        # lets the layout give it less, and the text is shortened instead.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return QPushButton.text(self)

    def text_fits(self) -> bool:
        return self.shown_text() == self._full

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        text_now = self.fontMetrics().horizontalAdvance(self.shown_text())
        extra = base.width() - text_now  # the button's own margins and padding
        width = self.fontMetrics().horizontalAdvance(self._full) + extra
        return QSize(min(width, self._max), base.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._min, self.sizeHint().width()), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.updateGeometry()

    def _fit(self) -> None:
        self.ensurePolished()
        base = super().sizeHint()
        extra = base.width() - self.fontMetrics().horizontalAdvance(self.shown_text())
        room = self.width() - extra
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        QPushButton.setText(self, shown if room > 0 else self._full)
