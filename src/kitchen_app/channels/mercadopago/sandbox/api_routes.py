"""Mercado Pago Delivery's own paths (api notes §2–§5, §9), with bearer-token auth.

Order of checks on every call: token (401) → injected fault → resource (404) → the token's
access to it (403) → body (400) → state (400 conflict).
"""

from __future__ import annotations

import logging
from datetime import tzinfo

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.domain.timezones import zone_from_setting

from .errors import ApiError, bad_request, conflict, forbidden, not_found
from .label_pdf import render_label
from .requests import bearer, faults, json_body, world
from .stores import STORE_STATUSES, Store

__all__ = ["routes"]

log = logging.getLogger(__name__)


def check_time_zone(request: Request) -> tzinfo | None:
    """``x-time-zone`` (api notes §2) → the zone to render the order's times in. Missing →
    None: times in UTC with ``Z`` (strict mode: 400). A value that is no GMT offset nor IANA
    zone → 400. How times look in the zone is ``shapes.time_style`` (docs/sandbox.md)."""
    value = request.headers.get("x-time-zone")
    if value is None:
        if world(request).shapes.strict_time_zone:
            raise bad_request("Missing_Parameter - x-time-zone header is required")
        return None
    try:
        return zone_from_setting(value)
    except ValueError:
        raise bad_request(f"Invalid x-time-zone header: {value.strip()[:40]!r}") from None


async def get_order(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    zone = check_time_zone(request)
    await faults(request).apply("get_order", shipment_id)
    w = world(request)
    order = w.orders.get(shipment_id)
    if order is not None:
        order.reads += 1
        # The real API may not know an order yet right after its webhook (issue 9, item 3).
        if w.now() - order.created < w.shapes.not_found_for_s:
            raise not_found()
        if order.reads <= w.shapes.not_found_first_gets:
            raise not_found()
    return JSONResponse(w.order_json(w.order_for(shipment_id, token), zone))


async def accept(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    await faults(request).apply("accept", shipment_id)
    w = world(request)
    order = w.order_for(shipment_id, token)
    body = await json_body(request, required=False)
    if body and body.get("status") != "accepted":
        raise bad_request('status must be "accepted"')
    w.accept(order)
    return JSONResponse({"status": "accepted"})


async def cancellation_reasons(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    await faults(request).apply("cancellation_reasons", shipment_id)
    order = world(request).order_for(shipment_id, token)
    return JSONResponse([{"id": i, "value": v, "message": m} for i, v, m in order.reasons()])


async def cancel(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    await faults(request).apply("cancel", shipment_id)
    w = world(request)
    order = w.order_for(shipment_id, token)
    body = await json_body(request)
    if body.get("status") != "cancelled":
        raise bad_request('status must be "cancelled"')
    reason = body.get("cancellation_reason")
    if reason is not None and not isinstance(reason, dict):
        raise bad_request("cancellation_reason must be an object")
    w.cancel(order, reason)
    return JSONResponse({"status": "cancelled"})


async def print_label_pdf(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    await faults(request).apply("print_label_pdf", shipment_id)
    w = world(request)
    order = w.order_for(shipment_id, token)
    w.print_label(order)
    pdf = render_label(w.order_json(order))
    return Response(pdf, media_type="application/pdf")


async def order_ready(request: Request) -> Response:
    token = bearer(request)
    shipment_id = request.path_params["shipment_id"]
    await faults(request).apply("ready", shipment_id)
    w = world(request)
    w.mark_ready(w.order_for(shipment_id, token))
    return JSONResponse({"status": "ready"})


# -- stores (§9) --------------------------------------------------------------------------
def _seller_store(request: Request, token: str) -> Store:
    seller = request.path_params["seller_id"]
    for store in world(request).stores.values():
        if str(store.user_id) == seller:
            if not world(request).token_opens(store, token):
                raise forbidden()
            return store
    raise forbidden()  # a seller the token does not belong to


def _store(request: Request, token: str) -> Store:
    store_id = request.path_params["store_id"]
    if not store_id.isdigit():
        raise bad_request("Missing_Parameter - Invalid store id")
    store = world(request).store_by_id(store_id)
    if not world(request).token_opens(store, token):
        raise forbidden()
    return store


async def seller_stores(request: Request) -> Response:
    token = bearer(request)
    await faults(request).apply("stores")
    # The list carries no status (api notes §9); GET /stores/{id} does.
    listed = _seller_store(request, token).api_json()
    del listed["status"]
    return JSONResponse([listed])


async def seller_store_by_external_id(request: Request) -> Response:
    token = bearer(request)
    await faults(request).apply("stores")
    store = _seller_store(request, token)
    if store.external_code != request.path_params["external_id"]:
        raise ApiError(424, "Failed to search stores associated with a user")
    return JSONResponse(store.api_json())


async def get_store(request: Request) -> Response:
    token = bearer(request)
    await faults(request).apply("stores")
    return JSONResponse(_store(request, token).api_json())


async def put_store_external_id(request: Request) -> Response:
    token = bearer(request)
    await faults(request).apply("stores")
    store = _store(request, token)
    external_id = (await json_body(request)).get("external_id")
    if not isinstance(external_id, str) or not external_id.strip():
        raise bad_request("external_id must be a non-empty string")
    store.external_code = external_id.strip()
    return JSONResponse(store.api_json())


async def put_store_status(request: Request) -> Response:
    token = bearer(request)
    await faults(request).apply("stores")
    store = _store(request, token)
    status = (await json_body(request)).get("status")
    if status not in STORE_STATUSES:
        raise bad_request(f"status must be one of {', '.join(STORE_STATUSES)}")
    if store.status == "disabled" and status != "disabled":
        raise conflict("A disabled store cannot be reopened.")
    store.status = status
    if status == "enabled":
        store.consecutive_expired = 0
    log.info("store %s set to %s", store.user_id, status)
    return JSONResponse(store.api_json())


_PI = "/proximity-integration"
routes = [
    Route(f"{_PI}/v1/orders/{{shipment_id}}", get_order, methods=["GET"]),
    Route(f"{_PI}/v1/orders/{{shipment_id}}/ready", order_ready, methods=["POST"]),
    Route(f"{_PI}/shipments/{{shipment_id}}/accept", accept, methods=["PUT"]),
    Route(f"{_PI}/shipments/{{shipment_id}}/cancel", cancel, methods=["PUT"]),
    Route(
        f"{_PI}/shipments/{{shipment_id}}/cancellation-reasons",
        cancellation_reasons,
        methods=["GET"],
    ),
    Route(f"{_PI}/shipments/{{shipment_id}}/print_label_pdf", print_label_pdf, methods=["GET"]),
    Route(f"{_PI}/users/{{seller_id}}/stores", seller_stores, methods=["GET"]),
    Route(
        f"{_PI}/users/{{seller_id}}/stores/external_id/{{external_id}}",
        seller_store_by_external_id,
        methods=["GET"],
    ),
    Route(f"{_PI}/stores/{{store_id}}", get_store, methods=["GET"]),
    Route(f"{_PI}/stores/{{store_id}}/external_id", put_store_external_id, methods=["PUT"]),
    Route(f"{_PI}/stores/{{store_id}}/status", put_store_status, methods=["PUT"]),
]
