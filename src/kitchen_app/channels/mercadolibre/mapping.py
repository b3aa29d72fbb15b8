"""Mercado Libre JSON (order, shipment, pack) → the desk's order. Pure: no I/O.

Two steps, so the marketplace's rules live in one place whatever the desk's ``Order``
looks like: ``read_order`` gives an ``MlOrder`` (everything Mercado Libre said that the desk
uses, raw statuses kept), and ``to_domain`` makes the desk's ``domain.Order`` from it.

Rules (api notes A.2, A.4; seeds 001, 002, 004):

* Both order formats are read: the new one (``shipping`` is ``{"id"}`` only; the shipment
  comes from ``GET /shipments/{id}``) and the previous one (``shipping`` embeds ``mode``,
  ``status``, ``substatus`` and ``receiver_address``, seed 004). A separate shipment answer
  wins over the embedded one.
* ``shipping.id`` null has two documented meanings (seed 004): "arrange with the buyer"
  (no cart, no shipment ever) and "shipment not created yet" (a notification follows). The
  JSON cannot tell them apart: ``MlOrder.shipping_note`` says so, and the order is shown.
* A substatus of JSON ``null``, ``"null"``, ``""`` or absent is none. Unknown order and
  shipment statuses are kept raw and logged once; only a missing or non-text order status
  makes the order unreadable.
* ``pack_id``: the cart (null outside carts). ``application_id`` and ids beyond 2^53 are
  read as text.
* Money: ``Decimal`` through ``Money.parse``; every amount in the order's ``currency_id``
  (BRL, ARS, MXN…). ``total_amount`` is the items' total; a previous-format
  ``total_amount_with_shipping`` or the payments' ``shipping_cost`` add the shipping fee.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kitchen_app.channels.readers import text_or_none
from kitchen_app.domain import (
    Address,
    Customer,
    Fee,
    Money,
    MoneyError,
    Order,
    OrderItem,
    Payment,
    StatusPair,
    Totals,
    TrackState,
)

from ..errors import BadResponse
from . import CHANNEL
from .client import is_no_substatus

__all__ = [
    "KNOWN_ORDER_STATUSES",
    "KNOWN_SHIPMENT_STATUSES",
    "MlItem",
    "MlOrder",
    "MlShipment",
    "ShipmentVisit",
    "parse_timestamp",
    "read_order",
    "read_shipment",
    "to_domain",
]

log = logging.getLogger(__name__)

KNOWN_ORDER_STATUSES = frozenset(
    {
        "confirmed",
        "payment_required",
        "payment_in_process",
        "partially_paid",
        "paid",
        "partially_refunded",
        "pending_cancel",
        "cancelled",
        "invalid",
    }
)
KNOWN_SHIPMENT_STATUSES = frozenset(
    {
        "to_be_agreed",
        "pending",
        "handling",
        "ready_to_ship",
        "shipped",
        "delivered",
        "not_delivered",
        "not_verified",
        "cancelled",
        "closed",
        "error",
        "active",
        "not_specified",
        "stale_ready_to_ship",
        "stale_shipped",
    }
)
_logged_unknown: set[str] = set()
_MAX_QUANTITY = Decimal(9999)
_MODES = frozenset({"me1", "me2", "custom", "not_specified"})


def parse_timestamp(value: object) -> datetime | None:
    """A Mercado Libre date (ISO-8601 with milliseconds and an offset, or ``Z``) as an aware
    datetime; None when it is not one. A date without an offset (never documented) is read
    as UTC, the zone of Mercado Libre's notification times (A.0)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _bad(what: str, field_name: str, problem: str) -> BadResponse:
    return BadResponse(f"{what} JSON: {field_name} {problem}")


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _sub(value: object) -> str | None:
    return None if is_no_substatus(value) or not isinstance(value, str) else value.strip()


def _note_unknown(kind: str, status: str, known: frozenset[str]) -> None:
    if status not in known and f"{kind}:{status}" not in _logged_unknown:
        _logged_unknown.add(f"{kind}:{status}")
        log.warning("%s status %.40r is not a documented one; shown as sent", kind, status)


def _time(value: object, what: str, field_name: str) -> datetime | None:
    if value is None or value == "":
        return None
    parsed = parse_timestamp(value)
    if parsed is None:
        log.warning("%s JSON: %s is not a date-time, ignored", what, field_name)
    return parsed


def _number(value: object, field_name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad("order", field_name, "is not a number")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise _bad("order", field_name, "is not a number") from exc
    if not number.is_finite() or number < 0:
        raise _bad("order", field_name, "is not an amount")
    return number


def _money(value: object, currency: str, field_name: str) -> Money:
    try:
        return Money.parse(_number(value, field_name), currency)
    except (MoneyError, ArithmeticError) as exc:
        raise _bad("order", field_name, "is not an amount of money") from exc


@dataclass(frozen=True, slots=True)
class ShipmentVisit:
    pair: StatusPair
    at: datetime | None


@dataclass(frozen=True, slots=True)
class MlShipment:
    id: str
    mode: str | None  # me1, me2, custom, not_specified
    logistic_type: str | None
    status: StatusPair
    tracking_number: str | None
    handling_limit: datetime | None  # shipping_option.estimated_handling_limit.date
    history: tuple[ShipmentVisit, ...]  # substatus_history, oldest first
    last_updated: datetime | None
    address: Address | None
    receiver_name: str | None
    receiver_phone: str | None
    site_id: str | None


@dataclass(frozen=True, slots=True)
class MlItem:
    item_id: str | None
    variation_id: str | None
    title: str
    quantity: Decimal
    unit_price: Money
    variation: str | None  # "Cor: Cinza-escuro"

    @property
    def ref(self) -> str | None:
        """``item#variation``: what the stock action names."""
        if self.item_id is None:
            return None
        return f"{self.item_id}#{self.variation_id}" if self.variation_id else self.item_id


@dataclass(frozen=True, slots=True)
class MlOrder:
    id: str
    status: StatusPair  # (status, status_detail)
    created_at: datetime
    last_updated: datetime | None
    pack_id: str | None
    shipment_id: str | None
    shipment: MlShipment | None
    currency: str
    items: tuple[MlItem, ...]
    items_total: Money
    shipping_cost: Money
    paid: Money
    buyer_name: str
    buyer_nickname: str | None
    buyer_phone: str | None
    buyer_id: str | None
    seller_id: str | None
    site_id: str | None
    tags: tuple[str, ...]
    sale_feedback: bool  # the seller already left feedback
    payment_methods: tuple[str, ...]
    related_order_ids: tuple[str, ...] = ()  # the other orders of the cart (from /packs)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def logistics(self) -> str:
        """``me1``, ``me2``, ``custom``, ``not_specified``, or ``none`` (no shipment). A mode
        not listed in A.4 reads as ``not_specified``: the ticket labels each of these."""
        if self.shipment is not None and self.shipment.mode:
            mode = self.shipment.mode.lower()
            return mode if mode in _MODES else "not_specified"
        return "me1" if self.shipment_id is not None else "none"

    @property
    def shipping_note(self) -> str | None:
        """Why there is no shipment, when there is none (seed 004's two meanings)."""
        if self.shipment_id is not None:
            return None
        if self.pack_id is None:
            return (
                "No shipment: arrange delivery with the buyer, or the shipment is not "
                "created yet (it appears when Mercado Libre notifies it)"
            )
        return "Shipment not created yet: it appears when Mercado Libre notifies it"

    @property
    def ship_by(self) -> datetime | None:
        return self.shipment.handling_limit if self.shipment is not None else None

    @property
    def total(self) -> Money:
        return self.items_total + self.shipping_cost


def _address(raw: dict[str, Any]) -> Address | None:
    if not raw:
        return None
    street = " ".join(
        p
        for p in (text_or_none(raw.get("street_name")), text_or_none(raw.get("street_number")))
        if p
    )
    formatted = street or text_or_none(raw.get("address_line"))
    city = text_or_none(_dict(raw.get("city")).get("name"))
    if formatted is None and city is None:
        return None
    lat, lon = raw.get("latitude"), raw.get("longitude")
    return Address(
        formatted=formatted or "",
        city=city,
        state=text_or_none(_dict(raw.get("state")).get("name")),
        postal_code=text_or_none(raw.get("zip_code")),
        complement=text_or_none(raw.get("comment")),
        reference=text_or_none(_dict(raw.get("neighborhood")).get("name")),
        country=text_or_none(_dict(raw.get("country")).get("id")),
        latitude=float(lat) if isinstance(lat, int | float) and not isinstance(lat, bool) else None,
        longitude=float(lon)
        if isinstance(lon, int | float) and not isinstance(lon, bool)
        else None,
    )


def read_shipment(raw: dict[str, Any]) -> MlShipment:
    """A ``GET /shipments/{id}`` answer (or the previous format's embedded ``shipping``)."""
    if not isinstance(raw, dict):
        raise BadResponse("shipment JSON: not an object")
    shipment_id = text_or_none(raw.get("id"))
    if shipment_id is None:
        raise _bad("shipment", "id", "is missing")
    status = raw.get("status")
    if not isinstance(status, str) or not status.strip():
        raise _bad("shipment", "status", "is missing")
    _note_unknown("shipment", status.strip(), KNOWN_SHIPMENT_STATUSES)
    history = []
    for entry in raw.get("substatus_history") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("status"), str):
            continue
        history.append(
            ShipmentVisit(
                StatusPair(entry["status"].strip(), _sub(entry.get("substatus"))),
                _time(entry.get("date"), "shipment", "substatus_history.date"),
            )
        )
    logistic = _dict(raw.get("logistic"))
    option = _dict(raw.get("shipping_option"))
    address_raw = _dict(raw.get("receiver_address")) or _dict(
        _dict(raw.get("destination")).get("shipping_address")
    )
    receiver = _dict(raw.get("destination"))
    return MlShipment(
        id=shipment_id,
        mode=text_or_none(raw.get("mode"))
        or text_or_none(raw.get("shipping_mode"))
        or text_or_none(logistic.get("mode")),
        logistic_type=text_or_none(raw.get("logistic_type"))
        or text_or_none(logistic.get("type"))
        or text_or_none(option.get("logistic_type")),
        status=StatusPair(status.strip(), _sub(raw.get("substatus"))),
        tracking_number=text_or_none(raw.get("tracking_number")),
        handling_limit=_time(
            _dict(option.get("estimated_handling_limit")).get("date"),
            "shipment",
            "shipping_option.estimated_handling_limit.date",
        ),
        history=tuple(history),
        last_updated=_time(raw.get("last_updated"), "shipment", "last_updated"),
        address=_address(address_raw),
        receiver_name=text_or_none(address_raw.get("receiver_name"))
        or text_or_none(receiver.get("receiver_name")),
        receiver_phone=text_or_none(address_raw.get("receiver_phone"))
        or text_or_none(receiver.get("receiver_phone")),
        site_id=text_or_none(raw.get("site_id")),
    )


def _items(raw: object, currency: str) -> tuple[MlItem, ...]:
    if raw is None:
        raise _bad("order", "order_items", "is missing")
    if not isinstance(raw, list):
        raise _bad("order", "order_items", "is not a list")
    items = []
    for index, entry in enumerate(raw):
        where = f"order_items[{index}]"
        if not isinstance(entry, dict):
            raise _bad("order", where, "is not an object")
        item = _dict(entry.get("item"))
        title = text_or_none(item.get("title"))
        if title is None:
            raise _bad("order", f"{where}.item.title", "is missing")
        quantity = _number(entry.get("quantity"), f"{where}.quantity")
        if quantity <= 0 or quantity > _MAX_QUANTITY:
            raise _bad("order", f"{where}.quantity", "is not a sensible quantity")
        code = entry.get("currency_id", currency)
        if isinstance(code, str) and code.strip().upper() != currency:
            raise _bad("order", f"{where}.currency_id", f"is {code}, not the order's {currency}")
        attributes = [
            f"{a.get('name')}: {a.get('value_name')}"
            for a in item.get("variation_attributes") or []
            if isinstance(a, dict) and a.get("name") and a.get("value_name")
        ]
        items.append(
            MlItem(
                item_id=text_or_none(item.get("id")),
                variation_id=text_or_none(item.get("variation_id")),
                title=title,
                quantity=quantity,
                unit_price=_money(entry.get("unit_price"), currency, f"{where}.unit_price"),
                variation=", ".join(attributes) or None,
            )
        )
    return tuple(items)


def read_order(
    raw: dict[str, Any],
    shipment: dict[str, Any] | None = None,
    pack: dict[str, Any] | None = None,
) -> MlOrder:
    """One ``GET /orders/{id}`` answer (new or previous format), its shipment and pack."""
    if not isinstance(raw, dict):
        raise BadResponse("order JSON: not an object")
    order_id = text_or_none(raw.get("id"))
    if order_id is None:
        raise _bad("order", "id", "is missing")
    status = raw.get("status")
    if not isinstance(status, str) or not status.strip():
        raise _bad("order", "status", "is missing")
    _note_unknown("order", status.strip(), KNOWN_ORDER_STATUSES)
    detail = raw.get("status_detail")
    created = parse_timestamp(raw.get("date_created"))
    if created is None:
        raise _bad("order", "date_created", "is missing or not a date-time")
    currency_raw = raw.get("currency_id")
    if not isinstance(currency_raw, str) or len(currency_raw.strip()) != 3:
        raise _bad("order", "currency_id", "is not a currency code")
    currency = currency_raw.strip().upper()
    items = _items(raw.get("order_items"), currency)

    shipping = _dict(raw.get("shipping"))
    shipment_id = text_or_none(shipping.get("id"))
    ship: MlShipment | None = None
    if shipment is not None:
        ship = read_shipment(shipment)
    elif shipment_id is not None and isinstance(shipping.get("status"), str):
        ship = read_shipment(shipping)  # the previous format embeds it (seed 004)
    if ship is not None and shipment_id is None:
        shipment_id = ship.id

    if raw.get("total_amount") is not None:
        items_total = _money(raw.get("total_amount"), currency, "total_amount")
    else:
        items_total = Money.zero(currency)
        for item in items:
            items_total = items_total + item.unit_price * item.quantity
    shipping_cost = Money.zero(currency)
    with_shipping = raw.get("total_amount_with_shipping")
    if with_shipping is not None:
        shipping_cost = _money(with_shipping, currency, "total_amount_with_shipping") - items_total
        if shipping_cost.amount < 0:
            shipping_cost = Money.zero(currency)
    else:
        for index, payment in enumerate(raw.get("payments") or []):
            if isinstance(payment, dict) and payment.get("shipping_cost"):
                shipping_cost = shipping_cost + _money(
                    payment["shipping_cost"], currency, f"payments[{index}].shipping_cost"
                )
    paid_raw = raw.get("paid_amount")
    paid = _money(paid_raw, currency, "paid_amount") if paid_raw is not None else items_total
    methods = tuple(
        str(p.get("payment_method_id"))
        for p in raw.get("payments") or []
        if isinstance(p, dict) and text_or_none(p.get("payment_method_id"))
    )

    buyer = _dict(raw.get("buyer"))
    name = " ".join(
        p
        for p in (text_or_none(buyer.get("first_name")), text_or_none(buyer.get("last_name")))
        if p
    )
    phone = _dict(buyer.get("phone"))
    phone_text = "".join(
        p for p in (text_or_none(phone.get("area_code")), text_or_none(phone.get("number"))) if p
    )
    feedback = _dict(raw.get("feedback"))
    related: tuple[str, ...] = ()
    if pack is not None:
        related = tuple(
            oid
            for oid in (text_or_none(_dict(o).get("id")) for o in pack.get("orders") or [])
            if oid is not None and oid != order_id
        )
    tags = tuple(t for t in raw.get("tags") or [] if isinstance(t, str))
    context = _dict(raw.get("context"))
    return MlOrder(
        id=order_id,
        status=StatusPair(status.strip(), _sub(detail)),
        created_at=created,
        last_updated=_time(raw.get("last_updated"), "order", "last_updated"),
        pack_id=text_or_none(raw.get("pack_id")),
        shipment_id=shipment_id,
        shipment=ship,
        currency=currency,
        items=items,
        items_total=items_total,
        shipping_cost=shipping_cost,
        paid=paid,
        buyer_name=name
        or (ship.receiver_name if ship and ship.receiver_name else "")
        or (text_or_none(buyer.get("nickname")) or ""),
        buyer_nickname=text_or_none(buyer.get("nickname")),
        buyer_phone=phone_text or (ship.receiver_phone if ship else None),
        buyer_id=text_or_none(buyer.get("id")),
        seller_id=text_or_none(_dict(raw.get("seller")).get("id"))
        or text_or_none(buyer.get("seller_id")),
        site_id=text_or_none(context.get("site")) or (ship.site_id if ship else None),
        tags=tags,
        sale_feedback=bool(feedback.get("sale")),
        payment_methods=methods,
        related_order_ids=related,
        raw={"order": raw, "shipment": shipment, "pack": pack},
    )


def to_domain(ml: MlOrder) -> Order:
    """The desk's ``Order``: primary status = the order's, the shipment as a second track;
    ``handles`` carries the ids and facts later calls and ``actions`` need."""
    items = tuple(
        OrderItem(
            name=item.title,
            quantity=item.quantity,
            unit_price=item.unit_price,
            total_price=item.unit_price * item.quantity,
            notes=item.variation,
            external_code=item.item_id,
            id=item.item_id,
            ref=item.ref,
        )
        for item in ml.items
    )
    fees = (
        (Fee(name="Shipping", kind="DELIVERY_FEE", price=ml.shipping_cost),)
        if ml.shipping_cost.amount > 0
        else ()
    )
    zero = Money.zero(ml.currency)
    handles: dict[str, str] = {"sale_feedback": "yes" if ml.sale_feedback else "no"}
    if ml.shipment_id is not None:
        handles["shipment_id"] = ml.shipment_id
    if ml.site_id is not None:
        handles["site_id"] = ml.site_id
    if ml.seller_id is not None:
        handles["seller_id"] = ml.seller_id
    if ml.shipment is not None and ml.shipment.tracking_number:
        handles["tracking_number"] = ml.shipment.tracking_number
    state = [TrackState("order", ml.status)]
    if ml.shipment is not None:
        state.append(TrackState("shipment", ml.shipment.status))
    return Order(
        channel=CHANNEL,
        order_id=ml.id,
        display_id=ml.id,
        created_at=ml.created_at,
        status=ml.status,
        logistics=ml.logistics,
        store_id=ml.seller_id,
        store_name=None,
        items=items,
        totals=Totals(items=ml.items_total, fees=ml.shipping_cost, discount=zero, total=ml.total),
        fees=fees,
        payments=tuple(
            Payment(amount=ml.paid, method=m, kind="PREPAID") for m in ml.payment_methods[:1]
        ),
        customer=Customer(name=ml.buyer_name, phone=ml.buyer_phone, id=ml.buyer_id),
        address=ml.shipment.address if ml.shipment is not None else None,
        notes=ml.shipping_note,
        raw=ml.raw,
        pack_id=ml.pack_id,
        ship_by=ml.ship_by,
        handles=handles,
        state=tuple(state),
    )
