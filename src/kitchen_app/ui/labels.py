"""Human words for the desk's codes (statuses, stages, logistics, channels, actions), in the
UI language through Qt translations, and money/time formatting per QLocale."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from kitchen_app.domain import Channel, Logistics, Money, Stage, StatusPair

log = logging.getLogger(__name__)

_CTX = "Labels"

_STATUS: dict[str, str] = {
    "pending/creating_route": QT_TRANSLATE_NOOP("Labels", "Being created"),
    "handling": QT_TRANSLATE_NOOP("Labels", "Waiting for payment"),
    "ready_to_ship/ready_to_print": QT_TRANSLATE_NOOP("Labels", "New — accept or cancel"),
    "ready_to_ship/printed": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "ready_to_ship/ready_to_cook": QT_TRANSLATE_NOOP("Labels", "Start cooking"),
    "ready_to_ship/on_route_to_pickup": QT_TRANSLATE_NOOP("Labels", "Courier on the way"),
    "ready_to_ship/picking_up": QT_TRANSLATE_NOOP("Labels", "Courier at the counter"),
    "shipped/out_for_delivery": QT_TRANSLATE_NOOP("Labels", "Out for delivery"),
    "shipped/at_the_door": QT_TRANSLATE_NOOP("Labels", "At the customer's door"),
    "shipped/delivery_failed": QT_TRANSLATE_NOOP("Labels", "Delivery failed"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "not_delivered": QT_TRANSLATE_NOOP("Labels", "Not delivered"),
    "cancelled/cancelled_manually": QT_TRANSLATE_NOOP("Labels", "Cancelled by the store"),
    "cancelled/time_expired": QT_TRANSLATE_NOOP("Labels", "Cancelled: not accepted in time"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

# Stages name the list's filters (groups of orders), so they have their own context: in
# Spanish and Portuguese they read as plurals, unlike the same English word for one status.
# Short words for the list's status chips (the detail pane shows the full label).
_SHORT_STATUS: dict[str, str] = {
    "ready_to_ship/ready_to_print": QT_TRANSLATE_NOOP("Chips", "New"),
    "ready_to_ship/printed": QT_TRANSLATE_NOOP("Chips", "Accepted"),
    "ready_to_ship/ready_to_cook": QT_TRANSLATE_NOOP("Chips", "Cook now"),
    "ready_to_ship/on_route_to_pickup": QT_TRANSLATE_NOOP("Chips", "Courier coming"),
    "ready_to_ship/picking_up": QT_TRANSLATE_NOOP("Chips", "Courier here"),
    "shipped/out_for_delivery": QT_TRANSLATE_NOOP("Chips", "On its way"),
    "shipped/at_the_door": QT_TRANSLATE_NOOP("Chips", "At the door"),
    "shipped/delivery_failed": QT_TRANSLATE_NOOP("Chips", "Failed delivery"),
    "delivered": QT_TRANSLATE_NOOP("Chips", "Delivered"),
    "not_delivered": QT_TRANSLATE_NOOP("Chips", "Not delivered"),
    "cancelled/time_expired": QT_TRANSLATE_NOOP("Chips", "Expired"),
    "cancelled": QT_TRANSLATE_NOOP("Chips", "Cancelled"),
}

_CHANNEL_SHORT: dict[str, str] = {
    Channel.MP_DELIVERY: "MP",
    Channel.MERCADOLIBRE: "ML",
    Channel.SHOPEE: "Shopee",
}

_STAGE: dict[Stage, str] = {
    Stage.NEW: QT_TRANSLATE_NOOP("Stages", "New"),
    Stage.PREPARING: QT_TRANSLATE_NOOP("Stages", "Preparing"),
    Stage.ON_THE_WAY: QT_TRANSLATE_NOOP("Stages", "On the way"),
    Stage.DONE: QT_TRANSLATE_NOOP("Stages", "Done"),
    Stage.CANCELLED: QT_TRANSLATE_NOOP("Stages", "Cancelled"),
}

_PAYMENT: dict[str, str] = {
    "DIGITAL_WALLET": QT_TRANSLATE_NOOP("Labels", "Mercado Pago wallet"),
    "CREDIT_CARD": QT_TRANSLATE_NOOP("Labels", "Credit card"),
    "DEBIT_CARD": QT_TRANSLATE_NOOP("Labels", "Debit card"),
    "CASH": QT_TRANSLATE_NOOP("Labels", "Cash"),
    "PIX": QT_TRANSLATE_NOOP("Labels", "Pix"),
}

_LOGISTICS: dict[str, str] = {
    Logistics.FLEX: QT_TRANSLATE_NOOP("Labels", "Flex"),
    Logistics.DROPOFF: QT_TRANSLATE_NOOP("Labels", "Dropoff"),
    Logistics.TAKEOUT: QT_TRANSLATE_NOOP("Labels", "Takeout"),
    Logistics.ME1: QT_TRANSLATE_NOOP("Labels", "Own shipping"),
    Logistics.ME2: QT_TRANSLATE_NOOP("Labels", "Mercado Envíos"),
    Logistics.SHOPEE: QT_TRANSLATE_NOOP("Labels", "Shopee shipping"),
}

_CHANNEL: dict[str, str] = {
    Channel.MP_DELIVERY: QT_TRANSLATE_NOOP("Labels", "Mercado Pago"),
    Channel.MERCADOLIBRE: QT_TRANSLATE_NOOP("Labels", "Mercado Libre"),
    Channel.SHOPEE: QT_TRANSLATE_NOOP("Labels", "Shopee"),
}

_ACTION: dict[str, str] = {
    "accept": QT_TRANSLATE_NOOP("Labels", "Accept"),
    "cancel": QT_TRANSLATE_NOOP("Labels", "Cancel"),
    "mark_ready": QT_TRANSLATE_NOOP("Labels", "Mark ready"),
    "print_label_pdf": QT_TRANSLATE_NOOP("Labels", "Mercado Pago receipt"),
    "kitchen": QT_TRANSLATE_NOOP("Labels", "Kitchen ticket"),
    "receipt": QT_TRANSLATE_NOOP("Labels", "Customer receipt"),
    "label_pdf": QT_TRANSLATE_NOOP("Labels", "Mercado Pago receipt"),
}

_STATE: dict[str, str] = {
    "requested": QT_TRANSLATE_NOOP("Labels", "requested"),
    "sent": QT_TRANSLATE_NOOP("Labels", "sent"),
    "pending": QT_TRANSLATE_NOOP("Labels", "pending — will retry"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "confirmed"),
    "failed": QT_TRANSLATE_NOOP("Labels", "failed"),
    "queued": QT_TRANSLATE_NOOP("Labels", "queued"),
    "printing": QT_TRANSLATE_NOOP("Labels", "printing"),
    "printed": QT_TRANSLATE_NOOP("Labels", "printed"),
    "uncertain": QT_TRANSLATE_NOOP("Labels", "maybe printed — check the printer"),
}

_CURRENCY_SYMBOL = {"ARS": "$", "BRL": "R$", "MXN": "$", "USD": "US$", "CLP": "$", "COP": "$"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def status_label(pair: StatusPair) -> str:
    source = _STATUS.get(str(pair)) or _STATUS.get(pair.status)
    return _tr(source) if source else str(pair)


def short_status_label(pair: StatusPair) -> str:
    source = _SHORT_STATUS.get(str(pair)) or _SHORT_STATUS.get(pair.status)
    return QCoreApplication.translate("Chips", source) if source else status_label(pair)


def short_channel_label(channel: str) -> str:
    return _CHANNEL_SHORT.get(channel, str(channel))


def stage_label(stage: Stage) -> str:
    return QCoreApplication.translate("Stages", _STAGE[stage])


def payment_label(method: str) -> str:
    source = _PAYMENT.get(method.upper())
    return _tr(source) if source else method.replace("_", " ").lower()


def logistics_label(logistics: str) -> str:
    source = _LOGISTICS.get(logistics)
    return _tr(source) if source else str(logistics)


def channel_label(channel: str) -> str:
    source = _CHANNEL.get(channel)
    return _tr(source) if source else str(channel)


def action_label(kind: str) -> str:
    source = _ACTION.get(kind)
    return _tr(source) if source else kind


def state_label(state: str) -> str:
    source = _STATE.get(str(state))
    return _tr(source) if source else str(state)


def format_money(money: Money, locale: QLocale) -> str:
    """Money in the UI locale's separators, with the order's currency symbol. Decimal all the
    way: the amount is never turned into a float."""
    amount: Decimal = money.amount
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    group = locale.groupSeparator()
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    number = f"{group.join(parts)}{locale.decimalPoint()}{cents}"
    symbol = _CURRENCY_SYMBOL.get(money.currency, money.currency)
    space = "" if locale.language() == QLocale.Language.English else " "
    return f"{sign}{symbol}{space}{number}"


def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def format_time(moment: datetime, tz: tzinfo | None, *, seconds: bool = False) -> str:
    return to_local(moment, tz).strftime("%H:%M:%S" if seconds else "%H:%M")


def format_countdown(left: timedelta) -> str:
    """m:ss left; once overdue, a leading minus."""
    total = int(left.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 60}:{total % 60:02d}"


def short_status_texts() -> list[str]:
    """Every status chip's text (to size the status column without reading the orders)."""
    return [QCoreApplication.translate("Chips", s) for s in _SHORT_STATUS.values()]


def logistics_texts() -> list[str]:
    return [_tr(s) for s in _LOGISTICS.values()]


def short_channel_texts() -> list[str]:
    return list(_CHANNEL_SHORT.values())
