"""What the latency benchmarks share (not a benchmark itself: ``make bench`` skips files that
start with ``_``): an ASGI wrapper that notes when each marketplace notification reaches the
relay, and the percentile they report."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["ArrivalStamp", "latency_line", "percentile"]


class ArrivalStamp:
    """Wraps the relay: ``arrivals[order id] = perf_counter()`` at the first notification on
    ``path`` naming that order (``order_id_of`` reads it from the JSON body, None to skip)."""

    def __init__(self, app: Any, path: str, order_id_of: Callable[[Any], str | None]) -> None:
        self.app = app
        self.path = path
        self.order_id_of = order_id_of
        self.arrivals: dict[str, float] = {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        arrived = time.perf_counter()
        chunks: list[bytes] = []

        async def recording_receive() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    order_id = self.order_id_of(json.loads(b"".join(chunks)))
                    if order_id:
                        self.arrivals.setdefault(order_id, arrived)
            return message

        await self.app(scope, recording_receive, send)


def last_path_segment(body: Any) -> str | None:
    """The id at the end of a notification's ``resource`` path (Mercado Pago, Mercado Libre)."""
    resource = body.get("resource") if isinstance(body, dict) else None
    return str(resource).rsplit("/", 1)[-1] if resource else None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def latency_line(what: str, latencies: list[float]) -> str:
    """The latency benchmarks' one printed line (DESIGN §8's targets)."""
    return (
        f"{what} over {len(latencies)} orders: "
        f"p50 {statistics.median(latencies):.1f} ms, p90 {percentile(latencies, 90):.1f} ms, "
        f"p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms "
        "(target p50 ≤ 20 ms, p99 ≤ 100 ms)"
    )
