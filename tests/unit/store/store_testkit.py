"""Store tests' orders (like the API notes' §2.2 Flex order, built from ``tests.builders``),
the status pairs they step through, and a clock the tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.builders import T0, ars, burrito_combo, mp_order

from kitchen_app.app.plugins import registry
from kitchen_app.domain import (
    Address,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Logistics,
    Order,
    Payment,
    StatusPair,
    TimelineEntry,
    Totals,
)
from kitchen_app.store import DeskStore

READY_TO_PRINT = StatusPair("ready_to_ship", "ready_to_print")
PRINTED = StatusPair("ready_to_ship", "printed")
READY_TO_COOK = StatusPair("ready_to_ship", "ready_to_cook")
OUT_FOR_DELIVERY = StatusPair("shipped", "out_for_delivery")
DELIVERED = StatusPair("delivered", None)
TIME_EXPIRED = StatusPair("cancelled", "time_expired")


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
    total = ars(str(500 * quantity))
    return mp_order(
        order_id,
        display_id=display_id,
        created_at=created_at,
        status=status,
        logistics=logistics,
        items=(burrito_combo(quantity),),
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
    """The store as the engine opens it: with the plug-ins' windows for loading orders."""
    return DeskStore.open(
        path,
        tz=UTC,
        clock=clock or Clock(),
        unread_accept_windows=registry().unread_accept_windows(),
    )
