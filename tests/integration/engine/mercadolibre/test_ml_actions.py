"""Mercado Libre's actions through the engine's one action path, against the sandbox: the ME1
flow in its order (tracking number, shipped, delivered), stock and feedback, each journaled
(requested → sent → confirmed | failed with Mercado Libre's reason)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.app.wiring import build_engine
from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import ActionOutcomeState
from kitchen_app.engine.engine import Engine, EngineConfig
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.printing.settings import PrinterSettings
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox
from kitchen_app.store import DeskReader

from ..standin import wait_until

SELLER = 3430803000
TOKEN = "APP_USR-sandbox"


class Desk:
    def __init__(self, tmp: Path) -> None:
        db = tmp / "relay.sqlite3"
        self.relay = ServerThread(build_relay(relay_config(db_path=db)))
        relay_url = self.relay.start()
        token = add_store(db, "Loja", ml_seller_id=SELLER)
        parts = [p.sandbox for p in registry() if p.sandbox is not None]
        self.sandbox = ServerThread(
            build_sandbox(SandboxConfig(relay_url=relay_url, seed=9, ack_deadline_s=5.0), parts)
        )
        self.sandbox_url = self.sandbox.start()
        self.control = httpx.Client(base_url=self.sandbox_url, timeout=10)
        self.api = httpx.Client(
            base_url=self.sandbox_url, timeout=10, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        self.listener = RecordingListener()
        self.db = tmp / "desk.sqlite3"
        self.paper = tmp / "counter.escpos"
        self.engine: Engine = build_engine(
            EngineConfig(
                db_path=self.db,
                initial_settings={
                    "relay_url": relay_url,
                    "relay_token": token,
                    "mercadolibre.base_url": self.sandbox_url,
                    "mercadolibre.access_token": TOKEN,
                    "mercadolibre.user_id": str(SELLER),
                    "auto_print": False,
                    "printers": [
                        PrinterSettings(
                            name="Counter",
                            kind="file",
                            address=str(tmp / "counter.escpos"),
                            copies={"kitchen": 1, "receipt": 1},
                        ).to_dict()
                    ],
                },
                poll_wait_s=5.0,
            ),
            self.listener,
        )
        self.engine.start()

    def create(self, **body: Any) -> dict[str, Any]:
        r = self.control.post("/_sandbox/orders", json={"channel": "mercadolibre", **body})
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        return data

    def offered(self, key: str) -> list[str]:
        """Asked from the test's thread (never from a listener callback: the engine's)."""
        return [a.name for a in self.engine.available_actions(key).result(timeout=20)]

    def run(self, key: str, action: str, **params: Any) -> Any:
        return self.engine.run_action(key, action, params).result(timeout=30)

    def stop(self) -> None:
        self.engine.stop()
        self.control.close()
        self.api.close()
        self.sandbox.stop()
        self.relay.stop()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = Desk(tmp_path)
    try:
        yield d
    finally:
        d.stop()


def test_me1_flow_stock_and_feedback(desk: Desk) -> None:
    made = desk.create(items=[{"title": "Brigadeiro", "price": 4.5, "quantity": 2}])
    key = OrderKey("mercadolibre", str(made["id"]))
    assert desk.listener.wait_for(lambda: key in desk.listener.keys("order_added"), 20)
    assert desk.offered(key)[:1] == ["set_tracking"]

    # Refused at the desk, never sent: the shipment cannot be marked shipped yet.
    early = desk.run(key, "mark_shipped")
    assert early.state is ActionOutcomeState.FAILED
    assert desk.api.get(f"/shipments/{made['shipment_id']}").json()["status"] == "pending"

    done = desk.run(key, "set_tracking", tracking_number="OP123456789BR")
    assert done.state is ActionOutcomeState.CONFIRMED, done.message
    assert wait_until(lambda: "mark_shipped" in desk.offered(key), 20)
    assert desk.run(key, "mark_shipped", comment="despachado").state is (
        ActionOutcomeState.CONFIRMED
    )
    assert wait_until(lambda: "mark_delivered" in desk.offered(key), 20)
    assert desk.run(key, "mark_delivered").state is ActionOutcomeState.CONFIRMED
    shipment = desk.api.get(f"/shipments/{made['shipment_id']}").json()
    assert (shipment["status"], shipment["tracking_number"]) == ("delivered", "OP123456789BR")

    item = made["item_ids"][0]
    stock = desk.run(key, "set_stock", item=item, quantity=12)
    assert stock.state is ActionOutcomeState.CONFIRMED, stock.message
    assert desk.api.get(f"/items/{item}").json()["available_quantity"] == 12

    # Feedback left elsewhere meanwhile: the fresh read shows it, so it is not sent twice.
    other = desk.api.post(
        f"/orders/{made['id']}/feedback",
        json={"fulfilled": True, "rating": "positive", "message": "Valeu!"},
    )
    assert other.status_code == 201
    again = desk.run(key, "feedback", fulfilled="yes", rating="positive", message="Obrigado!")
    assert again.state is ActionOutcomeState.CONFIRMED
    assert desk.api.get(f"/orders/{made['id']}/feedback").json()["sale"]["message"] == "Valeu!"
    reader = DeskReader.open(desk.db)
    try:
        kinds = [a.kind for a in reader.actions(key)]
    finally:
        reader.close()
    assert {"set_tracking", "mark_shipped", "mark_delivered", "set_stock", "feedback"} <= set(kinds)


def test_a_final_state_reached_elsewhere_fails_with_the_reason(desk: Desk) -> None:
    made = desk.create()
    key = OrderKey("mercadolibre", str(made["id"]))
    sid = made["shipment_id"]
    assert desk.listener.wait_for(lambda: key in desk.listener.keys("order_added"), 20)
    desk.api.put(f"/shipments/{sid}", json={"service_id": 11, "tracking_number": "X1"})
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    shipped = {"payload": {"date": now}, "status": "shipped"}
    assert desk.api.post(
        f"/shipments/{sid}/seller_notifications", json={**shipped, "substatus": "null"}
    ).is_success
    assert wait_until(lambda: "mark_delivered" in desk.offered(key), 20)
    # Not delivered, reported from elsewhere; the desk may not have read it yet.
    returned = {**shipped, "status": "not_delivered", "substatus": "returning_to_sender"}
    assert desk.api.post(f"/shipments/{sid}/seller_notifications", json=returned).is_success
    outcome = desk.run(key, "mark_delivered")
    assert outcome.state is ActionOutcomeState.FAILED
    assert outcome.message
    assert desk.api.get(f"/shipments/{sid}").json()["status"] == "not_delivered"


def test_a_cart_prints_one_kitchen_ticket_for_all_its_orders(desk: Desk) -> None:
    made = desk.create(
        cart=2,
        items=[{"title": "Brigadeiro gourmet", "price": 4.5, "quantity": 3}],
    )
    first, second = (OrderKey("mercadolibre", str(i)) for i in made["order_ids"])
    assert desk.listener.wait_for(
        lambda: {first, second} <= set(desk.listener.keys("order_added")), 20
    )
    jobs = desk.engine.print_ticket(second, "kitchen").result(timeout=20)
    assert len(jobs) == 1
    wait_until(lambda: desk.paper.exists() and desk.paper.stat().st_size > 0, 20)
    paper = desk.paper.read_bytes()
    assert paper.count(b"Brigadeiro gourmet") == 2  # both orders' items on one ticket
    assert made["pack_id"].encode() in paper
    reader = DeskReader.open(desk.db)
    try:
        # Journaled once, under the cart's first order, whichever order it was asked from.
        assert [j.kind for j in reader.print_jobs(first)] == ["kitchen"]
        assert reader.print_jobs(second) == []
    finally:
        reader.close()
