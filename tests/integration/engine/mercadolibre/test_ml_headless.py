"""Mercado Libre end to end: the sandbox's notifications go to the relay
(``/webhooks/mercadolibre``, routed by the store's ``--ml-seller-id``), ``kitchen-app
headless --set mercadolibre.…`` reads them and the orders, asserted through ``kitchen-app
orders --json``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox
from tests.headless import HeadlessProcess, headless_argv

from ..standin import orders_json, wait_until

SELLER = 3430803000
TOKEN = "APP_USR-sandbox"


@dataclass
class Services:
    relay_url: str
    sandbox_url: str
    desk_token: str
    control: httpx.Client

    def create(self, **body: Any) -> dict[str, Any]:
        r = self.control.post("/_sandbox/orders", json={"channel": "mercadolibre", **body})
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        return data


class Headless(HeadlessProcess):
    """``kitchen-app headless`` reading Mercado Libre through the relay's webhooks."""

    wait_s = 30.0

    def __init__(
        self, services: Services, data_dir: Path, *, token: str = TOKEN, seller: int = SELLER
    ) -> None:
        self.data_dir = data_dir
        sets = [
            f"mercadolibre.base_url={services.sandbox_url}",
            f"mercadolibre.access_token={token}",
            f"mercadolibre.user_id={seller}",
            "time_zone=GMT-3",
            "auto_print=no",
        ]
        super().__init__(
            headless_argv(
                ["--data-dir", str(data_dir)],
                services.relay_url,
                services.desk_token,
                sets,
                "--poll-wait",
                "5",
            )
        )


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    db = tmp_path / "relay.sqlite3"
    relay = ServerThread(build_relay(relay_config(db_path=db)))
    relay_url = relay.start()
    token = add_store(db, "Loja", ml_seller_id=SELLER)
    parts = [p.sandbox for p in registry() if p.sandbox is not None]
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(relay_url=relay_url, seed=5, ack_deadline_s=5.0), parts)
    )
    sandbox_url = sandbox.start()
    control = httpx.Client(base_url=sandbox_url, timeout=10)
    try:
        yield Services(relay_url, sandbox_url, token, control)
    finally:
        control.close()
        sandbox.stop()
        relay.stop()


@pytest.fixture
def headless(services: Services, tmp_path: Path) -> Iterator[Headless]:
    h = Headless(services, tmp_path / "desk")
    try:
        assert h.wait_line("engine ready")
        yield h
    finally:
        assert h.stop() == 0


def listed(h: Headless) -> dict[str, dict[str, Any]]:
    return {str(o["order_id"]): o for o in orders_json(h.data_dir)}


def test_a_cart_arrives_as_orders_of_one_pack(services: Services, headless: Headless) -> None:
    made = services.create(cart=2)
    single = services.create()
    for order_id in [*made["order_ids"], single["id"]]:
        assert headless.wait_line(f"order_added mercadolibre:{order_id}"), order_id
    orders = listed(headless)
    for order_id in made["order_ids"]:
        row = orders[order_id]
        assert row["channel"] == "mercadolibre"
        assert row["key"] == f"mercadolibre:{order_id}"  # the JSON's text form
        assert row["pack_id"] == made["pack_id"]
        assert row["status"] == "paid" and row["substatus"] is None
        assert row["accept_deadline"] is None
        assert row["total"]["currency"] == "BRL"
    assert orders[single["id"]]["pack_id"] is None


def test_a_shipment_created_later_reaches_the_order(services: Services, headless: Headless) -> None:
    made = services.create(shipping="later")
    assert headless.wait_line(f"order_added mercadolibre:{made['id']}")
    services.control.post("/_sandbox/clock", json={"advance_s": 10})
    assert wait_until(lambda: listed(headless)[made["id"]].get("stage") == "preparing", timeout=30)
    r = services.control.get("/_sandbox/mercadolibre/orders")
    assert r.json()[0]["shipment_id"] is not None
