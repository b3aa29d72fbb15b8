"""How the desk shows Shopee: its name, badge, statuses and payment words. Every word is a
``Text`` in the context ``shopee``, extracted by pyside6-lupdate.

Statuses are labelled from the OpenAPI meanings (api notes B.3), never from seed 003's
Seller Center table (its rows are shifted). A status not listed is shown raw.
"""

from __future__ import annotations

from kitchen_app.channels.base import Display
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.text import QT_TRANSLATE_NOOP, Text

__all__ = ["DISPLAY"]


def _t(source: str) -> Text:
    return QT_TRANSLATE_NOOP("shopee", source)


_P = StatusPair

DISPLAY = Display(
    name=QT_TRANSLATE_NOOP("shopee", "Shopee"),
    badge="Shopee",
    color="#EE4D2D",
    statuses={
        _P("UNPAID"): _t("Waiting for payment"),
        _P("PENDING"): _t("Pending at Shopee"),
        _P("INVOICE_PENDING"): _t("Waiting for the invoice"),
        _P("PENDING_INVOICE"): _t("Waiting for the invoice"),
        _P("READY_TO_SHIP"): _t("Paid — prepare and arrange shipment"),
        _P("PROCESSED"): _t("Shipment arranged"),
        _P("RETRY_SHIP"): _t("Pickup failed — arrange again"),
        _P("SHIPPED"): _t("With the carrier"),
        _P("TO_CONFIRM_RECEIVE"): _t("Delivered — waiting for the buyer"),
        _P("IN_CANCEL"): _t("Buyer asks to cancel — answer"),
        _P("CANCELLED"): _t("Cancelled"),
        _P("TO_RETURN"): _t("Return requested"),
        _P("COMPLETED"): _t("Completed"),
    },
    chips={
        _P("UNPAID"): _t("Unpaid"),
        _P("PENDING"): _t("Pending"),
        _P("INVOICE_PENDING"): _t("Invoice"),
        _P("PENDING_INVOICE"): _t("Invoice"),
        _P("READY_TO_SHIP"): _t("To ship"),
        _P("PROCESSED"): _t("Arranged"),
        _P("RETRY_SHIP"): _t("Retry ship"),
        _P("SHIPPED"): _t("Shipped"),
        _P("TO_CONFIRM_RECEIVE"): _t("Delivered"),
        _P("IN_CANCEL"): _t("Cancel asked"),
        _P("CANCELLED"): _t("Cancelled"),
        _P("TO_RETURN"): _t("Return"),
        _P("COMPLETED"): _t("Completed"),
    },
    # Order.logistics is the package's carrier as Shopee names it: shown as sent.
    logistics={},
    payment_methods={
        "Pix": _t("Pix"),
        "Boleto": _t("Boleto"),
        "Credit Card": _t("Credit card"),
        "Cartão de Crédito": _t("Credit card"),
        "ShopeePay": _t("ShopeePay"),
    },
    document=None,
)
