"""Mercado Pago's control routes under ``/_sandbox/`` (no auth): read and move its orders,
switch its shapes, add stores and make its webhooks misbehave. Making orders, the clock and
API faults are the shell's routes. See docs/sandbox.md."""

from __future__ import annotations

import itertools
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.channels.sandbox_kit import count_field, number_field

from .errors import ApiError, bad_request, not_found
from .orders import parse_item_overrides
from .requests import json_body, sender, world
from .stores import Store
from .world import World

__all__ = ["create_from_body", "routes"]

log = logging.getLogger(__name__)

_new_ids = itertools.count(1)


# -- orders (the shell's POST /_sandbox/orders hands a Mercado Pago body to the part) ------
def create_from_body(w: World, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /_sandbox/orders`` for this channel: ``logistics``, ``store`` (MP user id),
    ``items``, ``substatus``; answers the summary and the API JSON."""
    logistics = body.get("logistics", "flex")
    store_ref = body.get("store")
    if store_ref is None:
        store = w.default_store
    else:
        try:
            store = w.stores[int(store_ref)]
        except (KeyError, ValueError, TypeError):
            raise ApiError(404, f"no sandbox store with MP user id {store_ref!r}") from None
    items = None
    if body.get("items") is not None:
        try:
            items = parse_item_overrides(body["items"])
        except ValueError as exc:
            raise bad_request(str(exc)) from None
    substatus = body.get("substatus")
    if substatus is not None and (not isinstance(substatus, str) or not substatus.strip()):
        raise bad_request("substatus must be a non-empty string")
    order = w.create_order(str(logistics), store, items, substatus=substatus)
    return order.summary() | {"order": w.order_json(order)}


def _order(request: Request) -> Any:
    order = world(request).orders.get(request.path_params["order_id"])
    if order is None:
        raise not_found()
    return order


async def get_order(request: Request) -> Response:
    order = _order(request)
    return JSONResponse(order.summary() | {"order": world(request).order_json(order)})


async def advance_order(request: Request) -> Response:
    order = _order(request)
    body = await json_body(request, required=False)
    world(request).advance(order, body.get("outcome"))
    return JSONResponse(order.summary())


async def set_order_state(request: Request) -> Response:
    """Put an order in any ``status``/``substatus``, documented or not (§8.7), and notify."""
    order = _order(request)
    body = await json_body(request)
    status, substatus = body.get("status"), body.get("substatus")
    if not isinstance(status, str) or not status.strip():
        raise bad_request("status must be a non-empty string")
    if substatus is not None and (not isinstance(substatus, str) or not substatus.strip()):
        raise bad_request("substatus must be a non-empty string or null")
    world(request).set_state(order, status.strip(), substatus.strip() if substatus else None)
    return JSONResponse(order.summary())


# -- shapes -------------------------------------------------------------------------------
async def get_shapes(request: Request) -> Response:
    return JSONResponse(world(request).shapes.as_json())


async def set_shapes(request: Request) -> Response:
    shapes = world(request).shapes
    try:
        shapes.update(await json_body(request))
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    log.info("sandbox shapes now %s", shapes.as_json())
    return JSONResponse(shapes.as_json())


# -- stores -------------------------------------------------------------------------------
async def create_store(request: Request) -> Response:
    body = await json_body(request)
    w = world(request)
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad_request("name must be a non-empty string")
    n = len(w.stores) + next(_new_ids)
    try:
        user_id = int(body.get("user_id", 1070421029 + 1000 * n))
        store_id = int(body.get("store_id", 44905357 + n))
    except (TypeError, ValueError):
        raise bad_request("user_id and store_id must be numbers") from None
    token = body.get("token", w.token)
    if not isinstance(token, str) or not token:
        raise bad_request("token must be a non-empty string")
    store = Store(
        user_id=user_id,
        store_id=store_id,
        name=name.strip(),
        external_code=str(body.get("external_code", f"UNID{n + 1:02d}")),
        tokens={token},
        sender_id=1068595961 + n,
    )
    w.add_store(store)
    return JSONResponse(store.control_json(), status_code=201)


async def list_stores(request: Request) -> Response:
    return JSONResponse([s.control_json() for s in world(request).stores.values()])


# -- webhooks -----------------------------------------------------------------------------
async def webhook_log(request: Request) -> Response:
    order_id = request.query_params.get("order_id")
    s = sender(request)
    entries = [e for e in s.log if order_id is None or e["order_id"] == order_id]
    return JSONResponse(
        {"pending": s.pending, "holding": s.holding, "held": len(s.held), "deliveries": entries}
    )


async def webhook_drop(request: Request) -> Response:
    s = sender(request)
    s.drop_next = count_field(await json_body(request, required=False), "count", 1)
    return JSONResponse({"drop_next": s.drop_next})


async def webhook_duplicate(request: Request) -> Response:
    body = await json_body(request, required=False)
    s = sender(request)
    s.duplicate_next = count_field(body, "count", 1)
    s.duplicate_copies = count_field(body, "copies", 2)
    return JSONResponse({"duplicate_next": s.duplicate_next, "copies": s.duplicate_copies})


async def webhook_hold(request: Request) -> Response:
    s = sender(request)
    s.holding = True
    return JSONResponse({"holding": True, "held": len(s.held)})


async def webhook_release(request: Request) -> Response:
    order = (await json_body(request, required=False)).get("order", "sent")
    if order not in ("sent", "reverse"):
        raise bad_request('order must be "sent" or "reverse"')
    released = sender(request).release(reverse=order == "reverse")
    return JSONResponse({"released": released, "order": order})


async def webhook_resend(request: Request) -> Response:
    order_id = (await json_body(request)).get("order_id")
    n = sender(request).resend(str(order_id))
    if n is None:
        raise not_found(f"no webhook was sent for order {order_id!r}")
    return JSONResponse({"_id": n.id, "order_id": n.order_id, "attempts": n.attempts})


async def webhook_unresolvable(request: Request) -> Response:
    """Send a notification no order can be read from (§6.2): by default a garbled resource
    for the default store; ``resource``/``topic``/``store`` may be given (``topic`` null =
    absent)."""
    body = await json_body(request, required=False)
    w = world(request)
    store_ref = body.get("store", w.default_store.user_id)
    if isinstance(store_ref, bool) or not isinstance(store_ref, int):
        raise bad_request("store must be a MP user id (a number)")
    fields: dict[str, Any] = {"topic": "delivery", "resource": "/shipments/"}
    if "topic" in body:
        if body["topic"] is None:
            del fields["topic"]
        else:
            fields["topic"] = body["topic"]
    if "resource" in body:
        fields["resource"] = body["resource"]
    n = sender(request).send_unresolvable(store_ref, fields)
    return JSONResponse({"_id": n.id, **fields}, status_code=201)


async def webhook_settings(request: Request) -> Response:
    body = await json_body(request)
    s = sender(request)
    if "relay_url" in body:
        url = body["relay_url"]
        if url is not None and (not isinstance(url, str) or not url.startswith("http")):
            raise bad_request("relay_url must be an http(s) URL or null")
        s.relay_url = url
    if "ack_deadline_s" in body:
        s.ack_deadline_s = number_field(body, "ack_deadline_s", low=0.01)
    return JSONResponse({"relay_url": s.relay_url, "ack_deadline_s": s.ack_deadline_s})


_S = "/_sandbox"
routes = [
    Route(f"{_S}/orders/{{order_id}}", get_order, methods=["GET"]),
    Route(f"{_S}/orders/{{order_id}}/advance", advance_order, methods=["POST"]),
    Route(f"{_S}/orders/{{order_id}}/state", set_order_state, methods=["POST"]),
    Route(f"{_S}/shapes", get_shapes, methods=["GET"]),
    Route(f"{_S}/shapes", set_shapes, methods=["POST"]),
    Route(f"{_S}/stores", create_store, methods=["POST"]),
    Route(f"{_S}/stores", list_stores, methods=["GET"]),
    Route(f"{_S}/webhooks", webhook_log, methods=["GET"]),
    Route(f"{_S}/webhooks/drop", webhook_drop, methods=["POST"]),
    Route(f"{_S}/webhooks/duplicate", webhook_duplicate, methods=["POST"]),
    Route(f"{_S}/webhooks/hold", webhook_hold, methods=["POST"]),
    Route(f"{_S}/webhooks/release", webhook_release, methods=["POST"]),
    Route(f"{_S}/webhooks/resend", webhook_resend, methods=["POST"]),
    Route(f"{_S}/webhooks/settings", webhook_settings, methods=["POST"]),
    Route(f"{_S}/webhooks/unresolvable", webhook_unresolvable, methods=["POST"]),
]
