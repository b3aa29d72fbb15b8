"""Exponential backoff with jitter, for reconnects and retries."""

from __future__ import annotations

import random

__all__ = ["Backoff"]


class Backoff:
    def __init__(self, initial: float = 0.5, maximum: float = 30.0, factor: float = 2.0) -> None:
        self._initial = initial
        self._maximum = maximum
        self._factor = factor
        self._next = initial

    def next(self) -> float:
        """The next delay: grows to the maximum, with ±20 % jitter so desks don't stampede."""
        delay = self._next
        self._next = min(self._next * self._factor, self._maximum)
        return delay * random.uniform(0.8, 1.2)

    def reset(self) -> None:
        self._next = self._initial
