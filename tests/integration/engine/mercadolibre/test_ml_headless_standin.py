"""Mercado Libre end to end against a stand-in written from the documented shapes (not the
sandbox): notifications in the shapes of A.1 and seed 002 are posted to the real relay, and
``kitchen-app headless`` resolves, fetches and stores them; asserted through ``kitchen-app
orders --json`` and the unresolved list."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.paths import desk_db_path
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.store import DeskReader

from ..standin import orders_json, wait_until
from .ml_standin import TOKEN, StandIn
from .test_ml_headless import Headless, Services

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"
SELLER = 419059118  # seed 004's seller


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


class World:
    def __init__(self, tmp: Path) -> None:
        self.standin = StandIn()
        self._standin_server = ServerThread(self.standin.app())
        self.standin.url = self._standin_server.start()
        db = tmp / "relay.sqlite3"
        self._relay = ServerThread(build_relay(relay_config(db_path=db)))
        self.relay_url = self._relay.start()
        self.token = add_store(db, "Loja", ml_seller_id=SELLER)
        self.http = httpx.Client(timeout=10)

    def notify(self, body: dict[str, Any] | bytes) -> None:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = self.http.post(
            f"{self.relay_url}/webhooks/mercadolibre",
            content=content,
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 200, r.text

    def stop(self) -> None:
        self.http.close()
        self._relay.stop()
        self._standin_server.stop()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path)
    try:
        yield w
    finally:
        w.stop()


@pytest.fixture
def headless(world: World, tmp_path: Path) -> Iterator[Headless]:
    services = Services(world.relay_url, world.standin.url, world.token, httpx.Client())
    h = Headless(services, tmp_path / "desk", token=TOKEN, seller=SELLER)
    try:
        assert h.wait_line("engine ready")
        yield h
    finally:
        services.control.close()
        assert h.stop() == 0


def listed(h: Headless) -> dict[str, dict[str, Any]]:
    return {str(o["order_id"]): o for o in orders_json(h.data_dir)}


def test_every_documented_notification_shape(world: World, headless: Headless) -> None:
    s = world.standin
    cart_first = load("order_new_cart.json")  # seed 004, new JSON, pack 2000000101334825
    # Today, so `orders --json` (a day's orders) lists it; seed 004's own offset kept.
    today = datetime.now(timezone(timedelta(hours=-4))).isoformat(timespec="milliseconds")
    cart_first.update(date_created=today, date_closed=today, last_updated=today)
    cart_second = copy.deepcopy(cart_first)
    cart_second["id"] = 2053577645
    shipment = load("shipment_me1.json")
    shipment.update(status="pending", substatus="null")  # seed 001's string "null"
    shipment["substatus_history"] = shipment["substatus_history"][:1]
    s.orders.update({"2053577644": cart_first, "2053577645": cart_second})
    s.shipments[str(shipment["id"])] = shipment
    s.packs["2000000101334825"] = {
        "id": 2000000101334825,
        "orders": [{"id": 2053577644}, {"id": 2053577645}],
        "shipment": {"id": shipment["id"]},
    }
    lone = copy.deepcopy(cart_first)
    lone.update(id=731867397, pack_id=None, shipping={"id": None}, status="some_new_status")
    s.orders["731867397"] = lone
    s.not_found_first.add("731867397")  # 404 right after its notification

    # A.1's real capture: application_id beyond 2^53, a UTC "sent", actions.
    world.notify(
        b'{"_id":"1c73047b-4a8e","topic":"orders_v2","resource":"/orders/2053577644",'
        b'"user_id":419059118,"application_id":6456467593802500123,"attempts":1,'
        b'"sent":"2026-06-05T21:44:02.627Z","received":"2026-06-05T21:44:01.464Z",'
        b'"actions":["pack_order:true"]}'
    )
    # Seed 002's legacy shape: topic "orders", attempts 0, no _id.
    world.notify(
        {
            "user_id": SELLER,
            "resource": "/orders/731867397",
            "topic": "orders",
            "received": "2011-10-19T16:38:34.425Z",
            "application_id": 14529,
            "sent": "2011-10-19T16:40:34.425Z",
            "attempts": 0,
        }
    )
    # Topics about no order, and a resource that names none.
    world.notify({"topic": "items", "resource": "/items/MLB1", "user_id": SELLER})
    world.notify({"topic": "orders_v2", "resource": "/questions/55", "user_id": SELLER})

    for order_id in ("2053577644", "2053577645", "731867397"):
        assert headless.wait_line(f"order_added mercadolibre:{order_id}"), order_id
    orders = listed(headless)
    assert orders["2053577645"]["pack_id"] == "2000000101334825"  # read as the cart's
    assert orders["2053577644"]["status"] == "paid" and orders["2053577644"]["substatus"] is None
    assert orders["731867397"]["status"] == "some_new_status"  # shown raw
    assert orders["731867397"]["pack_id"] is None
    assert {o["accept_deadline"] for o in orders.values()} == {None}
    reader = DeskReader.open(desk_db_path(headless.data_dir))
    try:
        assert wait_until(lambda: len(reader.unresolved_notifications()) == 1)
        [note] = reader.unresolved_notifications()
    finally:
        reader.close()
    assert note.channel == "mercadolibre" and "/questions/55" in note.raw

    # The shipment moves: a "shipments" notification names it; the cart's orders follow.
    shipment.update(status="shipped", substatus=None, tracking_number="OP1")
    shipment["substatus_history"].append(
        {"date": "2019-06-14T10:00:00.000-04:00", "status": "shipped", "substatus": "null"}
    )
    world.notify(
        {
            "_id": "2",
            "topic": "shipments",
            "resource": f"/shipments/{shipment['id']}",
            "user_id": SELLER,
        }
    )
    assert wait_until(lambda: listed(headless)["2053577644"]["stage"] == "on_the_way", timeout=30)
    assert listed(headless)["2053577645"]["stage"] == "on_the_way"
    requests = [r for r in s.seen if r[1].startswith("/orders/2053577644")]
    assert requests and all(r[2]["x-format-new"] == "true" for r in requests)
    assert all("access_token" not in r[1] for r in s.seen)
