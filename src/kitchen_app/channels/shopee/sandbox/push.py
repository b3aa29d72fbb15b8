"""Pushes from the simulated Shopee to the relay, signed as Shopee signs them (api notes B.4).

``POST {relay_url}/webhooks/shopee`` with the compact JSON body and the header
``Authorization`` = hex HMAC-SHA256(partner_key, callback_url + "|" + body), where the
callback URL is the exact URL posted to. Shopee wants a 2xx with an **empty** body within
3 s; anything else is a failure and the push is sent again (the retry count for code 3 is
UNKNOWN: three more attempts, 1, 2 and 3 s apart, as the webchat push documents).

Pushes are queued from the world's synchronous code and sent in order by one task on the
server's loop (``start``/``stop`` run in the sandbox's lifespan).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ..signing import push_signature

__all__ = ["PUSH_PATH", "PushRecord", "ShopeePushSender"]

log = logging.getLogger(__name__)

PUSH_PATH = "/webhooks/shopee"
_ACK_TIMEOUT_S = 3.0
_RETRY_DELAYS_S = (1.0, 2.0, 3.0)
_KEEP_RECORDS = 1000


@dataclass(frozen=True, slots=True)
class PushRecord:
    code: int
    order_sn: str
    attempt: int
    outcome: str  # delivered | http_<n> | non_empty_body | timeout | error_<kind> | no_relay


class ShopeePushSender:
    def __init__(self, relay_url: str | None, partner_key: str) -> None:
        self.relay_url = relay_url.rstrip("/") if relay_url else None
        self._key = partner_key
        self._queue: asyncio.Queue[dict[str, Any]] | None = None
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        self._early: list[dict[str, Any]] = []  # pushed before start()
        self.records: list[PushRecord] = []
        # Told of a push given up on (get_lost_push_message keeps it three days).
        self.on_lost: Callable[[dict[str, Any]], None] | None = None

    def __repr__(self) -> str:
        return f"ShopeePushSender({self.relay_url!r})"

    @property
    def callback_url(self) -> str | None:
        return self.relay_url + PUSH_PATH if self.relay_url else None

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._client = httpx.AsyncClient()
        for body in self._early:
            self._queue.put_nowait(body)
        self._early.clear()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._client is not None:
            await self._client.aclose()

    def push(self, body: dict[str, Any]) -> None:
        if self._queue is None:
            self._early.append(body)
        else:
            self._queue.put_nowait(body)

    async def _run(self) -> None:
        assert self._queue is not None
        while True:
            body = await self._queue.get()
            try:
                await self._deliver(body)
            except Exception:  # one broken push must not stop the rest
                log.exception("Shopee push failed unexpectedly")

    async def _deliver(self, body: dict[str, Any]) -> None:
        content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        data = body.get("data")
        sn = str(data.get("ordersn", "")) if isinstance(data, dict) else ""
        code = int(body.get("code", 0))
        url = self.callback_url
        if url is None or self._client is None:
            self._record(PushRecord(code, sn, 1, "no_relay"))
            if self.on_lost is not None:
                self.on_lost(body)
            return
        headers = {
            "content-type": "application/json",
            "authorization": push_signature(self._key, url, content),
        }
        for attempt in range(1, len(_RETRY_DELAYS_S) + 2):
            try:
                response = await self._client.post(
                    url, content=content, headers=headers, timeout=_ACK_TIMEOUT_S
                )
            except httpx.TimeoutException:
                outcome = "timeout"
            except httpx.HTTPError as exc:
                outcome = f"error_{type(exc).__name__}"
            else:
                if not response.is_success:
                    outcome = f"http_{response.status_code}"
                elif response.content:
                    outcome = "non_empty_body"  # Shopee counts it as a failure
                else:
                    outcome = "delivered"
            self._record(PushRecord(code, sn, attempt, outcome))
            if outcome == "delivered":
                return
            if attempt > len(_RETRY_DELAYS_S):
                if self.on_lost is not None:
                    self.on_lost(body)
                return
            await asyncio.sleep(_RETRY_DELAYS_S[attempt - 1])

    def _record(self, record: PushRecord) -> None:
        self.records.append(record)
        del self.records[:-_KEEP_RECORDS]
        if record.outcome != "delivered":
            log.info("Shopee push %s for %s: %s", record.code, record.order_sn, record.outcome)
