"""Mercado Libre JSON → order: both formats of seed 004, null shipping ids, substatus
rules, unknown statuses, money in the order's currency."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kitchen_app.channels.errors import BadResponse
from kitchen_app.channels.mercadolibre.mapping import read_order, read_shipment, to_domain
from kitchen_app.domain import Money, StatusPair

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def test_new_format_cart_order_with_its_shipment() -> None:
    ml = read_order(load("order_new_cart.json"), load("shipment_me1.json"))
    assert ml.id == "2053577644"
    assert ml.pack_id == "2000000101334825"
    assert ml.status == StatusPair("paid", None)
    assert ml.shipment is not None
    assert ml.shipment.status == StatusPair("shipped", None)  # "null" is none
    assert ml.shipment.tracking_number == "OP123456789BR"
    assert [v.pair for v in ml.shipment.history] == [
        StatusPair("pending", None),
        StatusPair("shipped", None),
    ]
    assert ml.logistics == "me1"
    assert ml.ship_by is not None and ml.ship_by.isoformat() == "2019-06-17T00:00:00-03:00"
    assert ml.total == Money.parse(Decimal("9.99"), "BRL")
    assert ml.shipping_note is None
    order = to_domain(ml)
    assert order.channel == "mercadolibre"
    assert order.pack_id == "2000000101334825"
    assert order.handles["shipment_id"] == "27987243797"
    assert [s.track for s in order.state] == ["order", "shipment"]
    assert order.order_id == "2053577644"
    assert order.customer is not None and order.customer.name == "Test Test"
    assert order.address is not None and order.address.city == "São Paulo"
    assert order.items[0].ref == "MLB1226730704"


def test_previous_format_embeds_the_shipment_and_shipping_cost() -> None:
    raw = load("order_new_cart.json")
    raw["total_amount_with_shipping"] = 20.04
    raw["shipping"] = {
        "id": 27987243797,
        "mode": "me1",
        "status": "pending",
        "substatus": "shipment_paid",
        "receiver_address": {"street_name": "Rua Direita", "street_number": "123"},
    }
    ml = read_order(raw)
    assert ml.shipment is not None
    assert ml.shipment.status == StatusPair("pending", "shipment_paid")
    assert ml.shipping_cost == Money.parse(Decimal("10.05"), "BRL")
    assert ml.total == Money.parse(Decimal("20.04"), "BRL")


@pytest.mark.parametrize("pack_id", [None, 2000000101334825])
def test_null_shipping_id_is_explained(pack_id: int | None) -> None:
    raw = load("order_new_cart.json")
    raw["shipping"] = {"id": None}
    raw["pack_id"] = pack_id
    ml = read_order(raw)
    assert ml.shipment_id is None and ml.shipment is None
    assert ml.shipping_note is not None and "not created yet" in ml.shipping_note
    if pack_id is None:
        assert "arrange" in ml.shipping_note
    assert to_domain(ml).notes == ml.shipping_note


def test_unknown_statuses_are_kept_raw() -> None:
    raw = load("order_new_cart.json")
    raw["status"] = "brand_new_status"
    shipment = load("shipment_me1.json")
    shipment["status"], shipment["substatus"] = "teleported", "beamed"
    ml = read_order(raw, shipment)
    assert ml.status == StatusPair("brand_new_status", None)
    assert ml.shipment is not None and ml.shipment.status == StatusPair("teleported", "beamed")


def test_pack_gives_the_other_orders() -> None:
    pack = {"id": 2000000101334825, "orders": [{"id": 2053577644}, {"id": 2053577645}]}
    ml = read_order(load("order_new_cart.json"), pack=pack)
    assert ml.related_order_ids == ("2053577645",)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("status",), None),
        (("date_created",), "yesterday"),
        (("currency_id",), 5),
        (("order_items",), None),
        (("order_items", 0, "unit_price"), "abc"),
        (("order_items", 0, "currency_id"), "ARS"),
    ],
)
def test_unusable_order_is_refused_with_one_line(path: tuple[Any, ...], value: object) -> None:
    raw = copy.deepcopy(load("order_new_cart.json"))
    target: Any = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(BadResponse) as caught:
        read_order(raw)
    assert "\n" not in caught.value.message


def test_shipment_without_status_is_refused() -> None:
    with pytest.raises(BadResponse):
        read_shipment({"id": 1})
