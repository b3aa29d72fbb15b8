"""Reconciliation lists recent orders where the plug-in offers a list: new orders and
orders whose listed status moved are read; a pass may span runs by its opaque cursor."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from tests.unit.engine.test_feed_plugins import CartMarket
from tests.unit.store.store_testkit import Clock, open_store

from kitchen_app.channels.base import OrderRef, RecentPage
from kitchen_app.domain import OrderKey, StatusPair
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.reconcile import Reconciler
from kitchen_app.engine.recorder import RecordingListener


class ListingMarket(CartMarket):
    lists_orders = True

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[datetime, str | None]] = []
        self.pages = {
            None: RecentPage((OrderRef(OrderKey(self.channel, "1")),), "all:50"),
            "all:50": RecentPage(
                (OrderRef(OrderKey(self.channel, "2"), seen_status=StatusPair("paid")),), None
            ),
        }

    async def list_recent(self, since: datetime, cursor: str | None) -> RecentPage:
        self.asked.append((since, cursor))
        return self.pages[cursor]


def test_a_listing_pass_reads_what_the_desk_lacks_and_remembers_where_it_got(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = open_store(tmp_path / "desk.db", clock)
    market = ListingMarket()
    added: list[str] = []

    async def on_new(key: str) -> None:
        added.append(key)

    async def main() -> tuple[int, int]:
        ctx = EngineContext(
            store=store,
            clients={},
            listener=RecordingListener(),
            clock=clock,
            marketplaces={"cartmarket": market},  # type: ignore[dict-item]
        )
        reconciler = Reconciler(ctx, on_new_order=on_new)
        first = await reconciler.run_once("test")
        reads = sum(c.startswith("GET /orders/") for c in market.calls)
        await reconciler.run_once("test")
        return first, reads

    try:
        first, reads = asyncio.run(main())
        assert sorted(added) == [OrderKey("cartmarket", "1"), OrderKey("cartmarket", "2")]
        assert first >= 2 and reads == 2
        since, cursor = store.list_cursor("cartmarket")
        assert cursor is None and since is not None and since < clock.now
        # The second pass starts from the first's start (less an hour) and reads nothing new:
        # both orders are known with the status the list shows.
        assert market.asked[2] == (since, None)
        assert sum(c.startswith("GET /orders/") for c in market.calls) == reads + 2  # open ones
    finally:
        store.close()
