"""The Mercado Libre plug-in against a stand-in server written here from the documented
shapes (not the sandbox): seed 004's order, seed 001's shipment with ``"substatus":
"null"``, a cart's pack, ``/shipments/{id}/orders``, a 404 right after a notification, an
unknown status, the search's paging and its hidden cancelled orders, and the ME1 calls."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from tests.integration.engine.mercadolibre.ml_standin import TOKEN, Creds, StandIn

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import (
    EventRefs,
    FetchedOrder,
    FetchFailure,
    PluginContext,
    RelayEvent,
)
from kitchen_app.channels.errors import AuthError, NotFound
from kitchen_app.channels.mercadolibre.plugin import MercadoLibrePlugin
from kitchen_app.domain import Evidence, OrderKey, Stage, StatusPair

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"
SELLER = "419059118"
T = TypeVar("T")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def standin() -> Iterator[StandIn]:
    s = StandIn()
    server = ServerThread(s.app())
    s.url = server.start()
    yield s
    server.stop()


def with_plugin(
    standin: StandIn,
    work: Callable[[MercadoLibrePlugin], Coroutine[Any, Any, T]],
    creds: Creds | None = None,
) -> T:
    async def go() -> T:
        ctx = PluginContext(
            settings={"base_url": standin.url, "user_id": SELLER, "me1_api": "v1"},
            credentials=creds or Creds(),
            http=None,
            time_zone="GMT-3",
        )
        plugin = MercadoLibrePlugin(ctx)
        try:
            return await work(plugin)
        finally:
            await plugin.aclose()

    return asyncio.run(go())


def event(topic: str, resource: str) -> RelayEvent:
    return RelayEvent(
        id=1,
        channel="mercadolibre",
        topic=topic,
        resource=resource,
        received_at=datetime.now(UTC),
        payload={"topic": topic, "resource": resource, "user_id": int(SELLER)},
    )


def cart(standin: StandIn) -> tuple[str, str]:
    """Seed 004's cart order and a second order of the same pack, one ME1 shipment."""
    first = load("order_new_cart.json")
    second = copy.deepcopy(first)
    second["id"] = 2053577645
    second["order_items"][0]["item"]["id"] = "MLB1226730705"
    for order in (first, second):
        standin.orders[str(order["id"])] = order
    shipment = load("shipment_me1.json")
    shipment.update(status="pending", substatus="null", tracking_number=None)
    shipment["substatus_history"] = shipment["substatus_history"][:1]
    standin.shipments[str(shipment["id"])] = shipment
    standin.packs["2000000101334825"] = {
        "id": 2000000101334825,
        "status": "released",
        "orders": [{"id": first["id"]}, {"id": second["id"]}],
        "shipment": {"id": shipment["id"]},
    }
    return str(first["id"]), str(shipment["id"])


def test_order_topics_need_no_call_and_others_are_about_no_order(standin: StandIn) -> None:
    async def work(p: MercadoLibrePlugin) -> list[EventRefs]:
        return [
            await p.refs_from_event(event("orders_v2", "/orders/2000016796107272")),
            await p.refs_from_event(event("orders", "/orders/731867397")),
            await p.refs_from_event(event("items", "/items/MLB1")),
            await p.refs_from_event(event("orders_v2", "/questions/5")),
        ]

    v2, legacy, items, garbled = with_plugin(standin, work)
    assert v2.refs[0].key == OrderKey("mercadolibre", "2000016796107272")
    assert legacy.refs[0].key == OrderKey("mercadolibre", "731867397")
    assert items == EventRefs()
    assert garbled.refs == () and garbled.unresolved is not None
    assert not garbled.unresolved.retryable
    assert standin.seen == []


def test_shipment_topic_resolves_every_order_of_the_cart(standin: StandIn) -> None:
    first, shipment_id = cart(standin)

    async def work(p: MercadoLibrePlugin) -> tuple[EventRefs, EventRefs]:
        return (
            await p.refs_from_event(event("shipments", f"/shipments/{shipment_id}")),
            await p.refs_from_event(event("shipments", "/shipments/1")),
        )

    found, unknown = with_plugin(standin, work)
    assert [r.key.order_id for r in found.refs] == [first, "2053577645"]
    assert standin.seen[0][2]["x-new-domain"] == "true"
    assert unknown.unresolved is not None and not unknown.unresolved.retryable


def test_fetch_composes_order_shipment_and_pack(standin: StandIn) -> None:
    first, _ = cart(standin)
    standin.not_found_first.add("2053577645")

    async def work(p: MercadoLibrePlugin) -> list[Any]:
        refs = (await p.refs_from_event(event("orders_v2", f"/orders/{first}"))).refs
        results = await p.fetch(list(refs))
        fetched = results[0]
        assert isinstance(fetched, FetchedOrder)
        return [fetched, *(await p.fetch(list(fetched.related)))]

    fetched, related = with_plugin(standin, work)
    order = fetched.order
    assert order.pack_id == "2000000101334825"
    assert order.logistics == "me1"
    assert [s.track for s in order.state] == ["order", "shipment"]
    assert order.state[1].pair == StatusPair("pending", None)  # "null" is none
    assert {o.track for o in fetched.observations} == {"order", "shipment"}
    assert [r.key.order_id for r in fetched.related] == ["2053577645"]
    assert isinstance(related, FetchFailure) and isinstance(related.error, NotFound)
    assert fetched.raw.keys() == {"order", "shipment", "pack"}
    order_get = next(s for s in standin.seen if s[1] == f"/orders/{first}")
    assert order_get[2]["x-format-new"] == "true"
    assert order_get[2]["authorization"] == f"Bearer {TOKEN}"
    assert "access_token" not in order_get[1]


def test_null_shipping_and_unknown_status_are_shown(standin: StandIn) -> None:
    order = load("order_new_cart.json")
    order.update(pack_id=None, shipping={"id": None}, status="some_new_status")
    standin.orders[str(order["id"])] = order

    async def work(p: MercadoLibrePlugin) -> list[Any]:
        return await p.fetch(
            list((await p.refs_from_event(event("orders_v2", f"/orders/{order['id']}"))).refs)
        )

    (fetched,) = with_plugin(standin, work)
    assert isinstance(fetched, FetchedOrder)
    assert fetched.order.status == StatusPair("some_new_status", None)
    assert fetched.order.notes is not None and "arrange" in fetched.order.notes
    assert [s.track for s in fetched.order.state] == ["order"]
    assert not [s for s in standin.seen if s[1].startswith("/shipments")]


def test_listing_pages_then_asks_for_cancelled(standin: StandIn) -> None:
    base = load("order_new_cart.json")
    for n in range(60):
        order = copy.deepcopy(base)
        order["id"] = 3000 + n
        order["status"] = "cancelled" if n == 59 else "paid"
        standin.orders[str(order["id"])] = order

    async def work(p: MercadoLibrePlugin) -> tuple[list[str], list[str | None]]:
        ids: list[str] = []
        cursors: list[str | None] = []
        cursor: str | None = None
        while True:
            page = await p.list_recent(datetime(2026, 12, 1, 10, 30, tzinfo=UTC), cursor)
            ids += [r.key.order_id for r in page.refs]
            cursor = page.cursor
            cursors.append(cursor)
            if cursor is None:
                return ids, cursors

    ids, cursors = with_plugin(standin, work)
    assert ids == [str(3000 + n) for n in range(59)] + ["3059"]
    assert cursors == ["all:50", "cancelled:0", None]
    first_query = standin.seen[0][1]
    assert "seller=419059118" in first_query
    assert "order.date_last_updated.from=2026-12-01T09%3A30%3A00.000%2B00%3A00" in first_query


def test_a_page_that_stays_partial_does_not_hold_the_listing(standin: StandIn) -> None:
    base = load("order_new_cart.json")
    for n in range(120):
        order = copy.deepcopy(base)
        order["id"] = 5000 + n
        standin.orders[str(order["id"])] = order
    standin.always_partial = True

    async def work(p: MercadoLibrePlugin) -> list[str | None]:
        cursors: list[str | None] = []
        cursor: str | None = None
        for _ in range(10):
            page = await p.list_recent(datetime(2026, 12, 1, tzinfo=UTC), cursor)
            cursor = page.cursor
            cursors.append(cursor)
            if cursor is None:
                break
        return cursors

    assert with_plugin(standin, work) == ["all:50", "all:100", "cancelled:0", None]
    searches = [s for s in standin.seen if s[1].startswith("/orders/search")]
    assert len(searches) == 4 * 3  # each page asked three times (206, then twice again)


def test_me1_actions_in_order_and_their_calls(standin: StandIn) -> None:
    first, shipment_id = cart(standin)

    async def work(p: MercadoLibrePlugin) -> list[list[str]]:
        offered: list[list[str]] = []

        async def read() -> Any:
            (got,) = await p.fetch(list((await p.refs_from_event(event("orders_v2", first))).refs))
            assert isinstance(got, FetchedOrder)
            offered.append([a.name for a in p.actions(got.order, accepted=False, now=now)])
            return got.order

        now = datetime.now(UTC)
        order = await read()
        assert p.evidence("set_tracking", order) is Evidence.NOT_DONE
        await p.run("set_tracking", order, {"tracking_number": "OP123456789BR"})
        order = await read()
        assert p.evidence("set_tracking", order) is Evidence.DONE
        await p.run("mark_shipped", order, {"comment": "despachado"})
        standin.shipments[shipment_id].update(status="shipped", substatus="null")
        order = await read()
        with pytest.raises(ValueError):
            await p.run("set_tracking", order, {"tracking_number": "X"})
        return offered

    offered = with_plugin(standin, work)
    assert offered[0][:1] == ["set_tracking"] and "mark_shipped" not in offered[0]
    assert offered[1][:2] == ["set_tracking", "mark_shipped"]
    assert offered[2][:2] == ["mark_not_delivered", "mark_delivered"]
    put = next(s for s in standin.seen if s[0] == "PUT")
    assert put[3] == {"service_id": 11, "tracking_number": "OP123456789BR"}
    post = next(s for s in standin.seen if s[0] == "POST")
    assert post[1] == f"/shipments/{shipment_id}/seller_notifications"
    assert post[3]["status"] == "shipped" and post[3]["substatus"] == "null"


def test_final_shipment_actions_ask_first_and_stage_follows_tracks(standin: StandIn) -> None:
    first, shipment_id = cart(standin)
    standin.shipments[shipment_id].update(status="shipped", substatus="out_for_delivery")

    async def work(p: MercadoLibrePlugin) -> Any:
        (got,) = await p.fetch(list((await p.refs_from_event(event("orders_v2", first))).refs))
        return p, got

    plugin, got = with_plugin(standin, work)
    specs = {a.name: a for a in plugin.actions(got.order, accepted=False, now=datetime.now(UTC))}
    assert specs["mark_delivered"].confirm and specs["mark_not_delivered"].confirm
    fulfilled = specs["feedback"].params[0]
    assert [c.value for c in fulfilled.choices] == ["no"]  # ME1: "yes" once delivered
    flow = plugin.flow(got.order)
    assert flow.accept_window is None
    shipment_track = flow.track("shipment")
    assert shipment_track is not None and shipment_track.repeats
    assert shipment_track.stage_of(StatusPair("shipped", "out_for_delivery")) is Stage.ON_THE_WAY
    assert shipment_track.stage_of(StatusPair("shipped", "receiver_absent")) is Stage.ON_THE_WAY


def test_expired_token_is_reported_to_the_credentials(standin: StandIn) -> None:
    creds = Creds(token="APP_USR-expired")

    async def work(p: MercadoLibrePlugin) -> Any:
        return await p.fetch(list((await p.refs_from_event(event("orders_v2", "/orders/1"))).refs))

    (result,) = with_plugin(standin, work, creds)
    assert isinstance(result, FetchFailure) and isinstance(result.error, AuthError)
    assert "relink" in result.error.message
    assert creds.rejections == 1
