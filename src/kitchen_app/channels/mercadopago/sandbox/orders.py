"""Realistic Mercado Pago Delivery orders, shaped exactly like api notes §2.2.

``build_order_json`` returns the parts of an order that never change; the world overlays
status, substatus and the courier-dependent fields when the order is read. Totals add up
exactly: item ``totalPrice = (unitPrice + optionsPrice) × quantity`` and ``orderAmount =
itemsPrice + otherFees - discount``; money is computed as Decimal and written as JSON
numbers like the API does.
"""

from __future__ import annotations

import base64
import logging
import random
import zlib
from decimal import Decimal
from typing import Any

from kitchen_app.channels.sandbox_kit import iso

from .items import ItemSpec, OptionSpec, parse_item_overrides
from .menu import (
    COMPLEMENT_ADDRESS,
    FIRST_NAMES,
    ITEM_NOTES,
    LAST_NAMES,
    MENU,
    REFERENCES,
    STREETS,
    Dish,
)
from .stores import Store

__all__ = ["ItemSpec", "OptionSpec", "build_order_json", "parse_item_overrides"]

log = logging.getLogger(__name__)

CURRENCY = "ARS"
_CENT = Decimal("0.01")


def _money(value: Decimal) -> dict[str, Any]:
    return {"value": float(value.quantize(_CENT)), "currency": CURRENCY}


def _mla(code: str, prefix: str = "11") -> str:
    """A stable MLA item id per catalogue code, like ``MLA1122759502``."""
    return f"MLA{prefix}{zlib.crc32(code.encode()) % 10**8:08d}"


def _random_item(rng: random.Random, dish: Dish) -> ItemSpec:
    quantity = rng.randint(2, 6) if dish.section == "Empanadas" and "Docena" not in dish.name else 1
    if quantity == 1 and rng.random() < 0.25:
        quantity = 2
    options: list[OptionSpec] = []
    for group in dish.groups:
        if not group.required and rng.random() > 0.45:
            continue
        picks = rng.sample(group.choices, k=rng.randint(1, group.max_pick))
        for choice in picks:
            options.append(OptionSpec(choice.name, 1, choice.price, group.name, choice.code))
    notes = rng.choice(ITEM_NOTES[dish.section]) if rng.random() < 0.25 else None
    return ItemSpec(dish.name, quantity, dish.price, dish.code, tuple(options), notes)


def random_items(rng: random.Random) -> list[ItemSpec]:
    dishes = rng.sample(MENU, k=rng.choice((1, 1, 2, 2, 3, 4)))
    return [_random_item(rng, dish) for dish in dishes]


def _item_json(spec: ItemSpec, discount: Decimal | None) -> tuple[dict[str, Any], Decimal]:
    options_json = []
    options_price = Decimal(0)
    for opt in spec.options:
        # optionsPrice = sum of the options' totalPrice (api notes §2.1); options are chosen
        # per unit of the item, so generated ones have quantity 1.
        options_price += opt.unit_price * opt.quantity
        options_json.append(
            {
                "id": _mla(opt.code, "12"),
                "name": opt.name,
                "externalCode": opt.code,
                "unit": "UNIT",
                "quantity": opt.quantity,
                "unitPrice": _money(opt.unit_price),
                "totalPrice": _money(opt.unit_price * opt.quantity),
                "extension": {"group": opt.group},
            }
        )
    options_price = options_price.quantize(_CENT)
    total = (spec.unit_price + options_price) * spec.quantity
    item: dict[str, Any] = {
        "id": _mla(spec.code),
        "name": spec.name,
        "externalCode": spec.code,
        "unit": "UNIT",
        "quantity": spec.quantity,
        "specialInstructions": spec.notes or "",
        "options": options_json,
        "unitPrice": _money(spec.unit_price),
        "optionsPrice": _money(options_price),
        "totalPrice": _money(total),
    }
    if discount is not None:
        net = spec.unit_price + options_price - discount / spec.quantity
        item["extension"] = {"unitNetPrice": _money(net)}
    return item, total


def _fee(name: str, type_: str, received_by: str, value: Decimal) -> dict[str, Any]:
    return {
        "name": name,
        "type": type_,
        "receivedBy": received_by,
        "receiverDocument": "30716549872" if received_by == "MERCHANT" else "30703088534",
        "price": _money(value),
    }


def _sponsorship(rng: random.Random, amount: Decimal) -> list[dict[str, Any]]:
    if rng.random() < 0.5:
        return [{"name": "MARKETPLACE", "amount": _money(amount)}]
    half = (amount / 2).quantize(Decimal(1))
    return [
        {"name": "MARKETPLACE", "amount": _money(half)},
        {"name": "MERCHANT", "amount": _money(amount - half)},
    ]


def build_order_json(
    *,
    shipment_id: str,
    display_id: str,
    logistics: str,
    store: Store,
    created: float,
    rng: random.Random,
    items: list[ItemSpec] | None = None,
) -> dict[str, Any]:
    specs = items if items is not None else random_items(rng)

    # An item discount goes on one line, whole pesos per unit so unitNetPrice is exact.
    item_discount: tuple[int, Decimal] | None = None
    kind = rng.choice(("none", "none", "none", "item", "cart", "delivery"))
    if kind == "item":
        idx = rng.randrange(len(specs))
        spec = specs[idx]
        per_unit = (spec.unit_price * Decimal(rng.choice((10, 15, 20))) / 100).quantize(Decimal(1))
        if per_unit > 0:
            item_discount = (idx, per_unit * spec.quantity)

    items_json: list[dict[str, Any]] = []
    items_price = Decimal(0)
    for idx, spec in enumerate(specs):
        disc = item_discount[1] if item_discount and item_discount[0] == idx else None
        item, total = _item_json(spec, disc)
        items_json.append(item)
        items_price += total

    fees: list[dict[str, Any]] = []
    delivery_fee = Decimal(0)
    delivery_fee = Decimal(rng.choice((900, 1200, 1500, 1900)))
    by = "MERCHANT" if logistics == "flex" else "LOGISTIC_SERVICES"
    fees.append(_fee("Costo de envío", "DELIVERY_FEE", by, delivery_fee))
    if rng.random() < 0.35:
        fees.append(
            _fee(
                "Tarifa de servicio", "SERVICE_FEE", "MARKETPLACE", Decimal(rng.choice((350, 490)))
            )
        )
    if rng.random() < 0.2:
        by = "MERCHANT" if logistics == "flex" else "LOGISTIC_SERVICES"
        fees.append(_fee("Propina", "TIP", by, Decimal(rng.choice((500, 1000, 1500)))))
    other_fees = sum((Decimal(str(f["price"]["value"])) for f in fees), Decimal(0))

    discounts: list[dict[str, Any]] = []
    coupon = {"id": f"{rng.randrange(10**7, 10**8)}-001", "name": "cupon_sandbox"}
    if item_discount is not None:
        amount = item_discount[1]
        discounts.append(
            {
                "amount": _money(amount),
                "target": "ITEM",
                "targetId": items_json[item_discount[0]]["id"],
                "sponsorshipValues": _sponsorship(rng, amount),
                "extension": coupon,
            }
        )
    elif kind == "cart" and items_price > 4000:
        amount = Decimal(rng.choice((1000, 1500, 2000)))
        discounts.append(
            {
                "amount": _money(amount),
                "target": "CART",
                "sponsorshipValues": _sponsorship(rng, amount),
                "extension": coupon,
            }
        )
    elif kind == "delivery" and delivery_fee > 0:
        discounts.append(
            {
                "amount": _money(delivery_fee),
                "target": "DELIVERY_FEE",
                "sponsorshipValues": [{"name": "MARKETPLACE", "amount": _money(delivery_fee)}],
                "extension": {"id": coupon["id"], "name": "envio_gratis"},
            }
        )
    discount = sum((Decimal(str(d["amount"]["value"])) for d in discounts), Decimal(0))
    amount = items_price + other_fees - discount

    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    dni = rng.randrange(20_000_000, 45_000_000)
    customer = {
        "id": str(rng.randrange(1_000_000_000, 1_999_999_999)),
        "name": f"{first} {last}",
        "phone": {"number": f"11 {rng.randrange(4000, 6999)}-{rng.randrange(1000, 9999)}"},
        "documentNumber": f"{rng.choice((20, 23, 27))}{dni}{rng.randrange(10)}",
    }

    delivery: dict[str, Any] = {
        "deliveredBy": "MARKETPLACE" if logistics == "dropoff" else "MERCHANT",
        "estimatedDeliveryDateTime": iso(created + rng.randrange(30, 55) * 60, millis=False),
    }
    street, city, postal, lat, lon = rng.choice(STREETS)
    number = "SN" if rng.random() < 0.03 else str(rng.randrange(100, 5999))
    delivery["deliveryAddress"] = {
        "country": "Argentina",
        "state": "Capital Federal",
        "city": city,
        "streetName": street,
        "streetNumber": number,
        "complement": rng.choice(COMPLEMENT_ADDRESS),
        "reference": rng.choice(REFERENCES),
        "formattedAddress": f"{street} {number}",
        "postalCode": postal,
        "coordinates": {
            "latitude": round(lat + rng.uniform(-0.008, 0.008), 6),
            "longitude": round(lon + rng.uniform(-0.008, 0.008), 6),
        },
    }

    extension: dict[str, Any] = {"store": store.extension_json()}
    if logistics == "flex":
        extension["qr"] = {
            "id": shipment_id,
            "sender_id": store.sender_id,
            "hash_code": base64.b64encode(rng.randbytes(32)).decode(),
            "security_digit": str(rng.randrange(10)),
        }
    payments_info = [
        {
            "id": rng.randrange(10**10, 10**11),
            "entity": "ORDER",
            "entityId": rng.randrange(10**15, 10**16),
        }
    ]
    if delivery_fee:
        payments_info.append(
            {
                "id": rng.randrange(10**10, 10**11),
                "entity": "SHIPMENT",
                "entityId": int(shipment_id),
            }
        )
    extension["paymentsInfo"] = payments_info

    return {
        "id": shipment_id,
        "type": "DELIVERY",
        "displayId": display_id,
        "createdAt": iso(created),
        "orderTiming": "INSTANT",
        "preparationStartDateTime": iso(created + rng.uniform(0.2, 2.0)),
        "merchant": {"id": str(store.user_id), "name": store.name},
        "items": items_json,
        "otherFees": fees,
        "discounts": discounts,
        "total": {
            "itemsPrice": _money(items_price),
            "otherFees": _money(other_fees),
            "discount": _money(discount),
            "orderAmount": _money(amount),
        },
        "payments": {
            "prepaid": float(amount),
            "pending": 0,
            "methods": [
                {
                    "value": float(amount),
                    "currency": CURRENCY,
                    "type": "PREPAID",
                    "method": "DIGITAL_WALLET",
                }
            ],
        },
        "customer": customer,
        "delivery": delivery,
        "extension": extension,
    }
