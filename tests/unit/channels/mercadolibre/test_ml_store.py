"""Mercado Libre orders in the desk's store with the plug-in's flow: no accept deadline, the
cart's pack_id and the ship-by kept, the shipment track's visits dated by Mercado Libre, a
replay changes nothing, and the stage follows the tracks (cancelled order wins)."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.unit.store.store_testkit import Clock, open_store

from kitchen_app.channels.base import FetchedOrder
from kitchen_app.channels.mercadolibre.flows import FLOW
from kitchen_app.channels.mercadolibre.mapping import read_order, to_domain
from kitchen_app.channels.mercadolibre.plugin import observations
from kitchen_app.domain import OrderKey, Stage, StatusPair, TimelineEntry
from kitchen_app.store import DeskStore

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"
KEY = OrderKey("mercadolibre", "2053577644")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def apply(store: DeskStore, order: dict[str, Any], shipment: dict[str, Any] | None) -> Any:
    ml = read_order(order, shipment)
    fetched = FetchedOrder(to_domain(ml), ml.raw, observations(ml))
    now = datetime.now().astimezone()
    entries = [
        TimelineEntry(o.pair, o.at or now, now, "webhook", o.track) for o in fetched.observations
    ]
    return store.apply_order(fetched.order, entries, flow=FLOW)


def test_an_me1_cart_order_through_its_shipment(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db", Clock())
    order = load("order_new_cart.json")
    shipment = load("shipment_me1.json")
    pending = copy.deepcopy(shipment)
    pending.update(status="pending", substatus="null", tracking_number=None)
    pending["substatus_history"] = shipment["substatus_history"][:1]
    try:
        assert apply(store, order, pending).is_new
        summary = store.order_summary(KEY)
        assert summary is not None
        assert summary.accept_deadline is None
        assert summary.pack_id == "2000000101334825"
        assert summary.ship_by is not None
        assert summary.stage is Stage.PREPARING and not summary.is_final
        assert summary.status == StatusPair("paid", None)

        assert apply(store, order, shipment).advanced  # shipped
        assert apply(store, order, shipment).added == ()  # a replay adds nothing
        summary = store.order_summary(KEY)
        assert summary is not None and summary.stage is Stage.ON_THE_WAY
        tracks = [(e.track, e.pair) for e in store.timeline(KEY)]
        assert ("shipment", StatusPair("pending", None)) in tracks
        assert ("shipment", StatusPair("shipped", None)) in tracks

        delivered = copy.deepcopy(shipment)
        delivered.update(status="delivered", substatus=None)
        delivered["substatus_history"].append(
            {"date": "2019-06-15T10:00:00.000-04:00", "status": "delivered", "substatus": None}
        )
        apply(store, order, delivered)
        summary = store.order_summary(KEY)
        assert summary is not None and summary.stage is Stage.DONE and summary.is_final
    finally:
        store.close()


def test_a_cancelled_order_is_cancelled_whatever_its_shipment_says(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db", Clock())
    order = load("order_new_cart.json")
    shipment = load("shipment_me1.json")  # shipped
    try:
        apply(store, order, shipment)
        cancelled = copy.deepcopy(order)
        cancelled["status"] = "cancelled"
        cancelled["last_updated"] = "2019-06-16T09:00:00.000-04:00"
        apply(store, cancelled, shipment)
        summary = store.order_summary(KEY)
        assert summary is not None
        assert summary.stage is Stage.CANCELLED and summary.status.status == "cancelled"
    finally:
        store.close()


def test_an_order_without_a_shipment_and_an_unknown_status(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk.db", Clock())
    order = load("order_new_cart.json")
    order.update(pack_id=None, shipping={"id": None}, status="brand_new")
    try:
        apply(store, order, None)
        summary = store.order_summary(KEY)
        assert summary is not None
        assert summary.status == StatusPair("brand_new") and summary.pack_id is None
        assert summary.logistics == "none"
    finally:
        store.close()
