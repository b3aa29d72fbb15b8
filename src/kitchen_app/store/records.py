"""What the store hands out: frozen records and the journal states (DESIGN §6.4, §6.5)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from kitchen_app.domain import Money, OrderKey, PrintJobState, Stage, StatusPair, TimelineEntry

__all__ = [
    "ActionRecord",
    "ActionState",
    "LoadingOrder",
    "OrderChange",
    "OrderSummary",
    "PrintJobKind",
    "PrintJobRecord",
    "PrintJobState",
    "UnresolvedNotification",
]

log = logging.getLogger(__name__)


class ActionState(StrEnum):
    REQUESTED = "requested"  # staff asked; not yet sent to the marketplace
    SENT = "sent"  # on the wire (or sent and the answer was lost)
    CONFIRMED = "confirmed"  # the marketplace said yes; final
    FAILED = "failed"  # the marketplace said no (error holds its reason); may be retried


class PrintJobKind(StrEnum):
    KITCHEN = "kitchen"
    RECEIPT = "receipt"
    LABEL_PDF = "label_pdf"  # the marketplace's own receipt PDF
    CALIBRATION = "calibration"  # a test page: the only kind without an order


# States a record never leaves: retries make a new row or stop, never rewrite success.
FINAL_ACTION_STATES = frozenset({ActionState.CONFIRMED})
FINAL_PRINT_JOB_STATES = frozenset({PrintJobState.PRINTED, PrintJobState.CANCELLED})
UNFINISHED_ACTION_STATES = frozenset({ActionState.REQUESTED, ActionState.SENT})


@dataclass(frozen=True, slots=True)
class OrderChange:
    """What one apply_order did.

    ``advanced`` is True when the current pair changed (always, for a new order with a status);
    ``updated`` is True when the order row was written at all (new, advanced or fresh details).
    """

    key: OrderKey
    is_new: bool
    advanced: bool
    current: StatusPair
    added: tuple[TimelineEntry, ...]
    updated: bool = True


@dataclass(frozen=True, slots=True)
class OrderSummary:
    """One row of the window's order list, read from columns without parsing the order JSON."""

    key: OrderKey
    channel: str  # the plug-in's channel id
    order_id: str
    display_id: str
    created_at: datetime
    status: StatusPair
    stage: Stage
    is_final: bool
    logistics: str  # the plug-in's raw value, labelled by its Display
    customer_name: str | None
    item_count: int
    total: Money
    accept_deadline: datetime | None  # None where the marketplace has no accept window
    accepted: bool
    pack_id: str | None = None  # a cart's orders share it
    ship_by: datetime | None = None  # the dispatch limit, where the marketplace gives one


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    order_key: OrderKey
    kind: str
    params: dict[str, Any]
    state: ActionState
    attempts: int
    error: str | None
    requested_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PrintJobRecord:
    id: int
    order_key: OrderKey | None  # None only for calibration pages
    kind: PrintJobKind
    printer: str
    copy: int
    reprint: bool
    state: PrintJobState
    attempts: int
    error: str | None
    bytes_sent: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LoadingOrder:
    """An order the relay announced whose details could not be read yet ("details loading").

    ``first_seen`` is when the first notification naming it was received; ``accept_deadline``
    is five minutes after that (None for a channel without an accept window); ``parked`` once
    the fast retries gave up and reconciliation keeps trying. It leaves the list when its
    details are stored (it is then an ordinary order).
    """

    key: OrderKey
    channel: str
    order_id: str
    first_seen: datetime
    accept_deadline: datetime | None
    attempts: int
    last_error: str | None
    parked: bool


@dataclass(frozen=True, slots=True)
class UnresolvedNotification:
    """A notification whose order the desk could not identify; ``raw`` is its body as JSON
    text, kept as it came."""

    id: int
    channel: str
    received_at: datetime
    reason: str
    raw: str
    dismissed: bool
