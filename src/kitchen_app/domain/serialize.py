"""Order <-> plain JSON-able dict, so the store can keep mapped orders without knowing
any channel. Money travels as decimal strings, datetimes as ISO-8601 with offset."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any

from .flows import Logistics, StatusPair
from .money import Money
from .order import (
    Address,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Option,
    Order,
    OrderItem,
    Payment,
    PrintCode,
    Totals,
)
from .text import Text
from .tracks import TrackState

__all__ = ["order_from_dict", "order_to_dict"]

# Known values come back as their enums (the code written before plug-ins compares them);
# a plug-in's own values come back as the text they were written as.
_LOGISTICS = {x.value: x for x in Logistics}


def _money(m: Money) -> dict[str, str]:
    return {"amount": str(m.amount), "currency": m.currency}


def _read_money(d: dict[str, Any]) -> Money:
    return Money(Decimal(d["amount"]), d["currency"])


def _dt(v: datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


def _read_dt(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v is not None else None


def _extras(order: Order) -> dict[str, Any]:
    """What a plug-in may add, written only when set: an order that has none keeps the same
    JSON as before these fields existed (the store compares it to tell a change)."""
    out: dict[str, Any] = {}
    if order.pack_id is not None:
        out["pack_id"] = order.pack_id
    if order.ship_by is not None:
        out["ship_by"] = _dt(order.ship_by)
    if order.code is not None:
        caption = order.code.caption
        out["code"] = {
            "payload": order.code.payload,
            "caption": [caption.context, caption.source] if caption is not None else None,
        }
    if order.handles:
        out["handles"] = dict(order.handles)
    if order.state and order.state != (TrackState("order", order.status),):
        out["state"] = [[s.track, s.pair.status, s.pair.substatus] for s in order.state]
    refs = [i.ref for i in order.items]
    if any(r is not None for r in refs):
        out["item_refs"] = refs
    return out


def _read_extras(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if d.get("pack_id") is not None:
        out["pack_id"] = d["pack_id"]
    if d.get("ship_by") is not None:
        out["ship_by"] = _read_dt(d["ship_by"])
    code = d.get("code")
    if code:
        caption = code.get("caption")
        out["code"] = PrintCode(code["payload"], Text(*caption) if caption else None)
    if d.get("handles"):
        out["handles"] = dict(d["handles"])
    if d.get("state"):
        out["state"] = tuple(TrackState(t, StatusPair(st, sub)) for t, st, sub in d["state"])
    return out


def order_to_dict(order: Order) -> dict[str, Any]:
    """Everything but ``raw`` (the store keeps the raw JSON in its own column)."""
    return _extras(order) | {
        "channel": order.channel,
        "order_id": order.order_id,
        "display_id": order.display_id,
        "created_at": _dt(order.created_at),
        "status": order.status.status,
        "substatus": order.status.substatus,
        "logistics": order.logistics,
        "store_id": order.store_id,
        "store_name": order.store_name,
        "items": [
            {
                "name": i.name,
                "quantity": str(i.quantity),
                "unit_price": _money(i.unit_price),
                "total_price": _money(i.total_price),
                "options_price": _money(i.options_price) if i.options_price else None,
                "notes": i.notes,
                "external_code": i.external_code,
                "id": i.id,
                "options": [
                    {
                        "name": o.name,
                        "quantity": str(o.quantity),
                        "unit_price": _money(o.unit_price),
                        "total_price": _money(o.total_price),
                        "group": o.group,
                        "external_code": o.external_code,
                        "id": o.id,
                    }
                    for o in i.options
                ],
            }
            for i in order.items
        ],
        "totals": {
            "items": _money(order.totals.items),
            "fees": _money(order.totals.fees),
            "discount": _money(order.totals.discount),
            "total": _money(order.totals.total),
        },
        "fees": [
            {"name": f.name, "kind": f.kind, "price": _money(f.price), "received_by": f.received_by}
            for f in order.fees
        ],
        "discounts": [
            {
                "amount": _money(d.amount),
                "target": d.target,
                "target_id": d.target_id,
                "name": d.name,
            }
            for d in order.discounts
        ],
        "payments": [
            {"amount": _money(p.amount), "method": p.method, "kind": p.kind, "prepaid": p.prepaid}
            for p in order.payments
        ],
        "customer": (
            {
                "name": order.customer.name,
                "phone": order.customer.phone,
                "document": order.customer.document,
                "id": order.customer.id,
            }
            if order.customer
            else None
        ),
        "address": (
            {
                "formatted": order.address.formatted,
                "city": order.address.city,
                "state": order.address.state,
                "postal_code": order.address.postal_code,
                "complement": order.address.complement,
                "reference": order.address.reference,
                "country": order.address.country,
                "latitude": order.address.latitude,
                "longitude": order.address.longitude,
            }
            if order.address
            else None
        ),
        "qr": (
            {
                "id": order.qr.id,
                "sender_id": order.qr.sender_id,
                "hash_code": order.qr.hash_code,
                "security_digit": order.qr.security_digit,
            }
            if order.qr
            else None
        ),
        "notes": order.notes,
        "estimated_pickup_at": _dt(order.estimated_pickup_at),
        "estimated_delivery_at": _dt(order.estimated_delivery_at),
        "delivered_at": _dt(order.delivered_at),
    }


def order_from_dict(d: dict[str, Any], raw: dict[str, Any] | None = None) -> Order:
    created = _read_dt(d["created_at"])
    if created is None:
        raise ValueError("order without created_at")
    order = Order(
        channel=d["channel"],
        order_id=d["order_id"],
        display_id=d["display_id"],
        created_at=created,
        status=StatusPair(d["status"], d.get("substatus")),
        logistics=_LOGISTICS.get(d["logistics"], d["logistics"]),
        store_id=d.get("store_id"),
        store_name=d.get("store_name"),
        items=tuple(
            OrderItem(
                name=i["name"],
                quantity=Decimal(i["quantity"]),
                unit_price=_read_money(i["unit_price"]),
                total_price=_read_money(i["total_price"]),
                options_price=_read_money(i["options_price"]) if i.get("options_price") else None,
                notes=i.get("notes"),
                external_code=i.get("external_code"),
                id=i.get("id"),
                options=tuple(
                    Option(
                        name=o["name"],
                        quantity=Decimal(o["quantity"]),
                        unit_price=_read_money(o["unit_price"]),
                        total_price=_read_money(o["total_price"]),
                        group=o.get("group"),
                        external_code=o.get("external_code"),
                        id=o.get("id"),
                    )
                    for o in i.get("options", [])
                ),
            )
            for i in d["items"]
        ),
        totals=Totals(
            items=_read_money(d["totals"]["items"]),
            fees=_read_money(d["totals"]["fees"]),
            discount=_read_money(d["totals"]["discount"]),
            total=_read_money(d["totals"]["total"]),
        ),
        fees=tuple(
            Fee(f["name"], f["kind"], _read_money(f["price"]), f.get("received_by"))
            for f in d.get("fees", [])
        ),
        discounts=tuple(
            Discount(_read_money(x["amount"]), x["target"], x.get("target_id"), x.get("name"))
            for x in d.get("discounts", [])
        ),
        payments=tuple(
            Payment(_read_money(p["amount"]), p["method"], p["kind"], p.get("prepaid", True))
            for p in d.get("payments", [])
        ),
        customer=Customer(**d["customer"]) if d.get("customer") else None,
        address=Address(**d["address"]) if d.get("address") else None,
        qr=FlexQR(**d["qr"]) if d.get("qr") else None,
        notes=d.get("notes"),
        estimated_pickup_at=_read_dt(d.get("estimated_pickup_at")),
        estimated_delivery_at=_read_dt(d.get("estimated_delivery_at")),
        delivered_at=_read_dt(d.get("delivered_at")),
        raw=raw or {},
        **_read_extras(d),
    )
    refs = d.get("item_refs")
    if refs and len(refs) == len(order.items):
        items = tuple(dataclasses.replace(i, ref=r) for i, r in zip(order.items, refs, strict=True))
        order = dataclasses.replace(order, items=items)
    return order
