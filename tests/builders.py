"""Domain orders and money for tests, built directly with the domain types.

The pieces the test families share: the tests' reference time, money from a string, the API
notes' §2.2 combo item and a Mercado Pago Delivery order around given items. Each family
keeps its own order shapes (printing's ticket orders, the store's ``make_order``, the desk
window's ``flex_order``) and builds them from these.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from kitchen_app.domain import (
    Logistics,
    Money,
    Option,
    Order,
    OrderItem,
    StatusPair,
    Totals,
)

__all__ = ["STORE_ID", "T0", "ars", "burrito_combo", "mp_order"]

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
STORE_ID = "1070421029"


def ars(value: str, currency: str = "ARS") -> Money:
    """Money from a decimal string; ARS unless told."""
    return Money(Decimal(value), currency)


def burrito_combo(
    quantity: int = 2,
    currency: str = "ARS",
    *,
    extras: tuple[Option, ...] = (),
    with_codes: bool = True,
) -> OrderItem:
    """The §2.2 item: ``quantity`` burrito combos with a soda each (300 + 100 + 100, so 500 a
    combo), then ``extras``. ``with_codes=False`` leaves out the marketplace's ids, external
    codes and options price, as a channel that sends none would."""

    def money(value: int) -> Money:
        return ars(str(value), currency)

    soda = Option(
        name="Soda",
        quantity=Decimal(quantity),
        unit_price=money(100),
        total_price=money(100 * quantity),
        group="Combo with soda",
        external_code="151545" if with_codes else None,
        id="MLA1122707065" if with_codes else None,
    )
    return OrderItem(
        name="Burrito Combo Refrigerante",
        quantity=Decimal(quantity),
        unit_price=money(300),
        total_price=money(500 * quantity),
        options=(soda, *extras),
        notes="No quiero cebolla.",
        options_price=money(100 * quantity) if with_codes else None,
        external_code="1215451" if with_codes else None,
        id="MLA1122759502" if with_codes else None,
    )


def mp_order(
    order_id: str,
    *,
    status: StatusPair,
    items: tuple[OrderItem, ...],
    totals: Totals,
    display_id: str | None = None,
    created_at: datetime = T0,
    logistics: Logistics = Logistics.FLEX,
    store_id: str = STORE_ID,
    **fields: Any,
) -> Order:
    """A Mercado Pago Delivery order of "Doc's Store"; ``display_id`` defaults to the id's
    last four digits, ``fields`` are the Order's remaining fields (fees, customer, qr, ...)."""
    return Order(
        channel="mp_delivery",
        order_id=order_id,
        display_id=display_id or order_id[-4:],
        created_at=created_at,
        status=status,
        logistics=logistics,
        store_id=store_id,
        store_name="Doc's Store",
        items=items,
        totals=totals,
        **fields,
    )
