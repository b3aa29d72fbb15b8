"""Paints the status column as a coloured chip: one colour per stage, readable from across
the counter."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from kitchen_app.domain import Stage

from .order_cells import OrderCellDelegate
from .orders_model import Cell, Roles

log = logging.getLogger(__name__)

__all__ = ["STAGE_COLOURS", "StatusChipDelegate"]

# (background, text): high contrast, and distinct for colour-blind staff by brightness too.
STAGE_COLOURS: dict[Stage, tuple[str, str]] = {
    Stage.NEW: ("#d35400", "#ffffff"),
    Stage.PREPARING: ("#1f6fb2", "#ffffff"),
    Stage.ON_THE_WAY: ("#6c3fb5", "#ffffff"),
    Stage.DONE: ("#2e7d32", "#ffffff"),
    Stage.CANCELLED: ("#5f6368", "#ffffff"),
}


class StatusChipDelegate(OrderCellDelegate):
    """The row's background (selection or alert tint) and a rounded chip with the status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colours = {
            stage: (QColor(bg), QColor(fg)) for stage, (bg, fg) in STAGE_COLOURS.items()
        }
        self._fallback = (QColor("#444444"), QColor("#ffffff"))
        self._bold = QFont()
        self._bold.setBold(True)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = index.data(Roles.CELL)
        if not isinstance(cell, Cell):
            cell = None
        self.background(painter, option, cell)
        stage = cell.stage if cell is not None else index.data(Roles.STAGE)
        if stage is None:
            return
        text = cell.text if cell is not None else index.data(Qt.ItemDataRole.DisplayRole) or ""
        bg, fg = self._colours.get(Stage(stage), self._fallback)
        number, font, metrics = self.font(option.font, self._bold)
        box = QRectF(option.rect).adjusted(4, 4, -4, -4)
        _, natural = self.laid_out(number, font, metrics, text, 1 << 16)
        width = min(box.width(), natural + 20)
        static, shown = self.laid_out(number, font, metrics, text, int(width - 16))
        chip = QRectF(box.left(), box.top(), width, box.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setFont(font)
        painter.setPen(fg)
        x = chip.left() + (chip.width() - shown) / 2
        y = chip.top() + (chip.height() - metrics.height()) / 2
        painter.drawStaticText(QPointF(x, y), static)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        font = QFont(option.font)
        font.setBold(True)  # the chip's text is bold: measure it that way
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        width = QFontMetrics(font).horizontalAdvance(text) + 32
        return QSize(max(size.width(), width), max(size.height(), option.fontMetrics.height() + 12))
