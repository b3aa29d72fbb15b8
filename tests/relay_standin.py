"""A stand-in for the relay's token custody (issue 15), written from the documented shapes
only: ``GET /v1/credentials/{channel}``, ``POST /v1/credentials/{channel}/rejected``,
``POST /v1/sign/shopee``, ``GET /v1/links``, ``POST /v1/links/{channel}``, and an empty
``GET /v1/events`` long-poll so a desk engine can use it as its relay. It records every call
and serves one desk token's store."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread

DESK_TOKEN = "desk-token-store-a"


@dataclass
class Held:
    access_token: str
    expires_at: datetime


@dataclass
class CustodyStandIn:
    desk_token: str = DESK_TOKEN
    # channel -> "linked" | "expired" | "unlinked" (absent: the relay holds no app for it)
    states: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    held: dict[str, Held] = field(default_factory=dict)
    partner_key: str = "standin-only-partner-key"  # never given to the desk
    partner_id: int = 2001887
    shop_id: int = 727720655
    # What /rejected answers for a refused current token (the relay's refresh); default: a
    # new made-up token valid one hour.
    refresh: Callable[[str], Held] | None = None
    calls: list[tuple[str, str]] = field(default_factory=list)  # (route, channel)
    rejected_bodies: list[dict[str, Any]] = field(default_factory=list)
    unavailable: bool = False  # answer 503 to credential requests
    _serial: Any = field(default_factory=lambda: itertools.count(1))
    _server: ServerThread | None = None
    url: str = ""

    def link(self, channel: str, token: str | None = None, lifetime_s: float = 3600) -> Held:
        made = Held(token or f"{channel}-tok-{next(self._serial)}", _in(lifetime_s))
        self.states[channel] = "linked"
        self.held[channel] = made
        return made

    def count(self, route: str, channel: str | None = None) -> int:
        return sum(1 for r, c in self.calls if r == route and channel in (None, c))

    # ---- HTTP -----------------------------------------------------------------------------
    def _authorized(self, request: Request) -> bool:
        return request.headers.get("authorization", "") == f"Bearer {self.desk_token}"

    def _link_problem(self, channel: str) -> Response | None:
        state = self.states.get(channel)
        if state == "expired":
            return JSONResponse(
                {"error": "link_expired", "message": "relink the store"}, status_code=409
            )
        if state != "linked" or channel not in self.held:
            return JSONResponse(
                {"error": "not_linked", "message": "no link for that channel"}, status_code=404
            )
        if self.unavailable:
            return JSONResponse({"error": "unavailable", "message": "later"}, status_code=503)
        return None

    @staticmethod
    def _answer(held: Held) -> JSONResponse:
        return JSONResponse(
            {"access_token": held.access_token, "expires_at": held.expires_at.isoformat()}
        )

    async def credentials(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        self.calls.append(("credentials", channel))
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        return self._link_problem(channel) or self._answer(self.held[channel])

    async def rejected(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        self.calls.append(("rejected", channel))
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        body = json.loads(await request.body() or b"{}")
        self.rejected_bodies.append(body)
        problem = self._link_problem(channel)
        if problem is not None:
            return problem
        if body.get("access_token") == self.held[channel].access_token:
            if self.refresh is not None:
                self.held[channel] = self.refresh(channel)
            else:
                self.held[channel] = Held(f"{channel}-tok-{next(self._serial)}", _in(3600))
        return self._answer(self.held[channel])

    async def sign(self, request: Request) -> Response:
        self.calls.append(("sign", "shopee"))
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        problem = self._link_problem("shopee")
        if problem is not None:
            return problem
        body = json.loads(await request.body() or b"{}")
        token = self.held["shopee"].access_token
        base = f"{self.partner_id}{body['path']}{body['timestamp']}{token}{self.shop_id}"
        sign = hmac.new(self.partner_key.encode(), base.encode(), hashlib.sha256).hexdigest()
        return JSONResponse(
            {
                "partner_id": self.partner_id,
                "shop_id": self.shop_id,
                "access_token": token,
                "sign": sign,
            }
        )

    async def links(self, request: Request) -> Response:
        self.calls.append(("links", ""))
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        out = [
            {
                "channel": channel,
                "state": state,
                "account": self.accounts.get(channel),
                "expires_at": (
                    self.held[channel].expires_at.isoformat() if channel in self.held else None
                ),
            }
            for channel, state in self.states.items()
        ]
        return JSONResponse({"links": out})

    async def start_link(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        self.calls.append(("start_link", channel))
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        return JSONResponse(
            {
                "authorize_url": f"https://auth.example/authorization?state=s-{channel}",
                "expires_at": _in(600).isoformat(),
            }
        )

    async def events(self, request: Request) -> Response:
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        after = int(request.query_params.get("after", "0") or 0)
        await asyncio.sleep(min(float(request.query_params.get("wait", "0") or 0), 0.5))
        return JSONResponse({"events": [], "cursor": after})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/credentials/{channel}", self.credentials, methods=["GET"]),
                Route("/v1/credentials/{channel}/rejected", self.rejected, methods=["POST"]),
                Route("/v1/sign/shopee", self.sign, methods=["POST"]),
                Route("/v1/links", self.links, methods=["GET"]),
                Route("/v1/links/{channel}", self.start_link, methods=["POST"]),
                Route("/v1/events", self.events, methods=["GET"]),
            ]
        )

    def start(self) -> str:
        self._server = ServerThread(self.app())
        self.url = self._server.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


def _in(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)
