"""Generated orders: the §2.2 shape, totals that add up, seeds that repeat."""

from __future__ import annotations

import base64
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kitchen_app.channels.mercadopago.mapping import map_order
from kitchen_app.channels.mercadopago.sandbox.orders import build_order_json, parse_item_overrides
from kitchen_app.channels.mercadopago.sandbox.stores import default_store
from kitchen_app.domain import Logistics

FIXTURE = Path(__file__).parents[2] / "fixtures" / "mp_order_flex.json"
CREATED = 1_795_000_000.0


def _order(logistics: str, seed: int, items: Any = None) -> dict[str, Any]:
    return build_order_json(
        shipment_id="44000000123",
        display_id="0042",
        logistics=logistics,
        store=default_store("t"),
        created=CREATED,
        rng=random.Random(seed),
        items=parse_item_overrides(items) if items is not None else None,
    )


def _d(money: dict[str, Any]) -> Decimal:
    assert money["currency"] == "ARS"
    assert isinstance(money["value"], float)
    return Decimal(repr(money["value"]))


def _shape(value: Any) -> Any:
    """Key structure and JSON types, lists reduced to their first element."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_flex_order_has_the_fixture_shape() -> None:
    fixture = json.loads(FIXTURE.read_text())
    # An order with an item discount, a delivery fee and an option, like the fixture.
    items = [
        {
            "name": "Milanesa napolitana",
            "quantity": 2,
            "unit_price": 9800,
            "options": [{"name": "Coca-Cola", "unit_price": 1800, "group": "Bebida"}],
        }
    ]
    for seed in range(200):
        order = _order("flex", seed, items)
        if order["discounts"] and order["discounts"][0]["target"] == "ITEM":
            break
    else:
        pytest.fail("no seed gave an item discount")
    order["extension"] = {"status": "ready_to_ship", "substatus": "printed"} | order["extension"]
    order["delivery"]["deliveryDateTime"] = "2026-11-23T14:00:00Z"
    order["discounts"][0]["sponsorshipValues"] = order["discounts"][0]["sponsorshipValues"][:1]
    order["otherFees"] = order["otherFees"][:1]
    order["extension"]["paymentsInfo"] = order["extension"]["paymentsInfo"][:1]
    assert _shape(order) == _shape(fixture)


@pytest.mark.parametrize("logistics", ["flex", "dropoff"])
def test_totals_add_up(logistics: str) -> None:
    for seed in range(300):
        order = _order(logistics, seed)
        items_price = Decimal(0)
        for item in order["items"]:
            options = sum((_d(o["totalPrice"]) for o in item["options"]), Decimal(0))
            for o in item["options"]:
                assert _d(o["totalPrice"]) == _d(o["unitPrice"]) * o["quantity"]
            assert _d(item["optionsPrice"]) == options
            assert (
                _d(item["totalPrice"])
                == (_d(item["unitPrice"]) + _d(item["optionsPrice"])) * item["quantity"]
            )
            items_price += _d(item["totalPrice"])
        total = order["total"]
        fees = sum((_d(f["price"]) for f in order["otherFees"]), Decimal(0))
        discount = sum((_d(d["amount"]) for d in order["discounts"]), Decimal(0))
        for d in order["discounts"]:
            assert sum((_d(s["amount"]) for s in d["sponsorshipValues"]), Decimal(0)) == _d(
                d["amount"]
            )
        assert _d(total["itemsPrice"]) == items_price
        assert _d(total["otherFees"]) == fees
        assert _d(total["discount"]) == discount
        amount = _d(total["orderAmount"])
        assert amount == items_price + fees - discount > 0
        assert Decimal(repr(order["payments"]["prepaid"])) == amount
        assert order["payments"]["pending"] == 0
        # The desk's own mapper reads every generated order.
        state = {"status": "ready_to_ship", "substatus": "ready_to_print"}
        mapped = map_order(order | {"extension": state | order["extension"]})
        assert mapped.totals.total.amount == amount
        assert mapped.logistics == Logistics(logistics)


def test_flex_carries_the_qr_and_dropoff_does_not() -> None:
    flex, dropoff = _order("flex", 3), _order("dropoff", 3)
    qr = flex["extension"]["qr"]
    assert qr["id"] == flex["id"]
    assert isinstance(qr["sender_id"], int)
    assert len(qr["hash_code"]) == 44 and len(base64.b64decode(qr["hash_code"])) == 32
    assert qr["security_digit"].isdigit()
    assert flex["delivery"]["deliveredBy"] == "MERCHANT"
    assert "qr" not in dropoff["extension"]
    assert dropoff["delivery"]["deliveredBy"] == "MARKETPLACE"
    assert flex["type"] == dropoff["type"] == "DELIVERY"


def test_same_seed_same_order_and_ids_are_digit_strings() -> None:
    assert _order("flex", 11) == _order("flex", 11)
    assert _order("flex", 11) != _order("flex", 12)
    order = _order("flex", 11)
    assert order["id"].isdigit() and order["merchant"]["id"].isdigit()
    assert order["customer"]["id"].isdigit()
    assert order["createdAt"].endswith("Z")


def test_realistic_content_over_many_orders() -> None:
    notes, discounts, names = 0, 0, set()
    for seed in range(200):
        order = _order("flex", seed)
        notes += sum(1 for i in order["items"] if i["specialInstructions"])
        discounts += bool(order["discounts"])
        names.update(i["name"] for i in order["items"])
        address = order["delivery"]["deliveryAddress"]
        assert address["formattedAddress"] == f"{address['streetName']} {address['streetNumber']}"
    assert notes > 20 and discounts > 20 and len(names) > 15


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "non-empty list"),
        ([{"quantity": 1, "unit_price": 10}], "name"),
        ([{"name": "X", "unit_price": "abc"}], "price"),
        ([{"name": "X", "unit_price": -1}], "price"),
        ([{"name": "X", "unit_price": 1, "quantity": 0}], "quantity"),
        ([{"name": "X", "unit_price": 1, "options": [{"name": "Y", "unit_price": True}]}], "price"),
    ],
)
def test_bad_item_overrides(items: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_item_overrides(items)
