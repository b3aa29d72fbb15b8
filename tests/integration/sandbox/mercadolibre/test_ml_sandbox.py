"""The sandbox playing Mercado Libre, over real HTTP on 127.0.0.1: control routes, order
JSON (new and previous), carts, the ME1 flow and its guards, search paging, items,
feedback, 6-hour tokens, and notifications to a receiver — driven through
``MercadoLibreClient`` where the desk would use it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest
from sandbox_testkit import Receiver, Sandbox, wait_until
from starlette.applications import Starlette
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.errors import AuthError, StateConflict
from kitchen_app.channels.mercadolibre.client import FeedbackRequest, MercadoLibreClient
from kitchen_app.channels.mercadolibre.mapping import read_order
from kitchen_app.domain import StatusPair

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@pytest.fixture
def ml_receiver() -> Iterator[Receiver]:
    rec = Receiver()
    app = Starlette(routes=[Route("/webhooks/mercadolibre", rec.handle, methods=["POST"])])
    server = ServerThread(app)
    rec.url = server.start()
    yield rec
    server.stop()


def create(sb: Sandbox, **body: Any) -> dict[str, Any]:
    r = sb.anon.post("/_sandbox/orders", json={"channel": "mercadolibre", **body})
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def call(
    sb: Sandbox,
    use: Callable[[MercadoLibreClient], Coroutine[Any, Any, T]],
    token: str = "APP_USR-sandbox",
) -> T:
    """Run one piece of client work against the sandbox and close the client."""

    async def go() -> T:
        ml = MercadoLibreClient.with_token(sb.url, token, max_retries=0)
        try:
            return await use(ml)
        finally:
            await ml.aclose()

    return asyncio.run(go())


def test_order_new_and_previous_format(sandbox: Sandbox) -> None:
    made = create(sandbox, logistics="me1")
    order_id = made["id"]
    new = sandbox.client.get(f"/orders/{order_id}", headers={"x-format-new": "true"}).json()
    assert new["shipping"] == {"id": int(made["shipment_id"])}
    assert new["pack_id"] is None and "pack_order" not in new["tags"]
    previous = sandbox.client.get(f"/orders/{order_id}").json()
    assert previous["shipping"]["mode"] == "me1"
    assert previous["shipping"]["status"] == "pending"
    ml = read_order(previous)
    assert ml.shipment is not None and ml.shipment.status == StatusPair("pending", None)


def test_cart_is_one_pack_and_one_shipment(sandbox: Sandbox) -> None:
    made = create(sandbox, logistics="me1", cart=3)
    assert len(made["order_ids"]) == 3
    pack = sandbox.client.get(f"/packs/{made['pack_id']}").json()
    assert [str(o["id"]) for o in pack["orders"]] == made["order_ids"]
    assert str(pack["shipment"]["id"]) == made["shipment_id"]
    ids = call(sandbox, lambda ml: ml.shipment_order_ids(made["shipment_id"]))
    assert ids == made["order_ids"]
    for order in made["orders"]:
        assert order["pack_id"] == int(made["pack_id"]) and "pack_order" in order["tags"]


def test_null_shipping_ids_for_both_reasons(start_sandbox: Callable[..., Sandbox]) -> None:
    sb = start_sandbox()
    agreed = create(sb, shipping="agree")
    assert agreed["shipment_id"] is None
    assert sb.client.get(f"/orders/{agreed['id']}/shipments").status_code == 204
    later = create(sb, shipping="later")
    assert later["shipment_id"] is None
    sb.anon.post("/_sandbox/clock", json={"advance_s": 10})
    wait_until(
        lambda: (
            sb.client.get(f"/orders/{later['id']}", headers={"x-format-new": "true"}).json()[
                "shipping"
            ]["id"]
            is not None
        ),
        what="the late shipment",
    )
    refused = sb.anon.post(
        "/_sandbox/orders", json={"channel": "mercadolibre", "shipping": "agree", "cart": 2}
    )
    assert refused.status_code == 400


def test_me1_flow_and_its_guards(sandbox: Sandbox) -> None:
    made = create(sandbox, logistics="me1")
    sid = made["shipment_id"]
    now = datetime.now(UTC)

    async def flow(ml: MercadoLibreClient) -> None:
        with pytest.raises(StateConflict) as early:
            await ml.notify_shipment(sid, "shipped", None, date=now)
        assert early.value.code == "tracking_number_required"
        with pytest.raises(StateConflict) as not_shipped:
            await ml.set_tracking_number(sid, "OP123456789BR", service_id=11)
            await ml.notify_shipment(sid, "delivered", None, date=now)
        assert not_shipped.value.code == "shipment_not_shipped"
        await ml.notify_shipment(sid, "shipped", "null", date=now, comment="despachado")
        shipment = await ml.get_shipment(sid)
        assert (shipment["status"], shipment["substatus"]) == ("shipped", None)
        assert shipment["tracking_number"] == "OP123456789BR"
        with pytest.raises(AuthError):  # 403 bad_request: a pair V1 does not allow
            await ml.notify_shipment(sid, "delivered", "damaged", date=now)
        await ml.notify_shipment(sid, "delivered", None, date=now)
        with pytest.raises(StateConflict) as final:
            await ml.notify_shipment(sid, "not_delivered", "returning_to_sender", date=now)
        assert final.value.code == "shipment_in_final_state"
        with pytest.raises(StateConflict):
            await ml.set_tracking_number(sid, "OTHER", service_id=11)
        shipment = await ml.get_shipment(sid)
        assert [h["status"] for h in shipment["substatus_history"]] == [
            "pending",
            "shipped",
            "delivered",
        ]

    call(sandbox, flow)


def test_event_date_before_creation_is_refused(sandbox: Sandbox) -> None:
    made = create(sandbox, logistics="me1")
    call(sandbox, lambda ml: ml.set_tracking_number(made["shipment_id"], "X1", service_id=11))
    with pytest.raises(StateConflict) as caught:
        call(
            sandbox,
            lambda ml: ml.notify_shipment(
                made["shipment_id"], "shipped", None, date=datetime.now(UTC) - timedelta(days=3)
            ),
        )
    assert caught.value.code == "event_date_before_shipment_creation_date"


def test_not_me1_is_refused(sandbox: Sandbox) -> None:
    made = create(sandbox, logistics="me2")
    with pytest.raises(StateConflict) as caught:
        call(sandbox, lambda ml: ml.set_tracking_number(made["shipment_id"], "X", service_id=11))
    assert caught.value.code == "shipment_mode_is_not_me1"


def test_search_pages_hides_cancelled_and_answers_206(sandbox: Sandbox) -> None:
    ids = [create(sandbox)["id"] for _ in range(5)]
    sandbox.anon.post(f"/_sandbox/mercadolibre/orders/{ids[0]}/cancel")
    since = datetime.now(UTC) - timedelta(minutes=5)

    async def listing(ml: MercadoLibreClient) -> tuple[list[str], list[str]]:
        seen: list[str] = []
        offset: int | None = 0
        while offset is not None:
            page = await ml.search_orders("3430803000", updated_from=since, offset=offset, limit=2)
            seen += [str(o["id"]) for o in page.results]
            offset = page.next_offset
        cancelled = await ml.search_orders(
            "3430803000", updated_from=since, statuses=("cancelled",)
        )
        return seen, [str(o["id"]) for o in cancelled.results]

    seen, cancelled = call(sandbox, listing)
    assert seen == ids[1:]
    assert cancelled == [ids[0]]
    sandbox.anon.post("/_sandbox/mercadolibre/partial_searches", json={"count": 1})
    r = sandbox.client.get("/orders/search", params={"seller": "3430803000", "limit": 50})
    assert r.status_code == 206
    page = call(
        sandbox, lambda ml: ml.search_orders("3430803000", updated_from=since)
    )  # asked again: complete
    assert page.partial is False and len(page.results) == 4
    bad = sandbox.client.get("/orders/search", params={"seller": "3430803000", "limit": 51})
    assert bad.status_code == 400


def test_stock_and_feedback(sandbox: Sandbox) -> None:
    made = create(sandbox, items=[{"title": "Brigadeiro", "price": 4.5, "quantity": 2}])
    item_id = made["item_ids"][0]
    call(sandbox, lambda ml: ml.set_stock(item_id, 7))
    assert sandbox.client.get(f"/items/{item_id}").json()["available_quantity"] == 7
    quick = sandbox.client.put(f"/items/{item_id}", json={"available_quantity": 1})
    assert quick.status_code == 409  # optimistic locking on rapid updates
    feedback = FeedbackRequest(
        fulfilled=False,
        rating="neutral",
        message="Sem estoque",
        reason="OUT_OF_STOCK",
        restock_item=True,
    )
    call(sandbox, lambda ml: ml.post_feedback(made["id"], feedback))
    assert call(sandbox, lambda ml: ml.get_feedback(made["id"]))["sale"]["fulfilled"] is False
    with pytest.raises(StateConflict):
        call(sandbox, lambda ml: ml.post_feedback(made["id"], feedback))


def test_tokens_last_six_hours_and_refresh_once(sandbox: Sandbox) -> None:
    issued = sandbox.anon.post("/_sandbox/mercadolibre/token").json()
    assert issued["expires_in"] == 21600
    order_id = create(sandbox)["id"]
    assert call(sandbox, lambda ml: ml.get_order(order_id), issued["access_token"])["id"] == int(
        order_id
    )
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 21_601})
    with pytest.raises(AuthError) as caught:
        call(sandbox, lambda ml: ml.get_order(order_id), issued["access_token"])
    assert "relink" in caught.value.message
    again = sandbox.anon.post(
        "/_sandbox/mercadolibre/token", json={"refresh_token": issued["refresh_token"]}
    )
    assert again.status_code == 200
    reused = sandbox.anon.post(
        "/_sandbox/mercadolibre/token", json={"refresh_token": issued["refresh_token"]}
    )
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"


def test_notifications_reach_the_relay_path(
    start_sandbox: Callable[..., Sandbox], ml_receiver: Receiver
) -> None:
    sb = start_sandbox(relay_url=ml_receiver.url)
    made = create(sb, cart=2)
    legacy = create(sb, topic="orders")
    got = ml_receiver.wait_for(3)
    bodies = [r.body for r in got]
    assert {b["resource"] for b in bodies[:2]} == {f"/orders/{i}" for i in made["order_ids"]}
    assert all(b["topic"] == "orders_v2" and b["user_id"] == 3430803000 for b in bodies[:2])
    assert bodies[2]["topic"] == "orders" and bodies[2]["attempts"] == 0
    assert bodies[2]["resource"] == f"/orders/{legacy['id']}"
    call(sb, lambda ml: ml.set_tracking_number(made["shipment_id"], "OP1", service_id=11))
    shipments = ml_receiver.wait_for(4)[3].body
    assert shipments["topic"] == "shipments"
    assert shipments["resource"] == f"/shipments/{made['shipment_id']}"


def test_unknown_or_foreign_resources(sandbox: Sandbox) -> None:
    assert sandbox.client.get("/orders/999").status_code == 404
    assert sandbox.anon.get("/orders/1").status_code == 401
    r = sandbox.client.get("/orders/1", params={"access_token": "APP_USR-sandbox"})
    assert r.status_code == 404
    assert httpx.get(sandbox.url + "/orders/1?access_token=APP_USR-sandbox").status_code == 401


def test_orders_on_their_own_at_a_rate(start_sandbox: Callable[..., Sandbox]) -> None:
    sb = start_sandbox(speed=600.0)
    assert sb.anon.post("/_sandbox/mercadolibre/rate", json={"rate_per_min": -1}).status_code == 400
    r = sb.anon.post("/_sandbox/mercadolibre/rate", json={"rate_per_min": 30})
    assert r.status_code == 200
    wait_until(
        lambda: len(sb.anon.get("/_sandbox/mercadolibre/orders").json()) >= 3,
        what="orders made on their own",
    )
    sb.anon.post("/_sandbox/mercadolibre/rate", json={"rate_per_min": 0})
