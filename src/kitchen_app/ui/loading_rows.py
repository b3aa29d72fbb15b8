"""Rows for orders the relay announced whose details could not be read yet.

An order's time to answer runs from the moment its marketplace announced it, not from when the desk
manages to read it: such an order is listed at once as "New order #id — details loading",
counted as New, with its countdown and the alert (DESIGN §6.8). It carries the attributes
the orders model reads from an order summary, so it sorts, filters and alerts like one; the
real summary replaces it under the same key when ``order_added`` comes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kitchen_app.domain import Money, Stage, StatusPair
from kitchen_app.domain.keys import OrderKey

log = logging.getLogger(__name__)

__all__ = ["LOADING_STATUS", "LoadingRow", "is_loading", "loading_row", "short_id"]

# Not a marketplace status: the chip and the detail pane say "details loading" for it.
LOADING_STATUS = StatusPair("details_loading")


@dataclass(frozen=True)
class LoadingRow:
    key: OrderKey
    channel: str
    order_id: str
    display_id: str
    created_at: datetime  # when the first notification arrived
    accept_deadline: datetime | None  # None where its channel has no accept window
    attempts: int
    last_error: str | None
    parked: bool
    status: StatusPair = LOADING_STATUS
    stage: Stage = Stage.NEW
    is_final: bool = False
    accepted: bool = False
    logistics: str = ""
    customer_name: str | None = None
    item_count: int = 0
    total: Money | None = None
    loading: bool = True
    pack_id: str | None = None  # its cart is known once its details are read


class Announced(Protocol):
    """The fields of a ``store.LoadingOrder`` a loading row is made from."""

    @property
    def key(self) -> OrderKey: ...
    @property
    def channel(self) -> str: ...
    @property
    def order_id(self) -> str: ...
    @property
    def first_seen(self) -> datetime: ...
    @property
    def accept_deadline(self) -> datetime | None: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def parked(self) -> bool: ...


def loading_row(order: Announced) -> LoadingRow:
    """From a ``store.LoadingOrder`` (or anything with its fields)."""
    return LoadingRow(
        key=order.key,
        channel=str(order.channel),
        order_id=str(order.order_id),
        display_id=short_id(str(order.order_id)),
        created_at=order.first_seen,
        accept_deadline=order.accept_deadline,
        attempts=int(order.attempts),
        last_error=order.last_error,
        parked=bool(order.parked),
    )


def short_id(order_id: str) -> str:
    """What the list's narrow order column shows before the marketplace's own short id is
    known: the last digits of the order's id ("…1999"); the whole id is in the tooltip, the
    order's pane and the tray message."""
    return order_id if len(order_id) <= 6 else "…" + order_id[-4:]


def is_loading(summary: object) -> bool:
    return isinstance(summary, LoadingRow)
