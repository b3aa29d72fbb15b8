"""The relay reads back the notifications the marketplaces could not deliver (issue 13),
against a stand-in written from the api notes' shapes (B.4 lost pushes, A.1 missed feeds),
on SQLite and on PostgreSQL: each one ingested as if it had been pushed (same dedupe, routed
by shop_id / user_id, verified), Shopee's page confirmed only once it is committed, Mercado
Libre's feed paged until a short page with a linked seller's token."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from relay_testkit import Relay
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tests.processes import poll_until

from kitchen_app.app.demo_links import demo_custody, link_demo_store
from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, listening_socket
from kitchen_app.channels.sandbox_apps import SHOPEE_APP
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.relay.custody import iso_text
from kitchen_app.relay.custody_open import open_link_store
from kitchen_app.relay.custody_setup import CustodySetup, custody_setup
from kitchen_app.relay.custody_store import NewLink
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

PARTNER_ID = 2001887
PARTNER_KEY = "standin-partner-key"
ML_CLIENT_ID = "6456467593802500"
ML_TOKEN = "APP_USR-standin-seller-token"
SHOP = 727720655  # store B's shop (relay_testkit)
SELLER = 3430803000  # store A's seller


def _push(sn: str, status: str = "READY_TO_SHIP") -> dict[str, Any]:
    return {
        "shop_id": SHOP,
        "code": 3,
        "timestamp": 1_660_123_127,
        "data": {"items": [], "ordersn": sn, "status": status, "update_time": 1_660_123_127},
    }


def _missed(n: int) -> dict[str, Any]:
    return {
        "resource": f"/orders/20000000000{n:05d}",
        "user_id": SELLER,
        "topic": "orders_v2",
        "application_id": int(ML_CLIENT_ID),
        "attempts": 8,
        "sent": f"2026-12-03T10:00:{n:02d}.000Z",
        "received": f"2026-12-03T10:00:{n:02d}.000Z",
        "request": {"url": "https://relay.example/webhooks/mercadolibre", "headers": {}},
        "response": {"req_time": 500, "http_code": 503},
    }


class Marketplaces:
    """Shopee's lost pushes and Mercado Libre's missed feeds, as the api notes give them."""

    def __init__(self, events_of_b: Callable[[], list[dict[str, Any]]]) -> None:
        self.events_of_b = events_of_b
        self.lost: dict[int, dict[str, Any]] = {}
        self.missed = [_missed(n) for n in range(23)]
        self.confirms: list[tuple[int, bool]] = []  # (last_message_id, all committed before)
        self.feed_calls: list[tuple[int, int]] = []  # (offset, limit)
        self.refused: list[str] = []
        self.lock = threading.Lock()

    def _public_ok(self, request: Request) -> bool:
        q = request.query_params
        base = f"{q.get('partner_id')}{request.url.path}{q.get('timestamp')}"
        sign = hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()
        return q.get("partner_id") == str(PARTNER_ID) and hmac.compare_digest(
            sign, q.get("sign", "")
        )

    async def get_lost(self, request: Request) -> Response:
        if not self._public_ok(request):
            self.refused.append("sign")
            return JSONResponse({"error": "error_sign", "message": "Wrong sign."}, 403)
        with self.lock:
            ids = sorted(self.lost)[:2]  # small pages, so paging is exercised
            page = [self.lost[i] for i in ids]
            more = len(self.lost) > len(ids)
        return JSONResponse(
            {
                "request_id": "r",
                "error": "",
                "message": "",
                "response": {
                    "push_message_list": page,
                    "has_next_page": more,
                    "last_message_id": ids[-1] if ids else 0,
                },
            }
        )

    async def confirm(self, request: Request) -> Response:
        if not self._public_ok(request):
            self.refused.append("sign")
            return JSONResponse({"error": "error_sign", "message": "Wrong sign."}, 403)
        last = json.loads(await request.body())["last_message_id"]
        with self.lock:
            confirmed = [m for i, m in self.lost.items() if i <= last]
        # Every push confirmed must already be an event of its store.
        served = await asyncio.to_thread(self.events_of_b)
        seen = {e["resource"] for e in served}
        committed = all(m["data"]["ordersn"] in seen for m in confirmed)
        with self.lock:
            for i in [i for i in self.lost if i <= last]:
                del self.lost[i]
            self.confirms.append((last, committed))
        return JSONResponse({"request_id": "r", "error": "", "message": "", "response": {}})

    async def missed_feeds(self, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {ML_TOKEN}":
            self.refused.append("token")
            return JSONResponse({"message": "invalid_token", "status": 401}, 401)
        if request.query_params.get("app_id") != ML_CLIENT_ID:
            return JSONResponse({"message": "forbidden", "status": 403}, 403)
        offset = int(request.query_params.get("offset", "0"))
        limit = int(request.query_params.get("limit", "10"))
        self.feed_calls.append((offset, limit))
        return JSONResponse({"messages": self.missed[offset : offset + limit]})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/v2/push/get_lost_push_message", self.get_lost, methods=["GET"]),
                Route(
                    "/api/v2/push/confirm_consumed_lost_push_message",
                    self.confirm,
                    methods=["POST"],
                ),
                Route("/missed_feeds", self.missed_feeds, methods=["GET"]),
            ]
        )


def _setup(base_url: str) -> CustodySetup:
    environ = {
        "KITCHEN_ML_CLIENT_ID": ML_CLIENT_ID,
        "KITCHEN_ML_CLIENT_SECRET": "standin-ml-secret",
        "KITCHEN_SHOPEE_PARTNER_ID": str(PARTNER_ID),
        "KITCHEN_SHOPEE_PARTNER_KEY": PARTNER_KEY,
        "KITCHEN_TOKEN_KEY": Fernet.generate_key().decode(),
    }
    plugins = [p.oauth for p in registry() if p.oauth is not None and p.channel != "mp_delivery"]
    setup = custody_setup(
        plugins, environ, public_url=None, api={p.channel: base_url for p in plugins}
    )
    assert setup is not None
    return setup


def _link_seller(relay: Relay, setup: CustodySetup) -> None:
    """Store A linked its Mercado Libre seller (as the OAuth callback would leave it)."""

    async def run() -> None:
        store = await open_link_store(relay.database_url or relay.db)
        try:
            ((store_id, _),) = await store.find_store("Cantina A")
            now = datetime.now(UTC)
            pair = NewLink(
                setup.box.seal(ML_TOKEN),
                setup.box.seal("TG-standin-refresh"),
                iso_text(now + timedelta(hours=6)),
                iso_text(now),
            )
            assert await store.save_link(store_id, "mercadolibre", str(SELLER), pair) is None
        finally:
            await store.close()

    asyncio.run(run())


def _events(relay: Relay, token: str) -> list[dict[str, Any]]:
    answer = httpx.get(
        f"{relay.url}/v1/events",
        params={"after": 0, "wait": 0},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


@pytest.fixture
def marketplaces() -> Iterator[tuple[Marketplaces, str, list[Relay]]]:
    relays: list[Relay] = []  # the relay under test, once started
    fake = Marketplaces(lambda: _events(relays[0], relays[0].token_b))
    server = ServerThread(fake.app())
    url = server.start()
    try:
        yield fake, url, relays
    finally:
        server.stop()


def test_lost_pushes_and_missed_feeds_are_ingested_once_and_confirmed_after_commit(
    relay_factory: Callable[..., Relay],
    marketplaces: tuple[Marketplaces, str, list[Relay]],
) -> None:
    fake, url, relays = marketplaces
    setup = _setup(url)
    # One push reached the relay before it was also listed as lost: one event for both.
    fake.lost = {176_601 + i: _push(sn) for i, sn in enumerate(["SN-A", "SN-B", "SN-C"])}
    relay = relay_factory(custody=setup, lost_check_seconds=0.2)
    relays.append(relay)
    pushed = relay.client.post("/webhooks/shopee", json=_push("SN-A"))
    assert pushed.status_code == 200
    _link_seller(relay, setup)

    poll_until(lambda: not fake.lost and len(fake.confirms) >= 2, "lost pushes confirmed")
    assert [last for last, _ in fake.confirms] == [176_602, 176_603]  # pages of two
    assert all(committed for _, committed in fake.confirms), fake.confirms
    shop_events = _events(relay, relay.token_b)
    assert sorted(e["resource"] for e in shop_events) == ["SN-A", "SN-B", "SN-C"]
    assert all(e["channel"] == "shopee" and e["topic"] == "3" for e in shop_events)
    recovered = [e for e in shop_events if e["resource"] != "SN-A"]
    assert all(e["verified"] for e in recovered)

    # Mercado Libre: pages of ten until the short third one, with the seller's token.
    poll_until(lambda: (20, 10) in fake.feed_calls, "the missed feeds read to the end")
    poll_until(lambda: len(_events(relay, relay.token_a)) == 23, "23 missed notifications")
    seller_events = _events(relay, relay.token_a)
    assert {e["resource"] for e in seller_events} == {m["resource"] for m in fake.missed}
    assert all(e["verified"] and e["topic"] == "orders_v2" for e in seller_events)
    assert all("request" not in e["payload"] for e in seller_events)
    assert fake.feed_calls[:3] == [(0, 10), (10, 10), (20, 10)]
    # Passes go on reading the same feed (it has no confirmation): nothing twice.
    reads = fake.feed_calls.count((0, 10))
    poll_until(lambda: fake.feed_calls.count((0, 10)) >= reads + 2, "two more passes")
    assert len(_events(relay, relay.token_a)) == 23
    assert len(_events(relay, relay.token_b)) == 3
    assert fake.refused == []

    # A push lost later comes in with the next pass; store A never sees Shopee's events.
    with fake.lock:
        fake.lost[176_700] = _push("SN-D")
    poll_until(lambda: len(_events(relay, relay.token_b)) == 4, "the later lost push")
    assert {e["channel"] for e in _events(relay, relay.token_a)} == {"mercadolibre"}


def test_with_the_sandbox_pushes_and_notifications_nobody_took_reach_the_store(
    tmp_path: Path, database_url: str | None
) -> None:
    """The sandbox holds back its pushes and notifications (its control routes): they become
    Shopee lost pushes and Mercado Libre missed feeds, which the relay reads back with the
    links' credentials; Shopee's are confirmed (gone from the list)."""
    db = tmp_path / "relay.sqlite3"
    token = add_store(database_url or db, "Cantina A")
    relay_sock, sandbox_sock = listening_socket(), listening_socket()
    relay_url = f"http://127.0.0.1:{relay_sock.getsockname()[1]}"
    sandbox_url = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
    plugins = [p.oauth for p in registry() if p.oauth is not None]
    config = relay_config(
        settings={"shopee.partner_key": SHOPEE_APP.client_secret},
        db_path=db,
        database_url=database_url,
        custody=demo_custody(plugins, relay_url, sandbox_url),
        lost_check_seconds=0.3,
    )
    relay = ServerThread(build_relay(config), sock=relay_sock)
    parts = [p.sandbox for p in registry() if p.sandbox is not None]
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(relay_url=relay_url, seed=9, rate_per_min=0), parts),
        sock=sandbox_sock,
    )
    relay.start()
    sandbox.start()
    try:
        assert link_demo_store(relay_url, token, ("mercadolibre", "shopee")) == [
            "mercadolibre",
            "shopee",
        ]
        control = httpx.Client(base_url=sandbox_url, timeout=10)
        for route in ("/_sandbox/shopee/pushes", "/_sandbox/mercadolibre/notifications"):
            assert control.post(route, json={"paused": True}).json() == {"paused": True}
        sn = control.post("/_sandbox/orders", json={"channel": "shopee"}).json()["order_id"]
        ml = str(control.post("/_sandbox/orders", json={"channel": "mercadolibre"}).json()["id"])

        def mine() -> list[dict[str, Any]]:
            answer = httpx.get(
                f"{relay_url}/v1/events",
                params={"after": 0},
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            events: list[dict[str, Any]] = answer.json()["events"]
            return events

        def arrived() -> bool:
            resources = {e["resource"] for e in mine()}
            return sn in resources and f"/orders/{ml}" in resources

        poll_until(arrived, "the held-back push and notification read back")
        assert all(e["verified"] for e in mine())
        shopee = [e for e in mine() if e["channel"] == "shopee"]
        assert [e["resource"] for e in shopee] == [sn] and shopee[0]["topic"] == "3"

        path = "/api/v2/push/get_lost_push_message"

        def lost() -> list[Any]:
            ts = int(time.time())
            base = f"{SHOPEE_APP.client_id}{path}{ts}"
            sign = hmac.new(
                SHOPEE_APP.client_secret.encode(), base.encode(), hashlib.sha256
            ).hexdigest()
            query = {"partner_id": SHOPEE_APP.client_id, "timestamp": ts, "sign": sign}
            listed: list[Any] = control.get(path, params=query).json()["response"][
                "push_message_list"
            ]
            return listed

        poll_until(lambda: lost() == [], "the lost push confirmed")
        count = len(mine())
        # The missed feed stays (Mercado Libre has no confirmation); passes add nothing.
        seller = control.post("/_sandbox/orders", json={"channel": "mercadolibre"}).json()["id"]
        poll_until(
            lambda: f"/orders/{seller}" in {e["resource"] for e in mine()},
            "a later missed notification",
        )
        assert len(mine()) == count + 1
        control.close()
    finally:
        sandbox.stop()
        relay.stop()
