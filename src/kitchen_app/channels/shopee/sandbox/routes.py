"""Shopee's Open Platform paths in the sandbox (api notes B.1, B.2), plus control routes.

Every Shop API call is checked as Shopee checks it: ``partner_id``, ``timestamp`` (five
minutes either way of the real clock: the client signs with the wall clock whatever the
sandbox's speed), ``access_token``, ``shop_id`` and ``sign`` in the query string; a wrong sign
→ HTTP 403 ``{"error": "error_sign", "message": "Wrong sign.", "request_id"}``. Business errors
answer HTTP 200 with ``error`` set (B.5: the status on errors is UNKNOWN; sign/auth 403,
rate limit 429 assumed). Successful answers carry ``error: ""`` and ``message: ""``.

The world is the Shopee part's (``app.state.parts["shopee"].world``).

Control (no auth, like the shell's): ``POST /_sandbox/shopee/orders`` (``{"status"?,
"shop_id"?, "message"?, "paid_ago_s"?}``), ``POST /_sandbox/shopee/orders/{sn}/status``
(``{"status"}``: any value, documented or not), ``POST /_sandbox/shopee/orders/{sn}/advance``,
``POST /_sandbox/shopee/code`` (``{"shop_id"}`` → an authorization ``code``),
``POST /_sandbox/shopee/pushes`` (``{"paused": bool}``: held pushes become lost pushes),
``POST /_sandbox/shopee/orders/{sn}/buyer_cancel`` (``{"reason"?}``), ``GET
/_sandbox/shopee/orders``. The shell's ``POST /_sandbox/orders`` with ``"channel": "shopee"``
calls ``create_from_control``.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kitchen_app.channels.oauth_grants import with_query

from ..signing import TIMESTAMP_VALID_S, hmac_hex, public_base_string, shop_base_string
from .world import ShopeeError, ShopeeWorld, SimShopeeOrder

__all__ = ["control_routes", "create_from_control", "routes", "summary"]


def _world(request: Request) -> ShopeeWorld:
    world: ShopeeWorld = request.app.state.parts["shopee"].world
    return world


def _ok(response: dict[str, Any] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"request_id": secrets.token_hex(16), "error": "", "message": ""}
    if response is not None:
        body["response"] = response
    return JSONResponse(body | extra)


def _error(exc: ShopeeError) -> JSONResponse:
    return JSONResponse(
        {"request_id": secrets.token_hex(16), "error": exc.error, "message": exc.message},
        status_code=exc.status,
    )


def _int(value: str | None, name: str) -> int:
    if value is None or not value.strip():
        raise ShopeeError("error_param", f"There is no {name} in query.", 403)
    try:
        return int(value)
    except ValueError:
        raise ShopeeError("error_param", f"Wrong parameters, detail: {name}.", 403) from None


def _check_time(request: Request) -> int:
    timestamp = _int(request.query_params.get("timestamp"), "timestamp")
    if abs(time.time() - timestamp) > TIMESTAMP_VALID_S:
        raise ShopeeError("error_param", "Timestamp is expired.", 403)
    return timestamp


def _check_shop_call(request: Request) -> int:
    """Checks the common parameters of a Shop API call; returns the shop id."""
    world = _world(request)
    q = request.query_params
    partner_id = _int(q.get("partner_id"), "partner_id")
    timestamp = _check_time(request)
    token = q.get("access_token", "")
    if not token:
        raise ShopeeError("error_param", "There is no access_token in query.", 403)
    shop_id = _int(q.get("shop_id"), "shop_id")
    if partner_id != world.config.partner_id:
        raise ShopeeError("error_auth", "Invalid partner_id.", 403)
    expected = hmac_hex(
        world.config.partner_key,
        shop_base_string(partner_id, request.url.path, timestamp, token, shop_id),
    )
    if not hmac.compare_digest(expected, q.get("sign", "").strip().lower()):
        raise ShopeeError("error_sign", "Wrong sign.", 403)
    if not world.token_shop_ok(token, shop_id):
        raise ShopeeError("invalid_acceess_token", "Invalid access_token.", 403)
    return shop_id


def _check_public_call(request: Request) -> None:
    world = _world(request)
    q = request.query_params
    partner_id = _int(q.get("partner_id"), "partner_id")
    timestamp = _check_time(request)
    if partner_id != world.config.partner_id:
        raise ShopeeError("error_auth", "Invalid partner_id.", 403)
    expected = hmac_hex(
        world.config.partner_key, public_base_string(partner_id, request.url.path, timestamp)
    )
    if not hmac.compare_digest(expected, q.get("sign", "").strip().lower()):
        raise ShopeeError("error_sign", "Wrong sign.", 403)


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ShopeeError("error_param", "Wrong parameters, detail: body is not JSON.") from None
    if not isinstance(body, dict):
        raise ShopeeError("error_param", "Wrong parameters, detail: body is not an object.")
    return body


Handler = Callable[[Request], Awaitable[Response]]


def _shopee(handler: Handler) -> Handler:
    """Turns ``ShopeeError`` into Shopee's error JSON."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ShopeeError as exc:
            return _error(exc)

    return wrapped


# -- orders ---------------------------------------------------------------------------------
@_shopee
async def get_order_list(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    q = request.query_params
    return _ok(
        _world(request).list_orders(
            shop_id,
            q.get("time_range_field", ""),
            _int(q.get("time_from"), "time_from"),
            _int(q.get("time_to"), "time_to"),
            _int(q.get("page_size"), "page_size"),
            q.get("cursor", "").strip('"'),  # seed 003's curl sends cursor=""
        )
    )


@_shopee
async def get_order_detail(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    raw = request.query_params.get("order_sn_list", "")
    sns = [sn.strip() for sn in raw.split(",") if sn.strip()]
    return _ok(_world(request).details(shop_id, sns))


@_shopee
async def cancel_order(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    body = await _body(request)
    world = _world(request)
    order = world.order(shop_id, body.get("order_sn"))
    return _ok(
        {"update_time": world.cancel(order, body.get("cancel_reason"), body.get("item_list"))}
    )


@_shopee
async def handle_buyer_cancellation(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    body = await _body(request)
    world = _world(request)
    order = world.order(shop_id, body.get("order_sn"))
    return _ok({"update_time": world.answer_buyer(order, body.get("operation"))})


# -- logistics ------------------------------------------------------------------------------
@_shopee
async def get_shipping_parameter(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    world = _world(request)
    order = world.order(shop_id, request.query_params.get("order_sn"))
    return _ok(world.shipping_parameter(order))


@_shopee
async def ship_order(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    body = await _body(request)
    world = _world(request)
    order = world.order(shop_id, body.get("order_sn"))
    world.ship(order, body)
    return _ok()  # B.2: success has no "response"


@_shopee
async def get_tracking_number(request: Request) -> Response:
    shop_id = _check_shop_call(request)
    world = _world(request)
    order = world.order(shop_id, request.query_params.get("order_sn"))
    number = request.query_params.get("package_number")
    if number and number != order.package_number:
        raise ShopeeError("logistics.package_number_not_exist", "Package number does not exist.")
    return _ok({"tracking_number": order.tracking_number})


# -- tokens ---------------------------------------------------------------------------------
@_shopee
async def token_get(request: Request) -> Response:
    _check_public_call(request)
    body = await _body(request)
    shop_id = body.get("shop_id")
    if not isinstance(shop_id, int) or shop_id not in _world(request).config.shop_ids:
        raise ShopeeError("invalid_shop_id", "Invalid shop_id.")
    code = body.get("code")
    tokens = _world(request).token_from_code(str(code), shop_id)
    return JSONResponse(tokens | {"request_id": secrets.token_hex(16), "error": "", "message": ""})


async def auth_partner(request: Request) -> Response:
    """The authorization page (B.1): the seller logs in and accepts at once; 302 to
    ``redirect`` (its own query kept) with ``code`` and ``shop_id``. A bad sign or an expired
    timestamp answers Shopee's error JSON instead. ``sandbox_shop_id`` (sandbox only) picks
    another sandbox shop than the first."""
    try:
        _check_public_call(request)
    except ShopeeError as exc:
        return _error(exc)
    world = _world(request)
    redirect = request.query_params.get("redirect", "")
    if urlsplit(redirect).scheme not in ("http", "https"):
        return _error(ShopeeError("error_param", "Wrong parameters, detail: redirect.", 403))
    shop_id = world.config.shop_ids[0]
    chosen = request.query_params.get("sandbox_shop_id", "")
    if chosen:
        if not chosen.isdigit() or int(chosen) not in world.config.shop_ids:
            return _error(ShopeeError("invalid_shop_id", "Invalid shop_id.", 403))
        shop_id = int(chosen)
    code = world.issue_code(shop_id)
    return RedirectResponse(with_query(redirect, code=code, shop_id=str(shop_id)), 302)


@_shopee
async def access_token_get(request: Request) -> Response:
    _check_public_call(request)
    body = await _body(request)
    shop_id = body.get("shop_id")
    refresh = body.get("refresh_token")
    if not isinstance(shop_id, int) or not isinstance(refresh, str):
        raise ShopeeError("error_param", "Wrong parameters, detail: refresh_token, shop_id.")
    tokens = _world(request).refresh(refresh, shop_id)
    return JSONResponse(tokens | {"request_id": secrets.token_hex(16), "error": "", "message": ""})


# -- lost pushes (public API, B.4) -----------------------------------------------------------
@_shopee
async def get_lost_push_message(request: Request) -> Response:
    _check_public_call(request)
    return _ok(_world(request).lost_pushes())


@_shopee
async def confirm_consumed_lost_push_message(request: Request) -> Response:
    _check_public_call(request)
    body = await _body(request)
    _world(request).confirm_lost(body.get("last_message_id"))
    return _ok()


# -- control --------------------------------------------------------------------------------
def summary(order: SimShopeeOrder) -> dict[str, Any]:
    return {
        "channel": "shopee",
        "order_id": order.order_sn,
        "shop_id": order.shop_id,
        "status": order.status,
        "tracking_number": order.tracking_number,
        "history": [[status, at] for status, at in order.history],
    }


def create_from_control(world: ShopeeWorld, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /_sandbox/orders`` with ``"channel": "shopee"``; ValueError on a bad field."""
    status = body.get("status", "READY_TO_SHIP")
    if not isinstance(status, str) or not status.strip():
        raise ValueError("status must be a non-empty string")
    shop = body.get("shop_id", body.get("store"))
    if shop is not None:
        try:
            shop = int(shop)
        except (TypeError, ValueError):
            raise ValueError(f"no sandbox Shopee shop {shop!r}") from None
    message = body.get("message")
    if message is not None and not isinstance(message, str):
        raise ValueError("message must be a string")
    paid_ago = body.get("paid_ago_s", 0)
    if isinstance(paid_ago, bool) or not isinstance(paid_ago, int | float) or paid_ago < 0:
        raise ValueError("paid_ago_s must be a number of at least 0")
    order = world.create_order(
        shop_id=shop, status=status.strip(), message=message, paid_ago_s=float(paid_ago)
    )
    return summary(order) | {"order": order.detail_json(world.config.region)}


def _control_error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": "bad_request", "message": message}, status_code=status)


async def _control_body(request: Request) -> dict[str, Any] | None:
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


async def control_create(request: Request) -> Response:
    body = await _control_body(request)
    if body is None:
        return _control_error("request body must be a JSON object")
    try:
        return JSONResponse(create_from_control(_world(request), body), status_code=201)
    except ValueError as exc:
        return _control_error(str(exc))


def _sim(request: Request) -> SimShopeeOrder | None:
    return _world(request).orders.get(request.path_params["sn"])


async def control_code(request: Request) -> Response:
    """The ``code`` Shopee's authorization redirect would carry (single use, 10 minutes)."""
    body = await _control_body(request) or {}
    shop_id = body.get("shop_id")
    world = _world(request)
    if not isinstance(shop_id, int) or shop_id not in world.config.shop_ids:
        return _control_error("shop_id must be a sandbox shop id")
    return JSONResponse({"code": world.issue_code(shop_id), "shop_id": shop_id})


async def control_pushes(request: Request) -> Response:
    """``{"paused": true}``: hold every push back (they become lost pushes); false: resume."""
    body = await _control_body(request) or {}
    paused = body.get("paused")
    if not isinstance(paused, bool):
        return _control_error("paused must be true or false")
    _world(request).pushes_paused = paused
    return JSONResponse({"paused": paused})


async def control_list(request: Request) -> Response:
    return JSONResponse([summary(o) for o in _world(request).orders.values()])


async def control_status(request: Request) -> Response:
    order = _sim(request)
    if order is None:
        return _control_error("no such order", 404)
    body = await _control_body(request)
    status = (body or {}).get("status")
    if not isinstance(status, str) or not status.strip():
        return _control_error("status must be a non-empty string")
    _world(request).set_status(order, status.strip())
    return JSONResponse(summary(order))


async def control_advance(request: Request) -> Response:
    order = _sim(request)
    if order is None:
        return _control_error("no such order", 404)
    try:
        _world(request).advance(order)
    except ShopeeError as exc:
        return _control_error(exc.message)
    return JSONResponse(summary(order))


async def control_buyer_cancel(request: Request) -> Response:
    order = _sim(request)
    if order is None:
        return _control_error("no such order", 404)
    body = await _control_body(request) or {}
    reason = body.get("reason", "Mudei de ideia")
    try:
        _world(request).buyer_requests_cancel(order, str(reason))
    except ShopeeError as exc:
        return _control_error(exc.message)
    return JSONResponse(summary(order))


routes = [
    Route("/api/v2/order/get_order_list", get_order_list, methods=["GET"]),
    Route("/api/v2/order/get_order_detail", get_order_detail, methods=["GET"]),
    Route("/api/v2/order/cancel_order", cancel_order, methods=["POST"]),
    Route("/api/v2/order/handle_buyer_cancellation", handle_buyer_cancellation, methods=["POST"]),
    Route("/api/v2/logistics/get_shipping_parameter", get_shipping_parameter, methods=["GET"]),
    Route("/api/v2/logistics/ship_order", ship_order, methods=["POST"]),
    Route("/api/v2/logistics/get_tracking_number", get_tracking_number, methods=["GET"]),
    Route("/api/v2/shop/auth_partner", auth_partner, methods=["GET"]),
    Route("/api/v2/auth/token/get", token_get, methods=["POST"]),
    Route("/api/v2/auth/access_token/get", access_token_get, methods=["POST"]),
    Route("/api/v2/push/get_lost_push_message", get_lost_push_message, methods=["GET"]),
    Route(
        "/api/v2/push/confirm_consumed_lost_push_message",
        confirm_consumed_lost_push_message,
        methods=["POST"],
    ),
]

control_routes = [
    Route("/_sandbox/shopee/orders", control_create, methods=["POST"]),
    Route("/_sandbox/shopee/orders", control_list, methods=["GET"]),
    Route("/_sandbox/shopee/code", control_code, methods=["POST"]),
    Route("/_sandbox/shopee/pushes", control_pushes, methods=["POST"]),
    Route("/_sandbox/shopee/orders/{sn}/status", control_status, methods=["POST"]),
    Route("/_sandbox/shopee/orders/{sn}/advance", control_advance, methods=["POST"]),
    Route("/_sandbox/shopee/orders/{sn}/buyer_cancel", control_buyer_cancel, methods=["POST"]),
]
