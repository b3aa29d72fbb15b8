"""The worst afternoon at the counter, for the 1366×768 test and the screenshots: orders
waiting (one of them still loading), the relay offline, the marketplace refusing the token,
a printer out of paper, the store paused, orders missed while offline, notifications without
an order and tickets that did not print — every band and every long status message at once.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from kitchen_app.domain import Logistics, OrderKey, StatusPair
from kitchen_app.engine.api import (
    ApiHealth,
    DeskHealth,
    FeedState,
    FeedStatus,
    PrinterStatus,
    StorePause,
)

from .fakes import FakeReader, UnresolvedNotification, flex_order, loading, summary_of

__all__ = ["add_rush_hour", "worst_day", "worst_health"]

P = StatusPair


def worst_day(reader: FakeReader, now: datetime, names: list[str], currency: str = "ARS") -> str:
    """Fill ``reader``; returns the key of an order to select."""
    specs = [
        (4.2, P("ready_to_ship", "ready_to_print"), False, Logistics.FLEX),
        (1.0, P("ready_to_ship", "ready_to_print"), False, Logistics.DROPOFF),
        (9, P("ready_to_ship", "ready_to_cook"), True, Logistics.FLEX),
        (14, P("ready_to_ship", "on_route_to_pickup"), True, Logistics.DROPOFF),
        (26, P("shipped", "out_for_delivery"), True, Logistics.FLEX),
        (48, P("delivered"), True, Logistics.DROPOFF),
        (65, P("cancelled", "time_expired"), False, Logistics.FLEX),
    ]
    first = ""
    for i, (ago, status, accepted, logistics) in enumerate(specs):
        order = flex_order(
            41034141500 + i * 37,
            created=now - timedelta(minutes=ago),
            status=status,
            logistics=logistics,
            currency=currency,
            customer=names[i % len(names)],
        )
        summary = summary_of(order, accepted=accepted)
        reader.add(replace(summary, total=summary.total * (i + 1)), order)
        first = first or order.key
    reader.loading = [
        loading(41034141999, first_seen=now - timedelta(seconds=40), attempts=4),
        loading(41034141998, first_seen=now - timedelta(minutes=3), attempts=12, parked=True),
    ]
    body = {"resource": "/shipments/", "topic": "delivery", "user_id": 1070421029}
    reader.unresolved = [
        UnresolvedNotification(
            1, "mp_delivery", now - timedelta(minutes=2), "no order id", json.dumps(body)
        ),
        UnresolvedNotification(
            2, "mp_delivery", now - timedelta(minutes=1), "no order id", json.dumps(body)
        ),
    ]
    return first


def worst_health(now: datetime, *, offline: bool = True) -> DeskHealth:
    feed = (
        FeedState(FeedStatus.OFFLINE, since=now - timedelta(minutes=12), pending_actions=3)
        if offline
        else FeedState(FeedStatus.ONLINE, since=now, last_event_at=now - timedelta(seconds=3))
    )
    return DeskHealth(
        feed=feed,
        apis=(
            ApiHealth(
                "mp_delivery",
                ok=False,
                message="Mercado Pago refused the access token (401 invalid access token)",
            ),
        ),
        printers=(
            PrinterStatus(
                "Cocina", ok=False, message="cannot open the USB printer 04b8:0e28 (paper out?)"
            ),
            PrinterStatus("Caja", ok=True),
        ),
        loading_orders=2,
        parked_orders=1,
        unresolved=2,
        unprinted_jobs=3,
        pauses=(
            StorePause(
                "mp_delivery",
                "57997547",
                "paused",
                reason="two orders expired without being accepted",
            ),
        ),
        missed_while_offline=(
            OrderKey("mp_delivery", "41034141722"),
            OrderKey("mp_delivery", "41034141759"),
        ),
    )


def add_rush_hour(reader: FakeReader, now: datetime, count: int) -> None:
    """``count`` more orders, new and on their way, with totals in the tens of thousands."""
    for i in range(count):
        status = P("ready_to_ship", "ready_to_print") if i % 2 else P("shipped", "at_the_door")
        order = flex_order(
            41034142000 + i,
            created=now - timedelta(seconds=20 * i),
            status=status,
            logistics=Logistics.DROPOFF if i % 3 else Logistics.FLEX,
            customer=f"Agustina Fernández de la Rosa {i}",
        )
        summary = summary_of(order, accepted=bool(i % 2 == 0))
        reader.add(replace(summary, total=summary.total * 40), order)
