"""Shopee's flow in the real store: a buyer's request that comes and goes is two visits of
``READY_TO_SHIP`` around one of ``IN_CANCEL``, each with its time; replays add nothing; no
accept deadline; ``PENDING_INVOICE`` is ``INVOICE_PENDING``'s step; ``COMPLETED → TO_RETURN``
still shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.unit.store.store_testkit import Clock, open_store

from kitchen_app.channels.base import FetchedOrder, OrderRef
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient
from kitchen_app.channels.shopee.flows import FLOW
from kitchen_app.channels.shopee.plugin import ShopeePlugin
from kitchen_app.domain import Stage, StatusPair, TimelineEntry
from kitchen_app.domain.keys import OrderKey

T = 1_780_000_000


def _entry(status: str, update_time: int) -> dict[str, Any]:
    return {
        "order_sn": "2601SHOPEE1",
        "order_status": status,
        "currency": "BRL",
        "create_time": T,
        "update_time": update_time,
        "pay_time": T,
        "ship_by_date": T + 2 * 86_400,
        "item_list": [
            {
                "item_id": 1,
                "item_name": "Açaí",
                "model_id": 2,
                "model_name": "500 ml",
                "model_quantity_purchased": 1,
                "model_discounted_price": 20,
            }
        ],
    }


def _plugin() -> ShopeePlugin:
    client = ShopeeClient(
        "http://x.test", partner_id=1, shop_id=2, credentials=KeyCredentials("t", "k")
    )
    return ShopeePlugin(client)


def _entries(fetched: FetchedOrder, now: datetime) -> list[TimelineEntry]:
    return [TimelineEntry(o.pair, o.at or now, now, "fetch", o.track) for o in fetched.observations]


def test_a_buyers_request_that_came_and_went_is_on_the_timeline(tmp_path: Path) -> None:
    plugin = _plugin()
    store = open_store(tmp_path / "desk.db", Clock())
    now = datetime.now(UTC)
    key = OrderKey("shopee", "2601SHOPEE1")
    try:
        first = plugin.order_from_json(_entry("READY_TO_SHIP", T + 10))
        change = store.apply_order(first.order, _entries(first, now), flow=FLOW)
        assert change.is_new
        summary = store.order_summary(key)
        assert summary is not None and summary.accept_deadline is None
        assert summary.stage is Stage.PREPARING and summary.status == StatusPair("READY_TO_SHIP")
        # The push said IN_CANCEL at T+100; by the read the shop had rejected it (T+200).
        ref = OrderRef(
            OrderKey("shopee", "2601SHOPEE1"),
            StatusPair("IN_CANCEL"),
            datetime.fromtimestamp(T + 100, UTC),
        )
        again = plugin._fetched(_entry("READY_TO_SHIP", T + 200), None, ref)
        store.apply_order(again.order, _entries(again, now), flow=FLOW)
        visits = [(e.pair.status, int(e.occurred_at.timestamp())) for e in store.timeline(key)]
        assert visits == [
            ("READY_TO_SHIP", T + 10),
            ("IN_CANCEL", T + 100),
            ("READY_TO_SHIP", T + 200),
        ]
        # A replay of the same reads changes nothing.
        store.apply_order(again.order, _entries(again, now), flow=FLOW)
        assert len(store.timeline(key)) == 3
        done = plugin.order_from_json(_entry("COMPLETED", T + 900))
        store.apply_order(done.order, _entries(done, now), flow=FLOW)
        back = plugin.order_from_json(_entry("TO_RETURN", T + 1900))
        store.apply_order(back.order, _entries(back, now), flow=FLOW)
        summary = store.order_summary(key)
        assert summary is not None and summary.status == StatusPair("TO_RETURN")
    finally:
        store.close()


def test_both_invoice_spellings_are_one_step(tmp_path: Path) -> None:
    plugin = _plugin()
    store = open_store(tmp_path / "desk.db", Clock())
    now = datetime.now(UTC) + timedelta(seconds=1)
    try:
        fetched = plugin.order_from_json(_entry("PENDING_INVOICE", T + 5))
        store.apply_order(fetched.order, _entries(fetched, now), flow=FLOW)
        summary = store.order_summary(OrderKey("shopee", "2601SHOPEE1"))
        assert summary is not None
        assert summary.status == StatusPair("PENDING_INVOICE")  # raw, as Shopee sent it
        assert summary.stage is Stage.NEW
    finally:
        store.close()
