"""The JSON the simulated Mercado Libre answers with: the shapes of seed 004 (new and
previous order JSON), A.2's real order, A.4's shipment fields and /packs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .world import SERVICE_IDS, MlOrder, MlPack, MlShipment, MlWorld, ml_iso

__all__ = ["order_json", "pack_json", "shipment_json"]


def _num(value: Decimal) -> float | int:
    """A JSON number as Mercado Libre writes amounts (9.99, 1500)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _address(shipment: MlShipment) -> dict[str, Any]:
    r = shipment.receiver
    return {
        "address_line": f"{r['street_name']} {r['street_number']}",
        "street_name": r["street_name"],
        "street_number": r["street_number"],
        "comment": None,
        "zip_code": r["zip_code"],
        "city": {"id": None, "name": r["city"]},
        "state": {"id": None, "name": r["state"]},
        "country": {"id": shipment.seller.site[:2], "name": None},
        "neighborhood": {"id": None, "name": r["neighborhood"]},
        "receiver_name": r["receiver_name"],
        "receiver_phone": r["receiver_phone"],
    }


def shipment_json(world: MlWorld, shipment: MlShipment) -> dict[str, Any]:
    site = shipment.seller.site
    handling = shipment.created + shipment.handling_days * 86_400
    return {
        "id": shipment.id,
        "mode": shipment.mode,
        "created_by": "receiver",
        "site_id": site,
        "status": shipment.status,
        "substatus": shipment.substatus,  # JSON null when none (seed 001's GET)
        "tracking_number": shipment.tracking_number,
        "tracking_method": "Otros" if shipment.tracking_number else None,
        "service_id": shipment.service_id,
        "carrier_info": None,
        "logistic_type": "default" if shipment.mode == "me1" else "drop_off",
        "sender_id": shipment.seller.user_id,
        "date_created": ml_iso(shipment.created, site),
        "last_updated": ml_iso(shipment.last_updated, site),
        "substatus_history": [
            {"date": ml_iso(at, site), "status": s, "substatus": sub}
            for s, sub, at in shipment.history
        ],
        "status_history": {
            "date_shipped": next(
                (ml_iso(at, site) for s, _, at in shipment.history if s == "shipped"), None
            ),
            "date_delivered": next(
                (ml_iso(at, site) for s, _, at in shipment.history if s == "delivered"), None
            ),
            "date_not_delivered": next(
                (ml_iso(at, site) for s, _, at in shipment.history if s == "not_delivered"),
                None,
            ),
        },
        "shipping_option": {
            "name": "Normal",
            "estimated_handling_limit": {"date": ml_iso(handling, site)},
        },
        "receiver_address": _address(shipment),
        "type": "forward",
    }


def order_json(world: MlWorld, order: MlOrder, *, new_format: bool = True) -> dict[str, Any]:
    site = order.seller.site
    currency = order.currency
    buyer_id, first, last = order.buyer
    tags = ["paid"] if order.status == "paid" else []
    if order.pack_id is not None:
        tags.append("pack_order")
    if order.shipment_id is None and order.shipping == "agree":
        tags.append("no_shipping")
    items: list[dict[str, Any]] = [
        {
            "item": {
                "id": item.id,
                "title": item.title,
                "category_id": f"{site}1953",
                "variation_id": None,
                "seller_custom_field": None,
                "variation_attributes": [],
                "condition": "new",
                "seller_sku": None,
            },
            "quantity": qty,
            "requested_quantity": {"measure": "unit", "value": qty},
            "unit_price": _num(item.price),
            "full_unit_price": _num(item.price),
            "currency_id": currency,
            "sale_fee": _num((item.price * Decimal("0.11")).quantize(Decimal("0.01"))),
            "listing_type_id": "gold_special",
        }
        for item, qty in order.items
    ]
    total = _num(order.total)
    body: dict[str, Any] = {
        "id": order.id,
        "date_created": ml_iso(order.created, site),
        "date_closed": ml_iso(order.created + 1, site),
        "last_updated": ml_iso(order.last_updated, site),
        "manufacturing_ending_date": None,
        "feedback": {"sale": order.sale_feedback, "purchase": None},
        "mediations": [],
        "comments": None,
        "pack_id": order.pack_id,
        "pickup_id": None,
        "order_request": {"return": None, "change": None},
        "fulfilled": None,
        "total_amount": total,
        "paid_amount": total,
        "coupon": {"id": None, "amount": 0},
        "expiration_date": ml_iso(order.created + 28 * 86_400, site),
        "order_items": items,
        "currency_id": currency,
        "payments": [
            {
                "id": 16271834000 + order.id % 100_000,
                "order_id": order.id,
                "payer_id": buyer_id,
                "collector": {"id": order.seller.user_id},
                "site_id": site,
                "payment_method_id": "account_money",
                "payment_type": "account_money",
                "operation_type": "regular_payment",
                "currency_id": currency,
                "installments": 1,
                "status": "approved" if order.status != "cancelled" else "refunded",
                "status_detail": "accredited",
                "transaction_amount": total,
                "total_paid_amount": total,
                "shipping_cost": 0,
                "date_approved": ml_iso(order.created + 1, site),
            }
        ],
        "shipping": {"id": order.shipment_id},
        "status": order.status,
        "status_detail": order.status_detail,
        "tags": tags,
        "static_tags": [],
        "context": {"channel": "marketplace", "site": site, "flows": []},
        "seller": {"id": order.seller.user_id},
        "buyer": {
            "id": buyer_id,
            "nickname": f"{first.upper()}{buyer_id % 10_000}",
            "first_name": first,
            "last_name": last,
            "phone": {"area_code": "11", "extension": "", "number": "98765-4321"},
        },
        "taxes": {"amount": None, "currency_id": None, "id": None},
        "cancel_detail": order.cancel_detail,
    }
    if not new_format and order.shipment_id is not None:
        # The previous JSON (seed 004) embeds the shipment in ``shipping``.
        shipment = world.shipments[order.shipment_id]
        full = shipment_json(world, shipment)
        body["shipping"] = {
            "id": shipment.id,
            "site_id": site,
            "shipment_type": "shipping",
            "mode": shipment.mode,
            "shipping_mode": shipment.mode,
            "status": shipment.status,
            "substatus": shipment.substatus,
            "date_created": full["date_created"],
            "receiver_address": full["receiver_address"],
            "currency_id": currency,
            "service_id": shipment.service_id,
            "shipping_option": full["shipping_option"],
        }
        body["total_amount_with_shipping"] = total
    return body


def pack_json(world: MlWorld, pack: MlPack) -> dict[str, Any]:
    first = world.orders[pack.order_ids[0]]
    site = first.seller.site
    return {
        "id": pack.id,
        "status": "released",
        "family_pack_id": None,
        "orders": [{"id": oid} for oid in pack.order_ids],
        "shipment": {"id": pack.shipment_id} if pack.shipment_id is not None else None,
        "buyer": {"id": first.buyer[0]},
        "date_created": ml_iso(pack.created, site),
        "last_updated": ml_iso(max(world.orders[o].last_updated for o in pack.order_ids), site),
    }


def service_id(site: str) -> int:
    return SERVICE_IDS.get(site, 11)
