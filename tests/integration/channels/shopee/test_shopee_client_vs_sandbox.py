"""The Shopee client against the sandbox's Shopee (real servers on 127.0.0.1): signed calls,
the 15-day rule and text cursors, cancel rules, buyer cancellation, ship + tracking, tokens,
and pushes signed as Shopee signs them arriving at a receiver that answers 2xx/empty."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.errors import AuthError, NotFound, StateConflict
from kitchen_app.channels.http import RetryPolicy
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient
from kitchen_app.channels.shopee.mapping import map_order
from kitchen_app.channels.shopee.sandbox import ShopeeSandboxConfig, sandbox_part_with
from kitchen_app.channels.shopee.signing import hmac_hex, public_base_string
from kitchen_app.sandbox import SandboxConfig, build_app

SHOPEE = ShopeeSandboxConfig()
SHOP = SHOPEE.shop_ids[0]


@dataclass
class PushReceiver:
    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        with self.cond:
            self.received.append((dict(request.headers), raw))
            self.cond.notify_all()
        return Response(status_code=204)

    def wait_for(self, check: Callable[[list[dict[str, Any]]], bool]) -> list[dict[str, Any]]:
        with self.cond:
            ok = self.cond.wait_for(
                lambda: check([json.loads(raw) for _, raw in self.received]), 10.0
            )
            assert ok, f"pushes so far: {[raw for _, raw in self.received]}"
            return [json.loads(raw) for _, raw in self.received]


@pytest.fixture
def stack() -> Iterator[tuple[str, PushReceiver]]:
    receiver = PushReceiver()
    rserver = ServerThread(
        Starlette(routes=[Route("/webhooks/shopee", receiver.handle, methods=["POST"])])
    )
    receiver.url = rserver.start()
    app = build_app(SandboxConfig(seed=3, relay_url=receiver.url), [sandbox_part_with(SHOPEE)])
    server = ServerThread(app)
    url = server.start()
    try:
        yield url, receiver
    finally:
        server.stop()
        rserver.stop()


def _control(url: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    r = httpx.post(url + path, json=body or {})
    assert r.status_code in (200, 201), r.text
    answer: dict[str, Any] = r.json()
    return answer


def _run(url: str, flow: Callable[[ShopeeClient], Awaitable[None]], **kw: Any) -> None:
    async def main() -> None:
        client = ShopeeClient(
            url,
            partner_id=kw.get("partner_id", SHOPEE.partner_id),
            shop_id=kw.get("shop_id", SHOP),
            credentials=KeyCredentials(
                kw.get("token", SHOPEE.access_token), kw.get("key", SHOPEE.partner_key)
            ),
            policy=RetryPolicy(max_retries=1, backoff_s=0.01),
        )
        try:
            await flow(client)
        finally:
            await client.aclose()

    asyncio.run(main())


def test_created_order_is_pushed_signed_listed_and_read(
    stack: tuple[str, PushReceiver],
) -> None:
    url, receiver = stack
    created = _control(url, "/_sandbox/orders", {"channel": "shopee"})
    sn = created["order_id"]
    pushes = receiver.wait_for(lambda ps: any(p["data"]["ordersn"] == sn for p in ps))
    push = next(p for p in pushes if p["data"]["ordersn"] == sn)
    assert push["code"] == 3 and push["shop_id"] == SHOP
    assert push["data"]["status"] == "READY_TO_SHIP"
    headers, raw = receiver.received[0]
    expected = hmac.new(
        SHOPEE.partner_key.encode(),
        (receiver.url + "/webhooks/shopee").encode() + b"|" + raw,
        hashlib.sha256,
    ).hexdigest()
    assert headers["authorization"] == expected

    async def flow(client: ShopeeClient) -> None:
        now = int(time.time())
        page = await client.get_order_list(now - 3600, now + 60)
        assert [e.order_sn for e in page.orders] == [sn]
        details = await client.get_order_detail([sn, "NOPE"])
        assert details.missing == ("NOPE",)
        order = map_order(details.orders[0])
        assert order.order_id == sn and order.items
        assert all(item.id for item in order.items)

    _run(url, flow)


def test_wrong_sign_and_unknown_token_get_shopees_error_json(
    stack: tuple[str, PushReceiver],
) -> None:
    url, _ = stack

    async def wrong_key(client: ShopeeClient) -> None:
        with pytest.raises(AuthError, match="Wrong sign") as caught:
            await client.get_tracking_number("X")
        assert caught.value.status == 403 and caught.value.code == "error_sign"

    async def wrong_token(client: ShopeeClient) -> None:
        with pytest.raises(AuthError) as caught:
            await client.get_tracking_number("X")
        assert caught.value.code == "invalid_acceess_token"

    _run(url, wrong_key, key="wrong")
    _run(url, wrong_token, token="stolen")
    # An expired timestamp (over five minutes old) is refused too.
    r = httpx.get(
        url + "/api/v2/order/get_order_list",
        params={
            "partner_id": SHOPEE.partner_id,
            "timestamp": int(time.time()) - 400,
            "access_token": SHOPEE.access_token,
            "shop_id": SHOP,
            "sign": "00",
        },
    )
    assert r.status_code == 403 and r.json()["message"] == "Timestamp is expired."


def test_list_paging_with_text_cursors_and_the_15_day_rule(
    stack: tuple[str, PushReceiver],
) -> None:
    url, _ = stack
    made = {_control(url, "/_sandbox/orders", {"channel": "shopee"})["order_id"] for _ in range(5)}
    invoice = _control(url, "/_sandbox/orders", {"channel": "shopee", "status": "INVOICE_PENDING"})

    async def flow(client: ShopeeClient) -> None:
        now = int(time.time())
        seen: list[str] = []
        statuses: dict[str, str | None] = {}
        cursor = ""
        cursors: list[str] = []
        while True:
            page = await client.get_order_list(now - 600, now + 60, cursor, page_size=2)
            seen += [e.order_sn for e in page.orders]
            statuses |= {e.order_sn: e.order_status for e in page.orders}
            if not page.more:
                break
            cursor = page.next_cursor
            assert isinstance(cursor, str) and cursor
            cursors.append(cursor)
        assert set(seen) == made | {invoice["order_id"]} and len(seen) == 6
        assert len(cursors) == 2
        assert statuses[invoice["order_id"]] == "PENDING_INVOICE"
        detail = await client.get_order_detail([invoice["order_id"]])
        assert detail.orders[0]["order_status"] == "INVOICE_PENDING"

    _run(url, flow)

    # Straight at the sandbox: 16 days is refused with Shopee's error.
    async def too_long(client: ShopeeClient) -> None:
        with pytest.raises(StateConflict, match="15days") as caught:
            await client._call(
                "GET",
                "/api/v2/order/get_order_list",
                query={
                    "time_range_field": "update_time",
                    "time_from": 0,
                    "time_to": 16 * 86_400,
                    "page_size": 10,
                    "cursor": "",
                },
                safe=True,
            )
        assert caught.value.code == "order.order_list_invalid_time"

    _run(url, too_long)


def test_cancel_rules_buyer_cancellation_and_shipment(stack: tuple[str, PushReceiver]) -> None:
    url, receiver = stack
    a = _control(url, "/_sandbox/orders", {"channel": "shopee"})
    b = _control(url, "/_sandbox/orders", {"channel": "shopee"})
    c = _control(url, "/_sandbox/orders", {"channel": "shopee"})
    _control(url, f"/_sandbox/shopee/orders/{b['order_id']}/buyer_cancel", {"reason": "Mudei"})
    item = a["order"]["item_list"][0]

    async def flow(client: ShopeeClient) -> None:
        # OUT_OF_STOCK with the order's own item cancels.
        await client.cancel_order(
            a["order_id"], "OUT_OF_STOCK", [(item["item_id"], item["model_id"])]
        )
        with pytest.raises(StateConflict, match="Can not cancel this order"):
            await client.cancel_order(a["order_id"], "CUSTOMER_REQUEST")
        # The buyer's request: REJECT goes back to the status before it.
        with pytest.raises(StateConflict, match="IN_CANCEL"):
            await client.handle_buyer_cancellation(c["order_id"], "ACCEPT")
        await client.handle_buyer_cancellation(b["order_id"], "REJECT")
        (detail,) = (await client.get_order_detail([b["order_id"]])).orders
        assert detail["order_status"] == "READY_TO_SHIP"
        # Ship: parameters, then ship_order (within the hour after payment: not refused).
        params = await client.get_shipping_parameter(c["order_id"])
        assert "pickup" in params["info_needed"]
        address = params["pickup"]["address_list"][0]
        slot = address["time_slot_list"][0]["pickup_time_id"]
        await client.ship_order(
            c["order_id"],
            pickup={"address_id": address["address_id"], "pickup_time_id": slot},
        )
        assert await client.get_tracking_number(c["order_id"]) == ""
        # PROCESSED without a tracking number may still be cancelled... once it has one, not.
        _control(url, f"/_sandbox/shopee/orders/{c['order_id']}/advance")  # → SHIPPED
        assert await client.get_tracking_number(c["order_id"])
        with pytest.raises(StateConflict, match="Can not cancel this order"):
            await client.cancel_order(c["order_id"], "CUSTOMER_REQUEST")
        with pytest.raises(NotFound):
            await client.get_order_detail(["NOPE"])

    _run(url, flow)
    history = {
        o["order_id"]: o["history"] for o in httpx.get(url + "/_sandbox/shopee/orders").json()
    }
    assert [s for s, _ in history[b["order_id"]]] == ["READY_TO_SHIP", "IN_CANCEL", "READY_TO_SHIP"]
    codes = {p["code"] for p in receiver.wait_for(lambda ps: any(p["code"] == 4 for p in ps))}
    assert codes == {3, 4}


def test_refresh_tokens_are_single_use_and_access_tokens_work(
    stack: tuple[str, PushReceiver],
) -> None:
    url, _ = stack

    async def flow(client: ShopeeClient) -> None:
        # The sandbox hands out the code the authorization redirect would carry.
        ts = int(time.time())
        path = "/api/v2/auth/token/get"
        sign = hmac_hex(SHOPEE.partner_key, public_base_string(SHOPEE.partner_id, path, ts))
        async with httpx.AsyncClient(base_url=url) as raw:
            code = (await raw.post("/_sandbox/shopee/code", json={"shop_id": SHOP})).json()["code"]
            got = (
                await raw.post(
                    path,
                    params={"partner_id": SHOPEE.partner_id, "timestamp": ts, "sign": sign},
                    json={"code": code, "partner_id": SHOPEE.partner_id, "shop_id": SHOP},
                )
            ).json()
            assert got["expire_in"] == 14_400 and got["error"] == ""
            again = (
                await raw.post(
                    path,
                    params={"partner_id": SHOPEE.partner_id, "timestamp": ts, "sign": sign},
                    json={"code": code, "partner_id": SHOPEE.partner_id, "shop_id": SHOP},
                )
            ).json()
            assert again["error"] == "invalid_code"  # a code is single use
        pair = await client.refresh_access_token(got["refresh_token"], SHOPEE.partner_key)
        assert pair.expire_in == 14_400 and pair.refresh_token != got["refresh_token"]
        with pytest.raises(AuthError):
            await client.refresh_access_token(got["refresh_token"], SHOPEE.partner_key)

        fresh = ShopeeClient(
            url,
            partner_id=SHOPEE.partner_id,
            shop_id=SHOP,
            credentials=KeyCredentials(pair.access_token, SHOPEE.partner_key),
        )
        assert await fresh.get_order_list(ts - 60, ts + 60) is not None
        await fresh.aclose()

    _run(url, flow)


def test_paused_pushes_leave_the_order_to_polling(stack: tuple[str, PushReceiver]) -> None:
    url, receiver = stack
    assert _control(url, "/_sandbox/shopee/pushes", {"paused": True}) == {"paused": True}
    sn = _control(url, "/_sandbox/orders", {"channel": "shopee"})["order_id"]
    _control(url, "/_sandbox/shopee/pushes", {"paused": False})
    later = _control(url, "/_sandbox/orders", {"channel": "shopee"})["order_id"]
    pushed = receiver.wait_for(lambda ps: any(p["data"]["ordersn"] == later for p in ps))
    assert all(p["data"]["ordersn"] != sn for p in pushed)

    async def flow(client: ShopeeClient) -> None:
        now = int(time.time())
        page = await client.get_order_list(now - 600, now + 60)
        assert {e.order_sn for e in page.orders} == {sn, later}

    _run(url, flow)
