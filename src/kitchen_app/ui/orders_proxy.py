"""Filters (stage, marketplace) and search (order id, cart id or customer name) over the
orders model; sorting compares the model's Python sort values (no 32-bit truncation of
timestamps or money).

A cart's row stays while any of its orders passes the filters, and shows only those; a
search for the cart's id shows the whole cart.

Sorting 5,000 orders takes some 60,000 comparisons: each reads two sort values from a list
the model builds once per change (``OrdersModel.sort_keys``), not through ``data()``; a
cart's few orders are compared through ``data()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from kitchen_app.domain import Stage

from .orders_model import Cart, OrdersModel, Roles, Row, SortValue

log = logging.getLogger(__name__)

__all__ = ["OrdersProxy"]

Index = QModelIndex | QPersistentModelIndex


class OrdersProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stage: Stage | None = None
        self._channel: str | None = None
        self._search = ""
        self._keys: dict[int, list[SortValue]] = {}  # column -> sort value per top row
        self._model: OrdersModel | None = None
        self.setSortRole(Roles.SORT)
        # A status change of one order must re-check only that row, not the whole list.
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if self._model is not None:
            self._model.modelAboutToBeReset.disconnect(self._forget_keys)
            self._model.rowsAboutToBeRemoved.disconnect(self._forget_keys)
            self._model.layoutAboutToBeChanged.disconnect(self._forget_keys)
            self._model.rowsInserted.disconnect(self._rows_inserted)
            self._model.dataChanged.disconnect(self._data_changed)
        self._model = model if isinstance(model, OrdersModel) else None
        # Connected before the proxy's own handlers see a change, so its re-sort reads
        # fresh values.
        if self._model is not None:
            self._model.modelAboutToBeReset.connect(self._forget_keys)
            self._model.rowsAboutToBeRemoved.connect(self._forget_keys)
            self._model.layoutAboutToBeChanged.connect(self._forget_keys)
            self._model.rowsInserted.connect(self._rows_inserted)
            self._model.dataChanged.connect(self._data_changed)
        super().setSourceModel(model)
        self._keys.clear()

    def _forget_keys(self, *_args: object) -> None:
        self._keys.clear()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self._model
        if model is None or parent.isValid():
            return  # an order joined a cart: the cart's row says so with dataChanged
        for column, keys in list(self._keys.items()):
            if len(keys) == first:  # appended: extend
                keys.extend(model.sort_value_at(row, column) for row in range(first, last + 1))
            else:
                del self._keys[column]

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        model = self._model
        if model is None or top_left.parent().isValid():
            return
        for column, keys in self._keys.items():
            for row in range(top_left.row(), min(bottom_right.row() + 1, len(keys))):
                keys[row] = model.sort_value_at(row, column)

    # ---- filters -----------------------------------------------------------------------------
    def stage(self) -> Stage | None:
        return self._stage

    def set_stage(self, stage: Stage | None) -> None:
        if stage != self._stage:
            self.beginFilterChange()
            self._stage = stage
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def channel(self) -> str | None:
        return self._channel

    def set_channel(self, channel: str | None) -> None:
        """Only one marketplace's orders (None: all)."""
        if channel != self._channel:
            self.beginFilterChange()
            self._channel = channel
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        text = text.strip().lstrip("#").casefold()
        if text != self._search:
            self.beginFilterChange()
            self._search = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _passes(self, summary: Row, cart: Cart | None = None) -> bool:
        if self._stage is not None and Stage(summary.stage) != self._stage:
            return False
        if self._channel is not None and summary.channel != self._channel:
            return False
        if self._search:
            if cart is not None and self._search in cart.pack_id.casefold():
                return True
            haystack = " ".join(
                str(x or "") for x in (summary.display_id, summary.order_id, summary.customer_name)
            ).casefold()
            return self._search in haystack
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._stage is None and not self._search and self._channel is None:
            return True
        model = self._model
        if model is None:
            return True
        if source_parent.isValid():  # an order of a cart
            cart = source_parent.data(Roles.CART)
            summary = model.index(source_row, 0, source_parent).data(Roles.SUMMARY)
            if summary is None or not isinstance(cart, Cart):
                return False
            return self._passes(summary, cart)
        entry = model.entry_at(source_row)
        if entry is None:
            return False
        if isinstance(entry, Cart):
            return any(self._passes(s, entry) for s in model.cart_orders(entry))
        return self._passes(entry)

    # ---- sorting -----------------------------------------------------------------------------
    def lessThan(self, left: Index, right: Index) -> bool:
        model = self._model
        a: object
        b: object
        if model is not None and not left.parent().isValid():
            column = left.column()
            keys = self._keys.get(column)
            if keys is None or len(keys) != model.rowCount():
                keys = self._keys[column] = model.sort_keys(column)
            a, b = keys[left.row()], keys[right.row()]
        else:
            a, b = left.data(Roles.SORT), right.data(Roles.SORT)
        try:
            return bool(a < b)  # type: ignore[operator]
        except TypeError:
            return str(a) < str(b)
