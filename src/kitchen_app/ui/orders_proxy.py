"""Filters (stage) and search (order id or customer name) over the orders model; sorting
compares the model's Python sort values (no 32-bit truncation of timestamps or money).

Sorting is the orders model's own (``OrdersModel.sort``): a proxy sort of 5,000 orders
would call back into Python for some 60,000 comparisons.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kitchen_app.domain import Stage

from .orders_model import OrdersModel, Roles

log = logging.getLogger(__name__)

__all__ = ["OrdersProxy"]


class OrdersProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stage: Stage | None = None
        self._search = ""
        self.setSortRole(Roles.SORT)
        # A status change of one order must re-check only that row, not the whole list.
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The orders model sorts its own rows (see ``OrdersModel.sort``); this proxy then
        only filters, keeping the model's order."""
        model = self.sourceModel()
        if isinstance(model, OrdersModel):
            model.sort(column, order)
            return
        super().sort(column, order)

    def stage(self) -> Stage | None:
        return self._stage

    def set_stage(self, stage: Stage | None) -> None:
        if stage != self._stage:
            self.beginFilterChange()
            self._stage = stage
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        text = text.strip().lstrip("#").casefold()
        if text != self._search:
            self.beginFilterChange()
            self._search = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._stage is None and not self._search:
            return True
        model = self.sourceModel()
        if isinstance(model, OrdersModel):
            summary = model.summary_at(source_row)
        else:
            summary = model.data(model.index(source_row, 0, source_parent), Roles.SUMMARY)
        if summary is None:
            return False
        if self._stage is not None and Stage(summary.stage) != self._stage:
            return False
        if self._search:
            haystack = " ".join(
                str(x or "") for x in (summary.display_id, summary.order_id, summary.customer_name)
            ).casefold()
            return self._search in haystack
        return True

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # Only for other source models: the orders model sorts itself.
        a, b = left.data(Roles.SORT), right.data(Roles.SORT)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
