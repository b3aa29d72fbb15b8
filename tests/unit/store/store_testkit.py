"""Domain orders like the API notes' §2.2 Flex order, built directly with the domain types,
and a clock the tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from kitchen_app.domain import (
    Address,
    Channel,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Logistics,
    Money,
    Option,
    Order,
    OrderItem,
    Payment,
    StatusPair,
    TimelineEntry,
    Totals,
)
from kitchen_app.store import DeskStore

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
READY_TO_PRINT = StatusPair("ready_to_ship", "ready_to_print")
PRINTED = StatusPair("ready_to_ship", "printed")
READY_TO_COOK = StatusPair("ready_to_ship", "ready_to_cook")
OUT_FOR_DELIVERY = StatusPair("shipped", "out_for_delivery")
DELIVERED = StatusPair("delivered", None)
TIME_EXPIRED = StatusPair("cancelled", "time_expired")


def ars(value: str) -> Money:
    return Money(Decimal(value), "ARS")


class Clock:
    """An aware UTC "now" that moves only when told."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 1.0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def make_order(
    order_id: str = "41034141533",
    *,
    status: StatusPair = READY_TO_PRINT,
    logistics: Logistics = Logistics.FLEX,
    created_at: datetime = T0,
    customer: str | None = "Juan Pérez",
    display_id: str | None = None,
    quantity: int = 2,
    raw: dict[str, Any] | None = None,
) -> Order:
    item = OrderItem(
        name="Burrito Combo Refrigerante",
        quantity=Decimal(quantity),
        unit_price=ars("300"),
        total_price=ars(str(500 * quantity)),
        options=(
            Option(
                name="Soda",
                quantity=Decimal(quantity),
                unit_price=ars("100"),
                total_price=ars(str(100 * quantity)),
                group="Combo with soda",
                external_code="151545",
                id="MLA1122707065",
            ),
        ),
        notes="No quiero cebolla.",
        options_price=ars(str(100 * quantity)),
        external_code="1215451",
        id="MLA1122759502",
    )
    total = ars(str(500 * quantity))
    return Order(
        channel=Channel.MP_DELIVERY,
        order_id=order_id,
        display_id=display_id or order_id[-4:],
        created_at=created_at,
        status=status,
        logistics=logistics,
        store_id="1070421029",
        store_name="Doc's Store",
        items=(item,),
        totals=Totals(items=total, fees=ars("119"), discount=ars("119"), total=total),
        fees=(Fee("Name of the Fee", "DELIVERY_FEE", ars("119"), "MERCHANT"),),
        discounts=(Discount(ars("119"), "ITEM", "MLA1122759502", None),),
        payments=(Payment(total, "DIGITAL_WALLET", "PREPAID"),),
        customer=Customer(customer, phone="+54 11 5555-0000") if customer else None,
        address=Address("Av. Corrientes 1234", city="Buenos Aires", country="AR"),
        qr=FlexQR("41034141533", 1070421029, "jMMbWq0Yq1GFlf6wRqZ9zJ2vJSc1Nh6gzfYfWL1xb1Q=", "0"),
        notes=None,
        raw=raw if raw is not None else {"id": order_id, "displayId": display_id or order_id[-4:]},
    )


def seen(pair: StatusPair, at: datetime, source: str = "webhook") -> TimelineEntry:
    return TimelineEntry(pair, at, at, source)


def open_store(path: Path, clock: Clock | None = None) -> DeskStore:
    return DeskStore.open(path, tz=UTC, clock=clock or Clock())
