"""Filters (stage, marketplace) and search (order id, cart id or customer name) over the
orders model; sorting compares the model's Python sort values (no 32-bit truncation of
timestamps or money).

A cart's orders show right below its row while it is expanded (the model's flat rows: an
order of a cart sorts by its cart's value first); its row stays while any of its orders
passes the filters, and then shows only those; a search for the cart's id shows the whole
cart.

Sorting 5,000 orders takes some 60,000 comparisons: each reads two sort values from a list
the model builds once per change (``OrdersModel.sort_keys``), not through ``data()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from kitchen_app.domain import Stage

from .orders_model import Cart, OrdersModel, Roles, Row, SortValue, Value

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
            self._model.expansionChanged.disconnect(self._expansion_changed)
        self._model = model if isinstance(model, OrdersModel) else None
        # Connected before the proxy's own handlers see a change, so its re-sort reads
        # fresh values.
        if self._model is not None:
            self._model.modelAboutToBeReset.connect(self._forget_keys)
            self._model.rowsAboutToBeRemoved.connect(self._forget_keys)
            self._model.layoutAboutToBeChanged.connect(self._forget_keys)
            self._model.rowsInserted.connect(self._rows_inserted)
            self._model.dataChanged.connect(self._data_changed)
            self._model.expansionChanged.connect(self._expansion_changed)
        super().setSourceModel(model)
        self._keys.clear()

    def _forget_keys(self, *_args: object) -> None:
        self._keys.clear()

    def _expansion_changed(self, _cart: str) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        model = self._model
        if model is None:
            return
        for column, keys in list(self._keys.items()):
            if len(keys) == first:  # appended: extend
                keys.extend(model.sort_value_at(row, column) for row in range(first, last + 1))
            else:
                del self._keys[column]

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        model = self._model
        if model is None:
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
        model = self._model
        if model is None:
            return True
        filtered = self._stage is not None or bool(self._search) or self._channel is not None
        if not filtered and not model.has_carts():
            return True
        entry = model.entry_at(source_row)
        if entry is None:
            return False
        if isinstance(entry, Cart):
            return not filtered or any(self._passes(s, entry) for s in model.cart_orders(entry))
        cart = model.cart_of_row(source_row)
        if cart is not None and not model.is_expanded(cart):
            return False  # shown under its cart once the cart is opened
        return not filtered or self._passes(entry, cart)

    # ---- sorting -----------------------------------------------------------------------------
    def lessThan(self, left: Index, right: Index) -> bool:
        model = self._model
        if model is None:
            return False
        column = left.column()
        keys = self._keys.get(column)
        if keys is None or len(keys) != model.rowCount():
            keys = self._keys[column] = model.sort_keys(column)
        a, b = keys[left.row()], keys[right.row()]
        if a[1] != b[1]:  # two lone orders, or not the same cart (the usual case)
            x, y = a[0], b[0]
            if x == y:
                return a[1] < b[1]  # equal values: by cart or order key, so carts stay whole
            return _less(x, y)
        # One cart: its row first, then its orders, whatever the direction (descending puts
        # a row first when it compares greater).
        if a[2] != b[2]:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return a[2] > b[2] if descending else a[2] < b[2]
        return _less(a[3], b[3])


def _less(a: Value, b: Value) -> bool:
    try:
        return bool(a < b)  # type: ignore[operator]
    except TypeError:  # values of two kinds (never in one column today)
        return str(a) < str(b)
