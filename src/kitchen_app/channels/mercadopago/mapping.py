"""Mercado Pago Delivery order JSON (api notes §2.1) → ``domain.Order``. Pure: no I/O.

Decisions where the notes say UNKNOWN or the JSON is silent:

* Substatus: ``extension.substatus`` (documented), falling back to ``subStatus`` (seen in
  third-party code). Unknown statuses and substatuses are kept raw and never refused (§8.7:
  2026 already added ``ready_to_cook``); the flows give them a stage and a rank. Only a
  missing or non-text status makes the order unreadable.
* Logistics: a non-empty ``extension.qr`` → Flex, no ``extension.qr`` → Dropoff (§2.4 rule 1;
  ``deliveredBy: MARKETPLACE``, ``estimatedPickupDate`` and the Dropoff-only substatuses all
  agree with it). ``type`` (``DELIVERY``/``TAKEOUT``) is kept raw in ``Order.raw``: the
  docs have no Takeout flow (§2.4), so a ``TAKEOUT`` order follows the QR rule like any other.
* A ``qr`` object that is present but malformed is logged and dropped (the order stays
  Flex): a broken QR must not hide a new order whose accept window is running.
* Timestamps (§2): ISO-8601 with or without fractional seconds. A time with an offset is
  used as is; a time **without** an offset is local time in the zone the client sent in
  ``x-time-zone`` (the ``zone`` argument; GMT-3 when not given), never UTC. A ``Z`` while a
  non-UTC zone was asked for is ambiguous: it is taken as UTC and logged once per zone.
  ``accept_deadline`` stays ``createdAt + 5 min``; the engine also bounds it by the first
  notification's arrival. ``createdAt`` is required (it starts the accept window;
  ``preparationStartDateTime`` stands in when it is missing); other unreadable times
  become None with a warning.
* Money: ``Money.parse`` on the JSON number, never through float arithmetic. Every amount
  must be in the order's currency (``total.orderAmount``'s, else the first item's).
  Missing totals are computed from the parts: ``orderAmount = items + fees - discount``.
* There is no documented order-level note: ``Order.notes`` stays None; per-item
  ``specialInstructions`` become the items' notes.
* ``payments.pending`` above zero becomes a non-prepaid ``PENDING`` payment, so the receipt
  shows what the courier or the counter must still collect.

Whatever makes the order unusable raises ``BadResponse`` with one line naming the field.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from kitchen_app.channels.errors import BadResponse
from kitchen_app.channels.readers import text_or_none
from kitchen_app.domain import (
    Address,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Logistics,
    Money,
    MoneyError,
    Option,
    Order,
    OrderItem,
    Payment,
    StatusPair,
    Totals,
)
from kitchen_app.domain.timezones import DEFAULT_TIME_ZONE, zone_from_setting

from . import CHANNEL

__all__ = ["DEFAULT_ZONE", "map_order", "observed_at", "parse_timestamp"]

log = logging.getLogger(__name__)

# The zone offset-less times are read in when the caller names none: the documented
# x-time-zone example and the zone of Argentina, the product's country (api notes §0).
DEFAULT_ZONE: tzinfo = zone_from_setting(DEFAULT_TIME_ZONE)
_warned_z: set[str] = set()  # zones for which a "Z" time was already logged


def _bad(field: str, problem: str) -> BadResponse:
    return BadResponse(f"order JSON: {field} {problem}")


def _is_utc(zone: tzinfo) -> bool:
    now = datetime.now(UTC)
    return now.astimezone(zone).utcoffset() == timedelta(0)


def parse_timestamp(
    value: object, zone: tzinfo | None = None, *, warn_z: bool = True
) -> datetime | None:
    """A marketplace time as an aware datetime; None when it is not a readable one.

    ``zone`` is the zone asked for in ``x-time-zone``: a time without an offset is local time
    there (GMT-3 when ``zone`` is None). A time with an offset or ``Z`` keeps it.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    zone = DEFAULT_ZONE if zone is None else zone
    zulu = text.endswith(("z", "Z"))
    if zulu:
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    if warn_z and zulu and not _is_utc(zone) and str(zone) not in _warned_z:
        # [3P-JAVA] parses a literal 'Z' after asking for GMT-3: the marketplace may render
        # local time with a 'Z'. Taken as UTC; the engine's receipt-time check catches a
        # misread, and this line tells whoever reads the log why a deadline looks off.
        _warned_z.add(str(zone))
        log.warning(
            "order JSON: a time ends in Z although times in %s were asked for; read as UTC", zone
        )
    return parsed


def _obj(value: object, field: str) -> dict[str, Any]:
    """An optional object: missing/null → {}; anything else but an object is an error."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _bad(field, "is not an object")
    return value


def _part(value: object, field: str) -> dict[str, Any]:
    """An optional display part (customer, address, store…): a wrong shape is logged and
    ignored, because it does not make the order unusable."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        log.warning("order JSON: %s is not an object, ignored", field)
        return {}
    return value


def _list(value: object, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(field, "is not a list")
    return value


def _number(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(field, "is not a number")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise _bad(field, "is not a number") from exc
    if not number.is_finite():
        raise _bad(field, "is not a number")
    return number


@dataclass(slots=True)
class _Reader:
    """Carries the order's currency so every amount can be checked against it."""

    currency: str | None = None

    def currency_of(self, value: object, field: str) -> str:
        if not isinstance(value, str) or len(value.strip()) != 3 or not value.strip().isalpha():
            raise _bad(field, "is not a currency code")
        code = value.strip().upper()
        if self.currency is None:
            self.currency = code
        elif code != self.currency:
            raise _bad(field, f"is {code}, not the order's currency {self.currency}")
        return code

    def amount(self, value: object, currency: object, field: str, currency_field: str) -> Money:
        number = _number(value, field)
        if number < 0:
            raise _bad(field, "is negative")
        code = self.currency_of(currency, currency_field)
        try:
            return Money.parse(number, code)
        except (MoneyError, ArithmeticError) as exc:  # e.g. 1e999999 cannot be held to cents
            raise _bad(field, "is not an amount of money") from exc

    def money(self, value: object, field: str) -> Money:
        """A ``{value, currency}`` object (required)."""
        if value is None:
            raise _bad(field, "is missing")
        if not isinstance(value, dict):
            raise _bad(field, "is not an object")
        return self.amount(
            value.get("value"), value.get("currency"), f"{field}.value", f"{field}.currency"
        )

    def optional_money(self, value: object, field: str) -> Money | None:
        return None if value is None else self.money(value, field)

    def zero(self) -> Money:
        if self.currency is None:
            raise _bad("total.orderAmount", "is missing and no amount tells the currency")
        return Money.zero(self.currency)


_MAX_QUANTITY = Decimal(9999)
# Statuses the API notes document (§2.1, §8). Any other is kept raw and logged once (§8.7).
_KNOWN_STATUSES = frozenset(
    {"pending", "handling", "ready_to_ship", "shipped", "delivered", "not_delivered", "cancelled"}
)
_logged_unknown: set[str] = set()


def _quantity(value: object, field: str, *, default: Decimal | None = None) -> Decimal:
    if value is None and default is not None:
        return default
    if value is None:
        raise _bad(field, "is missing")
    number = _number(value, field)
    if number <= 0:
        raise _bad(field, "is not a positive number")
    if number > _MAX_QUANTITY:
        # No kitchen makes 10,000 of anything: such a number is a broken answer, and taking
        # it would print a ticket without end.
        raise _bad(field, f"is over {_MAX_QUANTITY}")
    return number


def _required_text(value: object, field: str) -> str:
    text = text_or_none(value)
    if text is None:
        raise _bad(field, "is missing" if value is None else "is not a non-empty string")
    return text


def _optional_time(value: object, field: str, zone: tzinfo, warn_z: bool) -> datetime | None:
    if value is None or value == "":
        return None
    parsed = parse_timestamp(value, zone, warn_z=warn_z)
    if parsed is None:
        log.warning("order JSON: %s is not a date-time, ignored: %.40r", field, value)
    return parsed


def _status(extension: dict[str, Any]) -> StatusPair:
    status = extension.get("status")
    if status is None:
        raise _bad("extension.status", "is missing")
    if not isinstance(status, str) or not status.strip():
        raise _bad("extension.status", "is not a non-empty string")
    sub = extension.get("substatus")
    sub_field = "extension.substatus"
    if sub is None:
        sub, sub_field = extension.get("subStatus"), "extension.subStatus"
    if sub is not None and not isinstance(sub, str):
        raise _bad(sub_field, "is not a string")
    pair = StatusPair(status.strip(), (sub or "").strip() or None)
    if pair.status not in _KNOWN_STATUSES and pair.status not in _logged_unknown:
        _logged_unknown.add(pair.status)
        log.warning("order JSON: status %.40r is not a documented one; shown as sent", pair.status)
    return pair


def _qr(extension: dict[str, Any]) -> tuple[bool, FlexQR | None]:
    """(whether a QR object is present, the QR when it is well formed)."""
    raw = extension.get("qr")
    if not raw:  # omitted, null or {} → Dropoff/takeout
        return False, None
    if not isinstance(raw, dict):
        log.warning("order JSON: extension.qr is not an object, ignored")
        return True, None
    qr_id = text_or_none(raw.get("id"))
    sender = raw.get("sender_id")
    if isinstance(sender, str) and sender.strip().isdigit():
        sender = int(sender.strip())
    hash_code = raw.get("hash_code")
    digit = text_or_none(raw.get("security_digit"))
    if (
        qr_id is None
        or isinstance(sender, bool)
        or not isinstance(sender, int)
        or not isinstance(hash_code, str)
        or not hash_code
        or digit is None
    ):
        log.warning("order JSON: extension.qr lacks id/sender_id/hash_code/security_digit, ignored")
        return True, None
    return True, FlexQR(id=qr_id, sender_id=sender, hash_code=hash_code, security_digit=digit)


def _logistics(extension: dict[str, Any]) -> Logistics:
    has_qr, _ = _qr(extension)
    if has_qr:
        return Logistics.FLEX
    # api notes §2.4, rule 1: no extension.qr means Dropoff (the other signals agree).
    return Logistics.DROPOFF


def _enumerate(items: list[Any], field: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, item in enumerate(items):
        where = f"{field}[{index}]"
        if not isinstance(item, dict):
            raise _bad(where, "is not an object")
        yield where, item


def _option(reader: _Reader, where: str, raw: dict[str, Any]) -> Option:
    quantity = _quantity(raw.get("quantity"), f"{where}.quantity", default=Decimal(1))
    unit_price = reader.money(raw.get("unitPrice"), f"{where}.unitPrice")
    total_price = reader.optional_money(raw.get("totalPrice"), f"{where}.totalPrice")
    extension = _part(raw.get("extension"), f"{where}.extension")
    return Option(
        name=_required_text(raw.get("name"), f"{where}.name"),
        quantity=quantity,
        unit_price=unit_price,
        total_price=total_price if total_price is not None else unit_price * quantity,
        group=text_or_none(extension.get("group")),
        external_code=text_or_none(raw.get("externalCode")),
        id=text_or_none(raw.get("id")),
    )


def _item(reader: _Reader, where: str, raw: dict[str, Any]) -> OrderItem:
    name = _required_text(raw.get("name"), f"{where}.name")
    quantity = _quantity(raw.get("quantity"), f"{where}.quantity")
    unit_price = reader.money(raw.get("unitPrice"), f"{where}.unitPrice")
    options = tuple(
        _option(reader, w, o)
        for w, o in _enumerate(_list(raw.get("options"), f"{where}.options"), f"{where}.options")
    )
    options_price = reader.optional_money(raw.get("optionsPrice"), f"{where}.optionsPrice")
    total_price = reader.optional_money(raw.get("totalPrice"), f"{where}.totalPrice")
    if total_price is None:
        per_unit = unit_price
        if options_price is not None:
            per_unit = per_unit + options_price
        else:
            for option in options:
                per_unit = per_unit + option.total_price
        total_price = per_unit * quantity
    notes = raw.get("specialInstructions")
    return OrderItem(
        name=name,
        quantity=quantity,
        unit_price=unit_price,
        total_price=total_price,
        options=options,
        notes=(notes.strip() or None) if isinstance(notes, str) else None,
        options_price=options_price,
        external_code=text_or_none(raw.get("externalCode")),
        id=text_or_none(raw.get("id")),
    )


def _fees(reader: _Reader, raw: object) -> tuple[Fee, ...]:
    fees = []
    for where, fee in _enumerate(_list(raw, "otherFees"), "otherFees"):
        kind = text_or_none(fee.get("type")) or "OTHER"
        fees.append(
            Fee(
                name=text_or_none(fee.get("name")) or kind,
                kind=kind,
                price=reader.money(fee.get("price"), f"{where}.price"),
                received_by=text_or_none(fee.get("receivedBy")),
            )
        )
    return tuple(fees)


def _discounts(reader: _Reader, raw: object) -> tuple[Discount, ...]:
    discounts = []
    for where, disc in _enumerate(_list(raw, "discounts"), "discounts"):
        extension = _part(disc.get("extension"), f"{where}.extension")
        discounts.append(
            Discount(
                amount=reader.money(disc.get("amount"), f"{where}.amount"),
                target=text_or_none(disc.get("target")) or "CART",
                target_id=text_or_none(disc.get("targetId")),
                name=text_or_none(extension.get("name")),
            )
        )
    return tuple(discounts)


def _payments(reader: _Reader, raw: object) -> tuple[Payment, ...]:
    payments_obj = _obj(raw, "payments")
    payments = []
    for where, method in _enumerate(
        _list(payments_obj.get("methods"), "payments.methods"), "payments.methods"
    ):
        currency = method.get("currency", reader.currency)
        kind = text_or_none(method.get("type")) or "PREPAID"
        payments.append(
            Payment(
                amount=reader.amount(
                    method.get("value"), currency, f"{where}.value", f"{where}.currency"
                ),
                method=text_or_none(method.get("method")) or "UNKNOWN",
                kind=kind,
                prepaid=kind.upper() == "PREPAID",
            )
        )
    pending = payments_obj.get("pending")
    if pending is not None and reader.currency is not None:
        amount = reader.amount(pending, reader.currency, "payments.pending", "payments.pending")
        if amount.amount > 0:
            payments.append(Payment(amount=amount, method="PENDING", kind="PENDING", prepaid=False))
    return tuple(payments)


def _customer(raw: object) -> Customer | None:
    customer = _part(raw, "customer")
    if not customer:
        return None
    phone = customer.get("phone")
    return Customer(
        name=text_or_none(customer.get("name")) or "",
        phone=text_or_none(phone.get("number")) if isinstance(phone, dict) else text_or_none(phone),
        document=text_or_none(customer.get("documentNumber")),
        id=text_or_none(customer.get("id")),
    )


def _coordinate(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _address(delivery: dict[str, Any]) -> Address | None:
    addr = _part(delivery.get("deliveryAddress"), "delivery.deliveryAddress")
    if not addr:
        return None
    formatted = text_or_none(addr.get("formattedAddress"))
    if formatted is None:
        street = " ".join(
            p
            for p in (text_or_none(addr.get("streetName")), text_or_none(addr.get("streetNumber")))
            if p
        )
        formatted = street or None
    city = text_or_none(addr.get("city"))
    if formatted is None and city is None:
        return None
    coords = addr.get("coordinates")
    coords = coords if isinstance(coords, dict) else {}
    return Address(
        formatted=formatted or "",
        city=city,
        state=text_or_none(addr.get("state")),
        postal_code=text_or_none(addr.get("postalCode")),
        complement=text_or_none(addr.get("complement")),
        reference=text_or_none(addr.get("reference")),
        country=text_or_none(addr.get("country")),
        latitude=_coordinate(coords.get("latitude")),
        longitude=_coordinate(coords.get("longitude")),
    )


def _totals(
    reader: _Reader,
    raw: object,
    items: tuple[OrderItem, ...],
    fees: tuple[Fee, ...],
    discounts: tuple[Discount, ...],
) -> Totals:
    total = _obj(raw, "total")

    def computed(key: str, parts: list[Money]) -> Money:
        given = reader.optional_money(total.get(key), f"total.{key}")
        if given is not None:
            return given
        result = reader.zero()
        for part in parts:
            result = result + part
        return result

    items_price = computed("itemsPrice", [i.total_price for i in items])
    fees_price = computed("otherFees", [f.price for f in fees])
    discount = computed("discount", [d.amount for d in discounts])
    order_amount = reader.optional_money(total.get("orderAmount"), "total.orderAmount")
    if order_amount is None:
        order_amount = items_price + fees_price - discount
    return Totals(items=items_price, fees=fees_price, discount=discount, total=order_amount)


def _order_currency(reader: _Reader, raw: dict[str, Any]) -> None:
    """Fix the order's currency first from ``total.orderAmount``, the amount that matters."""
    total = raw.get("total")
    amount = total.get("orderAmount") if isinstance(total, dict) else None
    if isinstance(amount, dict) and "currency" in amount:
        reader.currency_of(amount.get("currency"), "total.orderAmount.currency")


def map_order(raw: dict[str, Any], *, zone: tzinfo | None = None, zone_asked: bool = True) -> Order:
    """The domain order for one GET order answer (api notes §2.1); raises ``BadResponse``.

    ``zone``: the zone asked for in ``x-time-zone``, in which offset-less times are read
    (GMT-3 when None). ``zone_asked=False`` for JSON that did not come from such a GET (a file
    given to ``kitchen-app ticket``): a ``Z`` there is plain UTC, not worth a warning.
    """
    zone = DEFAULT_ZONE if zone is None else zone
    if not isinstance(raw, dict):
        raise BadResponse("order JSON: not an object")
    order_id = _required_text(raw.get("id"), "id")
    extension = _obj(raw.get("extension"), "extension")
    pair = _status(extension)
    if "items" not in raw or raw["items"] is None:
        raise _bad("items", "is missing")
    items_raw = _list(raw["items"], "items")
    created_field = "createdAt" if raw.get("createdAt") is not None else "preparationStartDateTime"
    created_raw = raw.get(created_field)
    if created_raw is None:
        raise _bad("createdAt", "is missing")
    created_at = parse_timestamp(created_raw, zone, warn_z=zone_asked)
    if created_at is None:
        raise _bad(created_field, f"is not a date-time: {str(created_raw)[:40]!r}")

    reader = _Reader()
    _order_currency(reader, raw)
    items = tuple(_item(reader, w, i) for w, i in _enumerate(items_raw, "items"))
    fees = _fees(reader, raw.get("otherFees"))
    discounts = _discounts(reader, raw.get("discounts"))
    totals = _totals(reader, raw.get("total"), items, fees, discounts)
    payments = _payments(reader, raw.get("payments"))

    delivery = _part(raw.get("delivery"), "delivery")
    store = _part(extension.get("store"), "extension.store")
    merchant = _part(raw.get("merchant"), "merchant")
    _, qr = _qr(extension)
    return Order(
        channel=CHANNEL,
        order_id=order_id,
        display_id=text_or_none(raw.get("displayId")) or order_id,
        created_at=created_at,
        status=pair,
        logistics=_logistics(extension),
        store_id=text_or_none(store.get("id")),
        store_name=text_or_none(merchant.get("name")) or text_or_none(store.get("brandName")),
        items=items,
        totals=totals,
        fees=fees,
        discounts=discounts,
        payments=payments,
        customer=_customer(raw.get("customer")),
        address=_address(delivery),
        qr=qr,
        notes=None,
        estimated_pickup_at=_optional_time(
            extension.get("estimatedPickupDate"), "extension.estimatedPickupDate", zone, zone_asked
        ),
        estimated_delivery_at=_optional_time(
            delivery.get("estimatedDeliveryDateTime"),
            "delivery.estimatedDeliveryDateTime",
            zone,
            zone_asked,
        ),
        delivered_at=_optional_time(
            delivery.get("deliveryDateTime"), "delivery.deliveryDateTime", zone, zone_asked
        ),
        raw=raw,
    )


def observed_at(
    order: Order, raw: dict[str, Any], pair: StatusPair, *, zone: tzinfo | None = None
) -> datetime | None:
    """The marketplace's own time for ``pair`` when the JSON carries one, else None.

    Offset-less times are read in ``zone``; by default the zone ``createdAt`` was read in
    (the same answer renders all its times in the one zone that was asked for).

    ready_to_print: ``preparationStartDateTime`` (the moment it entered that state), else
    ``createdAt``; delivered: ``delivery.deliveryDateTime``; cancelled (any substatus):
    ``extension.cancellationDateTime`` (undocumented, seen in third-party code).
    """
    zone = zone if zone is not None else (order.created_at.tzinfo or DEFAULT_ZONE)
    if pair == StatusPair("ready_to_ship", "ready_to_print"):
        started = parse_timestamp(raw.get("preparationStartDateTime"), zone)
        return started or order.created_at
    if pair.status == "delivered":
        if order.delivered_at is not None:
            return order.delivered_at
        delivery = raw.get("delivery")
        return (
            parse_timestamp(delivery.get("deliveryDateTime"), zone)
            if isinstance(delivery, dict)
            else None
        )
    if pair.status == "cancelled":
        extension = raw.get("extension")
        if isinstance(extension, dict):
            return parse_timestamp(extension.get("cancellationDateTime"), zone)
    return None
