"""What the engine tells its listener, and what its callers may ask of it.

The engine runs on its own thread with an asyncio loop (DESIGN §4). It calls an
``EngineListener`` from that thread; the UI's bridge turns each call into a queued Qt signal,
tests and benchmarks record them. Commands are thread-safe and return a
``concurrent.futures.Future`` that the caller may wait on (tests) or attach a callback to (UI).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from kitchen_app.channels.base import CancelReason

__all__ = [
    "ActionOutcome",
    "ActionOutcomeState",
    "EngineCommands",
    "EngineListener",
    "FeedState",
    "FeedStatus",
    "NullListener",
    "PrinterStatus",
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


class EngineListener(Protocol):
    """Called on the engine thread. Implementations must not block."""

    def order_added(self, key: str) -> None: ...

    def order_changed(self, key: str) -> None: ...

    def feed_state_changed(self, state: FeedState) -> None: ...

    def action_changed(self, key: str, action_id: int) -> None: ...

    def print_job_changed(self, key: str, job_id: int) -> None: ...

    def printer_state_changed(self, status: PrinterStatus) -> None: ...


class NullListener:
    """A listener that ignores everything."""

    def order_added(self, key: str) -> None:
        pass

    def order_changed(self, key: str) -> None:
        pass

    def feed_state_changed(self, state: FeedState) -> None:
        pass

    def action_changed(self, key: str, action_id: int) -> None:
        pass

    def print_job_changed(self, key: str, job_id: int) -> None:
        pass

    def printer_state_changed(self, status: PrinterStatus) -> None:
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

    def accept(self, key: str) -> Future[ActionOutcome]: ...

    def cancel(self, key: str, reason: CancelReason | None) -> Future[ActionOutcome]: ...

    def cancellation_reasons(self, key: str) -> Future[list[CancelReason]]: ...

    def mark_ready(self, key: str) -> Future[ActionOutcome]: ...

    def print_ticket(
        self, key: str, kind: str, *, reprint: bool = False, printer: str | None = None
    ) -> Future[list[int]]:
        """Queue a ticket ("kitchen" | "receipt" | "label_pdf"); returns the job ids."""
        ...

    def retry_print(self, job_id: int, *, printer: str | None = None) -> Future[int]:
        """Print a failed or uncertain job again (an operator's explicit decision)."""
        ...

    def resolve_uncertain_print(self, job_id: int, *, printed: bool) -> Future[None]: ...

    def print_calibration(self, printer: str) -> Future[int]: ...

    def set_setting(self, key: str, value: Any) -> Future[None]: ...

    def reconcile_now(self) -> Future[None]: ...
