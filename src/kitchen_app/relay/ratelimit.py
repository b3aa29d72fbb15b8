"""Per-client token buckets for the relay's unauthenticated routes.

What is limited is chosen so that genuine marketplace traffic can never be shed: /healthz
requests, and webhook requests the relay *refuses* (bad JSON, bad signature…). A valid
webhook is never counted and never limited, whoever sends it and however many; a client
over its budget of refusals only gets 429 instead of 400/401 (and its refusals are no
longer logged or kept), which is what keeps a flood of junk cheap.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["ClientLimiter"]


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class ClientLimiter:
    """``rate`` requests a second per client on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: float, *, max_clients: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._forget_full(now)
            bucket = self._buckets[client] = _Bucket(self.burst, now)
        else:
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True

    def _forget_full(self, now: float) -> None:
        """Drop clients whose bucket has refilled (they lose nothing); if none has, start
        over rather than grow without bound (memory stays bounded under a spoofing flood)."""
        refill = self.burst / self.rate if self.rate > 0 else float("inf")
        stale = [k for k, b in self._buckets.items() if now - b.at >= refill]
        for key in stale:
            del self._buckets[key]
        if len(self._buckets) >= self.max_clients:
            self._buckets.clear()
