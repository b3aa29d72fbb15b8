"""The selected cart: its orders with each one's total, the cart's total, and one kitchen
ticket and one receipt for the whole cart.

A cart is one purchase of several orders (``pack_id``). Printing from here asks the engine to
print the cart's first order: the engine prints every order of its cart on one ticket
(``engine.printing``, ``domain.carts.cart_order``), journaled under that order.
"""

from __future__ import annotations

import html
import logging
from datetime import tzinfo

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import OrderKey

from . import labels
from .flow_layout import FlowLayout
from .orders_model import Cart, Row

log = logging.getLogger(__name__)

__all__ = ["CartPane"]


class CartPane(QWidget):
    """Signals: printRequested(OrderKey of the cart's first order, str kind "kitchen" |
    "receipt"), orderChosen(OrderKey): staff double-clicked one of its orders."""

    printRequested = Signal(object, str)
    orderChosen = Signal(object)

    def __init__(self, *, tz: tzinfo | None, locale: QLocale, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cartPane")
        self._tz = tz
        self._locale = locale
        self._cart: Cart | None = None
        self._keys: list[OrderKey] = []
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buyer = QLabel(self)
        self.buyer.setWordWrap(True)
        self.orders = QTableWidget(0, 4, self)
        self.orders.setObjectName("cartOrders")
        self.orders.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Status"), self.tr("Items"), self.tr("Total")]
        )
        self.orders.verticalHeader().hide()
        self.orders.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.orders.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.orders.setWordWrap(False)
        self.orders.setTextElideMode(Qt.TextElideMode.ElideLeft)  # an id's tail shows
        header = self.orders.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.orders.cellDoubleClicked.connect(self._double_clicked)
        self.total = QLabel(self)
        self.total.setObjectName("cartTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        # The buttons wrap rather than widen the pane (the list keeps its room at 1366 px).
        bar = QWidget(self)
        buttons = FlowLayout(bar)
        self.kitchen_button = QPushButton(self.tr("Print kitchen ticket (whole cart)"), self)
        self.kitchen_button.setObjectName("cartPrintKitchen")
        self.kitchen_button.setProperty("role", "print")
        self.receipt_button = QPushButton(self.tr("Print receipt (whole cart)"), self)
        self.receipt_button.setObjectName("cartPrintReceipt")
        self.receipt_button.setProperty("role", "print")
        self.kitchen_button.clicked.connect(lambda: self._print("kitchen"))
        self.receipt_button.clicked.connect(lambda: self._print("receipt"))
        buttons.addWidget(self.kitchen_button)
        buttons.addWidget(self.receipt_button)
        self.hint = QLabel(
            self.tr("One ticket lists every order of the cart. Double-click an order to open it."),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("cartHint")
        layout.addWidget(self.title)
        layout.addWidget(self.buyer)
        layout.addWidget(self.orders, 1)
        layout.addWidget(self.total)
        layout.addWidget(bar)
        layout.addWidget(self.hint)
        # Never wider than the order's pane needs: it shares the place beside the list.
        self.setMinimumWidth(220)

    def cart(self) -> Cart | None:
        return self._cart

    def show_cart(self, cart: Cart | None, orders: list[Row], total_text: str) -> None:
        """``orders``: the cart's orders by creation; ``total_text``: the cart's total."""
        self._cart = cart
        self._keys = [s.key for s in orders]
        if cart is None:
            self.title.clear()
            self.buyer.clear()
            self.orders.setRowCount(0)
            self.total.clear()
            return
        badge = labels.short_channel_label(cart.channel)
        self.title.setText(
            self.tr("Cart #%1").replace("%1", html.escape(cart.pack_id)) + f" · {badge}"
        )
        self.title.setToolTip(self.tr("Cart id %1").replace("%1", cart.pack_id))
        buyer = next((s.customer_name for s in orders if s.customer_name), None)
        count = self.tr("%n order(s) bought together", "", len(orders))
        self.buyer.setText(f"{buyer} · {count}" if buyer else count)
        self.orders.setRowCount(len(orders))
        for row, s in enumerate(orders):
            id_item = QTableWidgetItem(f"#{s.display_id}")
            id_item.setToolTip(f"#{s.order_id}")
            id_item.setData(Qt.ItemDataRole.UserRole, s.key)
            total = labels.format_money(s.total, self._locale) if s.total is not None else ""
            cells = [
                id_item,
                QTableWidgetItem(labels.short_status_label(s.status, s.channel)),
                QTableWidgetItem(str(s.item_count)),
                QTableWidgetItem(total),
            ]
            for column in (2, 3):
                cells[column].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            for column, item in enumerate(cells):
                self.orders.setItem(row, column, item)
        self.total.setText(self.tr("Cart total: %1").replace("%1", total_text or "—"))

    def order_rows(self) -> list[tuple[str, str, str, str]]:
        """What the orders table shows (id, status, items, total), row by row."""
        out = []
        for row in range(self.orders.rowCount()):
            items = [self.orders.item(row, c) for c in range(4)]
            texts = [item.text() if item is not None else "" for item in items]
            out.append((texts[0], texts[1], texts[2], texts[3]))
        return out

    def _print(self, kind: str) -> None:
        if self._keys:
            self.printRequested.emit(self._keys[0], kind)

    def _double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._keys):
            self.orderChosen.emit(self._keys[row])
