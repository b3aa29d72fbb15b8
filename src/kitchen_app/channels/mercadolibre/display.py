"""How the desk shows Mercado Libre: its name, badge, statuses (order and shipment),
logistics and payment words. Every word is a ``Text`` in the context ``mercadolibre``."""

from __future__ import annotations

from kitchen_app.channels.base import Display
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["DISPLAY", "NO_SHIPMENT"]


_P = StatusPair
NO_SHIPMENT = QT_TRANSLATE_NOOP(
    "mercadolibre",
    "No shipment yet: arrange delivery with the buyer, or wait for Mercado Libre to create it",
)

DISPLAY = Display(
    name=QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre"),
    badge="ML",
    color="#FFE600",
    statuses={
        _P("confirmed"): QT_TRANSLATE_NOOP("mercadolibre", "Confirmed, not paid yet"),
        _P("payment_required"): QT_TRANSLATE_NOOP("mercadolibre", "Waiting for payment"),
        _P("payment_in_process"): QT_TRANSLATE_NOOP("mercadolibre", "Payment in process"),
        _P("partially_paid"): QT_TRANSLATE_NOOP("mercadolibre", "Partially paid"),
        _P("paid"): QT_TRANSLATE_NOOP("mercadolibre", "Paid — prepare it"),
        _P("partially_refunded"): QT_TRANSLATE_NOOP("mercadolibre", "Partially refunded"),
        _P("pending_cancel"): QT_TRANSLATE_NOOP("mercadolibre", "Being cancelled"),
        _P("cancelled"): QT_TRANSLATE_NOOP("mercadolibre", "Cancelled by Mercado Libre"),
        _P("invalid"): QT_TRANSLATE_NOOP("mercadolibre", "Invalid"),
        _P("pending"): QT_TRANSLATE_NOOP("mercadolibre", "Shipment pending"),
        _P("handling"): QT_TRANSLATE_NOOP("mercadolibre", "Shipment being prepared"),
        _P("ready_to_ship"): QT_TRANSLATE_NOOP("mercadolibre", "Ready to ship"),
        _P("shipped"): QT_TRANSLATE_NOOP("mercadolibre", "Shipped"),
        _P("shipped", "out_for_delivery"): QT_TRANSLATE_NOOP("mercadolibre", "Out for delivery"),
        _P("delivered"): QT_TRANSLATE_NOOP("mercadolibre", "Delivered"),
        _P("not_delivered", "returning_to_sender"): QT_TRANSLATE_NOOP(
            "mercadolibre", "Not delivered — returning to us"
        ),
        _P("not_delivered"): QT_TRANSLATE_NOOP("mercadolibre", "Not delivered"),
    },
    chips={
        _P("paid"): QT_TRANSLATE_NOOP("mercadolibre", "Paid"),
        _P("cancelled"): QT_TRANSLATE_NOOP("mercadolibre", "Cancelled"),
        _P("pending"): QT_TRANSLATE_NOOP("mercadolibre", "To ship"),
        _P("shipped"): QT_TRANSLATE_NOOP("mercadolibre", "Shipped"),
        _P("delivered"): QT_TRANSLATE_NOOP("mercadolibre", "Delivered"),
        _P("not_delivered"): QT_TRANSLATE_NOOP("mercadolibre", "Returned"),
    },
    logistics={
        "me1": QT_TRANSLATE_NOOP("mercadolibre", "ME1"),
        "me2": QT_TRANSLATE_NOOP("mercadolibre", "ME2"),
        "custom": QT_TRANSLATE_NOOP("mercadolibre", "Own"),
        "not_specified": QT_TRANSLATE_NOOP("mercadolibre", "To define"),
        "none": QT_TRANSLATE_NOOP("mercadolibre", "Arrange"),
    },
    payment_methods={
        "account_money": QT_TRANSLATE_NOOP("mercadolibre", "Mercado Pago balance"),
        "pix": QT_TRANSLATE_NOOP("mercadolibre", "Pix"),
        "master": QT_TRANSLATE_NOOP("mercadolibre", "Mastercard"),
        "visa": QT_TRANSLATE_NOOP("mercadolibre", "Visa"),
        "bolbradesco": QT_TRANSLATE_NOOP("mercadolibre", "Boleto"),
    },
    document=None,
    ticket_words={
        "mercadolibre": {"es": "Mercado Libre", "pt": "Mercado Livre", "en": "Mercado Libre"},
        "me1": {"es": "ME1", "pt": "ME1", "en": "ME1"},
        "me2": {"es": "ME2", "pt": "ME2", "en": "ME2"},
        # orders without a carrier shipment: own shipping, not specified yet, arranged with
        # the buyer
        "custom": {"es": "ENVÍO PROPIO", "pt": "ENVIO PRÓPRIO", "en": "OWN SHIPPING"},
        "not_specified": {"es": "ENVÍO A DEFINIR", "pt": "ENVIO A DEFINIR", "en": "SHIPPING TBD"},
        "none": {"es": "A COMBINAR", "pt": "A COMBINAR", "en": "ARRANGE WITH BUYER"},
    },
)
