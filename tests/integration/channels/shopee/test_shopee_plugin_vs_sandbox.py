"""The Shopee plug-in against the sandbox's Shopee over real HTTP: fetch by batches (a missing
sn never hides the others), a buyer's request that comes and goes on the timeline, listing
with Shopee's text cursors across pages and 15-day windows, and every action run end to end.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import FetchedOrder, FetchFailure, OrderRef
from kitchen_app.channels.errors import NotFound, StateConflict
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient
from kitchen_app.channels.shopee.plugin import (
    ANSWER_BUYER_CANCEL,
    ARRANGE_SHIPMENT,
    CANCEL,
    ShopeePlugin,
)
from kitchen_app.channels.shopee.sandbox import ShopeeSandboxConfig, sandbox_part_with
from kitchen_app.channels.shopee.signing import hmac_hex, public_base_string
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.keys import OrderKey
from kitchen_app.sandbox import SandboxConfig, build_app

SHOPEE = ShopeeSandboxConfig()


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    server = ServerThread(build_app(SandboxConfig(seed=5), [sandbox_part_with(SHOPEE)]))
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def _create(url: str, **body: Any) -> dict[str, Any]:
    r = httpx.post(url + "/_sandbox/orders", json={"channel": "shopee", **body})
    assert r.status_code == 201, r.text
    made: dict[str, Any] = r.json()
    return made


def _run(url: str, flow: Callable[[ShopeePlugin], Awaitable[None]], **kw: Any) -> None:
    async def main() -> None:
        client = ShopeeClient(
            url,
            partner_id=SHOPEE.partner_id,
            shop_id=SHOPEE.shop_ids[0],
            credentials=KeyCredentials(SHOPEE.access_token, SHOPEE.partner_key),
        )
        plugin = ShopeePlugin(client, **kw)
        try:
            await flow(plugin)
        finally:
            await plugin.aclose()

    asyncio.run(main())


def _ref(sn: str, **kw: Any) -> OrderRef:
    return OrderRef(OrderKey("shopee", sn), **kw)


def test_fetch_many_with_a_missing_one(sandbox_url: str) -> None:
    sns = [_create(sandbox_url)["order_id"] for _ in range(3)]

    async def flow(plugin: ShopeePlugin) -> None:
        results = await plugin.fetch([_ref(sn) for sn in [*sns, "MISSING1"]])
        got = {r.order.order_id for r in results if isinstance(r, FetchedOrder)}
        failed = [r for r in results if isinstance(r, FetchFailure)]
        assert got == set(sns)
        assert [f.key.order_id for f in failed] == ["MISSING1"]
        assert isinstance(failed[0].error, NotFound)
        only_missing = await plugin.fetch([_ref("MISSING2"), _ref("MISSING3")])
        assert all(isinstance(r, FetchFailure) for r in only_missing) and len(only_missing) == 2

    _run(sandbox_url, flow)


def test_a_buyers_request_that_came_and_went_is_its_own_visit(sandbox_url: str) -> None:
    sn = _create(sandbox_url)["order_id"]
    r = httpx.post(f"{sandbox_url}/_sandbox/shopee/orders/{sn}/buyer_cancel", json={})
    assert r.status_code == 200
    asked_at = r.json()["history"][-1][1]

    async def flow(plugin: ShopeePlugin) -> None:
        (fetched,) = await plugin.fetch([_ref(sn)])
        assert isinstance(fetched, FetchedOrder)
        order = fetched.order
        now = datetime.now(UTC)
        assert [a.name for a in plugin.actions(order, accepted=False, now=now)] == [
            ANSWER_BUYER_CANCEL
        ]
        await plugin.run(ANSWER_BUYER_CANCEL, order, {"operation": "REJECT"})
        # The push of the IN_CANCEL visit arrives late; the read shows READY_TO_SHIP again.
        seen = _ref(
            sn,
            seen_status=StatusPair("IN_CANCEL"),
            seen_at=datetime.fromtimestamp(asked_at, UTC),
        )
        (again,) = await plugin.fetch([seen])
        assert isinstance(again, FetchedOrder)
        assert [(o.pair.status, o.at is not None) for o in again.observations] == [
            ("IN_CANCEL", True),
            ("READY_TO_SHIP", True),
        ]
        first, second = again.observations
        assert first.at is not None and second.at is not None and first.at < second.at
        assert plugin.evidence(ANSWER_BUYER_CANCEL, again.order).value == "done"

    _run(sandbox_url, flow)


def test_listing_walks_pages_with_text_cursors(sandbox_url: str) -> None:
    made = {_create(sandbox_url)["order_id"] for _ in range(7)}

    async def flow(plugin: ShopeePlugin) -> None:
        since = datetime.now(UTC) - timedelta(days=20)  # two windows of at most 15 days
        cursor: str | None = None
        listed: list[str] = []
        calls = 0
        while True:
            page = await plugin.list_recent(since, cursor)
            calls += 1
            listed += [r.key.order_id for r in page.refs]
            assert all(r.seen_status is not None for r in page.refs)
            cursor = page.cursor
            if cursor is None:
                break
            assert calls < 20
        assert set(listed) == made and len(listed) == 7
        assert calls == 1 + 3  # the older window (empty), then 3 pages of 3 in the newer

    _run(sandbox_url, flow, page_size=3)


def test_actions_run_end_to_end(sandbox_url: str) -> None:
    a = _create(sandbox_url)["order_id"]
    b = _create(sandbox_url, paid_ago_s=7200)["order_id"]

    async def flow(plugin: ShopeePlugin) -> None:
        fetched = {
            r.order.order_id: r
            for r in await plugin.fetch([_ref(a), _ref(b)])
            if isinstance(r, FetchedOrder)
        }
        fa, fb = fetched[a], fetched[b]
        assert isinstance(fa, FetchedOrder) and isinstance(fb, FetchedOrder)
        # Cancel a: out of stock, naming the item that ran out.
        ref = fa.order.items[0].ref
        assert ref is not None
        await plugin.run(CANCEL, fa.order, {"reason": "OUT_OF_STOCK", "items": (ref,)})
        (fa2,) = await plugin.fetch([_ref(a)])
        assert isinstance(fa2, FetchedOrder) and str(fa2.order.status) == "CANCELLED"
        assert plugin.evidence(CANCEL, fa2.order).value == "done"
        with pytest.raises(StateConflict, match="Can not cancel this order"):
            await plugin.run(CANCEL, fa2.order, {"reason": "CUSTOMER_REQUEST"})
        # Arrange b: a slot from the network, then PROCESSED without a tracking number yet.
        now = datetime.now(UTC)
        arrange = next(
            s
            for s in plugin.actions(fb.order, accepted=False, now=now)
            if s.name == ARRANGE_SHIPMENT
        )
        assert arrange.warning is None  # paid two hours ago
        slots = await plugin.choices(ARRANGE_SHIPMENT, "slot", fb.order)
        assert slots and slots[0].value.startswith("pickup:")
        result = await plugin.run(ARRANGE_SHIPMENT, fb.order, {"slot": slots[0].value})
        assert result.note is None  # the carrier has not assigned a number yet
        (fb2,) = await plugin.fetch([_ref(b)])
        assert isinstance(fb2, FetchedOrder) and str(fb2.order.status) == "PROCESSED"
        assert "tracking_number" not in fb2.order.handles
        assert [s.name for s in plugin.actions(fb2.order, accepted=False, now=now)] == [CANCEL]
        assert plugin.evidence(ARRANGE_SHIPMENT, fb2.order).value == "done"

    _run(sandbox_url, flow)
    # The carrier picks up: the tracking number is read with the order.
    r = httpx.post(f"{sandbox_url}/_sandbox/shopee/orders/{b}/advance")
    assert r.status_code == 200 and r.json()["status"] == "SHIPPED"

    async def shipped(plugin: ShopeePlugin) -> None:
        (fb3,) = await plugin.fetch([_ref(b)])
        assert isinstance(fb3, FetchedOrder)
        assert fb3.order.handles["tracking_number"].startswith("BR")
        assert fb3.raw["tracking_number"] == fb3.order.handles["tracking_number"]
        assert plugin.actions(fb3.order, accepted=False, now=datetime.now(UTC)) == ()

    _run(sandbox_url, shipped)


def test_pushes_nobody_took_are_lost_pushes_until_confirmed(sandbox_url: str) -> None:
    # This sandbox has no relay: every push is lost at once.
    sn = _create(sandbox_url)["order_id"]
    path = "/api/v2/push/get_lost_push_message"

    def signed(api_path: str) -> dict[str, Any]:
        ts = int(time.time())
        sign = hmac_hex(SHOPEE.partner_key, public_base_string(SHOPEE.partner_id, api_path, ts))
        return {"partner_id": SHOPEE.partner_id, "timestamp": ts, "sign": sign}

    lost = httpx.get(sandbox_url + path, params=signed(path)).json()["response"]
    (message,) = lost["push_message_list"]
    assert message["code"] == 3 and message["data"]["ordersn"] == sn
    assert message["shop_id"] == SHOPEE.shop_ids[0] and lost["has_next_page"] is False
    confirm = "/api/v2/push/confirm_consumed_lost_push_message"
    r = httpx.post(
        sandbox_url + confirm,
        params=signed(confirm),
        json={"last_message_id": lost["last_message_id"]},
    )
    assert r.json()["error"] == ""
    assert (
        httpx.get(sandbox_url + path, params=signed(path)).json()["response"]["push_message_list"]
        == []
    )
    wrong = httpx.get(sandbox_url + path, params={**signed(path), "sign": "0" * 64})
    assert wrong.status_code == 403 and wrong.json()["error"] == "error_sign"
