"""The feed with a plug-in other than Mercado Pago, written here from the Marketplace
protocol the way a Mercado Libre plug-in behaves: an event that needs a call to name its
orders (a shipment of a cart), orders that name the rest of their cart, no accept window,
a shipment track whose statuses come back, and an item event about no order."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.channels.base import (
    ActionResult,
    ActionSpec,
    EventRefs,
    FetchedOrder,
    FetchFailure,
    FetchResult,
    OrderRef,
    Params,
    RecentPage,
    RelayEvent,
    Unresolved,
)
from kitchen_app.channels.errors import NotFound, TransientError
from kitchen_app.domain import OrderKey, Stage, StatusPair
from kitchen_app.domain.actions import Evidence, StorePause
from kitchen_app.domain.settings import Choice
from kitchen_app.domain.tracks import Flow, Observation, Step, Track
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.feed import FeedLoop
from kitchen_app.engine.loading import OrderFetcher
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.engine.relay_feed import EventBatch
from kitchen_app.engine.relay_feed import RelayEvent as WireEvent

_P = StatusPair
CART_FLOW = Flow(
    (
        Track("order", (Step(_P("paid"), Stage.PREPARING, rank=10, alert=True),), False),
        Track(
            "shipment",
            (
                Step(_P("ready_to_ship"), Stage.PREPARING),
                Step(_P("shipped"), Stage.ON_THE_WAY),
            ),
            repeats=True,
        ),
    )
)


class CartMarket:
    """Shipment 77 holds orders 1 and 2 (a cart); order 3 is unknown; shipment 99 fails."""

    channel = "cartmarket"
    lists_orders = False

    def __init__(self, shipped: bool = False) -> None:
        self.calls: list[str] = []
        self.shipped = shipped

    def flow(self, order: Any) -> Flow:
        return CART_FLOW

    async def refs_from_event(self, event: RelayEvent) -> EventRefs:
        if event.topic == "items":
            return EventRefs()
        if event.topic == "shipments":
            self.calls.append(f"GET {event.resource}/orders")
            if event.resource == "/shipments/99":
                raise TransientError("HTTP 503", status=503)
            return EventRefs(refs=(OrderRef(OrderKey(self.channel, "1")),))
        order_id = event.resource.rsplit("/", 1)[1]
        if not order_id.isdigit():
            return EventRefs(unresolved=Unresolved("no order id in it", retryable=False))
        return EventRefs(refs=(OrderRef(OrderKey(self.channel, order_id)),))

    async def fetch(self, refs: Sequence[OrderRef]) -> list[FetchResult]:
        out: list[FetchResult] = []
        for ref in refs:
            self.calls.append(f"GET /orders/{ref.key.order_id}")
            if ref.key.order_id not in ("1", "2"):
                out.append(FetchFailure(ref.key, NotFound("not found", status=404)))
                continue
            order = dataclasses.replace(
                make_order(ref.key.order_id, status=_P("paid")),
                channel=self.channel,
                logistics="me1",
                pack_id="P9",
            )
            other = "2" if ref.key.order_id == "1" else "1"
            at = datetime(2026, 11, 23, 15, 1).astimezone()
            shipment = _P("shipped" if self.shipped else "ready_to_ship")
            out.append(
                FetchedOrder(
                    order=order,
                    raw={"order": {"id": ref.key.order_id}},
                    observations=(
                        Observation("order", _P("paid"), at),
                        Observation("shipment", shipment, at),
                    ),
                    related=(OrderRef(OrderKey(self.channel, other)),),
                )
            )
        return out

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage:
        return RecentPage((), None)

    def actions(self, order: Any, *, accepted: bool, now: datetime) -> tuple[ActionSpec, ...]:
        return ()

    async def choices(self, action: str, param: str, order: Any) -> tuple[Choice, ...]:
        return ()

    async def run(self, action: str, order: Any, params: Params) -> ActionResult:
        return ActionResult()

    def evidence(self, action: str, order: Any) -> Evidence:
        return Evidence.UNKNOWN

    async def store_pauses(self) -> tuple[StorePause, ...]:
        return ()

    async def reopen_store(self, store_id: str) -> None:
        pass

    async def aclose(self) -> None:
        pass


def _event(event_id: int, topic: str, resource: str) -> WireEvent:
    return WireEvent(
        event_id,
        "cartmarket",
        topic,
        resource,
        "2026-11-23T15:00:00+00:00",
        {"_id": f"n{event_id}", "topic": topic, "resource": resource},
        True,
    )


async def _no_new_order(key: str) -> None:
    pass


def _handle(tmp_path: Path, market: CartMarket, batch: EventBatch) -> tuple[Any, list[str]]:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    listener = RecordingListener()
    reconciles: list[str] = []

    async def reconcile(reason: str) -> None:
        reconciles.append(reason)

    async def main() -> None:
        ctx = EngineContext(
            store=store,
            clients={},
            listener=listener,
            clock=clock,
            marketplaces={"cartmarket": market},  # type: ignore[dict-item]
        )
        fetcher = OrderFetcher(ctx, on_new_order=_no_new_order)
        loop = FeedLoop(
            ctx,
            None,  # type: ignore[arg-type]
            name="relay:test",
            wait_s=1.0,
            fetcher=fetcher,
            reconcile=reconcile,
            pending_actions=lambda: 0,
            on_new_order=_no_new_order,
        )
        assert await loop.handle(batch) is True
        deadline = asyncio.get_running_loop().time() + 10
        while store.order_summary(OrderKey("cartmarket", "2")) is None:  # the cart's other order
            assert asyncio.get_running_loop().time() < deadline, "the cart never completed"
            await asyncio.sleep(0.01)
        await fetcher.stop()

    asyncio.run(main())
    return store, reconciles


def test_a_shipment_event_brings_the_whole_cart_without_an_accept_deadline(
    tmp_path: Path,
) -> None:
    market = CartMarket()
    batch = EventBatch(
        (
            _event(1, "shipments", "/shipments/77"),
            _event(2, "items", "/items/MLB1"),
            _event(3, "orders_v2", "/orders/garbled"),
            _event(4, "shipments", "/shipments/99"),
        ),
        cursor=4,
    )
    store, reconciles = _handle(tmp_path, market, batch)
    try:
        assert store.get_cursor("relay:test") == 4
        for key in (OrderKey("cartmarket", "1"), OrderKey("cartmarket", "2")):
            summary = store.order_summary(key)
            assert summary is not None, key
            assert summary.accept_deadline is None
            assert summary.pack_id == "P9" and summary.channel == "cartmarket"
            assert summary.stage is Stage.PREPARING
            tracks = [(e.track, e.pair.status) for e in store.timeline(key)]
            assert ("shipment", "ready_to_ship") in tracks and ("order", "paid") in tracks
        assert store.loading_orders() == []
        reasons = sorted(n.reason for n in store.unresolved_notifications())
        assert reasons == ["HTTP 503", "no order id in it"]  # the item event is no order's
        assert reconciles == ["unresolved event"]  # the failed call is tried again
        assert "GET /shipments/77/orders" in market.calls
    finally:
        store.close()


def test_a_shipment_that_moves_on_moves_the_stage(tmp_path: Path) -> None:
    market = CartMarket(shipped=True)
    store, _ = _handle(tmp_path, market, EventBatch((_event(1, "orders_v2", "/orders/1"),), 1))
    try:
        summary = store.order_summary(OrderKey("cartmarket", "1"))
        assert summary is not None and summary.stage is Stage.ON_THE_WAY
        assert summary.status == _P("paid")  # the primary track is the order's
    finally:
        store.close()
