"""The webhook sender: one `delivery` notification per status change (api notes §6).

Notifications go on a queue drained by a few tasks on the app's loop, all sharing one
``httpx.AsyncClient``, so creating orders never waits on the network. A delivery that gets
no 200/201 within the ACK deadline is retried on the sandbox clock (15 min, then 12 h by
default) with the same ``_id`` and ``attempts`` + 1. Each attempt gets a fresh
``x-request-id`` and is signed afresh; ``ts`` is real wall-clock seconds so a receiver that
bounds replay against its own clock accepts it even when the sandbox runs fast.

Misbehaviour for fault tests (first-time sends only, retries are never tampered with):
drop the next N, send the next N several times, hold everything back and release it later
(in reverse order if asked), and re-send an order's last notification.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any

import httpx

from kitchen_app.channels.base import SandboxShell
from kitchen_app.channels.mercadopago import signature as mp_signature
from kitchen_app.channels.sandbox_kit import iso

from .config import MpSandboxConfig
from .shapes import Shapes
from .world import SimOrder

__all__ = ["Notification", "WebhookSender"]

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/mercadopago"


@dataclass(slots=True)
class Notification:
    id: str  # `_id`, the same across retries
    order_id: str
    user_id: int
    created: float  # sandbox time of the change (the body's `received`)
    attempts: int = 1
    # topic/resource as chosen when first sent (retries keep them); None = per the shapes.
    fields: dict[str, Any] | None = None


class WebhookSender:
    def __init__(
        self, config: MpSandboxConfig, shell: SandboxShell, shapes: Shapes | None = None
    ) -> None:
        self.config = config
        self.shapes = shapes if shapes is not None else Shapes.from_config(config)
        self.now = shell.now
        self.at = shell.at
        self.relay_url = shell.relay_url
        self.ack_deadline_s = config.ack_deadline_s
        self.log: deque[dict[str, Any]] = deque(maxlen=20_000)
        self.last_by_order: dict[str, Notification] = {}
        self.holding = False
        self.held: list[Notification] = []
        self.drop_next = 0
        self.duplicate_next = 0
        self.duplicate_copies = 2
        # (notification, attempt number, is a duplicate copy)
        self._queue: asyncio.Queue[tuple[Notification, int, bool]] = asyncio.Queue()
        self._client: httpx.AsyncClient | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._in_flight = 0

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        self._queue = asyncio.Queue()  # bound to the running loop
        self._client = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=self.config.webhook_workers * 2),
            headers={"user-agent": "MercadoPago WebHook v1.0"},
        )
        for _ in range(max(1, self.config.webhook_workers)):
            self._spawn(self._worker())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        """Notifications queued or being sent right now (not counting held or retries)."""
        return self._queue.qsize() + self._in_flight

    # -- from the world ----------------------------------------------------------------------
    def notify(self, order: SimOrder, at: float) -> None:
        n = Notification(str(uuid.uuid4()), order.id, order.store.user_id, at)
        n.fields = self.shapes.webhook_fields(order.id)
        self.last_by_order[order.id] = n
        if self.drop_next > 0:
            self.drop_next -= 1
            self._record(n, n.attempts, "dropped")
            return
        if self.holding:
            self.held.append(n)
            self._record(n, n.attempts, "held")
            return
        copies = 1
        if self.duplicate_next > 0:
            self.duplicate_next -= 1
            copies = self.duplicate_copies
        # Copies carry the same _id and attempts; only the original schedules retries.
        for i in range(copies):
            self._queue.put_nowait((n, n.attempts, i > 0))

    # -- control routes --------------------------------------------------------------------
    def send_unresolvable(self, user_id: int, fields: dict[str, Any]) -> Notification:
        """A notification whose order cannot be told (``fields``: its topic/resource, e.g. a
        garbled resource), for the desk's "unresolved notifications" list (§6.2)."""
        n = Notification(str(uuid.uuid4()), "", user_id, self.now(), fields=fields)
        self._queue.put_nowait((n, n.attempts, False))
        return n

    def release(self, reverse: bool) -> int:
        """Stop holding; send the held notifications one after another."""
        batch = list(reversed(self.held)) if reverse else list(self.held)
        self.held.clear()
        self.holding = False
        if batch:
            self._spawn(self._send_in_order(batch))
        return len(batch)

    def resend(self, order_id: str) -> Notification | None:
        """Send an order's last notification again: same _id, attempts + 1 (as a retry)."""
        n = self.last_by_order.get(order_id)
        if n is None:
            return None
        n.attempts += 1
        self._queue.put_nowait((n, n.attempts, False))
        return n

    async def _send_in_order(self, batch: list[Notification]) -> None:
        for n in batch:
            await self._send(n, n.attempts, False)

    # -- sending ---------------------------------------------------------------------------
    async def _worker(self) -> None:
        while True:
            n, attempt, is_copy = await self._queue.get()
            self._in_flight += 1
            try:
                await self._send(n, attempt, is_copy)
            except Exception:  # a broken send must not kill the worker
                log.exception("webhook send failed unexpectedly")
            finally:
                self._in_flight -= 1

    def body(self, n: Notification, attempt: int) -> dict[str, Any]:
        fields = n.fields
        if fields is None:
            fields = {"topic": "delivery", "resource": f"/shipments/{n.order_id}"}
        return {
            "_id": n.id,
            **fields,
            "user_id": n.user_id,
            "application_id": self.config.application_id,
            "sent": iso(self.now()),
            "attempts": attempt,
            "received": iso(n.created),
            "actions": [],
        }

    def headers(self, request_id: str) -> dict[str, str]:
        headers = {"content-type": "application/json", "x-request-id": request_id}
        secret = self.config.webhook_secret
        if secret and not self.shapes.unsigned_webhooks:
            # The delivery body has no data.id and no query string is added (§6.4).
            ts = str(int(time.time()))
            v1 = mp_signature.sign(secret, request_id, ts)
            headers["x-signature"] = mp_signature.format_header(ts, v1)
        return headers

    async def _send(self, n: Notification, attempt: int, is_copy: bool) -> None:
        if not self.relay_url or self._client is None:
            self._record(n, attempt, "no_relay")
            return
        request_id = str(uuid.uuid4())
        content = json.dumps(self.body(n, attempt), separators=(",", ":")).encode()
        url = self.relay_url.rstrip("/") + WEBHOOK_PATH
        started = time.perf_counter()
        status: int | None = None
        try:
            response = await self._client.post(
                url, content=content, headers=self.headers(request_id), timeout=self.ack_deadline_s
            )
            status = response.status_code
            outcome = "delivered" if status in (200, 201) else f"http_{status}"
        except httpx.TimeoutException:
            outcome = "timeout"
        except httpx.HTTPError as exc:
            outcome = f"error_{type(exc).__name__}"
        elapsed_ms = (time.perf_counter() - started) * 1000
        self._record(n, attempt, outcome, status, request_id, elapsed_ms)
        if outcome != "delivered" and not is_copy:
            self._schedule_retry(n, attempt)

    def _schedule_retry(self, n: Notification, attempt: int) -> None:
        if attempt >= self.config.webhook_max_attempts:
            log.warning(
                "webhook %s for order %s gave up after %d attempts", n.id, n.order_id, attempt
            )
            return
        delays = self.config.webhook_retry_s
        delay = delays[min(attempt - 1, len(delays) - 1)]

        def retry(due: float) -> None:
            n.attempts = attempt + 1
            self._queue.put_nowait((n, n.attempts, False))

        self.at(self.now() + delay, retry)

    def _record(
        self,
        n: Notification,
        attempt: int,
        outcome: str,
        status: int | None = None,
        request_id: str | None = None,
        elapsed_ms: float | None = None,
    ) -> None:
        self.log.append(
            {
                "_id": n.id,
                "order_id": n.order_id,
                "attempts": attempt,
                "outcome": outcome,
                "status_code": status,
                "request_id": request_id,
                "at": iso(self.now()),
                "elapsed_ms": round(elapsed_ms, 2) if elapsed_ms is not None else None,
            }
        )
