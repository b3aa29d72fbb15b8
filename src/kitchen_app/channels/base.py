"""The one small protocol every marketplace client implements (DESIGN §3).

The engine only ever talks to a ``ChannelClient``; each channel module maps its own JSON
into ``domain.Order`` and keeps the raw JSON beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kitchen_app.domain import Channel, Order

__all__ = ["CancelReason", "ChannelClient", "FetchedOrder"]


@dataclass(frozen=True, slots=True)
class CancelReason:
    id: str
    value: str
    message: str  # what staff read in the cancel dialog

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "value": self.value, "message": self.message}


@dataclass(frozen=True, slots=True)
class FetchedOrder:
    order: Order
    raw: dict[str, Any] = field(repr=False)


@runtime_checkable
class ChannelClient(Protocol):
    channel: Channel

    def order_id_from_event(self, topic: str, resource: str) -> str | None:
        """The order id a webhook's resource names, or None when the event is not an order's."""
        ...

    async def fetch_order(self, order_id: str) -> FetchedOrder: ...

    async def accept(self, order_id: str) -> None: ...

    async def cancellation_reasons(self, order_id: str) -> list[CancelReason]: ...

    async def cancel(self, order_id: str, reason: CancelReason | None) -> None: ...

    async def receipt_pdf(self, order_id: str) -> bytes: ...

    async def mark_ready(self, order_id: str) -> None: ...

    async def aclose(self) -> None: ...
