"""One ``get_order_detail`` entry (api notes B.2) → the desk's ``Order``, tolerantly.

What is read, and why:

* ``order_sn`` is the order id and what staff see (Shopee's own screens show it).
* ``order_status`` is kept raw: every documented status (both ``INVOICE_PENDING`` and
  ``PENDING_INVOICE``, seed 003) and any unknown one. An unknown one is logged once and the
  order is shown with it (B.3: never parked or dropped).
* Times are unix seconds (``create_time``, ``update_time``, ``pay_time``, ``ship_by_date``).
  ``update_time`` moves on any change, and is the time of the status observed with it.
* Items: ``item_name`` with the ``model_name`` in brackets (the variation the buyer chose), the
  ``model_quantity_purchased``, the price paid (``model_discounted_price``, else
  ``model_original_price``). ``OrderItem.id`` is ``"<item_id>/<model_id>"``: what
  ``cancel_order``'s ``item_list`` needs back for ``OUT_OF_STOCK``.
* Money is Decimal in the order's ``currency``. ``total_amount`` is what the buyer paid
  (items + buyer shipping − Shopee promotions; present only after payment). The difference to
  the items' sum is shown as shipping when positive and as a discount when negative, so the
  ticket's lines always add up to what Shopee says the buyer paid.
* ``message_to_seller`` (the buyer's message) is the order's note on tickets.
* ``recipient_address`` may be masked (``****``): shown as sent.

A broken answer (no sn, no currency, an item that is not an object…) raises ``BadResponse``
naming the field; optional display parts of the wrong shape are ignored and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kitchen_app.channels.errors import BadResponse
from kitchen_app.channels.readers import text_or_none
from kitchen_app.domain import Order
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.money import Money, MoneyError
from kitchen_app.domain.order import Address, Customer, Fee, OrderItem, Payment, Totals
from kitchen_app.domain.tracks import TrackState

from . import CHANNEL

__all__ = [
    "KNOWN_STATUSES",
    "Package",
    "ShopeeFacts",
    "handles_of",
    "map_any",
    "map_order",
    "read_facts",
    "unix_time",
]

log = logging.getLogger(__name__)

KNOWN_STATUSES = frozenset(
    {
        "UNPAID",
        "PENDING",
        "INVOICE_PENDING",
        "PENDING_INVOICE",
        "READY_TO_SHIP",
        "PROCESSED",
        "RETRY_SHIP",
        "SHIPPED",
        "TO_CONFIRM_RECEIVE",
        "IN_CANCEL",
        "CANCELLED",
        "TO_RETURN",
        "COMPLETED",
    }
)
_logged_unknown: set[str] = set()
_MAX_QUANTITY = Decimal(9999)


@dataclass(frozen=True, slots=True)
class Package:
    package_number: str
    logistics_status: str | None
    shipping_carrier: str | None


@dataclass(frozen=True, slots=True)
class ShopeeFacts:
    """What the plug-in needs beyond ``Order``: deadlines, actions' preconditions, evidence."""

    order_sn: str
    status: str
    update_time: datetime | None
    pay_time: datetime | None
    ship_by: datetime | None
    days_to_ship: int | None
    packages: tuple[Package, ...]
    shipping_carrier: str | None
    cancel_by: str | None
    cancel_reason: str | None
    buyer_cancel_reason: str | None
    tracking_number: str | None  # added by the plug-in from get_tracking_number


def _bad(field: str, problem: str) -> BadResponse:
    return BadResponse(f"Shopee order JSON: {field} {problem}")


def unix_time(value: object) -> datetime | None:
    """Unix seconds (int, float or digits) as an aware UTC time; 0 / null / junk → None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _number(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(field, "is not a number")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise _bad(field, "is not a number") from None
    if not number.is_finite():
        raise _bad(field, "is not a number")
    return number


def _money(value: object, currency: str, field: str) -> Money:
    number = _number(value, field)
    if number < 0:
        raise _bad(field, "is negative")
    try:
        return Money(number, currency)
    except (MoneyError, ArithmeticError):
        raise _bad(field, "is not an amount of money") from None


def _part(value: object, field: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        log.warning("Shopee order JSON: %s is not an object, ignored", field)
        return {}
    return value


def _item(raw: object, where: str, currency: str) -> OrderItem:
    if not isinstance(raw, dict):
        raise _bad(where, "is not an object")
    name = text_or_none(raw.get("item_name"))
    if name is None:
        raise _bad(f"{where}.item_name", "is missing")
    model = text_or_none(raw.get("model_name"))
    quantity_raw = raw.get("model_quantity_purchased")
    quantity = Decimal(1) if quantity_raw is None else _number(quantity_raw, f"{where}.quantity")
    if quantity <= 0 or quantity > _MAX_QUANTITY:
        raise _bad(f"{where}.model_quantity_purchased", "is not a sensible quantity")
    price_raw = raw.get("model_discounted_price")
    if price_raw is None:
        price_raw = raw.get("model_original_price")
    unit = _money(price_raw if price_raw is not None else 0, currency, f"{where}.price")
    item_id, model_id = text_or_none(raw.get("item_id")), text_or_none(raw.get("model_id"))
    ref = f"{item_id}/{model_id or '0'}" if item_id else None
    return OrderItem(
        # The variation the buyer chose is part of what to make: "Marmita (Grande)".
        name=f"{name} ({model})" if model else name,
        quantity=quantity,
        unit_price=unit,
        total_price=unit * quantity,
        external_code=text_or_none(raw.get("model_sku")) or text_or_none(raw.get("item_sku")),
        id=ref,
        ref=ref,
    )


def _address(raw: Mapping[str, Any]) -> Address | None:
    full = text_or_none(raw.get("full_address"))
    if full is None:
        return None
    return Address(
        formatted=full,
        city=text_or_none(raw.get("city")),
        state=text_or_none(raw.get("state")),
        postal_code=text_or_none(raw.get("zipcode")),
        complement=text_or_none(raw.get("district")),
        country=text_or_none(raw.get("region")),
    )


def _customer(raw: Mapping[str, Any], address: Mapping[str, Any]) -> Customer | None:
    name = text_or_none(raw.get("buyer_username")) or text_or_none(address.get("name"))
    if name is None:
        return None
    return Customer(
        name=name,
        phone=text_or_none(address.get("phone")),
        id=text_or_none(raw.get("buyer_user_id")),
    )


def _status(raw: Mapping[str, Any]) -> str:
    status = text_or_none(raw.get("order_status"))
    if status is None:
        raise _bad("order_status", "is missing")
    if status not in KNOWN_STATUSES and status not in _logged_unknown:
        _logged_unknown.add(status)
        log.warning("Shopee order status %r is not documented: shown as sent", status)
    return status


def _packages(raw: Mapping[str, Any]) -> tuple[Package, ...]:
    packages: list[Package] = []
    listed = raw.get("package_list")
    for entry in listed if isinstance(listed, list) else []:
        if isinstance(entry, dict) and (number := text_or_none(entry.get("package_number"))):
            packages.append(
                Package(
                    number,
                    text_or_none(entry.get("logistics_status")),
                    text_or_none(entry.get("shipping_carrier")),
                )
            )
    return tuple(packages)


def read_facts(raw: Mapping[str, Any], tracking_number: str | None = None) -> ShopeeFacts:
    sn = text_or_none(raw.get("order_sn"))
    if sn is None:
        raise _bad("order_sn", "is missing")
    days = raw.get("days_to_ship")
    packages = _packages(raw)
    carrier = text_or_none(raw.get("shipping_carrier")) or next(
        (p.shipping_carrier for p in packages if p.shipping_carrier), None
    )
    return ShopeeFacts(
        order_sn=sn,
        status=_status(raw),
        update_time=unix_time(raw.get("update_time")),
        pay_time=unix_time(raw.get("pay_time")),
        ship_by=unix_time(raw.get("ship_by_date")),
        days_to_ship=days if isinstance(days, int) and not isinstance(days, bool) else None,
        packages=packages,
        shipping_carrier=carrier,
        cancel_by=text_or_none(raw.get("cancel_by")),
        cancel_reason=text_or_none(raw.get("cancel_reason")),
        buyer_cancel_reason=text_or_none(raw.get("buyer_cancel_reason")),
        tracking_number=tracking_number or None,
    )


def handles_of(facts: ShopeeFacts) -> dict[str, str]:
    """What later calls and the actions' rules need: package, tracking number, pay time."""
    handles = {"order_sn": facts.order_sn}
    if facts.packages:
        handles["package_number"] = facts.packages[0].package_number
        if facts.packages[0].logistics_status:
            handles["logistics_status"] = facts.packages[0].logistics_status
    if facts.tracking_number:
        handles["tracking_number"] = facts.tracking_number
    if facts.pay_time is not None:
        handles["pay_time"] = str(int(facts.pay_time.timestamp()))
    if facts.update_time is not None:
        handles["update_time"] = str(int(facts.update_time.timestamp()))
    return handles


def map_order(raw: Mapping[str, Any], *, tracking_number: str | None = None) -> Order:
    """An ``order_list`` entry of ``get_order_detail`` as the desk's ``Order``.

    ``tracking_number``: from ``get_tracking_number`` (``""``/None until the carrier gives one).
    """
    if not isinstance(raw, dict):
        raise _bad("order", "is not an object")
    facts = read_facts(raw, tracking_number)
    currency = text_or_none(raw.get("currency"))
    if currency is None or len(currency) != 3 or not currency.isalpha():
        raise _bad("currency", "is not a currency code")
    currency = currency.upper()
    created = unix_time(raw.get("create_time")) or facts.update_time
    if created is None:
        raise _bad("create_time", "is missing")
    listed = raw.get("item_list")
    if listed is not None and not isinstance(listed, list):
        raise _bad("item_list", "is not a list")
    items = tuple(_item(entry, f"item_list[{n}]", currency) for n, entry in enumerate(listed or []))
    items_sum = sum((item.total_price for item in items), Money.zero(currency))
    paid_raw = raw.get("total_amount")
    total = items_sum if paid_raw is None else _money(paid_raw, currency, "total_amount")
    difference = total - items_sum
    fees: tuple[Fee, ...] = ()
    fees_sum = discount = Money.zero(currency)
    if difference.amount > 0:
        fees = (Fee(name="Frete", kind="DELIVERY_FEE", price=difference),)
        fees_sum = difference
    elif difference.amount < 0:
        discount = -difference
    address_raw = _part(raw.get("recipient_address"), "recipient_address")
    method = text_or_none(raw.get("payment_method"))
    cod = raw.get("cod") is True
    payments = (
        (Payment(amount=total, method=method, kind="COD" if cod else "PREPAID", prepaid=not cod),)
        if method
        else ()
    )
    status = StatusPair(facts.status)
    return Order(
        channel=CHANNEL,
        order_id=facts.order_sn,
        display_id=facts.order_sn,
        created_at=created,
        status=status,
        # The carrier as Shopee names it ("Correios", "Shopee Xpress"…), shown as sent.
        logistics=facts.shipping_carrier or CHANNEL,
        store_id=None,
        store_name=None,
        items=items,
        totals=Totals(items=items_sum, fees=fees_sum, discount=discount, total=total),
        fees=fees,
        payments=payments,
        customer=_customer(raw, address_raw),
        address=_address(address_raw),
        notes=text_or_none(raw.get("message_to_seller")),
        raw=dict(raw),
        ship_by=facts.ship_by,
        handles=handles_of(facts),
        state=(TrackState("order", status),),
    )


def map_any(raw: Mapping[str, Any]) -> Order:
    """An order as a file may hold it (``kitchen-app ticket``): one ``get_order_detail``
    entry, ``{"order": entry}``, or a whole answer ``{"response": {"order_list": [entry]}}``."""
    entry: object = raw
    if isinstance(raw.get("response"), dict):
        listed = raw["response"].get("order_list")
        if not isinstance(listed, list) or len(listed) != 1:
            raise _bad("response.order_list", "does not hold exactly one order")
        entry = listed[0]
    elif isinstance(raw.get("order"), dict):
        entry = raw["order"]
    if not isinstance(entry, dict):
        raise _bad("order", "is not an object")
    tracking = raw.get("tracking_number")
    return map_order(entry, tracking_number=tracking if isinstance(tracking, str) else None)
