"""Shopee's actions through the desk engine's one action path (``run_action``), against a real
relay and the sandbox's Shopee: what is offered follows the status, a cancel out of stock names
the item, a second cancel shows Shopee's refusal, a buyer's request is answered, and a shipment
is arranged from a slot read from Shopee."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.app.wiring import build_engine
from kitchen_app.channels.shopee.sandbox import ShopeeSandboxConfig, sandbox_part_with
from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import ActionOutcomeState
from kitchen_app.engine.engine import Engine, EngineConfig
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

SHOPEE = ShopeeSandboxConfig()
SHOP = SHOPEE.shop_ids[0]
WAIT_S = 20


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[str, Engine, RecordingListener]]:
    db = tmp_path / "relay.sqlite3"
    token = add_store(db, "Cozinha", shopee_shop_id=SHOP)
    relay = ServerThread(
        build_relay(relay_config(settings={"shopee.partner_key": SHOPEE.partner_key}, db_path=db))
    )
    relay_url = relay.start()
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(seed=13, relay_url=relay_url), [sandbox_part_with(SHOPEE)])
    )
    sandbox_url = sandbox.start()
    listener = RecordingListener()
    engine = build_engine(
        EngineConfig(
            tmp_path / "desk.db",
            initial_settings={
                "relay_url": relay_url,
                "relay_token": token,
                "shopee.base_url": sandbox_url,
                "shopee.access_token": SHOPEE.access_token,
                "shopee.partner_id": SHOPEE.partner_id,
                "shopee.partner_key": SHOPEE.partner_key,
                "shopee.shop_id": str(SHOP),
                "auto_print": False,
            },
            reconcile_interval_s=3600,
        ),
        listener,
    )
    engine.start()
    try:
        yield sandbox_url, engine, listener
    finally:
        engine.stop()
        sandbox.stop()
        relay.stop()


def _order(
    sandbox_url: str, listener: RecordingListener, **body: Any
) -> tuple[str, dict[str, Any]]:
    made = httpx.post(sandbox_url + "/_sandbox/orders", json={"channel": "shopee", **body}).json()
    key = OrderKey("shopee", str(made["order_id"]))
    assert listener.wait_for(lambda: key in listener.keys("order_added"), WAIT_S)
    return key, made


def _names(engine: Engine, key: str) -> list[str]:
    return [spec.name for spec in engine.available_actions(key).result(timeout=WAIT_S)]


def _sim_status(sandbox_url: str, sn: str) -> str:
    listed = httpx.get(sandbox_url + "/_sandbox/shopee/orders").json()
    status: str = next(o["status"] for o in listed if o["order_id"] == sn)
    return status


def test_cancel_out_of_stock_then_shopees_refusal(
    desk: tuple[str, Engine, RecordingListener],
) -> None:
    sandbox_url, engine, listener = desk
    key, made = _order(sandbox_url, listener, paid_ago_s=7200)
    assert _names(engine, key) == ["arrange_shipment", "cancel"]
    item = made["order"]["item_list"][0]
    ref = f"{item['item_id']}/{item['model_id']}"
    missing = engine.run_action(key, "cancel", {"reason": "OUT_OF_STOCK"}).result(timeout=WAIT_S)
    assert missing.state is ActionOutcomeState.FAILED and missing.action_id is None
    done = engine.run_action(key, "cancel", {"reason": "OUT_OF_STOCK", "items": (ref,)}).result(
        timeout=WAIT_S
    )
    assert done.state is ActionOutcomeState.CONFIRMED, done.message
    assert _sim_status(sandbox_url, made["order_id"]) == "CANCELLED"


def test_buyer_cancellation_is_answered(desk: tuple[str, Engine, RecordingListener]) -> None:
    sandbox_url, engine, listener = desk
    key, made = _order(sandbox_url, listener)
    sn = made["order_id"]
    httpx.post(f"{sandbox_url}/_sandbox/shopee/orders/{sn}/buyer_cancel", json={})
    deadline = time.monotonic() + WAIT_S
    while _names(engine, key) != ["answer_buyer_cancel"]:  # the push of IN_CANCEL, then a read
        assert time.monotonic() < deadline, "IN_CANCEL never reached the desk"
        time.sleep(0.05)
    answer = engine.run_action(key, "answer_buyer_cancel", {"operation": "REJECT"}).result(
        timeout=WAIT_S
    )
    assert answer.state is ActionOutcomeState.CONFIRMED, answer.message
    assert _sim_status(sandbox_url, sn) == "READY_TO_SHIP"


def test_arrange_shipment_from_a_slot_shopee_offers(
    desk: tuple[str, Engine, RecordingListener],
) -> None:
    sandbox_url, engine, listener = desk
    key, made = _order(sandbox_url, listener)
    arrange = next(
        s
        for s in engine.available_actions(key).result(timeout=WAIT_S)
        if s.name == "arrange_shipment"
    )
    assert arrange.warning is not None  # just paid: Shopee advises waiting an hour
    slots = engine.action_choices(key, "arrange_shipment", "slot").result(timeout=WAIT_S)
    assert slots and slots[0].value.startswith("pickup:")
    outcome = engine.run_action(key, "arrange_shipment", {"slot": slots[0].value}).result(
        timeout=WAIT_S
    )
    assert outcome.state is ActionOutcomeState.CONFIRMED, outcome.message
    assert _sim_status(sandbox_url, made["order_id"]) == "PROCESSED"
