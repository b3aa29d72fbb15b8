"""Mercado Pago behind the Marketplace protocol: the one decode of an event, fetches that
never hide one another's failures, the actions each state allows, runs with parameters."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from kitchen_app.channels.base import (
    EventRefs,
    FetchedOrder,
    FetchFailure,
    OrderRef,
    RecentPage,
    RelayEvent,
)
from kitchen_app.channels.errors import NotFound, StateConflict
from kitchen_app.channels.mercadopago.client import MpDeliveryClient
from kitchen_app.channels.mercadopago.plugin import MercadoPagoMarketplace
from kitchen_app.domain import OrderKey, StatusPair
from kitchen_app.domain.actions import Evidence
from kitchen_app.domain.tracks import Observation

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "mp_order_flex.json"
T = TypeVar("T")
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def order_json(**extension: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["extension"] = data["extension"] | extension
    return data


class Server:
    """A stand-in for Mercado Pago's API, from the documented shapes."""

    def __init__(self) -> None:
        self.orders: dict[str, dict[str, Any]] = {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path.startswith("/proximity-integration/v1/orders/") and request.method == "GET":
            raw = self.orders.get(path.rsplit("/", 1)[1])
            if raw is None:
                return httpx.Response(404, json={"message": "Failed to search shipment"})
            return httpx.Response(200, json=raw)
        if path.endswith("/cancellation-reasons"):
            return httpx.Response(
                200,
                json=[
                    {"id": "7", "value": "no_stock", "message": "Sin stock"},
                    {"id": 9, "value": "closing", "message": ""},
                ],
            )
        if path.endswith("/cancel") and request.method == "PUT":
            return httpx.Response(200, json={"status": "cancelled"})
        if path.endswith("/accept"):
            return httpx.Response(400, json={"message": "Conflict-error: not acceptable"})
        if path.endswith("/print_label_pdf"):
            return httpx.Response(200, content=b"%PDF-1.4 x", headers={"Content-Type": "x"})
        return httpx.Response(404, json={"message": "resource not found"})


def run_with(server: Server, coro_of: Any) -> Any:
    async def go() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(server))
        client = MpDeliveryClient("https://api.test", "APP_USR-t", http=http, backoff_s=0)
        try:
            return await coro_of(MercadoPagoMarketplace(client))
        finally:
            await http.aclose()

    return asyncio.run(go())


def event(topic: str, resource: str) -> RelayEvent:
    return RelayEvent(1, "mp_delivery", topic, resource, NOW, {}, True)


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@pytest.mark.parametrize(
    ("topic", "resource"),
    [("delivery", "/shipments/41034141533"), ("", " '41034141533' "), ("shipments", "41034141533")],
)
def test_an_event_names_one_order_without_a_call(topic: str, resource: str) -> None:
    server = Server()
    refs: EventRefs = run_with(server, lambda mp: mp.refs_from_event(event(topic, resource)))
    assert refs == EventRefs(refs=(OrderRef(OrderKey("mp_delivery", "41034141533")),))
    assert server.requests == []


def test_an_event_without_a_shipment_is_unresolved_not_dropped() -> None:
    refs: EventRefs = run_with(Server(), lambda mp: mp.refs_from_event(event("items", "/x/1")))
    assert refs.refs == ()
    assert refs.unresolved is not None and not refs.unresolved.retryable
    assert "items" in refs.unresolved.reason


def test_fetch_gives_each_ref_its_order_or_its_failure() -> None:
    server = Server()
    server.orders["41034141533"] = order_json()
    refs = [
        OrderRef(OrderKey("mp_delivery", "41034141533")),
        OrderRef(OrderKey("mp_delivery", "5")),
    ]
    results = run_with(server, lambda mp: mp.fetch(refs))
    fetched = next(r for r in results if isinstance(r, FetchedOrder))
    failed = next(r for r in results if isinstance(r, FetchFailure))
    assert fetched.order.order_id == "41034141533"
    assert fetched.observations == (
        Observation("order", StatusPair("ready_to_ship", "printed"), fetched.observations[0].at),
    )
    assert failed.key == OrderKey("mp_delivery", "5")
    assert isinstance(failed.error, NotFound)
    assert all(r.headers["x-time-zone"] == "GMT-3" for r in server.requests)


def test_there_is_no_list_to_poll() -> None:
    page = run_with(Server(), lambda mp: mp.list_recent(NOW, None))
    assert page == RecentPage((), None)


def _order(substatus: str, logistics: str = "FLEX") -> Any:
    raw = order_json(substatus=substatus, status="ready_to_ship")
    raw["extension"]["logistics"] = logistics
    return MercadoPagoMarketplace.__new__(MercadoPagoMarketplace).order_from_json(raw).order


def names(mp: MercadoPagoMarketplace, order: Any, *, accepted: bool) -> list[str]:
    return [a.name for a in mp.actions(order, accepted=accepted, now=NOW)]


def test_actions_follow_the_state_and_the_desks_accept() -> None:
    mp = MercadoPagoMarketplace.__new__(MercadoPagoMarketplace)
    new = _order("ready_to_print")
    assert names(mp, new, accepted=False) == ["accept", "cancel", "print_label_pdf"]
    assert names(mp, new, accepted=True) == ["cancel", "print_label_pdf"]
    accepted = _order("printed")
    assert "accept" not in names(mp, accepted, accepted=True)
    specs = {a.name: a for a in mp.actions(new, accepted=False, now=NOW)}
    assert specs["accept"].accepts
    assert specs["print_label_pdf"].returns_document and specs["print_label_pdf"].accepts
    assert specs["cancel"].confirm and specs["cancel"].params[0].from_network


def test_cancel_sends_the_reason_mercado_pago_offered() -> None:
    server = Server()
    order = _order("ready_to_print")

    async def go(mp: MercadoPagoMarketplace) -> Any:
        choices = await mp.choices("cancel", "reason", order)
        await mp.run("cancel", order, {"reason": "no_stock"})
        return choices

    choices = run_with(server, go)
    assert [(c.value, c.label) for c in choices] == [
        ("no_stock", "Sin stock"),
        ("closing", "closing"),
    ]
    body = json.loads(server.requests[-1].content)
    assert body == {
        "status": "cancelled",
        "cancellation_reason": {"id": "7", "value": "no_stock", "message": "Sin stock"},
    }


def test_a_reason_no_longer_offered_is_a_conflict_and_nothing_is_cancelled() -> None:
    server = Server()
    with pytest.raises(StateConflict, match="no longer offered"):
        run_with(server, lambda mp: mp.run("cancel", _order("ready_to_print"), {"reason": "99"}))
    assert not any(r.url.path.endswith("/cancel") for r in server.requests)


def test_runs_answer_the_marketplace_pdf_and_raise_its_refusals() -> None:
    order = _order("ready_to_print")
    result = run_with(Server(), lambda mp: mp.run("print_label_pdf", order, {}))
    assert result.document is not None and result.document.startswith(b"%PDF")
    with pytest.raises(StateConflict):
        run_with(Server(), lambda mp: mp.run("accept", order, {}))


def test_evidence_reads_the_fresh_order() -> None:
    mp = MercadoPagoMarketplace.__new__(MercadoPagoMarketplace)
    assert mp.evidence("accept", _order("ready_to_print")) is Evidence.NOT_DONE
    assert mp.evidence("accept", _order("printed")) is Evidence.DONE
    assert mp.evidence("accept", _order("on_route_to_pickup", "DROPOFF")) is Evidence.UNKNOWN
    assert mp.evidence("cancel", _order("ready_to_print")) is Evidence.NOT_DONE
