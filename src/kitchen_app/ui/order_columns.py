"""Widths of the order list's columns, from the texts a column can hold, measured once.

The list used to fit its columns to their contents, which made the view measure rows after
every change: with thousands of orders that was most of the cost of showing a new order and
of each countdown tick. The texts a column can hold are known (chips, delivery kinds, times,
a large total), so their widths are measured once and the columns stay put; staff may still
drag any column.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from kitchen_app.domain import Money

from . import labels
from .order_cells import badge_width
from .orders_model import Col, OrdersModel, cart_badge_text

log = logging.getLogger(__name__)

__all__ = ["fit_order_columns"]

_CELL_PADDING = 14  # order_cells.PADDING on both sides, and a little air
_CHIP_PADDING = 30  # the status chip's margins and rounded ends (status_chip.py)
_HEADER_PADDING = 12  # the style sheet's section padding on both sides, and the divider
_SORT_ARROW = 16  # room for the sort arrow beside the sorted column's title


def _samples(locale: QLocale) -> dict[int, list[str]]:
    large = labels.format_money(Money(Decimal("99999.99"), "ARS"), locale)
    return {
        # Long ids show their tail ("#…577644", order_cells.elided); a cart shows its badge.
        Col.ID: ["#…000000"],
        Col.COUNTDOWN: ["-0:00", "4:59"],
        Col.STATUS: labels.short_status_texts(),
        Col.ITEMS: ["99"],
        Col.TOTAL: [large],
        Col.LOGISTICS: labels.logistics_texts(),
        Col.CHANNEL: labels.short_channel_texts(),
        Col.CREATED: ["23:59"],
    }


def fit_order_columns(table: QTableView, model: OrdersModel, locale: QLocale) -> None:
    """Size every column but the customer's from what it can hold; leave them interactive."""
    table.ensurePolished()  # the style sheet's font, not the default one
    font = QFont(table.font())
    bold = QFont(font)
    bold.setBold(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header_metrics = QFontMetrics(bold)  # header sections are bold in the style sheet
    for column, texts in _samples(locale).items():
        # The model's fonts override only what they set (bold, a size) on the view's font.
        own = model.font_for(column)
        cell_font = own.resolve(font) if own is not None else font
        if column == Col.STATUS:
            metrics, extra = QFontMetrics(bold), _CHIP_PADDING
        else:
            metrics, extra = QFontMetrics(cell_font), _CELL_PADDING
        widest = max(metrics.horizontalAdvance(t) for t in texts) + extra
        if column == Col.ID:
            # A cart's badge ("▸ [cart ×9]"); a cart's orders are indented under it, and
            # their ids then show a shorter tail.
            widest = max(widest, badge_width(metrics, "▸", cart_badge_text(9)) + extra)
        title = str(model.headerData(column, header.orientation(), 0) or "")
        arrow = _SORT_ARROW if column == header.sortIndicatorSection() else 0
        heading = header_metrics.horizontalAdvance(title) + _HEADER_PADDING + arrow
        header.resizeSection(column, max(widest, heading))
