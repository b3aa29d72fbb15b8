"""Which actions an order allows, in which order, and what a fresh read says about an action
whose answer was lost (plug-in plan §1.2)."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kitchen_app.channels.mercadolibre.flows import actions_for
from kitchen_app.channels.mercadolibre.mapping import read_order, to_domain
from kitchen_app.channels.mercadolibre.plugin import MercadoLibrePlugin, parse_cursor
from kitchen_app.domain import Evidence, Order, StatusPair

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"
NOW = datetime(2026, 12, 2, tzinfo=UTC)


def order(status: str = "pending", tracking: str | None = None, **changes: Any) -> Order:
    raw: dict[str, Any] = json.loads((FIXTURES / "order_new_cart.json").read_text("utf-8"))
    shipment: dict[str, Any] = json.loads((FIXTURES / "shipment_me1.json").read_text("utf-8"))
    shipment = copy.deepcopy(shipment)
    shipment.update(status=status, substatus=None, tracking_number=tracking, **changes)
    return to_domain(read_order(raw, shipment))


def names(o: Order) -> list[str]:
    return [a.name for a in actions_for(o, now=NOW)]


def evidence(action: str, o: Order) -> Evidence:
    return MercadoLibrePlugin.evidence(None, action, o)  # type: ignore[arg-type]


def test_me1_actions_follow_the_shipment() -> None:
    assert names(order("pending")) == ["set_tracking", "set_stock", "feedback"]
    assert names(order("pending", "OP1")) == [
        "set_tracking",
        "mark_shipped",
        "set_stock",
        "feedback",
    ]
    assert names(order("shipped", "OP1"))[:2] == ["mark_not_delivered", "mark_delivered"]
    assert names(order("delivered", "OP1")) == ["set_stock", "feedback"]
    assert names(order("not_delivered", "OP1")) == ["set_stock", "feedback"]


def test_no_me1_actions_for_me2_or_a_cancelled_order() -> None:
    assert "set_tracking" not in names(order("pending", mode="me2"))
    cancelled = dataclasses.replace(order("pending"), status=StatusPair("cancelled"))
    assert "set_tracking" not in names(cancelled)


def test_feedback_once_and_fulfilled_only_once_delivered() -> None:
    def fulfilled_choices(o: Order) -> list[str]:
        spec = next(a for a in actions_for(o, now=NOW) if a.name == "feedback")
        return [c.value for c in spec.params[0].choices]

    assert fulfilled_choices(order("shipped", "OP1")) == ["no"]
    assert fulfilled_choices(order("delivered", "OP1")) == ["yes", "no"]
    given = dataclasses.replace(order("delivered"), handles={"sale_feedback": "yes"})
    assert "feedback" not in names(given)
    final = [a for a in actions_for(order("shipped", "OP1"), now=NOW) if a.confirm]
    assert {a.name for a in final} == {"mark_not_delivered", "mark_delivered", "feedback"}


@pytest.mark.parametrize(
    ("action", "status", "tracking", "expected"),
    [
        ("set_tracking", "pending", None, Evidence.NOT_DONE),
        ("set_tracking", "pending", "OP1", Evidence.DONE),
        ("mark_shipped", "pending", "OP1", Evidence.NOT_DONE),
        ("mark_shipped", "shipped", "OP1", Evidence.DONE),
        ("mark_delivered", "delivered", "OP1", Evidence.DONE),
        ("mark_delivered", "not_delivered", "OP1", Evidence.IMPOSSIBLE),
        ("mark_not_delivered", "shipped", "OP1", Evidence.NOT_DONE),
        ("set_stock", "pending", None, Evidence.UNKNOWN),
    ],
)
def test_evidence(action: str, status: str, tracking: str | None, expected: Evidence) -> None:
    assert evidence(action, order(status, tracking)) is expected


@pytest.mark.parametrize(
    ("cursor", "expected"),
    [
        (None, ("all", 0)),
        ("all:50", ("all", 50)),
        ("cancelled:100", ("cancelled", 100)),
        ("garbage", ("all", 0)),
        ("all:-1", ("all", 0)),
    ],
)
def test_cursor(cursor: str | None, expected: tuple[str, int]) -> None:
    assert parse_cursor(cursor) == expected
