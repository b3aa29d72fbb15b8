"""Sandbox time and the timers that run on it.

Sandbox time = anchor + real elapsed × speed. Changing the speed re-anchors so time never
jumps; ``advance`` jumps forward on purpose. Timers fire by sandbox time, in due order, each
told the sandbox time it was due so chains of steps keep their own timestamps after a jump.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import time
from collections.abc import Callable

from kitchen_app.channels.sandbox_kit import iso

__all__ = ["SandboxClock", "Scheduler", "iso"]

log = logging.getLogger(__name__)


class SandboxClock:
    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be greater than 0")
        self._speed = speed
        self._anchor_sandbox = time.time() if start is None else start
        self._anchor_real = time.monotonic()

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> float:
        return self._anchor_sandbox + (time.monotonic() - self._anchor_real) * self._speed

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be greater than 0")
        self._anchor_sandbox = self.now()
        self._anchor_real = time.monotonic()
        self._speed = speed

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("cannot move sandbox time backwards")
        self._anchor_sandbox += seconds

    def real_seconds_until(self, sandbox_ts: float) -> float:
        return max(0.0, (sandbox_ts - self.now()) / self._speed)


Timer = Callable[[float], None]


class Scheduler:
    """A heap of (due, seq, callback). Callbacks check their own preconditions when they
    fire (an order that changed meanwhile simply ignores a stale timer)."""

    def __init__(self, clock: SandboxClock) -> None:
        self.clock = clock
        self._heap: list[tuple[float, int, Timer]] = []
        self._seq = itertools.count()
        self.on_earlier: Callable[[], None] | None = None  # wakes the ticker

    def at(self, due: float, callback: Timer) -> None:
        earlier = not self._heap or due < self._heap[0][0]
        heapq.heappush(self._heap, (due, next(self._seq), callback))
        if earlier and self.on_earlier is not None:
            self.on_earlier()

    def next_due(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    def fire_due(self) -> int:
        """Run every timer due by now (including ones scheduled by those that run)."""
        fired = 0
        while self._heap and self._heap[0][0] <= self.clock.now():
            due, _, callback = heapq.heappop(self._heap)
            try:
                callback(due)
            except Exception:  # one broken timer must not stop the world
                log.exception("sandbox timer failed")
            fired += 1
        return fired
