"""Helpers for the sandbox's integration tests: a client wrapper and a webhook receiver."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

TOKEN = "APP_USR-sandbox"
API = "/proximity-integration"


@dataclass
class Sandbox:
    url: str
    app: Starlette
    client: httpx.Client  # with the store's bearer token
    anon: httpx.Client  # no token: control routes and auth failures

    def create(self, logistics: str = "flex", **extra: Any) -> str:
        r = self.anon.post("/_sandbox/orders", json={"logistics": logistics, **extra})
        assert r.status_code == 201, r.text
        order_id: str = r.json()["id"]
        return order_id

    def order(self, order_id: str) -> dict[str, Any]:
        r = self.client.get(f"{API}/v1/orders/{order_id}", headers={"x-time-zone": "GMT-3"})
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def state(self, order_id: str) -> tuple[str, str | None]:
        ext = self.order(order_id)["extension"]
        return ext["status"], ext["substatus"]

    def accept(self, order_id: str) -> httpx.Response:
        return self.client.put(f"{API}/shipments/{order_id}/accept", json={"status": "accepted"})

    def advance(self, order_id: str, **body: Any) -> httpx.Response:
        return self.anon.post(f"/_sandbox/orders/{order_id}/advance", json=body)

    def jump(self, seconds: float) -> dict[str, Any]:
        r = self.anon.post("/_sandbox/clock", json={"advance_s": seconds})
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body


@dataclass
class Received:
    headers: dict[str, str]
    body: dict[str, Any]
    raw: bytes


@dataclass
class Receiver:
    """A small webhook receiver: records every POST; answers from ``script`` (status,
    delay in seconds) in turn, then 200."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    script: list[tuple[int, float]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        with self.cond:
            status, delay = self.script.pop(0) if self.script else (200, 0.0)
        if delay:
            await asyncio.sleep(delay)  # a receiver slower than the ACK deadline
        with self.cond:
            self.received.append(Received(dict(request.headers), json.loads(raw), raw))
            self.cond.notify_all()
        return JSONResponse({"ok": True}, status_code=status)

    def wait_for(self, n: int, timeout: float = 10.0) -> list[Received]:
        with self.cond:
            ok = self.cond.wait_for(lambda: len(self.received) >= n, timeout)
            assert ok, f"expected {n} webhooks, got {len(self.received)}"
            return list(self.received)


def wait_until(check: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    """Poll a condition with a bounded timeout (for state another thread changes)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)
