"""Paints the order list's cells directly: background, then the text, from one model read.

With thousands of orders every new one shifts and repaints the visible list. The style's
item painting asks the model for nine roles per cell and matches style-sheet rules for each;
this painter reads ``Roles.CELL`` once and draws with the painter, which keeps a repaint of
the list within a frame. It draws what the style sheet asked for: the padding, the selection
colours (from the palette the style sheet sets) and the alert tint of waiting orders.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .orders_model import Cell, Roles

log = logging.getLogger(__name__)

__all__ = ["OrderCellDelegate", "badge_width", "elided"]

PADDING = 5  # px on each side, as the style sheet's ``QTableView#orders::item`` padding
_TEXT_CACHE = 4000  # laid-out texts kept (a screenful is a few hundred)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_BADGE_PADDING = 6  # px between a badge's rounded edge and its text
_BADGE_TEXT = QColor("#17375e")
_MARK = QColor("#5f6368")  # a cart's open/closed mark
_MARK_SELECTED = QColor("#ffffff")
_CART_ICON = 14  # px: the cart drawn in a cart's badge


def badge_width(metrics: QFontMetrics, mark: str, text: str) -> int:
    """How wide a cart's badge is drawn (for the id column's width)."""
    mark_width = metrics.horizontalAdvance(mark) + 4 if mark else 0
    return mark_width + 2 * _BADGE_PADDING + _CART_ICON + 4 + metrics.horizontalAdvance(text)


def _draw_cart(painter: QPainter, box: QRectF) -> None:
    """A small shopping cart (handle, basket, two wheels): no font has one everywhere."""
    pen = QPen(_BADGE_TEXT)
    pen.setWidthF(1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    sx, sy = box.width() / 14, box.height() / 12
    points = [(0, 1), (3, 1), (5, 8), (12, 8), (13.5, 3), (4, 3)]
    path = QPainterPath(QPointF(box.left() + points[0][0] * sx, box.top() + points[0][1] * sy))
    for px, py in points[1:]:
        path.lineTo(box.left() + px * sx, box.top() + py * sy)
    painter.drawPath(path)
    painter.setBrush(_BADGE_TEXT)
    for px in (6, 11):
        painter.drawEllipse(QPointF(box.left() + px * sx, box.top() + 10.6 * sy), 1.2, 1.2)


def elided(metrics: QFontMetrics, text: str, width: int, mode: Qt.TextElideMode) -> str:
    """``text`` shortened with "…" to ``width``. Eliding on the left keeps an id's leading
    "#" ("#…577644"): the tail is what staff read out and compare with the marketplace."""
    width = max(0, width)
    if mode != Qt.TextElideMode.ElideLeft or not text.startswith("#"):
        return metrics.elidedText(text, mode, width)
    if metrics.horizontalAdvance(text) <= width:
        return text
    return "#" + metrics.elidedText(text[1:], mode, width - metrics.horizontalAdvance("#"))


def _draw_badge(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect, radius, radius)


class OrderCellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base: QFont | None = None  # the view's font the caches below were made for
        self._fonts: dict[int, tuple[int, QFont, QFontMetrics]] = {}
        # (font number, text, width, elide mode) -> laid-out text and its width: the same few
        # hundred texts are drawn again on every repaint, and laying text out is most of
        # drawing it.
        self._texts: dict[tuple[int, str, int, int], tuple[QStaticText, int]] = {}

    def font(self, base: QFont, own: QFont | None) -> tuple[int, QFont, QFontMetrics]:
        """``own`` resolved against the view's font: a number for the caches, the font and
        its metrics."""
        if self._base is None or base != self._base:
            self._base = QFont(base)
            self._fonts.clear()
            self._texts.clear()
        key = id(own)  # the model's own font objects live as long as the model
        cached = self._fonts.get(key)
        if cached is None:
            font = own.resolve(base) if own is not None else QFont(base)
            cached = self._fonts[key] = (len(self._fonts), font, QFontMetrics(font))
        return cached

    def laid_out(
        self,
        number: int,
        font: QFont,
        metrics: QFontMetrics,
        text: str,
        width: int,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> tuple[QStaticText, int]:
        """``text`` elided to ``width`` and laid out once: what to draw and how wide it is."""
        key = (number, text, width, int(elide.value))
        hit = self._texts.get(key)
        if hit is None:
            if len(self._texts) > _TEXT_CACHE:
                self._texts.clear()
            shown = elided(metrics, text, width, elide)
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), font)
            hit = self._texts[key] = (static, metrics.horizontalAdvance(shown))
        return hit

    def background(
        self, painter: QPainter, option: QStyleOptionViewItem, cell: Cell | None
    ) -> bool:
        """Fill the cell; True when it is selected (the text takes the selection colour)."""
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
            return True
        if cell is not None and cell.tint is not None:
            painter.fillRect(option.rect, cell.tint)
        return False

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = index.data(Roles.CELL)
        if not isinstance(cell, Cell):  # not an orders model: the ordinary painting
            super().paint(painter, option, index)
            return
        selected = self.background(painter, option, cell)
        if not cell.text:
            return
        number, font, metrics = self.font(option.font, cell.font)
        rect: QRect = option.rect.adjusted(PADDING + cell.indent, 0, -PADDING, 0)
        if cell.badge is not None:
            self._paint_badge(painter, rect, font, metrics, cell, selected)
            return
        static, width = self.laid_out(number, font, metrics, cell.text, rect.width(), cell.elide)
        if selected:
            colour = option.palette.highlightedText().color()
        elif cell.colour is not None:
            colour = cell.colour
        else:
            colour = option.palette.text().color()
        x = rect.right() + 1 - width if cell.alignment & _ALIGN_RIGHT else rect.left()
        y = rect.top() + (rect.height() - metrics.height()) // 2
        painter.save()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawStaticText(QPoint(x, y), static)
        painter.restore()

    def _paint_badge(
        self,
        painter: QPainter,
        rect: QRect,
        font: QFont,
        metrics: QFontMetrics,
        cell: Cell,
        selected: bool,
    ) -> None:
        """A cart's badge: its open/closed mark, then a rounded badge with a drawn cart and
        the text ("▾ [cart ×2]"), dark on light whether the row is selected or not."""
        y = rect.top() + (rect.height() - metrics.height()) // 2
        height = metrics.height()
        x = rect.left()
        painter.save()
        painter.setFont(font)
        if cell.mark:
            painter.setPen(_MARK_SELECTED if selected else _MARK)
            painter.drawText(QPoint(x, y + metrics.ascent()), cell.mark)
            x += metrics.horizontalAdvance(cell.mark) + 4
        text_width = metrics.horizontalAdvance(cell.text)
        width = _BADGE_PADDING + _CART_ICON + 4 + text_width + _BADGE_PADDING
        _draw_badge(painter, QRectF(x, y, width, height), cell.badge or _BADGE_TEXT)
        _draw_cart(painter, QRectF(x + _BADGE_PADDING, y + (height - 12) / 2, _CART_ICON, 12))
        painter.setPen(_BADGE_TEXT)
        painter.drawText(
            QPoint(x + _BADGE_PADDING + _CART_ICON + 4, y + metrics.ascent()), cell.text
        )
        painter.restore()
