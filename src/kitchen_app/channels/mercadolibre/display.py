"""How the desk shows Mercado Libre: its name, badge, statuses (order and shipment),
logistics and payment words. Every word is a ``Text`` in the context ``mercadolibre``."""

from __future__ import annotations

from kitchen_app.channels.base import Display
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.text import QT_TRANSLATE_NOOP, Text

from . import CHANNEL

__all__ = ["DISPLAY", "NO_SHIPMENT"]


def _t(source: str) -> Text:
    return QT_TRANSLATE_NOOP(CHANNEL, source)


_P = StatusPair
NO_SHIPMENT = _t(
    "No shipment yet: arrange delivery with the buyer, or wait for Mercado Libre to create it"
)

DISPLAY = Display(
    name=_t("Mercado Libre"),
    badge="ML",
    color="#FFE600",
    statuses={
        _P("confirmed"): _t("Confirmed, not paid yet"),
        _P("payment_required"): _t("Waiting for payment"),
        _P("payment_in_process"): _t("Payment in process"),
        _P("partially_paid"): _t("Partially paid"),
        _P("paid"): _t("Paid — prepare it"),
        _P("partially_refunded"): _t("Partially refunded"),
        _P("pending_cancel"): _t("Being cancelled"),
        _P("cancelled"): _t("Cancelled by Mercado Libre"),
        _P("invalid"): _t("Invalid"),
        _P("pending"): _t("Shipment pending"),
        _P("handling"): _t("Shipment being prepared"),
        _P("ready_to_ship"): _t("Ready to ship"),
        _P("shipped"): _t("Shipped"),
        _P("shipped", "out_for_delivery"): _t("Out for delivery"),
        _P("delivered"): _t("Delivered"),
        _P("not_delivered", "returning_to_sender"): _t("Not delivered — returning to us"),
        _P("not_delivered"): _t("Not delivered"),
    },
    chips={
        _P("paid"): _t("Paid"),
        _P("cancelled"): _t("Cancelled"),
        _P("pending"): _t("To ship"),
        _P("shipped"): _t("Shipped"),
        _P("delivered"): _t("Delivered"),
        _P("not_delivered"): _t("Returned"),
    },
    logistics={
        "me1": _t("ME1 (own carrier)"),
        "me2": _t("Mercado Envios"),
        "custom": _t("Own shipping"),
        "not_specified": _t("Shipping not specified"),
        "none": _t("Arrange with the buyer"),
    },
    payment_methods={
        "account_money": _t("Mercado Pago balance"),
        "pix": _t("Pix"),
        "master": _t("Mastercard"),
        "visa": _t("Visa"),
        "bolbradesco": _t("Boleto"),
    },
    document=None,
)
