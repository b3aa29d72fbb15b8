"""The Mercado Pago client against a small stand-in Mercado Pago written here, not the sandbox.

The sandbox and the client were written from the same reading of the docs, so tests between
them cannot see a shared misreading. This stand-in is written straight from the documented
shapes (api notes §2, §6.2, §8.7, §9) and answers the way the real API may: offset-less times
in the zone the client asks for, ``subStatus`` in camelCase, nulls where a field is optional,
a 404 for an order right after its webhook, statuses the docs do not list, and stores that
are paused. It is a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.errors import AuthError, NotFound, StateConflict
from kitchen_app.channels.mercadopago.client import MpDeliveryClient
from kitchen_app.domain import Action, Logistics, Stage, StatusPair
from kitchen_app.domain.timezones import zone_from_setting

TOKEN = "APP_USR-standin"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "mp_order_flex.json"
# The moment every stand-in order was created, in UTC; rendered per x-time-zone.
CREATED = datetime(2026, 3, 5, 21, 20, 15, 227000, tzinfo=UTC)
_NO_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?")


def _local(moment: datetime, zone_header: str, *, millis: bool) -> str:
    """A time as the real API may render it: local to the asked zone, no offset (§2)."""
    local = moment.astimezone(zone_from_setting(zone_header))
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{local.microsecond // 1000:03d}" if millis else "")


@dataclass
class StandIn:
    """What the stand-in serves and what it saw."""

    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_found_first: dict[str, int] = field(default_factory=dict)  # id -> 404s still to give
    stores: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        self.seen.append((request.method, request.url.path, dict(request.headers), body))
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse({"message": "invalid access token", "status": 401}, 401)
        path = request.url.path.removeprefix("/proximity-integration")
        parts = [p for p in path.split("/") if p]
        zone = request.headers.get("x-time-zone")
        if parts[:2] == ["v1", "orders"] and len(parts) == 3 and request.method == "GET":
            return self._order(parts[2], zone)
        if parts[:2] == ["v1", "orders"] and parts[3:] == ["ready"]:
            order = self.orders.get(parts[2])
            if order is None:
                return JSONResponse({"message": "not found", "status": 404}, 404)
            if order["extension"]["subStatus"] not in ("printed", "ready_to_cook"):
                return JSONResponse({"message": "Conflict-error", "status": 400}, 400)
            return Response(status_code=200)  # an empty answer: the docs show none
        if parts[:1] == ["stores"] and len(parts) == 2 and request.method == "GET":
            store = self.stores.get(parts[1])
            if store is None:
                return JSONResponse({"message": "Store not found", "status": 404}, 404)
            return JSONResponse(store)
        if parts[:1] == ["stores"] and parts[2:] == ["status"] and request.method == "PUT":
            store = self.stores.get(parts[1])
            if store is None:
                return JSONResponse({"message": "Store not found", "status": 404}, 404)
            store["status"] = json.loads(body)["status"]
            return JSONResponse(store)
        if parts[:1] == ["users"] and parts[2:] == ["stores"]:
            # The list endpoint: numbers as ids, no status, nulls (§9).
            return JSONResponse(
                [{k: v for k, v in s.items() if k != "status"} for s in self.stores.values()]
            )
        return JSONResponse({"message": "resource not found", "status": 404}, 404)

    def _order(self, order_id: str, zone: str | None) -> Response:
        if self.not_found_first.get(order_id, 0) > 0:
            self.not_found_first[order_id] -= 1
            return JSONResponse({"message": "Failed to search shipment", "status": 404}, 404)
        order = self.orders.get(order_id)
        if order is None:
            return JSONResponse({"message": "Failed to search shipment", "status": 404}, 404)
        if zone is None:
            return JSONResponse({"message": "x-time-zone is required", "status": 400}, 400)
        out = copy.deepcopy(order)
        out["createdAt"] = _local(CREATED, zone, millis=True)
        out["preparationStartDateTime"] = _local(CREATED + timedelta(seconds=2), zone, millis=False)
        out["delivery"]["estimatedDeliveryDateTime"] = _local(
            CREATED + timedelta(minutes=40), zone, millis=False
        )
        return JSONResponse(out)


def _order_json(order_id: str, substatus: str, *, status: str = "ready_to_ship") -> dict[str, Any]:
    """The documented example order (§2.2), reshaped as the real API may send it: id as
    given, ``subStatus`` (camelCase) and no ``substatus``, nulls in optional fields."""
    raw: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    raw["id"] = order_id
    raw["extension"].pop("substatus", None)
    raw["extension"]["status"] = status
    raw["extension"]["subStatus"] = substatus
    raw["extension"]["estimatedPickupDate"] = None
    raw["extension"]["store"]["brandId"] = None
    raw["delivery"]["deliveryDateTime"] = None
    raw["customer"]["phone"] = None
    raw["discounts"] = None
    return raw


@pytest.fixture
def standin() -> Iterator[tuple[StandIn, str]]:
    state = StandIn()
    app = Starlette(
        routes=[
            Route("/{path:path}", state.handle, methods=["GET", "PUT", "POST"]),
        ]
    )
    server = ServerThread(app)
    url = server.start()
    try:
        yield state, url
    finally:
        server.stop()


def _run(
    url: str, flow: Callable[[MpDeliveryClient], Awaitable[None]], time_zone: str = "GMT-3"
) -> None:
    async def main() -> None:
        client = MpDeliveryClient(url, TOKEN, time_zone=time_zone, backoff_s=0.01)
        try:
            await flow(client)
        finally:
            await client.aclose()

    asyncio.run(main())


@pytest.mark.parametrize("time_zone", ["GMT-3", "GMT-6", "America/Sao_Paulo"])
def test_offset_less_times_are_read_in_the_zone_the_client_asked_for(
    standin: tuple[StandIn, str], time_zone: str
) -> None:
    state, url = standin
    state.orders["44000000001"] = _order_json("44000000001", "ready_to_print")

    async def flow(client: MpDeliveryClient) -> None:
        fetched = await client.fetch_order("44000000001")
        order = fetched.order
        assert order.created_at == CREATED
        assert order.accept_deadline == CREATED + timedelta(minutes=5)
        assert order.estimated_delivery_at == CREATED.replace(microsecond=0) + timedelta(minutes=40)
        # No offset was sent (the test would prove nothing otherwise).
        assert _NO_OFFSET.fullmatch(fetched.raw["createdAt"])
        assert _NO_OFFSET.fullmatch(fetched.raw["preparationStartDateTime"])

    _run(url, flow, time_zone)
    sent_zones = {headers.get("x-time-zone") for _, _, headers, _ in state.seen}
    assert sent_zones == {"GMT-3" if time_zone != "GMT-6" else "GMT-6"}


def test_x_time_zone_goes_on_every_call(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.orders["44000000002"] = _order_json("44000000002", "printed")
    state.stores["44905357"] = {"id": 44905357, "status": "enabled", "description": None}

    async def flow(client: MpDeliveryClient) -> None:
        await client.fetch_order("44000000002")
        await client.get_store("44905357")
        await client.list_stores("1070421029")
        await client.set_store_status("44905357", "enabled")
        with pytest.raises(NotFound):
            await client.mark_ready("99")

    _run(url, flow, "GMT-6")
    assert len(state.seen) == 5
    assert all(headers.get("x-time-zone") == "GMT-6" for _, _, headers, _ in state.seen)


def test_camel_case_substatus_and_nulls(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.orders["44000000003"] = _order_json("44000000003", "printed")

    async def flow(client: MpDeliveryClient) -> None:
        order = (await client.fetch_order("44000000003")).order
        assert order.status == StatusPair("ready_to_ship", "printed")
        assert order.estimated_pickup_at is None and order.delivered_at is None
        assert order.customer is not None and order.customer.phone is None
        assert order.discounts == ()
        assert order.logistics is Logistics.FLEX

    _run(url, flow)


def test_a_404_right_after_the_webhook_then_the_order(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.orders["44000000004"] = _order_json("44000000004", "ready_to_print")
    state.not_found_first["44000000004"] = 2

    async def flow(client: MpDeliveryClient) -> None:
        # The client does not hide a 404 (the engine's per-order retries own the schedule)...
        for _ in range(2):
            with pytest.raises(NotFound):
                await client.fetch_order("44000000004")
        # ...and the next read gets the order.
        order = (await client.fetch_order("44000000004")).order
        assert order.status == StatusPair("ready_to_ship", "ready_to_print")

    _run(url, flow)


def test_unknown_statuses_are_kept_raw_and_placed(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.orders["44000000005"] = _order_json("44000000005", "waiting_kitchen_slot")
    state.orders["44000000006"] = _order_json("44000000006", "drone", status="handed_over")

    async def flow(client: MpDeliveryClient) -> None:
        new = (await client.fetch_order("44000000005")).order
        assert new.status == StatusPair("ready_to_ship", "waiting_kitchen_slot")
        # Not accepted yet and still ready_to_ship: new, to be accepted in its window.
        assert new.flow.stage_of(new.status, accepted=False) is Stage.NEW
        assert Action.ACCEPT in new.flow.allowed_actions(new.status, accepted=False)
        odd = (await client.fetch_order("44000000006")).order
        assert odd.status == StatusPair("handed_over", "drone")
        assert odd.flow.stage_of(odd.status, accepted=False) is Stage.PREPARING
        assert not odd.is_final

    _run(url, flow)


def test_mark_ready_posts_no_body_and_reads_an_empty_answer(
    standin: tuple[StandIn, str],
) -> None:
    state, url = standin
    dropoff = _order_json("44000000007", "ready_to_cook")
    del dropoff["extension"]["qr"]
    state.orders["44000000007"] = dropoff
    state.orders["44000000008"] = _order_json("44000000008", "ready_to_print")

    async def flow(client: MpDeliveryClient) -> None:
        order = (await client.fetch_order("44000000007")).order
        assert order.logistics is Logistics.DROPOFF
        assert Action.MARK_READY in order.flow.allowed_actions(order.status, accepted=True)
        await client.mark_ready("44000000007")
        with pytest.raises(StateConflict):
            await client.mark_ready("44000000008")

    _run(url, flow)
    posts = [(path, body) for method, path, _, body in state.seen if method == "POST"]
    assert posts[0] == ("/proximity-integration/v1/orders/44000000007/ready", b"")


def test_store_paused_then_reopened(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.stores["44905357"] = {
        "id": 44905357,
        "user_id": 1070421029,
        "description": "Doc's Store",
        "status": "paused",
        "external_id": None,
        "location": None,
    }

    async def flow(client: MpDeliveryClient) -> None:
        store = await client.get_store("44905357")
        assert (store.store_id, store.status, store.paused) == ("44905357", "paused", True)
        assert store.name == "Doc's Store" and store.external_id is None
        (listed,) = await client.list_stores("1070421029")
        assert (listed.store_id, listed.status) == ("44905357", "unknown")
        with pytest.raises(ValueError, match="irreversible"):
            await client.set_store_status("44905357", "disabled")
        reopened = await client.set_store_status("44905357")
        assert reopened.status == "enabled" and not reopened.paused
        assert (await client.get_store("44905357")).status == "enabled"
        with pytest.raises(NotFound):
            await client.get_store("1")

    _run(url, flow)
    puts = [json.loads(body) for method, _, _, body in state.seen if method == "PUT"]
    assert puts == [{"status": "enabled"}]  # disabled never left the desk


def test_a_wrong_token_is_an_auth_error(standin: tuple[StandIn, str]) -> None:
    state, url = standin
    state.orders["44000000009"] = _order_json("44000000009", "ready_to_print")

    async def main() -> None:
        client = MpDeliveryClient(url, "APP_USR-wrong", backoff_s=0.01)
        try:
            with pytest.raises(AuthError) as raised:
                await client.fetch_order("44000000009")
            assert raised.value.status == 401
        finally:
            await client.aclose()

    asyncio.run(main())
    assert len(state.seen) == 1  # never retried
