"""Paints the status column as a coloured chip: one colour per stage, readable from across
the counter."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kitchen_app.domain import Stage

from .orders_model import Roles

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


class StatusChipDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        stage = index.data(Roles.STAGE)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        # Let the style draw the row background and selection first.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if stage is None:
            return
        bg, fg = STAGE_COLOURS.get(Stage(stage), ("#444444", "#ffffff"))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = opt.font
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        width = min(rect.width(), metrics.horizontalAdvance(text) + 20)
        chip = QRectF(rect.left(), rect.top(), width, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(QColor(fg))
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(chip.width() - 16))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, elided)
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
