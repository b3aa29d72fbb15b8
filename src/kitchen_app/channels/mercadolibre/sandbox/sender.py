"""Mercado Libre notifications from the sandbox to the relay (A.1): ``orders_v2``,
``shipments`` and the legacy ``orders`` shape (seed 002, ``attempts: 0``).

Not signed (Mercado Libre does not sign). A delivery without a 200 within the ACK deadline
is retried with the same ``_id`` and ``attempts`` + 1 for about an hour of sandbox time
(8 attempts; the real schedule is UNKNOWN, A.1). A notification given up on joins the missed
feeds (``GET /missed_feeds``, kept two days of sandbox time); while ``paused`` (a control
route) notifications are not sent at all and join them at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

__all__ = ["MlNotification", "MlWebhookSender"]

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/mercadolibre"
RETRY_S = (60.0, 120.0, 300.0, 600.0, 900.0, 900.0, 600.0)  # ~1 h in all, 8 attempts
MISSED_KEPT_S = 2 * 86_400.0  # missed feeds hold a notification two days (A.1)


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(slots=True)
class MlNotification:
    id: str
    topic: str
    resource: str
    user_id: int
    received: float
    extra: dict[str, Any] = field(default_factory=dict)
    attempts: int = 1


class MlWebhookSender:
    def __init__(
        self,
        *,
        relay_url: str | None,
        application_id: str,
        now: Callable[[], float],
        at: Callable[[float, Callable[[float], None]], None],
        ack_deadline_s: float = 0.5,
    ) -> None:
        self.relay_url = relay_url
        self.application_id = application_id
        self.now = now
        self.at = at
        self.ack_deadline_s = ack_deadline_s
        self.log: deque[dict[str, Any]] = deque(maxlen=20_000)
        self.paused = False
        # Notifications never acknowledged, as GET /missed_feeds lists them (with when).
        self.missed: deque[tuple[float, dict[str, Any]]] = deque(maxlen=20_000)
        self._queue: asyncio.Queue[MlNotification] = asyncio.Queue()
        self._client: httpx.AsyncClient | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._client = httpx.AsyncClient(headers={"user-agent": "MercadoLibre Notifications"})
        self._task = self._loop.create_task(self._worker())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()

    def notify(self, topic: str, resource: str, user_id: int, extra: dict[str, Any]) -> None:
        n = MlNotification(str(uuid.uuid4()), topic, resource, user_id, self.now(), dict(extra))
        if "attempts" in extra:  # the legacy shape counts from 0 (seed 002)
            n.attempts = int(extra["attempts"])
        self._queue.put_nowait(n)

    def body(self, n: MlNotification) -> dict[str, Any]:
        body: dict[str, Any] = {
            "_id": n.id,
            "resource": n.resource,
            "user_id": n.user_id,
            "topic": n.topic,
            "application_id": int(self.application_id),
            "attempts": n.attempts,
            "sent": _utc(self.now()),
            "received": _utc(n.received),
        }
        if n.topic == "orders":  # the legacy shape of seed 002 has no _id
            del body["_id"]
        else:
            body["actions"] = []
        return body

    async def _worker(self) -> None:
        while True:
            n = await self._queue.get()
            await self._send(n)

    async def _send(self, n: MlNotification) -> None:
        if self.paused:
            self._record(n, "paused", None)
            self._miss(n, None)
            return
        if not self.relay_url or self._client is None:
            self._record(n, "no_relay", None)
            return
        content = json.dumps(self.body(n), separators=(",", ":")).encode()
        url = self.relay_url.rstrip("/") + WEBHOOK_PATH
        status: int | None = None
        try:
            response = await self._client.post(
                url,
                content=content,
                headers={"content-type": "application/json"},
                timeout=self.ack_deadline_s,
            )
            status = response.status_code
            outcome = "delivered" if status == 200 else f"http_{status}"
        except httpx.HTTPError as exc:
            outcome = f"error_{type(exc).__name__}"
        self._record(n, outcome, status)
        if outcome != "delivered":
            self._retry(n, status)

    def _retry(self, n: MlNotification, status: int | None) -> None:
        index = max(0, n.attempts - 1)
        if index >= len(RETRY_S):
            log.warning(
                "notification %s %s lost after %d attempts", n.topic, n.resource, n.attempts
            )
            self._miss(n, status)
            return

        def again(due: float) -> None:
            n.attempts += 1
            self._queue.put_nowait(n)

        self.at(self.now() + RETRY_S[index], again)

    def _miss(self, n: MlNotification, status: int | None) -> None:
        """Into the missed feeds: the notification's fields, and how its delivery failed."""
        message = {k: v for k, v in self.body(n).items() if k not in ("_id", "actions")}
        message["request"] = {"url": WEBHOOK_PATH}
        message["response"] = {"req_time": None, "http_code": status}
        self.missed.append((self.now(), message))

    def missed_feeds(self) -> list[dict[str, Any]]:
        """The missed feeds still kept, oldest first."""
        horizon = self.now() - MISSED_KEPT_S
        while self.missed and self.missed[0][0] < horizon:
            self.missed.popleft()
        return [message for _, message in self.missed]

    def _record(self, n: MlNotification, outcome: str, status: int | None) -> None:
        self.log.append(
            {
                "_id": n.id,
                "topic": n.topic,
                "resource": n.resource,
                "attempts": n.attempts,
                "outcome": outcome,
                "status_code": status,
                "at": _utc(self.now()),
            }
        )
