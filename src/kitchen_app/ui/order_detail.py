"""The selected order: items with their options (grouped) and notes in large type, customer
and address, payment, the Flex QR, and the timeline."""

from __future__ import annotations

import html
import logging
from datetime import tzinfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import Order
from kitchen_app.domain.keys import OrderKey

from . import labels
from .actions_bar import ActionsBar
from .loading_rows import LoadingRow
from .print_problems import PrintProblemsPanel
from .qr_pixmap import qr_pixmap
from .timeline import TimelineModel, TimelineRow

log = logging.getLogger(__name__)

__all__ = ["OrderDetail"]


def _qty(value: object) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value}"
    return text or "0"


class OrderDetail(QWidget):
    def __init__(self, *, tz: tzinfo | None, locale: QLocale, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("orderDetail")
        self._tz = tz
        self._locale = locale
        self._order: Order | None = None

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setWordWrap(True)
        self.actions_bar = ActionsBar(self)
        # Jobs that wait on the operator sit right under the buttons, never scrolled away.
        self.print_problems = PrintProblemsPanel(self)

        self.items = QLabel(self)
        self.items.setObjectName("items")
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.items.setWordWrap(True)
        self.items.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.items.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.items.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.customer = QLabel(self)
        self.customer.setObjectName("customer")
        # Wrapped: a long address line must not widen the pane past a 1366-pixel screen
        # (the body scrolls vertically, so the extra line is never clipped).
        self.customer.setWordWrap(True)
        self.customer.setMinimumWidth(160)
        self.customer.setTextFormat(Qt.TextFormat.RichText)
        self.customer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.qr = QLabel(self)
        self.qr.setObjectName("qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = QLabel(self)
        self.qr_caption.setObjectName("qrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setMaximumWidth(170)

        self.timeline_model = TimelineModel(tz, self)
        self.timeline = QTableView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.verticalHeader().hide()
        self.timeline.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setShowGrid(False)
        self.timeline.setWordWrap(False)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline_label = QLabel(self.tr("Timeline"), self)
        self.timeline_label.setObjectName("sectionTitle")

        self._loading_key: OrderKey | None = None
        self._empty_text = self.tr("Select an order to see it here.")
        self.empty = QLabel(self._empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("emptyDetail")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # Items take the full width (they matter most to the kitchen); below them the
        # customer, address and payment beside the QR.
        side = QFrame(self)
        side.setObjectName("detailSide")
        side_layout = QGridLayout(side)
        side_layout.addWidget(self.customer, 0, 0, 2, 1)
        side_layout.addWidget(self.qr, 0, 1)
        side_layout.addWidget(self.qr_caption, 1, 1)
        side_layout.setColumnStretch(0, 1)
        side_layout.setRowStretch(1, 1)

        # Title and buttons stay put; below them items, customer, QR and timeline scroll
        # together when the window is short, so nothing is ever clipped or squeezed.
        body = QWidget(self)
        body.setObjectName("detailBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        # Print problems first, but inside the scrolling body: on a 768-pixel screen the
        # panel, the buttons and the title do not all fit above the fold, and a squeezed
        # panel would hide its own buttons.
        column.addWidget(self.print_problems)
        column.addWidget(self.items)
        column.addWidget(side)
        column.addWidget(self.timeline_label)
        column.addWidget(self.timeline, 1)
        self.timeline.setMinimumHeight(170)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setObjectName("detailScroll")
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.empty, 1)
        self._content = [
            self.title,
            self.subtitle,
            self.actions_bar,
            self.body_scroll,
        ]
        self.show_order(None, [])

    def order(self) -> Order | None:
        return self._order

    def loading_key(self) -> OrderKey | None:
        """The key of the "details loading" order shown, if that is what is shown."""
        return self._loading_key

    def show_loading(self, row: LoadingRow) -> None:
        """An announced order whose details could not be read yet: what is known of it."""
        self.show_order(None, [])
        self._loading_key = row.key
        text = self.tr(
            "New order #%1 — details loading.\n\n%4 announced it at %2 and its time to "
            "answer is running; the desk keeps trying to read it (attempt %3)."
        ).replace("%4", labels.channel_label(row.channel))
        text = text.replace("%1", row.order_id)
        text = text.replace("%2", labels.format_time(row.created_at, self._tz))
        text = text.replace("%3", str(row.attempts))
        if row.parked:
            text += "\n\n" + self.tr(
                "It could not be read for a while: check it in the %1 app."
            ).replace("%1", labels.channel_label(row.channel))
        self.empty.setText(text)

    def show_order(self, order: Order | None, rows: list[TimelineRow]) -> None:
        self._order = order
        self._loading_key = None
        self.empty.setText(self._empty_text)
        for widget in self._content:
            widget.setVisible(order is not None)
        self.empty.setVisible(order is None)
        if order is None:
            self.print_problems.set_problems([], [], frozenset())
            self.timeline_model.set_rows([])
            return
        self.title.setText(
            f"#{html.escape(order.display_id)} · {labels.status_label(order.status)}"
        )
        self.subtitle.setText(
            " · ".join(
                [
                    labels.channel_label(order.channel),
                    labels.logistics_label(order.logistics),
                    self.tr("received %1").replace(
                        "%1", labels.format_time(order.created_at, self._tz)
                    ),
                ]
            )
        )
        self.items.setText(self._items_html(order))
        self.customer.setText(self._customer_html(order))
        if order.qr is not None:
            self.qr.setPixmap(qr_pixmap(order.qr.payload(), 150))
            self.qr_caption.setText(self.tr("Flex QR — the courier scans it"))
            self.qr.show()
            self.qr_caption.show()
        else:
            self.qr.clear()
            self.qr.hide()
            self.qr_caption.hide()
        self.set_timeline(rows)

    def set_timeline(self, rows: list[TimelineRow]) -> None:
        self.timeline_model.set_rows(rows)
        if rows:
            self.timeline.scrollToBottom()

    def _items_html(self, order: Order) -> str:
        note = html.escape(self.tr("Note"))
        order_note = html.escape(self.tr("Order note"))
        parts = ['<table cellspacing="0" cellpadding="2">']
        for item in order.items:
            parts.append(
                f'<tr><td class="qty"><b>{_qty(item.quantity)}×</b></td>'
                f"<td><b>{html.escape(item.name)}</b></td></tr>"
            )
            for group, options in item.options_by_group():
                names = ", ".join(f"{_qty(o.quantity)}× {html.escape(o.name)}" for o in options)
                heading = f"<i>{html.escape(group)}:</i> " if group else ""
                parts.append(f"<tr><td></td><td>{heading}{names}</td></tr>")
            if item.notes:
                parts.append(
                    '<tr><td></td><td><span style="color:#b00020;"><b>'
                    f"{note}: {html.escape(item.notes)}</b></span></td></tr>"
                )
        parts.append("</table>")
        if order.notes:
            parts.append(
                f'<p style="color:#b00020;"><b>{order_note}: {html.escape(order.notes)}</b></p>'
            )
        return "".join(parts)

    def _customer_html(self, order: Order) -> str:
        out: list[str] = []
        if order.customer is not None:
            out.append(f"<b>{html.escape(order.customer.name)}</b>")
            if order.customer.phone:
                out.append(html.escape(order.customer.phone))
        if order.address is not None:
            out.extend(html.escape(line) for line in order.address.lines())
        out.append("")
        total = labels.format_money(order.totals.total, self._locale)
        total_word = html.escape(self.tr("Total"))
        out.append(f"<b>{total_word}: {total}</b>")
        for payment in order.payments:
            kind = self.tr("prepaid") if payment.prepaid else self.tr("to collect")
            out.append(html.escape(labels.payment_label(payment.method)))
            out.append(f"{kind} · {labels.format_money(payment.amount, self._locale)}")
        return "<br>".join(out)
