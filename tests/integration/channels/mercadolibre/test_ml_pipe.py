"""Sandbox → relay (``/webhooks/mercadolibre``, routed by the store's ``--ml-seller-id``) →
``GET /v1/events`` → the Mercado Libre plug-in (event refs, fetch, listing, ME1 actions),
all real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import (
    FetchedOrder,
    FetchFailure,
    OrderRef,
    PluginContext,
    RelayEvent,
)
from kitchen_app.channels.credentials import SettingsCredentials
from kitchen_app.channels.errors import AuthError
from kitchen_app.channels.mercadolibre.plugin import MercadoLibrePlugin
from kitchen_app.domain import OrderKey, StatusPair
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

SELLER = 3430803000  # the sandbox's default Mercado Libre seller
T = TypeVar("T")


@dataclass
class Pipe:
    relay_url: str
    sandbox_url: str
    desk_token: str
    control: httpx.Client

    def events(self, after: int = 0, wait: float = 5.0) -> tuple[list[dict[str, Any]], int]:
        r = httpx.get(
            f"{self.relay_url}/v1/events",
            params={"after": after, "wait": wait},
            headers={"Authorization": f"Bearer {self.desk_token}"},
            timeout=wait + 5,
        )
        assert r.status_code == 200, r.text
        body = r.json()
        return body["events"], body["cursor"]

    def wait_events(self, n: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        cursor = 0
        deadline = time.monotonic() + timeout
        while len(got) < n:
            assert time.monotonic() < deadline, f"expected {n} events, got {len(got)}"
            events, cursor = self.events(cursor, wait=1.0)
            got += events
        return got

    def create(self, **body: Any) -> dict[str, Any]:
        r = self.control.post("/_sandbox/orders", json={"channel": "mercadolibre", **body})
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        return data

    def plugin(
        self,
        work: Callable[[MercadoLibrePlugin], Coroutine[Any, Any, T]],
        token: str = "APP_USR-sandbox",
    ) -> T:
        async def go() -> T:
            settings = {
                "base_url": self.sandbox_url,
                "access_token": token,
                "user_id": str(SELLER),
                "me1_api": "v1",
            }
            plugin = MercadoLibrePlugin(
                PluginContext(settings, SettingsCredentials(settings), None, "GMT-3")
            )
            try:
                return await work(plugin)
            finally:
                await plugin.aclose()

        return asyncio.run(go())


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Pipe]:
    db = tmp_path / "relay.sqlite3"
    relay = ServerThread(build_relay(relay_config(db_path=db)))
    relay_url = relay.start()
    token = add_store(db, "Loja", ml_seller_id=SELLER)
    parts = [p.sandbox for p in registry() if p.sandbox is not None]
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(relay_url=relay_url, seed=3, ack_deadline_s=5.0), parts)
    )
    sandbox_url = sandbox.start()
    control = httpx.Client(base_url=sandbox_url, timeout=10)
    yield Pipe(relay_url, sandbox_url, token, control)
    control.close()
    sandbox.stop()
    relay.stop()


def relay_event(raw: dict[str, Any]) -> RelayEvent:
    return RelayEvent(
        id=raw["id"],
        channel=raw["channel"],
        topic=raw["topic"],
        resource=raw["resource"],
        received_at=datetime.fromisoformat(raw["received_at"]),
        payload=raw["payload"],
        verified=raw.get("verified", True),
    )


def test_cart_notifications_become_one_purchase(pipe: Pipe) -> None:
    made = pipe.create(cart=3)
    events = pipe.wait_events(3)
    assert {e["channel"] for e in events} == {"mercadolibre"}
    assert {e["topic"] for e in events} == {"orders_v2"}

    async def work(p: MercadoLibrePlugin) -> list[FetchedOrder]:
        refs: list[OrderRef] = []
        for raw in events:
            refs += (await p.refs_from_event(relay_event(raw))).refs
        results = await p.fetch(refs[:1])
        first = results[0]
        assert isinstance(first, FetchedOrder)
        rest = await p.fetch(list(first.related))
        return [r for r in [first, *rest] if isinstance(r, FetchedOrder)]

    fetched = pipe.plugin(work)
    assert sorted(f.order.order_id for f in fetched) == sorted(made["order_ids"])
    assert {f.order.pack_id for f in fetched} == {made["pack_id"]}
    assert all(f.order.handles["shipment_id"] == made["shipment_id"] for f in fetched)


def test_shipment_notification_after_a_late_shipment(pipe: Pipe) -> None:
    made = pipe.create(shipping="later")
    pipe.control.post("/_sandbox/clock", json={"advance_s": 10})
    events = pipe.wait_events(2)
    shipments = [e for e in events if e["topic"] == "shipments"]
    assert len(shipments) == 1

    async def work(p: MercadoLibrePlugin) -> FetchedOrder:
        refs = (await p.refs_from_event(relay_event(shipments[0]))).refs
        assert [r.key.order_id for r in refs] == [made["id"]]
        (result,) = await p.fetch(list(refs))
        assert isinstance(result, FetchedOrder)
        return result

    fetched = pipe.plugin(work)
    assert fetched.order.state[1].pair == StatusPair("pending", None)
    assert fetched.order.notes is None


def test_listing_finds_an_order_whose_notification_was_lost(pipe: Pipe) -> None:
    made = [pipe.create()["id"] for _ in range(3)]

    async def work(p: MercadoLibrePlugin) -> list[str]:
        ids: list[str] = []
        cursor: str | None = None
        since = datetime.now(UTC) - timedelta(minutes=1)
        for _ in range(10):
            page = await p.list_recent(since, cursor)
            ids += [r.key.order_id for r in page.refs]
            cursor = page.cursor
            if cursor is None:
                break
        return ids

    assert pipe.plugin(work) == made


def test_me1_actions_through_the_plugin(pipe: Pipe) -> None:
    made = pipe.create()

    async def work(p: MercadoLibrePlugin) -> list[list[str]]:
        offered: list[list[str]] = []

        async def read() -> Any:
            ref = (await p.list_recent(datetime.now(UTC) - timedelta(minutes=1), None)).refs[0]
            (got,) = await p.fetch([ref])
            assert isinstance(got, FetchedOrder)
            names = [a.name for a in p.actions(got.order, accepted=False, now=datetime.now(UTC))]
            offered.append(names)
            return got.order

        order = await read()
        await p.run("set_tracking", order, {"tracking_number": "OP123456789BR"})
        order = await read()
        await p.run("mark_shipped", order, {})
        order = await read()
        await p.run("mark_delivered", order, {"comment": "Entregue"})
        order = await read()
        await p.run(
            "feedback",
            order,
            {"fulfilled": "yes", "rating": "positive", "message": "Obrigado pela compra!"},
        )
        await read()
        return offered

    offered = pipe.plugin(work)
    assert offered[0][:1] == ["set_tracking"]
    assert offered[1][:2] == ["set_tracking", "mark_shipped"]
    assert offered[2][:2] == ["mark_not_delivered", "mark_delivered"]
    assert "mark_delivered" not in offered[3] and "feedback" in offered[3]
    assert "feedback" not in offered[4]
    status = pipe.control.get("/_sandbox/mercadolibre/orders").json()
    assert status[0]["shipment_status"] == "delivered" and status[0]["id"] == made["id"]


def test_an_expired_pasted_token_says_relink(pipe: Pipe) -> None:
    made = pipe.create()

    async def work(p: MercadoLibrePlugin) -> Any:
        ref = OrderRef(OrderKey("mercadolibre", made["id"]))
        return (await p.fetch([ref]))[0]

    result = pipe.plugin(work, token="APP_USR-expired-long-ago")
    assert isinstance(result, FetchFailure) and isinstance(result.error, AuthError)
    assert "relink" in result.error.message
