"""Mercado Pago Delivery order JSON → domain.Order (api notes §2.1)."""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kitchen_app.channels.errors import BadResponse
from kitchen_app.channels.mercadopago.mapping import map_order, observed_at, parse_timestamp
from kitchen_app.domain import (
    Logistics,
    Money,
    OrderKey,
    StatusPair,
    order_from_dict,
    order_to_dict,
)
from kitchen_app.domain.timezones import zone_from_setting

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "mp_order_flex.json"


@pytest.fixture
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def ars(value: str) -> Money:
    return Money(Decimal(value), "ARS")


def test_fixture_maps_every_part(raw: dict[str, Any]) -> None:
    order = map_order(raw)
    assert order.channel == "mp_delivery"
    assert order.order_id == "41034141533"
    assert order.key == OrderKey("mp_delivery", "41034141533")
    assert order.display_id == "9129"
    assert order.created_at == datetime(2022, 2, 16, 21, 20, 15, 227000, tzinfo=UTC)
    assert order.status == StatusPair("ready_to_ship", "printed")
    assert order.logistics is Logistics.FLEX
    assert order.store_id == "44905357"
    assert order.store_name == "Doc's Store"

    (item,) = order.items
    assert item.name == "Burrito Combo Refrigerante"
    assert item.id == "MLA1122759502"
    assert item.external_code == "1215451"
    assert item.quantity == Decimal(2)
    assert item.notes == "No quiero cebolla."
    assert item.unit_price == ars("300.00")
    assert item.options_price == ars("200.00")
    assert item.total_price == ars("1000.00")
    (option,) = item.options
    assert (option.name, option.group, option.quantity) == ("Soda", "Combo with soda", 2)
    assert option.unit_price == ars("100") and option.total_price == ars("200")
    assert option.external_code == "151545" and option.id == "MLA1122707065"

    (fee,) = order.fees
    assert (fee.name, fee.kind, fee.received_by, fee.price) == (
        "Name of the Fee",
        "DELIVERY_FEE",
        "MERCHANT",
        ars("119"),
    )
    (discount,) = order.discounts
    assert (discount.amount, discount.target, discount.target_id, discount.name) == (
        ars("119"),
        "ITEM",
        "MLA1122759502",
        "coupon_off",
    )
    assert order.totals.items == ars("1000")
    assert order.totals.fees == ars("119")
    assert order.totals.discount == ars("119")
    assert order.totals.total == ars("1000")
    (payment,) = order.payments
    assert (payment.amount, payment.method, payment.kind, payment.prepaid) == (
        ars("1000"),
        "DIGITAL_WALLET",
        "PREPAID",
        True,
    )
    assert order.customer is not None
    assert (order.customer.name, order.customer.phone, order.customer.document) == (
        "Test User",
        "011 123456789",
        "2731234567894",
    )
    assert order.customer.id == "1071059933"
    assert order.address is not None
    assert order.address.formatted == "Calle 01 1523"
    assert order.address.complement == "APTO 58"
    assert order.address.city == "Santos Lugares"
    assert order.address.postal_code == "1428"
    assert order.address.latitude == pytest.approx(-34.55864)
    assert order.qr is not None
    assert order.qr.payload() == (
        '{"id":"41034141533","sender_id":1068595961,'
        '"hash_code":"v3Xtt15eewkj3Eu2lZt+cJQgDj3H6AHb04y1cMO4nPI=","security_digit":"0"}'
    )
    assert order.estimated_delivery_at == datetime(2022, 2, 21, 21, 49, 55, tzinfo=UTC)
    assert order.delivered_at == datetime(2022, 2, 21, 21, 52, 55, tzinfo=UTC)
    assert order.estimated_pickup_at is None
    assert order.notes is None
    assert order.raw is raw


def test_mapped_order_survives_the_domain_serialisation(raw: dict[str, Any]) -> None:
    order = map_order(raw)
    assert order_from_dict(order_to_dict(order)) == order


def test_money_is_exact_to_the_cent(raw: dict[str, Any]) -> None:
    raw["items"][0]["unitPrice"]["value"] = 119.9
    raw["items"][0]["totalPrice"]["value"] = 0.1 + 0.2  # 0.30000000000000004 as JSON gives it
    raw["total"]["orderAmount"]["value"] = "1234.56"
    order = map_order(raw)
    assert order.items[0].unit_price.amount == Decimal("119.90")
    assert order.items[0].total_price.amount == Decimal("0.30")
    assert order.totals.total.cents == 123456
    assert str(order.totals.total.amount) == "1234.56"


def test_substatus_falls_back_to_camel_case(raw: dict[str, Any]) -> None:
    del raw["extension"]["substatus"]
    raw["extension"]["subStatus"] = "ready_to_print"
    assert map_order(raw).status == StatusPair("ready_to_ship", "ready_to_print")


def test_documented_substatus_wins_over_camel_case(raw: dict[str, Any]) -> None:
    raw["extension"]["subStatus"] = "ready_to_print"
    assert map_order(raw).status == StatusPair("ready_to_ship", "printed")


def test_missing_or_null_substatus_is_none(raw: dict[str, Any]) -> None:
    raw["extension"]["status"] = "delivered"
    raw["extension"]["substatus"] = None
    assert map_order(raw).status == StatusPair("delivered", None)
    del raw["extension"]["substatus"]
    assert map_order(raw).status == StatusPair("delivered", None)


def test_unknown_status_and_substatus_are_kept_raw(raw: dict[str, Any]) -> None:
    raw["extension"]["substatus"] = "beamed_up"
    order = map_order(raw)
    assert order.status == StatusPair("ready_to_ship", "beamed_up")
    raw["extension"]["status"] = "teleported"
    assert map_order(raw).status == StatusPair("teleported", "beamed_up")
    del raw["extension"]["substatus"]
    raw["extension"]["subStatus"] = "cooking"
    assert map_order(raw).status == StatusPair("teleported", "cooking")


@pytest.mark.parametrize("status", [None, "", "  ", 3, ["ready_to_ship"]])
def test_a_missing_or_broken_status_is_still_refused(raw: dict[str, Any], status: object) -> None:
    raw["extension"]["status"] = status
    with pytest.raises(BadResponse, match=r"^order JSON: extension.status is "):
        map_order(raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-02-16T21:20:15.227Z", datetime(2022, 2, 16, 21, 20, 15, 227000, tzinfo=UTC)),
        ("2022-02-16T21:20:15Z", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("2022-02-16T18:20:15-03:00", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("2022-02-16T18:20:15.5-0300", datetime(2022, 2, 16, 21, 20, 15, 500000, tzinfo=UTC)),
        # No offset: local time in the zone asked for (GMT-3 by default), never UTC.
        ("2022-02-16T18:20:15", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("2022-02-16T18:20:15.227", datetime(2022, 2, 16, 21, 20, 15, 227000, tzinfo=UTC)),
        ("2022-02-16T21:20:15.123456789z", datetime(2022, 2, 16, 21, 20, 15, 123456, tzinfo=UTC)),
    ],
)
def test_timestamps_are_read_leniently(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize("value", [None, "", "yesterday", 1645046415, "2022-13-01T00:00:00Z"])
def test_unreadable_timestamps_are_none(value: object) -> None:
    assert parse_timestamp(value) is None


def test_offset_times_keep_their_offset_and_instant(raw: dict[str, Any]) -> None:
    raw["createdAt"] = "2022-02-16T18:20:15-03:00"
    order = map_order(raw)
    assert order.created_at.utcoffset() == timedelta(hours=-3)
    assert order.created_at == datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)
    assert order.accept_deadline == datetime(2022, 2, 16, 21, 25, 15, tzinfo=UTC)


def test_created_at_falls_back_to_preparation_start(raw: dict[str, Any]) -> None:
    del raw["createdAt"]
    assert map_order(raw).created_at == datetime(2022, 2, 16, 21, 20, 47, 755000, tzinfo=UTC)


def test_dropoff_without_qr(raw: dict[str, Any]) -> None:
    del raw["extension"]["qr"]
    raw["delivery"]["deliveredBy"] = "MARKETPLACE"
    raw["extension"]["estimatedPickupDate"] = "2022-02-21T22:00:55Z"
    order = map_order(raw)
    assert order.logistics is Logistics.DROPOFF
    assert order.qr is None
    assert order.estimated_pickup_at == datetime(2022, 2, 21, 22, 0, 55, tzinfo=UTC)


@pytest.mark.parametrize("substatus", ["on_route_to_pickup", "picking_up", "at_the_door"])
def test_dropoff_only_substatus_means_dropoff(raw: dict[str, Any], substatus: str) -> None:
    raw["extension"]["qr"] = {}
    raw["extension"]["substatus"] = substatus
    assert map_order(raw).logistics is Logistics.DROPOFF


def test_estimated_pickup_alone_means_dropoff(raw: dict[str, Any]) -> None:
    raw["extension"]["qr"] = None
    raw["extension"]["estimatedPickupDate"] = "2022-02-21T22:00:55Z"
    assert map_order(raw).logistics is Logistics.DROPOFF


def test_no_qr_means_dropoff_whatever_delivered_by_says(raw: dict[str, Any]) -> None:
    del raw["extension"]["qr"]  # deliveredBy stays MERCHANT
    order = map_order(raw)
    assert order.logistics is Logistics.DROPOFF  # api notes §2.4, rule 1
    assert order.qr is None


def test_qr_wins_over_marketplace_delivery(raw: dict[str, Any]) -> None:
    raw["delivery"]["deliveredBy"] = "MARKETPLACE"
    assert map_order(raw).logistics is Logistics.FLEX


def test_malformed_qr_is_dropped_but_the_order_stays(
    raw: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    del raw["extension"]["qr"]["hash_code"]
    order = map_order(raw)
    assert order.logistics is Logistics.FLEX
    assert order.qr is None
    assert "extension.qr" in caplog.text


def test_qr_sender_id_as_text_and_id_as_number(raw: dict[str, Any]) -> None:
    raw["extension"]["qr"]["sender_id"] = "1068595961"
    raw["extension"]["qr"]["id"] = 41034141533
    order = map_order(raw)
    assert order.qr is not None
    assert order.qr.sender_id == 1068595961
    assert order.qr.id == "41034141533"


def test_a_takeout_order_follows_the_qr_rule_and_keeps_its_type_raw(
    raw: dict[str, Any],
) -> None:
    raw["type"] = "TAKEOUT"
    assert map_order(raw).logistics is Logistics.FLEX  # it has a QR
    del raw["extension"]["qr"]
    del raw["delivery"]
    order = map_order(raw)
    assert order.logistics is Logistics.DROPOFF  # the docs have no Takeout flow (§2.4)
    assert order.raw["type"] == "TAKEOUT"
    assert order.address is None
    assert order.estimated_delivery_at is None
    assert order.flow.rank(StatusPair("ready_to_ship", "printed")) > 0


def test_minimal_order_has_empty_optional_parts() -> None:
    raw: dict[str, Any] = {
        "id": 777,
        "createdAt": "2026-01-02T03:04:05Z",
        "items": [
            {"name": "Empanada", "quantity": 3, "unitPrice": {"value": 1.5, "currency": "ars"}}
        ],
        "extension": {"status": "ready_to_ship", "substatus": "ready_to_print"},
        "futureField": {"anything": [1, 2, 3]},
    }
    order = map_order(raw)
    assert order.order_id == "777"
    assert order.display_id == "777"
    (item,) = order.items
    assert item.total_price == ars("4.50")
    assert item.options == () and item.notes is None and item.options_price is None
    assert order.fees == () and order.discounts == () and order.payments == ()
    assert order.customer is None and order.address is None and order.qr is None
    assert order.store_id is None and order.store_name is None
    assert order.totals.items == ars("4.50")
    assert order.totals.fees == ars("0") and order.totals.discount == ars("0")
    assert order.totals.total == ars("4.50")
    assert order.logistics is Logistics.DROPOFF  # no qr


def test_missing_totals_are_computed_from_the_parts(raw: dict[str, Any]) -> None:
    del raw["total"]
    raw["otherFees"][0]["price"]["value"] = 150.25
    raw["discounts"][0]["amount"]["value"] = 100.1
    order = map_order(raw)
    assert order.totals.items == ars("1000")
    assert order.totals.fees == ars("150.25")
    assert order.totals.discount == ars("100.10")
    assert order.totals.total == ars("1050.15")


def test_item_total_computed_when_missing(raw: dict[str, Any]) -> None:
    del raw["items"][0]["totalPrice"]
    del raw["items"][0]["optionsPrice"]
    del raw["items"][0]["options"][0]["totalPrice"]
    order = map_order(raw)
    # (300 + 100 × 2) × 2
    assert order.items[0].total_price == ars("1000")
    assert order.items[0].options[0].total_price == ars("200")


def test_pending_payment_is_listed_as_not_prepaid(raw: dict[str, Any]) -> None:
    raw["payments"]["pending"] = 250.5
    order = map_order(raw)
    pending = [p for p in order.payments if not p.prepaid]
    assert len(pending) == 1
    assert pending[0].amount == ars("250.50") and pending[0].kind == "PENDING"


def test_address_from_street_parts_when_not_formatted(raw: dict[str, Any]) -> None:
    del raw["delivery"]["deliveryAddress"]["formattedAddress"]
    raw["delivery"]["deliveryAddress"]["streetNumber"] = "SN"
    order = map_order(raw)
    assert order.address is not None
    assert order.address.formatted == "Calle 01 SN"


def test_wrongly_shaped_display_parts_are_ignored(raw: dict[str, Any]) -> None:
    raw["customer"] = "someone"
    raw["merchant"] = ["x"]
    raw["extension"]["store"] = 5
    order = map_order(raw)
    assert order.customer is None
    assert order.store_id is None and order.store_name is None


def test_bad_optional_time_becomes_none(raw: dict[str, Any]) -> None:
    raw["delivery"]["estimatedDeliveryDateTime"] = "soon"
    assert map_order(raw).estimated_delivery_at is None


def _set(data: dict[str, Any], path: str, value: object) -> None:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: Any = data
    for key in keys[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("id", _DELETE, "order JSON: id is missing"),
        ("id", "", "order JSON: id is not a non-empty string"),
        ("items", _DELETE, "order JSON: items is missing"),
        ("items", {"a": 1}, "order JSON: items is not a list"),
        ("items.0", "burrito", "order JSON: items[0] is not an object"),
        ("items.0.name", _DELETE, "order JSON: items[0].name is missing"),
        ("items.0.quantity", "two", "order JSON: items[0].quantity is not a number"),
        ("items.0.quantity", 0, "order JSON: items[0].quantity is not a positive number"),
        ("items.0.unitPrice.value", "abc", "order JSON: items[0].unitPrice.value is not a number"),
        ("items.0.unitPrice.value", None, "order JSON: items[0].unitPrice.value is not a number"),
        ("items.0.unitPrice.value", True, "order JSON: items[0].unitPrice.value is not a number"),
        ("items.0.unitPrice.value", "NaN", "order JSON: items[0].unitPrice.value is not a number"),
        ("items.0.unitPrice.value", -1, "order JSON: items[0].unitPrice.value is negative"),
        (
            "items.0.unitPrice.value",
            "1e999999",
            "order JSON: items[0].unitPrice.value is not an amount of money",
        ),
        ("items.0.unitPrice", _DELETE, "order JSON: items[0].unitPrice is missing"),
        ("items.0.unitPrice", 300, "order JSON: items[0].unitPrice is not an object"),
        (
            "items.0.unitPrice.currency",
            "pesos",
            "order JSON: items[0].unitPrice.currency is not a currency code",
        ),
        (
            "items.0.unitPrice.currency",
            None,
            "order JSON: items[0].unitPrice.currency is not a currency code",
        ),
        (
            "items.0.unitPrice.currency",
            "BRL",
            "order JSON: items[0].unitPrice.currency is BRL, not the order's currency ARS",
        ),
        (
            "items.0.options.0.unitPrice.value",
            [],
            "order JSON: items[0].options[0].unitPrice.value is not a number",
        ),
        ("otherFees.0.price", _DELETE, "order JSON: otherFees[0].price is missing"),
        ("discounts", "none", "order JSON: discounts is not a list"),
        ("total.orderAmount.value", "1e", "order JSON: total.orderAmount.value is not a number"),
        ("payments.methods.0.value", "x", "order JSON: payments.methods[0].value is not a number"),
        ("extension", _DELETE, "order JSON: extension.status is missing"),
        ("extension", [], "order JSON: extension is not an object"),
        ("extension.status", _DELETE, "order JSON: extension.status is missing"),
        ("extension.status", 3, "order JSON: extension.status is not a non-empty string"),
        ("extension.substatus", 7, "order JSON: extension.substatus is not a string"),
        ("createdAt", "yesterday", "order JSON: createdAt is not a date-time: 'yesterday'"),
    ],
)
def test_bad_input_names_the_field(
    raw: dict[str, Any], path: str, value: object, message: str
) -> None:
    _set(raw, path, value)
    with pytest.raises(BadResponse) as info:
        map_order(raw)
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_missing_created_at_everywhere(raw: dict[str, Any]) -> None:
    del raw["createdAt"]
    del raw["preparationStartDateTime"]
    with pytest.raises(BadResponse, match=r"^order JSON: createdAt is missing$"):
        map_order(raw)


@pytest.mark.parametrize("value", [None, [], "order", 42])
def test_not_an_object(value: Any) -> None:
    with pytest.raises(BadResponse, match=r"^order JSON: not an object$"):
        map_order(value)


def test_mapping_does_not_change_the_raw_json(raw: dict[str, Any]) -> None:
    before = copy.deepcopy(raw)
    map_order(raw)
    assert raw == before


def test_observed_at_per_status(raw: dict[str, Any]) -> None:
    order = map_order(raw)
    assert observed_at(order, raw, StatusPair("ready_to_ship", "ready_to_print")) == datetime(
        2022, 2, 16, 21, 20, 47, 755000, tzinfo=UTC
    )
    assert observed_at(order, raw, StatusPair("delivered")) == datetime(
        2022, 2, 21, 21, 52, 55, tzinfo=UTC
    )
    assert observed_at(order, raw, StatusPair("ready_to_ship", "printed")) is None
    assert observed_at(order, raw, StatusPair("cancelled", "time_expired")) is None
    raw["extension"]["cancellationDateTime"] = "2022-02-16T21:25:15Z"
    assert observed_at(order, raw, StatusPair("cancelled", "time_expired")) == datetime(
        2022, 2, 16, 21, 25, 15, tzinfo=UTC
    )
    del raw["preparationStartDateTime"]
    assert observed_at(order, raw, StatusPair("ready_to_ship", "ready_to_print")) == (
        order.created_at
    )
    del raw["delivery"]["deliveryDateTime"]
    order = map_order(raw)
    assert observed_at(order, raw, StatusPair("delivered")) is None


_cents = st.integers(min_value=0, max_value=10**9)


@given(unit=_cents, qty=st.integers(min_value=1, max_value=50), fee=_cents, disc=_cents)
def test_amounts_round_trip_to_the_cent(unit: int, qty: int, fee: int, disc: int) -> None:
    def m(cents: int) -> dict[str, Any]:
        # JSON numbers as a marketplace sends them: floats with two decimals.
        return {"value": float(f"{cents / 100:.2f}"), "currency": "BRL"}

    raw: dict[str, Any] = {
        "id": "1",
        "createdAt": "2026-01-01T00:00:00Z",
        "items": [{"name": "x", "quantity": qty, "unitPrice": m(unit)}],
        "otherFees": [{"type": "TIP", "price": m(fee)}],
        "discounts": [{"amount": m(disc), "target": "CART"}],
        "extension": {"status": "ready_to_ship"},
    }
    order = map_order(raw)
    assert order.items[0].unit_price.cents == unit
    assert order.items[0].total_price.cents == unit * qty
    assert order.totals.total.cents == unit * qty + fee - disc
    assert order.currency == "BRL"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


_FIXTURE_PATHS = _paths(json.loads(FIXTURE.read_text(encoding="utf-8")))
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(path=st.sampled_from(_FIXTURE_PATHS), value=_json_values)
def test_any_damage_gives_an_order_or_a_one_line_bad_response(
    path: tuple[Any, ...], value: object
) -> None:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        order = map_order(data)
    except BadResponse as exc:
        assert str(exc).startswith("order JSON: ")
        assert "\n" not in str(exc)
    else:
        assert order.order_id and order.created_at.tzinfo is not None
        assert order.totals.total.currency == order.totals.items.currency


# --- time zones (api notes §2) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone_text", "created", "expected_utc"),
    [
        ("GMT-3", "2022-02-16T18:20:15", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("GMT-3", "2022-02-16T18:20:15.227", datetime(2022, 2, 16, 21, 20, 15, 227000, tzinfo=UTC)),
        ("GMT-6", "2022-02-16T15:20:15", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("UTC", "2022-02-16T21:20:15", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        (
            "America/Mexico_City",
            "2022-02-16T15:20:15",
            datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC),
        ),
        # An explicit offset is used as is, whatever zone was asked for.
        ("GMT-6", "2022-02-16T18:20:15-03:00", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
        ("GMT-3", "2022-02-16T21:20:15Z", datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)),
    ],
)
def test_offset_less_times_are_read_in_the_zone_asked_for(
    raw: dict[str, Any], zone_text: str, created: str, expected_utc: datetime
) -> None:
    raw["createdAt"] = created
    order = map_order(raw, zone=zone_from_setting(zone_text))
    assert order.created_at == expected_utc
    assert order.accept_deadline == expected_utc + timedelta(minutes=5)


def test_every_offset_less_time_of_an_answer_uses_the_zone(raw: dict[str, Any]) -> None:
    raw["createdAt"] = "2022-02-21T18:40:00"
    raw["delivery"]["estimatedDeliveryDateTime"] = "2022-02-21T19:00:00"
    raw["delivery"]["deliveryDateTime"] = "2022-02-21T19:02:00.5"
    raw["extension"]["estimatedPickupDate"] = "2022-02-21T18:50:00"
    raw["extension"]["cancellationDateTime"] = "2022-02-21T18:45:00"
    gmt6 = zone_from_setting("GMT-6")
    order = map_order(raw, zone=gmt6)
    assert order.estimated_delivery_at == datetime(2022, 2, 22, 1, 0, tzinfo=UTC)
    assert order.delivered_at == datetime(2022, 2, 22, 1, 2, 0, 500000, tzinfo=UTC)
    assert order.estimated_pickup_at == datetime(2022, 2, 22, 0, 50, tzinfo=UTC)
    # observed_at reads offset-less times in the zone createdAt was read in.
    assert observed_at(order, raw, StatusPair("cancelled", "time_expired")) == datetime(
        2022, 2, 22, 0, 45, tzinfo=UTC
    )
    assert observed_at(
        order, raw, StatusPair("cancelled", "time_expired"), zone=zone_from_setting("UTC")
    ) == datetime(2022, 2, 21, 18, 45, tzinfo=UTC)


def test_a_z_time_while_a_local_zone_was_asked_for_is_utc_and_logged_once(
    raw: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    zone = zone_from_setting("GMT-11")  # a zone no other test uses: the warning is once per zone
    raw["createdAt"] = "2022-02-16T21:20:15Z"
    with caplog.at_level(logging.WARNING, logger="kitchen_app.channels.mercadopago.mapping"):
        first = map_order(raw, zone=zone)
        map_order(raw, zone=zone)
    assert first.created_at == datetime(2022, 2, 16, 21, 20, 15, tzinfo=UTC)
    warned = [r for r in caplog.records if "ends in Z" in r.getMessage()]
    assert len(warned) == 1
