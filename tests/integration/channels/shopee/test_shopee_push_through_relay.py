"""A Shopee push from the sandbox through a real relay to the plug-in: signed as Shopee signs,
acknowledged 2xx with an empty body, routed by the shop id registered with the store, served
to that store's desk, decoded into its order and read from the sandbox. Also: a push with a
wrong signature is refused, one the relay cannot read is still answered 2xx/empty (Shopee
suspends push for failing endpoints) and kept unrouted, one with ``shop_id`` and ``order_sn``
inside ``data`` is routed all the same."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import FetchedOrder, RelayEvent
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient
from kitchen_app.channels.shopee.plugin import ShopeePlugin
from kitchen_app.channels.shopee.sandbox import ShopeeSandboxConfig, sandbox_part_with
from kitchen_app.channels.shopee.signing import push_signature
from kitchen_app.domain.flows import StatusPair
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

SHOPEE = ShopeeSandboxConfig()
SHOP = SHOPEE.shop_ids[0]


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[str, str, str, str]]:
    db = tmp_path / "relay.sqlite3"
    other = add_store(db, "Outra loja", mp_user_id=1)
    token = add_store(db, "Cozinha", shopee_shop_id=SHOP)
    relay = ServerThread(
        build_relay(relay_config(settings={"shopee.partner_key": SHOPEE.partner_key}, db_path=db))
    )
    relay_url = relay.start()
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(seed=9, relay_url=relay_url), [sandbox_part_with(SHOPEE)])
    )
    sandbox_url = sandbox.start()
    try:
        yield relay_url, sandbox_url, token, other
    finally:
        sandbox.stop()
        relay.stop()


def _events(relay_url: str, token: str, wait: float = 0) -> list[dict[str, Any]]:
    r = httpx.get(
        relay_url + "/v1/events",
        params={"wait": wait},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    events: list[dict[str, Any]] = r.json()["events"]
    return events


def _wait_events(relay_url: str, token: str, n: int) -> list[dict[str, Any]]:
    for _ in range(50):
        events = _events(relay_url, token, wait=0.2)
        if len(events) >= n:
            return events
    raise AssertionError(f"fewer than {n} events reached the relay")


def test_push_reaches_the_shops_desk_and_becomes_its_order(
    stack: tuple[str, str, str, str],
) -> None:
    relay_url, sandbox_url, token, other = stack
    made = httpx.post(sandbox_url + "/_sandbox/orders", json={"channel": "shopee"}).json()
    sn = made["order_id"]
    (event,) = _wait_events(relay_url, token, 1)
    assert event["channel"] == "shopee" and event["topic"] == "3"
    assert event["resource"] == sn and event["verified"] is True
    assert _events(relay_url, other) == []  # another store never sees it
    pushes = httpx.get(sandbox_url + "/_sandbox/shopee/orders").json()
    assert pushes[0]["order_id"] == sn

    async def flow() -> None:
        client = ShopeeClient(
            sandbox_url,
            partner_id=SHOPEE.partner_id,
            shop_id=SHOP,
            credentials=KeyCredentials(SHOPEE.access_token, SHOPEE.partner_key),
        )
        plugin = ShopeePlugin(client)
        relay_event = RelayEvent(
            event["id"],
            event["channel"],
            event["topic"],
            event["resource"],
            datetime.fromisoformat(event["received_at"].replace("Z", "+00:00")),
            event["payload"],
            event["verified"],
        )
        refs = await plugin.refs_from_event(relay_event)
        assert [r.key.order_id for r in refs.refs] == [sn]
        assert refs.refs[0].seen_status == StatusPair("READY_TO_SHIP")
        (fetched,) = await plugin.fetch(refs.refs)
        assert isinstance(fetched, FetchedOrder)
        assert fetched.order.order_id == sn and fetched.order.items
        await plugin.aclose()

    asyncio.run(flow())


def test_signature_unreadable_and_tolerant_pushes(stack: tuple[str, str, str, str]) -> None:
    relay_url, _, token, _ = stack
    url = relay_url + "/webhooks/shopee"

    def post(body: bytes, key: str = SHOPEE.partner_key) -> httpx.Response:
        return httpx.post(
            url,
            content=body,
            headers={"authorization": push_signature(key, url, body)},
        )

    wrong = post(b'{"shop_id":%d,"code":3,"data":{"ordersn":"X1"}}' % SHOP, key="not-it")
    assert wrong.status_code == 401
    unreadable = post(b"{not json")
    assert 200 <= unreadable.status_code < 300 and unreadable.content == b""
    inside = json.dumps(
        {"code": 3, "timestamp": 1, "data": {"shop_id": SHOP, "order_sn": "IN1", "status": "X"}}
    ).encode()
    ok = post(inside)
    assert 200 <= ok.status_code < 300 and ok.content == b""
    (event,) = _wait_events(relay_url, token, 1)
    assert event["resource"] == "IN1" and event["topic"] == "3"
