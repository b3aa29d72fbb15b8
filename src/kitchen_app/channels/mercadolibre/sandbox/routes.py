"""Mercado Libre's HTTP paths in the sandbox, plus its control routes.

The world and the sender belong to the ``MlSandboxPart`` the sandbox shell mounted
(``app.state.parts["mercadolibre"]``, ``part.py``). Errors answer in the generic shape of A.0
(``{message, error, status, cause: []}``).

``GET /orders/{id}`` answers the new JSON when asked with ``x-format-new: true`` and the
previous one (shipment embedded in ``shipping``) without it, as seed 004 frames the header.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import CHANNEL
from .sender import MlWebhookSender
from .shapes import order_json, pack_json, shipment_json
from .world import MlError, MlSeller, MlWorld, ml_iso, parse_date

__all__ = ["api_routes", "control_routes", "create_from_body", "summary"]


def _part(request: Request) -> Any:
    return request.app.state.parts[CHANNEL]


def _world(request: Request) -> MlWorld:
    w: MlWorld = _part(request).world
    return w


def _sender(request: Request) -> MlWebhookSender:
    s: MlWebhookSender = _part(request).sender
    return s


def _error(exc: MlError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status)


Handler = Callable[[Request, MlWorld, MlSeller], Awaitable[Response]]


def _api(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Bearer auth (header only, A.0) and MlError → its JSON answer."""

    async def endpoint(request: Request) -> Response:
        world = _world(request)
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        seller = world.seller_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if seller is None:
            return _error(MlError(401, "unauthorized", "invalid access token"))
        try:
            return await handler(request, world, seller)
        except MlError as exc:
            return _error(exc)

    return endpoint


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise MlError(400, "bad_request", "body is not valid JSON") from None
    if not isinstance(body, dict):
        raise MlError(400, "bad_request", "body must be a JSON object")
    return body


def _int(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise MlError(400, "bad_request", f"{name} must be a number") from None


# -- orders -----------------------------------------------------------------------------
async def get_order(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    order = world.order(request.path_params["order_id"], seller)
    new = request.headers.get("x-format-new", "").strip().lower() == "true"
    return JSONResponse(order_json(world, order, new_format=new))


async def search(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    params = request.query_params
    if params.get("seller") != str(seller.user_id):
        raise MlError(403, "forbidden", "seller must be the token's own user")
    since = params.get("order.date_last_updated.from")
    updated_from = parse_date(since) if since else None
    if since and updated_from is None:
        raise MlError(400, "bad_request", "order.date_last_updated.from is not a date")
    statuses = set(filter(None, params.get("order.status", "").split(","))) or None
    offset, limit = _int(request, "offset", 0), _int(request, "limit", 50)
    sort = params.get("sort", "date_asc")
    found, total = world.search(
        seller,
        updated_from=updated_from,
        statuses=statuses,
        sort=sort,
        offset=offset,
        limit=limit,
    )
    results = [order_json(world, o) for o in found]
    status_code = 200
    if world.partial_searches > 0 and results:
        world.partial_searches -= 1
        results, status_code = results[: len(results) // 2], 206
    return JSONResponse(
        {
            "query": params.get("q"),
            "results": results,
            "sort": {"id": sort, "name": sort},
            "available_sorts": [],
            "filters": [],
            "paging": {"total": total, "offset": offset, "limit": limit},
            "display": "complete",
        },
        status_code=status_code,
    )


async def order_shipments(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    order = world.order(request.path_params["order_id"], seller)
    if order.shipment_id is None:
        return Response(status_code=204)
    body = shipment_json(world, world.shipments[order.shipment_id])
    return JSONResponse(body | {"order_id": order.id})  # seed 001's shape carries it


async def get_feedback(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    order = world.order(request.path_params["order_id"], seller)
    return JSONResponse({"sale": order.sale_feedback, "purchase": None})


async def post_feedback(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    order = world.order(request.path_params["order_id"], seller)
    feedback = world.post_feedback(order, await _body(request))
    return JSONResponse(feedback, status_code=201)


# -- packs and shipments ------------------------------------------------------------------
async def get_pack(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    return JSONResponse(pack_json(world, world.pack(request.path_params["pack_id"], seller)))


async def get_shipment(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    shipment = world.shipment(request.path_params["shipment_id"], seller)
    return JSONResponse(shipment_json(world, shipment))


async def shipment_orders(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    shipment = world.shipment(request.path_params["shipment_id"], seller)
    return JSONResponse({"orders": [{"id": oid} for oid in shipment.order_ids]})


async def put_shipment(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    shipment = world.shipment(request.path_params["shipment_id"], seller)
    world.set_tracking(shipment, await _body(request))
    return JSONResponse(shipment_json(world, shipment))


async def seller_notifications(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    shipment = world.shipment(request.path_params["shipment_id"], seller)
    v2 = request.url.path.startswith("/v2/")
    world.seller_notification(shipment, await _body(request), v2)
    return JSONResponse({"status": "OK"})


# -- items --------------------------------------------------------------------------------
def _item_json(item: Any, site: str) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "price": float(item.price),
        "available_quantity": item.available_quantity
        if not item.variations
        else sum(v["available_quantity"] for v in item.variations),
        "variations": item.variations,
        "status": item.status,
        "site_id": site,
    }


async def get_item(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    item = world.items.get(request.path_params["item_id"])
    if item is None:
        raise MlError(404, "item_not_found", "Item not found")
    return JSONResponse(_item_json(item, seller.site))


async def put_item(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    item = world.put_item(request.path_params["item_id"], seller, await _body(request))
    return JSONResponse(_item_json(item, seller.site))


async def missed_feeds(request: Request, world: MlWorld, seller: MlSeller) -> Response:
    if request.query_params.get("app_id") != world.application_id:
        raise MlError(403, "forbidden", "app_id is not the caller's application")
    if request.query_params.get("topic") == "items" and not request.query_params.get("site_id"):
        raise MlError(400, "bad_request", "site_id is required for topic items")
    # The application's feed (any of its sellers' tokens reads it), optionally one topic.
    missed = _sender(request).missed_feeds()
    topic = request.query_params.get("topic")
    if topic:
        missed = [m for m in missed if m["topic"] == topic]
    offset, limit = _int(request, "offset", 0), _int(request, "limit", 10)
    return JSONResponse({"messages": missed[offset : offset + limit]})


api_routes = [
    Route("/orders/search", _api(search), methods=["GET"]),
    Route("/orders/{order_id}", _api(get_order), methods=["GET"]),
    Route("/orders/{order_id}/shipments", _api(order_shipments), methods=["GET"]),
    Route("/orders/{order_id}/feedback", _api(get_feedback), methods=["GET"]),
    Route("/orders/{order_id}/feedback", _api(post_feedback), methods=["POST"]),
    Route("/packs/{pack_id}", _api(get_pack), methods=["GET"]),
    Route("/shipments/{shipment_id}", _api(get_shipment), methods=["GET"]),
    Route("/shipments/{shipment_id}", _api(put_shipment), methods=["PUT"]),
    Route("/shipments/{shipment_id}/orders", _api(shipment_orders), methods=["GET"]),
    Route(
        "/shipments/{shipment_id}/seller_notifications",
        _api(seller_notifications),
        methods=["POST"],
    ),
    Route(
        "/v2/shipments/{shipment_id}/seller_notifications",
        _api(seller_notifications),
        methods=["POST"],
    ),
    Route("/items/{item_id}", _api(get_item), methods=["GET"]),
    Route("/items/{item_id}", _api(put_item), methods=["PUT"]),
    Route("/missed_feeds", _api(missed_feeds), methods=["GET"]),
]


# -- control ------------------------------------------------------------------------------
def _items_override(raw: object) -> list[tuple[str, Decimal, int]] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise ValueError("items must be a non-empty list")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise ValueError("each item needs a title")
        try:
            price = Decimal(str(entry.get("price", "10")))
        except InvalidOperation:
            raise ValueError("item price must be a number") from None
        qty = entry.get("quantity", 1)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
            raise ValueError("item quantity must be a whole number of at least 1")
        out.append((entry["title"], price, qty))
    return out


def summary(world: MlWorld, order_id: int) -> dict[str, Any]:
    order = world.orders[order_id]
    shipment = world.shipments.get(order.shipment_id) if order.shipment_id else None
    return {
        "id": str(order.id),
        "channel": "mercadolibre",
        "seller": order.seller.user_id,
        "pack_id": str(order.pack_id) if order.pack_id is not None else None,
        "shipment_id": str(order.shipment_id) if order.shipment_id is not None else None,
        "status": order.status,
        "shipment_status": shipment.status if shipment else None,
        "shipment_substatus": shipment.substatus if shipment else None,
        "created_at": ml_iso(order.created, order.seller.site),
        "item_ids": [item.id for item, _ in order.items],
    }


def create_from_body(world: MlWorld, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /_sandbox/orders`` with ``"channel": "mercadolibre"``: ``cart`` (orders in the
    cart, default 1), ``logistics`` ``me1``/``me2``, ``shipping`` ``agree``/``later`` (null
    shipping ids), ``seller``, ``site`` (MLB, MLA, MLM), ``topic`` ``orders_v2``/``orders``,
    ``items`` ``[{title, price, quantity}]``. Raises ValueError for bad input (→ 400)."""
    cart = body.get("cart", 1)
    if isinstance(cart, bool) or not isinstance(cart, int):
        raise ValueError("cart must be a whole number")
    shipping = body.get("shipping") or body.get("logistics") or "me1"
    site = body.get("site")
    if site is not None and site not in ("MLB", "MLA", "MLM"):
        raise ValueError("site must be MLB, MLA or MLM")
    seller = world.default_seller
    ref = body.get("seller", body.get("store"))
    if ref is not None:
        try:
            seller_id = int(str(ref))
        except ValueError:
            raise ValueError(f"seller {ref!r} is not a number") from None
        seller = world.sellers.setdefault(seller_id, MlSeller(seller_id, str(site or "MLB")))
    if site is not None:
        seller.site = str(site)
    orders = world.create(
        cart=cart,
        shipping=str(shipping),
        seller=seller,
        topic=str(body.get("topic", "orders_v2")),
        items=_items_override(body.get("items")),
    )
    first = summary(world, orders[0].id)
    return first | {
        "order_id": first["id"],
        "order_ids": [str(o.id) for o in orders],
        "orders": [order_json(world, o) for o in orders],
    }


async def control_list(request: Request) -> Response:
    world = _world(request)
    return JSONResponse([summary(world, oid) for oid in world.orders])


async def control_cancel(request: Request) -> Response:
    world = _world(request)
    try:
        order = world.order(request.path_params["order_id"], world.default_seller)
    except MlError as exc:
        return _error(exc)
    world.cancel(order)
    return JSONResponse(summary(world, order.id))


async def control_token(request: Request) -> Response:
    """A 6-hour access token with a single-use refresh token (A.7); ``refresh_token`` in
    the body exchanges one."""
    world = _world(request)
    raw = await request.body()
    body = json.loads(raw) if raw.strip() else {}
    try:
        if isinstance(body, dict) and isinstance(body.get("refresh_token"), str):
            return JSONResponse(world.refresh(body["refresh_token"]))
    except MlError as exc:
        return _error(exc)
    return JSONResponse(world.issue_token())


async def control_partial(request: Request) -> Response:
    world = _world(request)
    body = json.loads(await request.body() or b"{}")
    count = body.get("count", 1) if isinstance(body, dict) else 1
    world.partial_searches = int(count)
    return JSONResponse({"partial_searches": world.partial_searches})


async def control_rate(request: Request) -> Response:
    """``{"rate_per_min": N}``: Mercado Libre orders the sandbox makes on its own."""
    world = _world(request)
    try:
        body = json.loads(await request.body() or b"{}")
        rate = body.get("rate_per_min") if isinstance(body, dict) else None
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            raise ValueError("rate_per_min must be a number")
        world.set_rate(float(rate))
    except ValueError as exc:
        return _error(MlError(400, "bad_request", str(exc)))
    return JSONResponse({"rate_per_min": world.rate_per_min})


async def control_webhooks(request: Request) -> Response:
    return JSONResponse(list(_sender(request).log))


async def control_notifications(request: Request) -> Response:
    """``{"paused": bool}``: while paused, notifications are not sent; they go straight to
    the missed feeds (as if every attempt had failed)."""
    sender = _sender(request)
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        body = None
    paused = body.get("paused") if isinstance(body, dict) else None
    if not isinstance(paused, bool):
        return _error(MlError(400, "bad_request", "paused must be true or false"))
    sender.paused = paused
    return JSONResponse({"paused": sender.paused})


control_routes = [
    Route("/_sandbox/mercadolibre/orders", control_list, methods=["GET"]),
    Route("/_sandbox/mercadolibre/orders/{order_id}/cancel", control_cancel, methods=["POST"]),
    Route("/_sandbox/mercadolibre/token", control_token, methods=["POST"]),
    Route("/_sandbox/mercadolibre/partial_searches", control_partial, methods=["POST"]),
    Route("/_sandbox/mercadolibre/webhooks", control_webhooks, methods=["GET"]),
    Route("/_sandbox/mercadolibre/rate", control_rate, methods=["POST"]),
    Route("/_sandbox/mercadolibre/notifications", control_notifications, methods=["POST"]),
]
