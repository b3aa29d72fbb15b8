"""The print journal's vocabulary: the store's print-job API as a protocol, and
what the print queue reports (docs/printing.md, "The journal's rules")."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kitchen_app.domain import OrderKey, PrintJobState

__all__ = [
    "AutoPrintPolicy",
    "JobChange",
    "PrintJobLike",
    "PrintJournal",
    "PrintQueueError",
    "Recovery",
]

log = logging.getLogger(__name__)


class PrintJobLike(Protocol):
    """What the queue reads of a journaled job (the store's ``PrintJobRecord``)."""

    @property
    def id(self) -> int: ...
    @property
    def order_key(self) -> OrderKey | None: ...  # None for calibration pages
    @property
    def kind(self) -> str: ...
    @property
    def printer(self) -> str: ...
    @property
    def copy(self) -> int: ...
    @property
    def reprint(self) -> bool: ...
    @property
    def state(self) -> PrintJobState: ...
    @property
    def attempts(self) -> int: ...
    @property
    def bytes_sent(self) -> bool: ...


class PrintJournal(Protocol):
    """The desk store's print-job API (``DeskStore``)."""

    def add_print_job(
        self, key: OrderKey | None, kind: str, printer: str, copy: int, *, reprint: bool
    ) -> int: ...

    def set_print_job_state(
        self,
        job_id: int,
        state: PrintJobState,
        *,
        error: str | None = None,
        bytes_sent: bool | None = None,
        attempts: int | None = None,
        printer: str | None = None,
    ) -> None: ...

    def print_job(self, job_id: int) -> PrintJobLike | None: ...

    def print_jobs_in_states(
        self, states: Collection[PrintJobState]
    ) -> Collection[PrintJobLike]: ...


class PrintQueueError(ValueError):
    """A request the queue cannot do (unknown printer or job, job in the wrong state)."""


@dataclass(frozen=True, slots=True)
class JobChange:
    job_id: int
    key: OrderKey | None
    kind: str
    printer: str
    state: PrintJobState
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Recovery:
    """What ``start`` found: jobs a crash left mid-print (now uncertain) and jobs still
    queued (their documents died with the process: pass them to ``retry`` to print them)."""

    uncertain: tuple[int, ...]
    queued: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AutoPrintPolicy:
    """Which tickets print on accept, and how many copies. ``copies`` overrides, per kind, the
    copies each routed printer's settings ask for."""

    enabled: bool = False
    kinds: tuple[str, ...] = ("kitchen", "receipt")
    copies: Mapping[str, int] = field(default_factory=dict)
