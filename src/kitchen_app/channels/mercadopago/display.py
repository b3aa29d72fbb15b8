"""How the desk shows Mercado Pago Delivery: its name, badge, statuses, logistics and payment
words. Every word is a ``Text`` in the context ``mp_delivery``, extracted by pyside6-lupdate."""

from __future__ import annotations

from kitchen_app.channels.base import Display
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.text import QT_TRANSLATE_NOOP, Text

__all__ = ["DISPLAY"]


def _t(source: str) -> Text:
    return QT_TRANSLATE_NOOP("mp_delivery", source)


_P = StatusPair

DISPLAY = Display(
    name=QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago"),
    badge="MP",
    color="#009EE3",
    statuses={
        _P("pending", "creating_route"): _t("Being created"),
        _P("handling"): _t("Waiting for payment"),
        _P("ready_to_ship", "ready_to_print"): _t("New — accept or cancel"),
        _P("ready_to_ship", "printed"): _t("Accepted"),
        _P("ready_to_ship", "ready_to_cook"): _t("Start cooking"),
        _P("ready_to_ship", "on_route_to_pickup"): _t("Courier on the way"),
        _P("ready_to_ship", "picking_up"): _t("Courier at the counter"),
        _P("shipped", "out_for_delivery"): _t("Out for delivery"),
        _P("shipped", "at_the_door"): _t("At the customer's door"),
        _P("shipped", "delivery_failed"): _t("Delivery failed"),
        _P("delivered"): _t("Delivered"),
        _P("not_delivered"): _t("Not delivered"),
        _P("cancelled", "cancelled_manually"): _t("Cancelled by the store"),
        _P("cancelled", "time_expired"): _t("Cancelled: not accepted in time"),
        _P("cancelled"): _t("Cancelled"),
    },
    chips={
        _P("ready_to_ship", "ready_to_print"): _t("New"),
        _P("ready_to_ship", "printed"): _t("Accepted"),
        _P("ready_to_ship", "ready_to_cook"): _t("Cook now"),
        _P("ready_to_ship", "on_route_to_pickup"): _t("Courier coming"),
        _P("ready_to_ship", "picking_up"): _t("Courier here"),
        _P("shipped", "out_for_delivery"): _t("On its way"),
        _P("shipped", "at_the_door"): _t("At the door"),
        _P("shipped", "delivery_failed"): _t("Failed delivery"),
        _P("delivered"): _t("Delivered"),
        _P("not_delivered"): _t("Not delivered"),
        _P("cancelled", "time_expired"): _t("Expired"),
        _P("cancelled"): _t("Cancelled"),
    },
    logistics={
        "flex": _t("Flex"),
        "dropoff": _t("Dropoff"),
        "takeout": _t("Takeout"),
    },
    payment_methods={
        "DIGITAL_WALLET": _t("Mercado Pago wallet"),
        "CREDIT_CARD": _t("Credit card"),
        "DEBIT_CARD": _t("Debit card"),
        "CASH": _t("Cash"),
        "PIX": _t("Pix"),
    },
    document=_t("Mercado Pago receipt"),
    ticket_words={
        "mp_delivery": {"es": "MP Delivery", "pt": "MP Delivery", "en": "MP Delivery"},
        "flex": {"es": "FLEX", "pt": "FLEX", "en": "FLEX"},
        "dropoff": {"es": "DROPOFF", "pt": "DROPOFF", "en": "DROPOFF"},
        "takeout": {"es": "RETIRO EN LOCAL", "pt": "RETIRADA", "en": "TAKEOUT"},
    },
)
