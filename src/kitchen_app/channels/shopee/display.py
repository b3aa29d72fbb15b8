"""How the desk shows Shopee: its name, badge, statuses and payment words. Every word is a
``Text`` in the context ``shopee``, extracted by pyside6-lupdate.

Statuses are labelled from the OpenAPI meanings (api notes B.3), never from seed 003's
Seller Center table (its rows are shifted). A status not listed is shown raw.
"""

from __future__ import annotations

from kitchen_app.channels.base import Display
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["DISPLAY"]


_P = StatusPair

DISPLAY = Display(
    name=QT_TRANSLATE_NOOP("shopee", "Shopee"),
    badge="Shopee",
    color="#EE4D2D",
    statuses={
        _P("UNPAID"): QT_TRANSLATE_NOOP("shopee", "Waiting for payment"),
        _P("PENDING"): QT_TRANSLATE_NOOP("shopee", "Pending at Shopee"),
        _P("INVOICE_PENDING"): QT_TRANSLATE_NOOP("shopee", "Waiting for the invoice"),
        _P("PENDING_INVOICE"): QT_TRANSLATE_NOOP("shopee", "Waiting for the invoice"),
        _P("READY_TO_SHIP"): QT_TRANSLATE_NOOP("shopee", "Paid — prepare and arrange shipment"),
        _P("PROCESSED"): QT_TRANSLATE_NOOP("shopee", "Shipment arranged"),
        _P("RETRY_SHIP"): QT_TRANSLATE_NOOP("shopee", "Pickup failed — arrange again"),
        _P("SHIPPED"): QT_TRANSLATE_NOOP("shopee", "With the carrier"),
        _P("TO_CONFIRM_RECEIVE"): QT_TRANSLATE_NOOP("shopee", "Delivered — waiting for the buyer"),
        _P("IN_CANCEL"): QT_TRANSLATE_NOOP("shopee", "Buyer asks to cancel — answer"),
        _P("CANCELLED"): QT_TRANSLATE_NOOP("shopee", "Cancelled"),
        _P("TO_RETURN"): QT_TRANSLATE_NOOP("shopee", "Return requested"),
        _P("COMPLETED"): QT_TRANSLATE_NOOP("shopee", "Completed"),
    },
    chips={
        _P("UNPAID"): QT_TRANSLATE_NOOP("shopee", "Unpaid"),
        _P("PENDING"): QT_TRANSLATE_NOOP("shopee", "Pending"),
        _P("INVOICE_PENDING"): QT_TRANSLATE_NOOP("shopee", "Invoice"),
        _P("PENDING_INVOICE"): QT_TRANSLATE_NOOP("shopee", "Invoice"),
        _P("READY_TO_SHIP"): QT_TRANSLATE_NOOP("shopee", "To ship"),
        _P("PROCESSED"): QT_TRANSLATE_NOOP("shopee", "Arranged"),
        _P("RETRY_SHIP"): QT_TRANSLATE_NOOP("shopee", "Retry ship"),
        _P("SHIPPED"): QT_TRANSLATE_NOOP("shopee", "Shipped"),
        _P("TO_CONFIRM_RECEIVE"): QT_TRANSLATE_NOOP("shopee", "Delivered"),
        _P("IN_CANCEL"): QT_TRANSLATE_NOOP("shopee", "Cancel asked"),
        _P("CANCELLED"): QT_TRANSLATE_NOOP("shopee", "Cancelled"),
        _P("TO_RETURN"): QT_TRANSLATE_NOOP("shopee", "Return"),
        _P("COMPLETED"): QT_TRANSLATE_NOOP("shopee", "Completed"),
    },
    # Order.logistics is the package's carrier as Shopee names it: shown as sent.
    logistics={},
    payment_methods={
        "Pix": QT_TRANSLATE_NOOP("shopee", "Pix"),
        "Boleto": QT_TRANSLATE_NOOP("shopee", "Boleto"),
        "Credit Card": QT_TRANSLATE_NOOP("shopee", "Credit card"),
        "Cartão de Crédito": QT_TRANSLATE_NOOP("shopee", "Credit card"),
        "ShopeePay": QT_TRANSLATE_NOOP("shopee", "ShopeePay"),
    },
    document=None,
    # The channel and its one logistics value print the same word.
    ticket_words={"shopee": {"es": "SHOPEE", "pt": "SHOPEE", "en": "SHOPEE"}},
)
