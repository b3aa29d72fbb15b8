"""The feed's effects, one batch at a time, on a real store with a scripted marketplace:
orders, loading records, unresolved notifications, unverified hints; twice = once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.errors import NotFound, TransientError
from kitchen_app.channels.mercadopago.plugin import MercadoPagoMarketplace
from kitchen_app.domain import OrderKey
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.feed import FeedLoop
from kitchen_app.engine.loading import OrderFetcher
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.engine.relay_feed import EventBatch, RelayEvent
from kitchen_app.store import DeskStore, StoreError


class ScriptedClient:
    """Answers from a table: an order, or an error to raise."""

    channel = "mp_delivery"

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.reads: list[str] = []

    def order_id_from_event(self, topic: str, resource: str) -> str | None:
        return resource.rsplit("/", 1)[1] if resource.startswith("/shipments/") else None

    async def fetch_order(self, order_id: str) -> FetchedOrder:
        self.reads.append(order_id)
        answer = self.answers.get(order_id, NotFound("not found", status=404))
        if isinstance(answer, Exception):
            raise answer
        return FetchedOrder(order=answer, raw={})

    async def aclose(self) -> None:
        pass


def _event(event_id: int, resource: str, *, verified: bool = True) -> RelayEvent:
    payload = {"_id": f"n{event_id}", "topic": "delivery", "resource": resource}
    return RelayEvent(
        event_id,
        "mp_delivery",
        "delivery",
        resource,
        "2026-11-23T15:00:00+00:00",
        payload,
        verified,
    )


async def _no_new_order(key: str) -> None:
    pass


async def _no_reconcile(reason: str) -> None:
    pass


def _run(
    tmp_path: Path,
    client: ScriptedClient,
    batches: list[EventBatch],
    until: Callable[[DeskStore], bool] | None = None,
    refuse: str | None = None,
) -> tuple[Any, ...]:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    listener = RecordingListener()

    async def main() -> None:
        ctx = EngineContext(
            store=store,
            clients={},
            # Mercado Pago's plug-in over a client that answers from a table.
            marketplaces={"mp_delivery": MercadoPagoMarketplace(client)},  # type: ignore[arg-type]
            listener=listener,
            clock=clock,
        )
        if refuse is not None:  # the store refuses this one order (a bug, a bad row…)
            commit = ctx.commit

            def refusing(fetched: FetchedOrder, source: str) -> Any:
                if fetched.order.key == refuse:
                    raise StoreError("refused for the test")
                return commit(fetched, source)

            ctx.commit = refusing  # type: ignore[method-assign]
        fetcher = OrderFetcher(ctx, on_new_order=_no_new_order)
        loop = FeedLoop(
            ctx,
            None,
            name="relay:test",
            wait_s=1.0,  # type: ignore[arg-type]
            fetcher=fetcher,
            reconcile=_no_reconcile,
            pending_actions=lambda: 0,
            on_new_order=_no_new_order,
        )
        for batch in batches:
            assert await loop.handle(batch) is True
        deadline = asyncio.get_running_loop().time() + 10
        while until is not None and not until(store):  # background reads, bounded
            assert asyncio.get_running_loop().time() < deadline, "background reads never ended"
            await asyncio.sleep(0.01)
        await fetcher.stop()

    asyncio.run(main())
    return store, listener


def test_each_event_leaves_its_effect_and_the_cursor_moves_past_all(tmp_path: Path) -> None:
    client = ScriptedClient({"1": make_order("1"), "2": TransientError("HTTP 500", status=500)})
    batch = EventBatch(
        (_event(1, "/shipments/2"), _event(2, "/shipments/1"), _event(3, "/orders/garbled")),
        cursor=3,
    )
    store, listener = _run(tmp_path, client, [batch, batch])  # the same batch twice
    try:
        assert store.get_cursor("relay:test") == 3
        assert store.order_summary(OrderKey("mp_delivery", "1")) is not None
        [loading] = store.loading_orders()
        assert loading.key == OrderKey("mp_delivery", "2") and "500" in (loading.last_error or "")
        assert loading.first_seen.isoformat() == "2026-11-23T15:00:00+00:00"
        assert loading.accept_deadline == loading.first_seen + timedelta(minutes=5)
        [note] = store.unresolved_notifications()
        assert json.loads(note.raw)["resource"] == "/orders/garbled"
        assert listener.keys("order_added") == [OrderKey("mp_delivery", "1")]
        kinds = [a.kind for a in listener.announcements]
        assert kinds.count("unresolved") == 1 and kinds.count("loading_orders") == 1
    finally:
        store.close()


def test_unverified_events_are_hints_dropped_quietly_when_unknown(tmp_path: Path) -> None:
    client = ScriptedClient({"7": make_order("7")})
    batch = EventBatch(
        (
            _event(1, "/shipments/7", verified=False),
            _event(2, "/shipments/404", verified=False),
            _event(3, "/orders/garbled", verified=False),
        ),
        cursor=3,
    )

    def read_both(store: DeskStore) -> bool:
        return (
            store.order_summary(OrderKey("mp_delivery", "7")) is not None and "404" in client.reads
        )

    store, listener = _run(tmp_path, client, [batch], until=read_both)
    try:
        assert store.get_cursor("relay:test") == 3
        # The marketplace shows order 7: it is real. 404 is dropped; nothing is listed.
        assert listener.keys("order_added") == [OrderKey("mp_delivery", "7")]
        assert store.order_summary(OrderKey("mp_delivery", "404")) is None
        assert store.loading_orders() == [] and store.unresolved_notifications() == []
    finally:
        store.close()


def test_an_order_the_store_refuses_stays_loading_and_holds_no_other(tmp_path: Path) -> None:
    client = ScriptedClient({"1": make_order("1"), "3": make_order("3")})
    batch = EventBatch((_event(1, "/shipments/3"), _event(2, "/shipments/1")), cursor=2)
    store, listener = _run(tmp_path, client, [batch], refuse=OrderKey("mp_delivery", "3"))
    try:
        assert store.get_cursor("relay:test") == 2
        assert listener.keys("order_added") == [OrderKey("mp_delivery", "1")]
        [loading] = store.loading_orders()
        assert loading.key == OrderKey("mp_delivery", "3") and "could not store" in (
            loading.last_error or ""
        )
    finally:
        store.close()
