"""Parameters are checked against the plug-in's ParamSpecs before anything is journaled."""

from __future__ import annotations

import dataclasses

import pytest
from tests.unit.store.store_testkit import make_order

from kitchen_app.channels.base import ActionSpec, ParamKind, ParamSpec
from kitchen_app.domain.settings import Choice
from kitchen_app.domain.text import QT_TRANSLATE_NOOP
from kitchen_app.engine.actions import ParamError, _journaled_params, check_params


def _t(text: str) -> object:
    return QT_TRANSLATE_NOOP("shopee", text)


CANCEL = ActionSpec(
    "cancel",
    QT_TRANSLATE_NOOP("shopee", "Cancel"),
    params=(
        ParamSpec(
            "reason",
            ParamKind.CHOICE,
            QT_TRANSLATE_NOOP("shopee", "Reason"),
            choices=(Choice("OUT_OF_STOCK", "Out of stock"), Choice("CUSTOMER_REQUEST", "Asked")),
        ),
        ParamSpec(
            "items",
            ParamKind.ITEMS,
            QT_TRANSLATE_NOOP("shopee", "Items"),
            required=False,
            required_when=("reason", "OUT_OF_STOCK"),
            multiple=True,
        ),
    ),
)
STOCK = ActionSpec(
    "set_stock",
    QT_TRANSLATE_NOOP("mercadolibre", "Stock"),
    params=(
        ParamSpec("quantity", ParamKind.NUMBER, QT_TRANSLATE_NOOP("x", "Quantity"), minimum=0),
        ParamSpec(
            "message", ParamKind.TEXT, QT_TRANSLATE_NOOP("x", "Message"), False, max_length=5
        ),
    ),
)


def _order() -> object:
    order = make_order("9")
    items = tuple(dataclasses.replace(i, ref=f"I{n}/M") for n, i in enumerate(order.items))
    return dataclasses.replace(order, items=items)


def test_a_reason_that_needs_items_needs_them() -> None:
    order = _order()
    with pytest.raises(ParamError, match="Items is required"):
        check_params(CANCEL, {"reason": "OUT_OF_STOCK"}, order)  # type: ignore[arg-type]
    assert check_params(CANCEL, {"reason": "CUSTOMER_REQUEST"}, order) == {  # type: ignore[arg-type]
        "reason": "CUSTOMER_REQUEST"
    }
    checked = check_params(CANCEL, {"reason": "OUT_OF_STOCK", "items": ("I0/M",)}, order)  # type: ignore[arg-type]
    assert checked == {"reason": "OUT_OF_STOCK", "items": ("I0/M",)}


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"reason": "COD_NOT_SUPPORTED"}, "not one of the choices"),
        ({"reason": "OUT_OF_STOCK", "items": ("nope",)}, "not an item of this order"),
        ({"reason": "CUSTOMER_REQUEST", "note": "x"}, "takes no note"),
        ({}, "Reason is required"),
    ],
)
def test_what_the_specs_refuse(params: dict[str, object], problem: str) -> None:
    with pytest.raises(ParamError, match=problem):
        check_params(CANCEL, params, _order())  # type: ignore[arg-type]


def test_numbers_and_text_within_their_bounds() -> None:
    order = _order()
    assert check_params(STOCK, {"quantity": 0}, order) == {"quantity": 0}  # type: ignore[arg-type]
    for params, problem in (
        ({"quantity": -1}, "at least 0"),
        ({"quantity": True}, "whole number"),
        ({"quantity": 3, "message": "too long"}, "longer than 5"),
    ):
        with pytest.raises(ParamError, match=problem):
            check_params(STOCK, params, order)  # type: ignore[arg-type]


def test_a_reason_journaled_before_plugins_reads_as_its_value() -> None:
    old = {"reason": {"id": "CS7452", "value": "out_of_stock", "message": "Sin stock"}}
    assert _journaled_params(old) == {"reason": "out_of_stock"}
    assert _journaled_params({"items": ["a", "b"]}) == {"items": ("a", "b")}
