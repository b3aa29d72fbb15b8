"""Injected API failures for client fault tests (``POST /_sandbox/faults``).

A rule matches an operation name (the shell's own ``oauth``, ``*``, or one a mounted part
declared through ``SandboxShell.faults``), optionally one order id, and answers the next
``count`` matching calls with its status (after auth, before anything else happens) or holds
them ``delay_s`` real seconds first. The answer is the shell's generic error body.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from kitchen_app.channels.sandbox_kit import SandboxError, bad_request

__all__ = ["SHELL_OPERATIONS", "Fault", "Faults"]

log = logging.getLogger(__name__)

SHELL_OPERATIONS = frozenset({"oauth", "*"})  # the token route; any operation
_MESSAGES = {
    424: "Failed to get some information of the order",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
    401: "invalid access token",
    403: "The user does not have access to this resource",
}


@dataclass(slots=True)
class Fault:
    id: int
    match: str
    status: int | None  # None: only delay
    count: int
    retry_after: float | None = None
    order_id: str | None = None
    delay_s: float = 0.0


class Faults:
    def __init__(self) -> None:
        self.rules: list[Fault] = []
        self._ids = itertools.count(1)
        self.operations: set[str] = set(SHELL_OPERATIONS)

    def declare(self, operations: Iterable[str]) -> None:
        self.operations.update(operations)

    def add(self, spec: Any) -> Fault:
        if not isinstance(spec, dict):
            raise bad_request("a fault must be a JSON object")
        match = spec.get("match")
        if match not in self.operations:
            raise bad_request(f"match must be one of {', '.join(sorted(self.operations))}")
        status = spec.get("status")
        if status is not None and (
            isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599
        ):
            raise bad_request("status must be an HTTP error code (400-599)")
        count = spec.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise bad_request("count must be a whole number of at least 1")
        retry_after = spec.get("retry_after")
        if retry_after is not None and (
            isinstance(retry_after, bool)
            or not isinstance(retry_after, int | float)
            or retry_after < 0
        ):
            raise bad_request("retry_after must be a number of seconds")
        delay = spec.get("delay_s", 0.0)
        if isinstance(delay, bool) or not isinstance(delay, int | float) or not 0 <= delay <= 60:
            raise bad_request("delay_s must be from 0 to 60 seconds")
        if status is None and not delay:
            raise bad_request("a fault needs a status, a delay_s or both")
        order_id = spec.get("order_id")
        fault = Fault(
            id=next(self._ids),
            match=match,
            status=status,
            count=count,
            retry_after=retry_after,
            order_id=str(order_id) if order_id is not None else None,
            delay_s=float(delay),
        )
        self.rules.append(fault)
        return fault

    def clear(self) -> int:
        n = len(self.rules)
        self.rules.clear()
        return n

    def as_json(self) -> list[dict[str, Any]]:
        return [asdict(f) for f in self.rules]

    async def apply(self, operation: str, order_id: str | None = None) -> None:
        """Raise the first matching rule's error (using up one of its count)."""
        for fault in self.rules:
            if fault.match not in ("*", operation):
                continue
            if fault.order_id is not None and fault.order_id != order_id:
                continue
            fault.count -= 1
            if fault.count <= 0:
                self.rules.remove(fault)
            if fault.delay_s:
                await asyncio.sleep(fault.delay_s)
            if fault.status is None:
                return
            headers = {}
            if fault.retry_after is not None:
                headers["retry-after"] = str(int(fault.retry_after))
            message = _MESSAGES.get(fault.status, "Injected failure")
            raise SandboxError(fault.status, message, headers=headers)
