"""A listener that records what the engine announced, for the headless runner, tests and
benchmarks. Thread-safe; ``wait_for`` blocks (bounded) until a condition holds."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import DeskHealth, FeedState, PrinterStatus

__all__ = ["Announcement", "RecordingListener"]


@dataclass(frozen=True, slots=True)
class Announcement:
    kind: str  # order_added | order_changed | feed_state | action | print_job | printer
    key: OrderKey | None
    at: float = field(default_factory=time.perf_counter)  # perf_counter when announced
    detail: object = None


class RecordingListener:
    def __init__(self, on_announce: Callable[[Announcement], None] | None = None) -> None:
        self._cond = threading.Condition()
        self.announcements: list[Announcement] = []
        self.feed_states: list[FeedState] = []
        self._on_announce = on_announce

    def _add(self, item: Announcement) -> None:
        with self._cond:
            self.announcements.append(item)
            if isinstance(item.detail, FeedState):
                self.feed_states.append(item.detail)
            self._cond.notify_all()
        if self._on_announce is not None:
            self._on_announce(item)

    def order_added(self, key: OrderKey) -> None:
        self._add(Announcement("order_added", key))

    def order_changed(self, key: OrderKey) -> None:
        self._add(Announcement("order_changed", key))

    def feed_state_changed(self, state: FeedState) -> None:
        self._add(Announcement("feed_state", None, detail=state))

    def action_changed(self, key: OrderKey, action_id: int) -> None:
        self._add(Announcement("action", key, detail=action_id))

    def print_job_changed(self, key: OrderKey | None, job_id: int) -> None:
        self._add(Announcement("print_job", key, detail=job_id))

    def printer_state_changed(self, status: PrinterStatus) -> None:
        self._add(Announcement("printer", None, detail=status))

    def health_changed(self, health: DeskHealth) -> None:
        self._add(Announcement("health", None, detail=health))

    def loading_orders_changed(self) -> None:
        self._add(Announcement("loading_orders", None))

    def unresolved_changed(self) -> None:
        self._add(Announcement("unresolved", None))

    def keys(self, kind: str) -> list[OrderKey]:
        with self._cond:
            return [a.key for a in self.announcements if a.kind == kind and a.key is not None]

    @property
    def last_feed_state(self) -> FeedState | None:
        with self._cond:
            return self.feed_states[-1] if self.feed_states else None

    def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Wait until ``condition()`` is true (checked on every announcement and at least
        every 50 ms); False when the timeout passed first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.05))
            return True
