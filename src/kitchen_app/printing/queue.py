"""The print queue: journaled jobs, one at a time per printer, on the engine's asyncio loop.

Rules (DESIGN §6.5, docs/printing.md "The journal's rules"):

* every copy of every ticket is a job in the desk store's journal before anything is sent;
* a send that put nothing on the wire is retried with backoff, up to ``max_attempts``;
* once bytes went out, a failure is never retried automatically. A timeout after bytes went
  out asks the printer's status where it answers: all well → ``printed``; a problem →
  ``failed`` (bytes sent); no answer → ``uncertain``, until the operator says what happened;
* a failed job stays visible; ``retry`` prints it again, on a backup printer if asked. When
  bytes of it may be on paper (uncertain, failed after sending, printed) the retry is a new
  job marked as a reprint, printed with the reprint mark;
* on start, jobs a crash left ``printing`` become ``uncertain``.

Blocking sends run in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo

from kitchen_app.domain import Order, PrintJobState
from kitchen_app.domain.keys import OrderKey

from .documents import Document, ticket_document
from .errors import NothingSent, PrinterError, PrinterFault, SentUnconfirmed
from .jobs import (
    AutoPrintPolicy,
    JobChange,
    PrintJobLike,
    PrintJournal,
    PrintQueueError,
    Recovery,
)
from .settings import PrinterSettings
from .status import PrinterState
from .targets import PrinterTarget, target_for

__all__ = [
    "AutoPrintPolicy",
    "JobChange",
    "PrintJobLike",
    "PrintJournal",
    "PrintQueue",
    "PrintQueueError",
    "Recovery",
]

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    job_id: int
    key: OrderKey | None
    kind: str
    copy: int
    reprint: bool
    document: Document
    attempts: int = 0  # over the job's life (the journal's count)
    reached_printer: bool = False  # a send began: bytes may be on paper

    def __post_init__(self) -> None:
        # An operator's retry gets a fresh budget of automatic attempts.
        self.first_attempt = self.attempts


class PrintQueue:
    def __init__(
        self,
        journal: PrintJournal,
        printers: Iterable[PrinterSettings],
        *,
        targets: Callable[[PrinterSettings], PrinterTarget] = target_for,
        on_change: Callable[[JobChange], None] | None = None,
        on_printer_state: Callable[[str, PrinterState | None], None] | None = None,
        max_attempts: int = 4,
        backoff: tuple[float, ...] = (0.5, 2.0, 5.0),
    ) -> None:
        self._journal = journal
        self._printers: dict[str, PrinterSettings] = {}
        self._targets = targets
        self._on_change = on_change
        self._on_printer_state = on_printer_state
        self._max_attempts = max(1, max_attempts)
        self._backoff = backoff or (0.0,)
        self._queues: dict[str, asyncio.Queue[_Pending]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._pending: dict[int, _Pending] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        self.set_printers(printers)

    # -- configuration -------------------------------------------------------------------

    def set_printers(self, printers: Iterable[PrinterSettings]) -> None:
        """New printer settings (jobs already queued keep their printer's name)."""
        self._printers = {p.name: p for p in printers}

    @property
    def printers(self) -> Mapping[str, PrinterSettings]:
        return dict(self._printers)

    def printers_for(self, kind: str) -> list[PrinterSettings]:
        """The printers a ticket kind is routed to (their ``copies`` for it above 0)."""
        return [p for p in self._printers.values() if p.copies_of(kind) > 0]

    def _printer(self, name: str) -> PrinterSettings:
        try:
            return self._printers[name]
        except KeyError:
            raise PrintQueueError(f"no printer named {name!r}") from None

    # -- life cycle ----------------------------------------------------------------------

    async def start(self) -> Recovery:
        """Turn jobs a crash left ``printing`` into ``uncertain``; report queued ones."""
        uncertain: list[int] = []
        for job in self._journal.print_jobs_in_states([PrintJobState.PRINTING]):
            self._journal.set_print_job_state(
                job.id,
                PrintJobState.UNCERTAIN,
                error="the desk stopped while this ticket was printing",
            )
            uncertain.append(job.id)
            self._notify(
                job.id, job.order_key, job.kind, job.printer, PrintJobState.UNCERTAIN, None
            )
        queued = [
            job.id
            for job in self._journal.print_jobs_in_states([PrintJobState.QUEUED])
            if job.id not in self._pending
        ]
        if uncertain:
            log.warning("print jobs left printing by a crash, now uncertain: %s", uncertain)
        return Recovery(tuple(uncertain), tuple(queued))

    async def close(self) -> None:
        """Stop the workers. Jobs not yet sent stay ``queued`` in the journal."""
        workers = list(self._workers.values())
        for task in workers:
            task.cancel()
        for task in workers:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._workers.clear()
        self._queues.clear()

    async def wait_idle(self) -> None:
        """Until every job handed to the queue has reached a resting state."""
        await self._idle.wait()

    # -- submitting ----------------------------------------------------------------------

    async def submit(
        self,
        key: OrderKey | None,
        kind: str,
        document: Document,
        *,
        printer: str,
        copies: int = 1,
        reprint: bool = False,
    ) -> list[int]:
        """Journal ``copies`` jobs for one printer and queue them; returns their ids."""
        self._printer(printer)
        if not 1 <= copies <= 9:
            raise PrintQueueError(f"copies must be 1-9, not {copies}")
        ids: list[int] = []
        for copy in range(1, copies + 1):
            job_id = self._journal.add_print_job(key, kind, printer, copy, reprint=reprint)
            self._notify(job_id, key, kind, printer, PrintJobState.QUEUED, None)
            self._enqueue(printer, _Pending(job_id, key, kind, copy, reprint, document))
            ids.append(job_id)
        return ids

    async def print_order(
        self,
        order: Order,
        kind: str,
        *,
        locale: str = "es-AR",
        tz: tzinfo | None = None,
        reprint: bool = False,
        printer: str | None = None,
        copies: int | None = None,
    ) -> list[int]:
        """Print an order's ticket on the named printer (one copy unless told), or on every
        printer the kind is routed to with their copies. A reprint prints one copy."""
        document = ticket_document(order, kind, locale=locale, tz=tz)
        if printer is not None:
            return await self.submit(
                order.key, kind, document, printer=printer, copies=copies or 1, reprint=reprint
            )
        routed = self.printers_for(kind)
        if not routed:
            raise PrintQueueError(f"no printer prints {kind} tickets")
        ids: list[int] = []
        for settings in routed:
            count = 1 if reprint else (copies if copies is not None else settings.copies_of(kind))
            if count > 0:
                ids += await self.submit(
                    order.key,
                    kind,
                    document,
                    printer=settings.name,
                    copies=count,
                    reprint=reprint,
                )
        return ids

    async def auto_print(
        self,
        order: Order,
        policy: AutoPrintPolicy,
        *,
        locale: str = "es-AR",
        tz: tzinfo | None = None,
    ) -> list[int]:
        """What the policy prints when an order is accepted (nothing when disabled)."""
        if not policy.enabled:
            return []
        ids: list[int] = []
        for kind in policy.kinds:
            if not self.printers_for(kind):
                log.warning("auto-print: no printer for %s tickets", kind)
                continue
            ids += await self.print_order(
                order, kind, locale=locale, tz=tz, copies=policy.copies.get(kind)
            )
        return ids

    # -- operator decisions --------------------------------------------------------------

    async def retry(self, job_id: int, document: Document, *, printer: str | None = None) -> int:
        """Print a job again, on ``printer`` if given (a backup). Returns the job printing it:
        the same one when nothing of it reached paper, else a new job marked as a reprint."""
        job = self._job(job_id)
        target = printer or job.printer
        self._printer(target)
        state = PrintJobState(job.state)
        if state is PrintJobState.PRINTING or job_id in self._pending:
            raise PrintQueueError(f"print job {job_id} is still in the queue")
        maybe_on_paper = state in (PrintJobState.UNCERTAIN, PrintJobState.PRINTED) or (
            state is PrintJobState.FAILED and job.bytes_sent
        )
        if state is PrintJobState.CANCELLED:
            # A cancelled job is closed in the journal: printing it after all is a new job.
            (new_id,) = await self.submit(
                job.order_key, job.kind, document, printer=target, reprint=job.reprint
            )
            return new_id
        if not maybe_on_paper:
            self._journal.set_print_job_state(
                job_id, PrintJobState.QUEUED, error=None, printer=target
            )
            self._notify(job_id, job.order_key, job.kind, target, PrintJobState.QUEUED, None)
            self._enqueue(
                target,
                _Pending(
                    job_id,
                    job.order_key,
                    job.kind,
                    job.copy,
                    job.reprint,
                    document,
                    attempts=job.attempts,
                ),
            )
            return job_id
        (new_id,) = await self.submit(
            job.order_key, job.kind, document, printer=target, reprint=True
        )
        if state is PrintJobState.UNCERTAIN:
            self._journal.set_print_job_state(
                job_id,
                PrintJobState.FAILED,
                error=f"not printed (operator); reprinted as job {new_id}",
            )
            self._notify(job_id, job.order_key, job.kind, job.printer, PrintJobState.FAILED, None)
        return new_id

    async def resolve_uncertain(self, job_id: int, *, printed: bool) -> None:
        """The operator looked at the printer: it printed, or it did not."""
        job = self._job(job_id)
        if PrintJobState(job.state) is not PrintJobState.UNCERTAIN:
            raise PrintQueueError(f"print job {job_id} is {job.state}, not uncertain")
        state = PrintJobState.PRINTED if printed else PrintJobState.FAILED
        error = None if printed else "not printed (operator)"
        self._journal.set_print_job_state(job_id, state, error=error)
        self._notify(job_id, job.order_key, job.kind, job.printer, state, error)

    async def cancel(self, job_id: int) -> None:
        """Drop a job that is queued or failed (it will not print)."""
        job = self._job(job_id)
        state = PrintJobState(job.state)
        if state not in (PrintJobState.QUEUED, PrintJobState.FAILED):
            raise PrintQueueError(f"print job {job_id} is {job.state}; it cannot be cancelled")
        pending = self._pending.pop(job_id, None)
        if pending is not None:
            pending.document = _cancelled
        self._journal.set_print_job_state(job_id, PrintJobState.CANCELLED)
        self._notify(job_id, job.order_key, job.kind, job.printer, PrintJobState.CANCELLED, None)
        self._update_idle()

    def _job(self, job_id: int) -> PrintJobLike:
        job = self._journal.print_job(job_id)
        if job is None:
            raise PrintQueueError(f"no print job {job_id}")
        return job

    # -- the workers ---------------------------------------------------------------------

    def _enqueue(self, printer: str, pending: _Pending) -> None:
        self._pending[pending.job_id] = pending
        self._idle.clear()
        queue = self._queues.get(printer)
        if queue is None:
            queue = self._queues[printer] = asyncio.Queue()
            self._workers[printer] = asyncio.create_task(
                self._worker(printer, queue), name=f"print-{printer}"
            )
        queue.put_nowait(pending)

    async def _worker(self, printer: str, queue: asyncio.Queue[_Pending]) -> None:
        while True:
            pending = await queue.get()
            try:
                if self._pending.get(pending.job_id) is pending:
                    await self._run(printer, pending)
            except Exception:  # a bug must not kill the printer's worker
                log.exception("print job %s crashed", pending.job_id)
                if pending.reached_printer:
                    # Bytes may be on paper: the operator decides, never an automatic reprint.
                    self._set(
                        pending,
                        printer,
                        PrintJobState.UNCERTAIN,
                        error="internal error",
                        bytes_sent=True,
                    )
                else:
                    self._set(pending, printer, PrintJobState.FAILED, error="internal error")
            finally:
                if self._pending.get(pending.job_id) is pending:
                    del self._pending[pending.job_id]
                self._update_idle()

    async def _run(self, printer: str, job: _Pending) -> None:
        settings = self._printers.get(printer)
        if settings is None:  # removed from the settings while the job waited
            self._set(
                job,
                printer,
                PrintJobState.FAILED,
                error=f"no printer named {printer!r}",
                bytes_sent=False,
            )
            return
        try:
            # Rendering (a PDF with its QR) takes milliseconds: off the engine's loop.
            data = await asyncio.to_thread(job.document, settings, job.reprint)
        except PrinterError as exc:
            self._set(job, printer, PrintJobState.FAILED, error=exc.message, bytes_sent=False)
            return
        except ValueError as exc:
            self._set(
                job, printer, PrintJobState.FAILED, error=f"cannot render: {exc}", bytes_sent=False
            )
            return
        target = self._targets(settings)
        while True:
            job.attempts += 1
            job.reached_printer = True
            self._set(job, printer, PrintJobState.PRINTING)
            try:
                await asyncio.to_thread(target.send, data)
            except NothingSent as exc:
                if exc.retryable and job.attempts - job.first_attempt < self._max_attempts:
                    delay = self._backoff[min(job.attempts - 1, len(self._backoff) - 1)]
                    log.info("print job %s: %s; retry in %.1f s", job.job_id, exc.message, delay)
                    self._set(
                        job, printer, PrintJobState.QUEUED, error=exc.message, bytes_sent=False
                    )
                    await asyncio.sleep(delay)
                    if self._pending.get(job.job_id) is not job:
                        return  # cancelled while waiting
                    continue
                self._set(job, printer, PrintJobState.FAILED, error=exc.message, bytes_sent=False)
            except SentUnconfirmed as exc:
                await self._settle_unconfirmed(job, printer, target, exc)
            except PrinterFault as exc:
                self._printer_state(printer, exc.state)
                self._set(
                    job, printer, PrintJobState.FAILED, error=exc.message, bytes_sent=exc.sent
                )
            except PrinterError as exc:
                self._set(
                    job, printer, PrintJobState.FAILED, error=exc.message, bytes_sent=exc.sent
                )
            else:
                self._set(job, printer, PrintJobState.PRINTED, error=None, bytes_sent=True)
            return

    async def _settle_unconfirmed(
        self, job: _Pending, printer: str, target: PrinterTarget, exc: SentUnconfirmed
    ) -> None:
        # The status asked now says how the printer is, not whether *this* ticket printed:
        # a printer that is ready after a broken link may have dropped the ticket. Only a
        # fault settles it (failed, the printer may print its buffer once fixed); anything
        # else waits for the operator.
        state = await asyncio.to_thread(target.status)
        self._printer_state(printer, state)
        if state is None or state.ok:
            self._set(job, printer, PrintJobState.UNCERTAIN, error=exc.message, bytes_sent=True)
        else:
            error = f"{exc.message}; printer reports {state.describe()}"
            self._set(job, printer, PrintJobState.FAILED, error=error, bytes_sent=True)

    def _set(
        self,
        job: _Pending,
        printer: str,
        state: PrintJobState,
        *,
        error: str | None = None,
        bytes_sent: bool | None = None,
    ) -> None:
        self._journal.set_print_job_state(
            job.job_id,
            state,
            error=error,
            bytes_sent=bytes_sent,
            attempts=job.attempts,
            printer=printer,
        )
        if state in (PrintJobState.FAILED, PrintJobState.UNCERTAIN):
            log.warning("print job %s on %s: %s (%s)", job.job_id, printer, state.value, error)
        self._notify(job.job_id, job.key, job.kind, printer, state, error)

    def _notify(
        self,
        job_id: int,
        key: OrderKey | None,
        kind: str,
        printer: str,
        state: PrintJobState,
        error: str | None,
    ) -> None:
        if self._on_change is None:
            return
        try:
            self._on_change(JobChange(job_id, key, kind, printer, state, error))
        except Exception:
            log.exception("print job listener failed")

    def _printer_state(self, printer: str, state: PrinterState | None) -> None:
        if self._on_printer_state is None:
            return
        try:
            self._on_printer_state(printer, state)
        except Exception:
            log.exception("printer state listener failed")

    def _update_idle(self) -> None:
        if not self._pending:
            self._idle.set()


def _cancelled(printer: PrinterSettings, reprint: bool) -> bytes:
    raise NothingSent("cancelled", printer=printer.name, retryable=False)
