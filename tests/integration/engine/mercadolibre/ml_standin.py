"""A stand-in Mercado Libre written from the documented shapes (api notes A.0-A.7, seeds
001/002/004), not the sandbox: orders, shipments, packs, /shipments/{id}/orders, the search,
the ME1 calls; a 404 right after a notification and pages that stay partial on demand."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

__all__ = ["TOKEN", "Creds", "StandIn"]

TOKEN = "APP_USR-standin"


@dataclass
class StandIn:
    """Mercado Libre as its documents show it, with a request log."""

    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    shipments: dict[str, dict[str, Any]] = field(default_factory=dict)
    packs: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_found_first: set[str] = field(default_factory=set)  # a 404 right after the webhook
    always_partial: bool = False  # every search page answers 206
    seen: list[tuple[str, str, dict[str, str], Any]] = field(default_factory=list)
    url: str = ""

    def app(self) -> Starlette:
        async def handle(request: Request) -> Response:
            body = await request.body()
            self.seen.append(
                (
                    request.method,
                    request.url.path + ("?" + request.url.query if request.url.query else ""),
                    dict(request.headers),
                    json.loads(body) if body else None,
                )
            )
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                return JSONResponse(
                    {"message": "invalid access token", "error": "unauthorized", "status": 401},
                    status_code=401,
                )
            return self.route(request, json.loads(body) if body else None)

        return Starlette(routes=[Route("/{path:path}", handle, methods=["GET", "POST", "PUT"])])

    def route(self, request: Request, body: Any) -> Response:
        parts = request.url.path.strip("/").split("/")
        missing = JSONResponse(
            {"message": "not found", "error": "not_found", "status": 404, "cause": []},
            status_code=404,
        )
        if parts[:2] == ["orders", "search"]:
            q = request.query_params
            statuses = q.get("order.status")
            found = [
                o
                for o in self.orders.values()
                if (o["status"] == "cancelled") == (statuses == "cancelled")
            ]
            offset, limit = int(q["offset"]), int(q["limit"])
            page = found[offset : offset + limit]
            return JSONResponse(
                {
                    "results": page[: len(page) // 2] if self.always_partial else page,
                    "paging": {"total": len(found), "offset": offset, "limit": limit},
                },
                status_code=206 if self.always_partial else 200,
            )
        if parts[0] == "orders" and len(parts) == 2:
            if parts[1] in self.not_found_first:
                self.not_found_first.discard(parts[1])
                return missing
            order = self.orders.get(parts[1])
            return JSONResponse(order) if order else missing
        if parts[0] == "packs":
            pack = self.packs.get(parts[1])
            return JSONResponse(pack) if pack else missing
        if parts[0] == "shipments" and len(parts) == 2 and request.method == "GET":
            shipment = self.shipments.get(parts[1])
            return JSONResponse(shipment) if shipment else missing
        if parts[0] == "shipments" and parts[-1] == "orders":
            ids = [o["id"] for o in self.orders.values() if o["shipping"]["id"] == int(parts[1])]
            return JSONResponse({"orders": [{"id": i} for i in ids]}) if ids else missing
        if parts[0] == "shipments" and request.method == "PUT":
            self.shipments[parts[1]]["tracking_number"] = body["tracking_number"]
            return JSONResponse(self.shipments[parts[1]])
        if parts[-1] == "seller_notifications":
            return JSONResponse({"status": "OK"})
        return missing


class Creds:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.rejections = 0

    async def access_token(self) -> str:
        return self.token

    async def rejected(self) -> None:
        self.rejections += 1

    async def sign(self, base_string: str) -> str:
        raise NotImplementedError
