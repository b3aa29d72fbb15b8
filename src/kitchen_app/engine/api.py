"""What the engine tells its listener, and what its callers may ask of it.

The engine runs on its own thread with an asyncio loop (DESIGN §4). It calls an
``EngineListener`` from that thread; the UI's bridge turns each call into a queued Qt signal,
tests and benchmarks record them. Commands are thread-safe and return a
``concurrent.futures.Future`` that the caller may wait on (tests) or attach a callback to (UI).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Protocol

from kitchen_app.channels.base import ActionSpec, Params
from kitchen_app.domain import Order, TimelineEntry
from kitchen_app.domain.actions import StorePause
from kitchen_app.domain.json import JSONValue
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.settings import Choice
from kitchen_app.engine.links import LinkStart, LinkState
from kitchen_app.store.records import (
    ActionRecord,
    LoadingOrder,
    OrderSummary,
    PrintJobRecord,
    UnresolvedNotification,
)

__all__ = [
    "ActionOutcome",
    "ActionOutcomeState",
    "ActionRecord",
    "ApiHealth",
    "DeskHealth",
    "EngineCommands",
    "EngineListener",
    "EngineReader",
    "FeedState",
    "FeedStatus",
    "LinkStart",
    "LinkState",
    "LoadingOrder",
    "NullListener",
    "OrderSummary",
    "PrintJobRecord",
    "PrinterStatus",
    "StorePause",
    "UnresolvedNotification",
]


class FeedStatus(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # relay unreachable; retrying
    AUTH_FAILED = "auth_failed"  # the relay refused the desk token
    DISABLED = "disabled"  # no relay configured


@dataclass(frozen=True, slots=True)
class FeedState:
    status: FeedStatus
    since: datetime | None = None  # when this status began
    last_event_at: datetime | None = None  # when the last relay event arrived
    message: str | None = None  # one line for the status bar
    pending_actions: int = 0  # actions waiting on the marketplace


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    name: str
    ok: bool
    message: str | None = None


@dataclass(frozen=True, slots=True)
class ApiHealth:
    """What the desk knows of one marketplace API (the last calls' outcome)."""

    channel: str
    ok: bool | None  # None: not tried yet
    message: str | None = None  # one line for staff when not ok (wrong address, token refused…)
    since: datetime | None = None
    relink: bool = False  # the relay's link for this channel expired: staff must link again


@dataclass(frozen=True, slots=True)
class DeskHealth:
    """Everything the status bar's health light needs; green only when all is well.

    ``loading_orders``: announced orders whose details could not be read yet (shown as
    "details loading"); ``parked_orders``: orders given up by the fast retries and left to
    reconciliation; ``unresolved``: notifications whose order could not be identified;
    ``unprinted_jobs``: print jobs failed or uncertain, waiting for the operator;
    ``missed_while_offline``: keys of orders that arrived and expired while the desk was
    offline, until the operator acknowledges them.
    """

    feed: FeedState
    apis: tuple[ApiHealth, ...] = ()
    printers: tuple[PrinterStatus, ...] = ()
    loading_orders: int = 0
    parked_orders: int = 0
    unresolved: int = 0
    unprinted_jobs: int = 0
    pauses: tuple[StorePause, ...] = ()
    missed_while_offline: tuple[OrderKey, ...] = ()

    @property
    def all_well(self) -> bool:
        return (
            self.feed.status is FeedStatus.ONLINE
            and not self.feed.message
            and all(api.ok is not False for api in self.apis)
            and all(p.ok for p in self.printers)
            and not (
                self.loading_orders
                or self.parked_orders
                or self.unresolved
                or self.unprinted_jobs
                or self.pauses
                or self.missed_while_offline
            )
        )


class EngineListener(Protocol):
    """Called on the engine thread. Implementations must not block."""

    def order_added(self, key: OrderKey) -> None: ...

    def order_changed(self, key: OrderKey) -> None: ...

    def feed_state_changed(self, state: FeedState) -> None: ...

    def action_changed(self, key: OrderKey, action_id: int) -> None: ...

    def print_job_changed(self, key: OrderKey | None, job_id: int) -> None: ...

    def printer_state_changed(self, status: PrinterStatus) -> None: ...

    def health_changed(self, health: DeskHealth) -> None:
        """The desk's health changed (any field of DeskHealth)."""
        ...

    def loading_orders_changed(self) -> None:
        """The set of "details loading" orders changed (DeskReader.loading_orders())."""
        ...

    def unresolved_changed(self) -> None:
        """The unresolved notifications changed (DeskReader.unresolved_notifications())."""
        ...


class NullListener:
    """A listener that ignores everything."""

    def order_added(self, key: OrderKey) -> None:
        pass

    def order_changed(self, key: OrderKey) -> None:
        pass

    def feed_state_changed(self, state: FeedState) -> None:
        pass

    def action_changed(self, key: OrderKey, action_id: int) -> None:
        pass

    def print_job_changed(self, key: OrderKey | None, job_id: int) -> None:
        pass

    def printer_state_changed(self, status: PrinterStatus) -> None:
        pass

    def health_changed(self, health: DeskHealth) -> None:
        pass

    def loading_orders_changed(self) -> None:
        pass

    def unresolved_changed(self) -> None:
        pass


class ActionOutcomeState(StrEnum):
    CONFIRMED = "confirmed"  # the marketplace did it
    PENDING = "pending"  # could not reach the marketplace yet; the engine keeps trying
    FAILED = "failed"  # the marketplace refused (message says why) or it is not allowed


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    action_id: int | None  # None when refused before anything was journaled
    state: ActionOutcomeState
    message: str | None = None


class EngineCommands(Protocol):
    """What the UI may ask. Every call is thread-safe and returns at once."""

    def run_action(self, key: OrderKey, action: str, params: Params) -> Future[ActionOutcome]:
        """The one action path: an action the order's plug-in offers, with its parameters
        (checked against its ParamSpecs before anything is journaled)."""
        ...

    def available_actions(self, key: OrderKey) -> Future[tuple[ActionSpec, ...]]:
        """What may be done with the order now: its plug-in decides."""
        ...

    def action_choices(self, key: OrderKey, action: str, param: str) -> Future[tuple[Choice, ...]]:
        """The choices of a CHOICE parameter now (``from_network``: asked of the marketplace)."""
        ...

    def print_ticket(
        self, key: OrderKey, kind: str, *, reprint: bool = False, printer: str | None = None
    ) -> Future[list[int]]:
        """Queue a ticket ("kitchen" | "receipt" | "label_pdf"); returns the job ids."""
        ...

    def retry_print(self, job_id: int, *, printer: str | None = None) -> Future[int]:
        """Print a failed or uncertain job again (an operator's explicit decision)."""
        ...

    def resolve_uncertain_print(self, job_id: int, *, printed: bool) -> Future[None]: ...

    def print_calibration(self, printer: str) -> Future[int]: ...

    def set_setting(self, key: str, value: JSONValue) -> Future[None]: ...

    def reconcile_now(self) -> Future[None]: ...

    def reopen_store(self, channel: str, store_id: str) -> Future[ActionOutcome]:
        """Ask the marketplace to take orders again in a paused store (never ``disabled``)."""
        ...

    def dismiss_unresolved(self, notification_id: int) -> Future[None]:
        """The operator has seen an unresolved notification; it leaves the alert."""
        ...

    def acknowledge_missed(self) -> Future[None]:
        """The operator has seen the "while you were offline" list."""
        ...

    def link_states(self) -> Future[tuple[LinkState, ...]]:
        """Each marketplace's link at the relay (``GET /v1/links``); fails with a
        ``RelayError`` when there is no relay or it cannot be asked."""
        ...

    def start_link(self, channel: str) -> Future[LinkStart]:
        """A fresh authorization address for linking ``channel`` (``POST /v1/links/…``),
        for the browser."""
        ...


class EngineReader(Protocol):
    """What the UI reads of the desk's state, on its own thread (the store's ``DeskReader``
    answers it from the database the engine writes): today's list, one order, its journal,
    settings, and what the desk could not read or match yet."""

    def orders_of_day(self, day: date, tz: tzinfo) -> list[OrderSummary]: ...

    def order_summary(self, key: OrderKey) -> OrderSummary | None: ...

    def get_order(self, key: OrderKey) -> Order | None: ...

    def timeline(self, key: OrderKey) -> list[TimelineEntry]: ...

    def actions(self, key: OrderKey) -> list[ActionRecord]: ...

    def print_jobs(self, key: OrderKey) -> list[PrintJobRecord]: ...

    def get_setting(self, key: str, default: JSONValue = None) -> JSONValue: ...

    def loading_orders(self) -> list[LoadingOrder]: ...

    def unresolved_notifications(
        self, include_dismissed: bool = False
    ) -> list[UnresolvedNotification]: ...
