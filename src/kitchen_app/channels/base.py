"""The one small protocol every marketplace client implements (DESIGN §3).

The engine only ever talks to a ``ChannelClient``; each channel module maps its own JSON
into ``domain.Order`` and keeps the raw JSON beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kitchen_app.domain import Channel, Order

__all__ = ["CancelReason", "ChannelClient", "FetchedOrder", "StoreInfo", "StoreStatusClient"]


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


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """A marketplace store (restaurant branch) and its status.

    Mercado Pago: ``status`` is ``enabled``, ``paused`` (no new orders until reopened; two
    auto-cancelled orders in a row pause a store) or ``disabled`` (closed for good); any other
    value is kept as sent, and ``"unknown"`` when the answer carried none (the stores list).
    """

    store_id: str
    status: str
    name: str | None
    external_id: str | None = None

    @property
    def paused(self) -> bool:
        return self.status == "paused"


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


@runtime_checkable
class StoreStatusClient(Protocol):
    """A channel whose stores can be paused by the marketplace (Mercado Pago Delivery, §9):
    the engine reads the status and reopens with ``set_store_status(store_id, "enabled")``.
    Clients never send ``disabled`` (irreversible)."""

    async def get_store(self, store_id: str) -> StoreInfo: ...

    async def list_stores(self, user_id: str) -> list[StoreInfo]: ...

    async def set_store_status(self, store_id: str, status: str = "enabled") -> StoreInfo: ...
