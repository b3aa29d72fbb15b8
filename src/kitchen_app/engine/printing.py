"""The engine's side of printing: builds the print queue from the printer settings, prints
tickets of stored orders (offline too: everything comes from the local database), auto-prints
on accept — once per order and kind, never twice by accident — and turns the queue's news into
listener calls."""

from __future__ import annotations

import locale as pylocale
import logging
from datetime import tzinfo

from kitchen_app.channels.base import ActionSpec, Marketplace
from kitchen_app.channels.errors import ChannelError
from kitchen_app.domain import Order
from kitchen_app.domain.carts import cart_order
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import PrinterStatus
from kitchen_app.engine.context import EngineContext
from kitchen_app.printing.documents import (
    Document,
    calibration_document,
    raw_document,
    ticket_document,
)
from kitchen_app.printing.queue import AutoPrintPolicy, JobChange, PrintQueue, PrintQueueError
from kitchen_app.printing.settings import PrinterSettings
from kitchen_app.printing.status import PrinterState
from kitchen_app.store import ActionState, PrintJobState, local_timezone

__all__ = ["PrintError", "PrintService", "ticket_locale"]

log = logging.getLogger(__name__)

_LOCALES = {"es": "es-AR", "pt_BR": "pt-BR", "en": "en"}


class PrintError(ValueError):
    """A print request that cannot be done; one line for staff."""


def ticket_locale(language: str) -> str:
    """The tickets' locale: the language setting, else the system's (es-AR when unknown)."""
    if language in _LOCALES:
        return _LOCALES[language]
    system = (pylocale.getlocale()[0] or "").lower()
    if system.startswith("pt"):
        return "pt-BR"
    if system.startswith("en"):
        return "en"
    return "es-AR"


class PrintService:
    def __init__(self, ctx: EngineContext, tz: tzinfo | None = None) -> None:
        self._ctx = ctx
        self._tz = tz or local_timezone()
        self._queue = PrintQueue(
            ctx.store,  # type: ignore[arg-type]  # the store's records satisfy the journal
            self._printer_settings(),
            on_change=self._changed,
            on_printer_state=self._printer_state,
        )

    # ---- life cycle ---------------------------------------------------------------------

    async def start(self) -> None:
        recovery = await self._queue.start()
        # Queued jobs lost their documents with the process that made them: print them now,
        # they never reached the printer.
        for job_id in recovery.queued:
            try:
                await self.retry(job_id)
            except (PrintError, PrintQueueError) as exc:
                log.warning("queued print job %s not resumed: %s", job_id, exc)

    async def stop(self) -> None:
        await self._queue.close()

    def reload_printers(self) -> None:
        self._queue.set_printers(self._printer_settings())

    def _printer_settings(self) -> list[PrinterSettings]:
        printers: list[PrinterSettings] = []
        for data in self._ctx.setting("printers") or []:
            try:
                printers.append(PrinterSettings.from_dict(data))
            except ValueError as exc:
                log.error("printer setting ignored: %s", exc)
        return printers

    @property
    def _locale(self) -> str:
        return ticket_locale(str(self._ctx.setting("language") or ""))

    # ---- requests -------------------------------------------------------------------------

    def _ticketed(self, order: Order) -> Order:
        """What a ticket of ``order`` prints: the whole cart when it belongs to one (the
        orders sharing its ``pack_id``: one kitchen ticket, one receipt, journaled under the
        cart's first order), else the order itself."""
        if order.pack_id is None:
            return order
        orders = self._ctx.store.orders_of_pack(order.pack_id)
        if len(orders) < 2 or order.key not in {o.key for o in orders}:
            return order
        try:
            return cart_order(orders)
        except ValueError as exc:  # mixed currencies: each order prints alone
            log.warning("cart %s printed order by order: %s", order.pack_id, exc)
            return order

    def _document(self, key: OrderKey, kind: str) -> Document:
        order = self._ctx.store.get_order(key)
        if order is None:
            raise PrintError(f"unknown order {key}")
        return ticket_document(self._ticketed(order), kind, locale=self._locale, tz=self._tz)

    async def print_ticket(
        self, key: OrderKey, kind: str, *, reprint: bool, printer: str | None
    ) -> list[int]:
        if kind == "label_pdf":
            return await self._print_label(key, printer)
        order = self._ctx.store.get_order(key)
        if order is None:
            raise PrintError(f"unknown order {key}")
        order = self._ticketed(order)
        key = order.key
        # A second print of a ticket kind that already printed is a reprint, said so on paper.
        if not reprint and self._already_printed(key, kind):
            reprint = True
        try:
            return await self._queue.print_order(
                order,
                kind,
                locale=self._locale,
                tz=self._tz,
                reprint=reprint,
                printer=printer or self._default_printer(kind),
            )
        except PrintQueueError as exc:
            raise PrintError(str(exc)) from None

    def _document_action(self, key: OrderKey) -> tuple[Marketplace, Order, ActionSpec]:
        """The order's plug-in and the action of it that answers the marketplace's own PDF
        (the stored job kind ``label_pdf``)."""
        order = self._ctx.store.get_order(key)
        if order is None:
            raise PrintError(f"unknown order {key}")
        plugin = self._ctx.plugin(order.channel)
        if plugin is None:
            raise PrintError(f"no {order.channel} connection")
        offered = plugin.actions(order, accepted=True, now=self._ctx.clock())
        spec = next((a for a in offered if a.returns_document), None)
        if spec is None:
            raise PrintError(f"no document of the marketplace for this order ({order.status})")
        return plugin, order, spec

    async def _label_document(self, key: OrderKey) -> Document:
        """The marketplace's own PDF. Asking for it may also accept a new order (Mercado
        Pago's receipt, api notes §4), so it is journaled as an action like an accept."""
        plugin, order, spec = self._document_action(key)
        action_id = self._ctx.store.add_action(key, spec.name, {})
        self._ctx.store.set_action_state(action_id, ActionState.SENT, attempts=1)
        self._ctx.listener.action_changed(key, action_id)
        try:
            result = await plugin.run(spec.name, order, {})
            if result.document is None:
                raise ChannelError("the marketplace answered no document")
        except ChannelError as exc:
            self._ctx.store.set_action_state(action_id, ActionState.FAILED, error=exc.message)
            self._ctx.listener.action_changed(key, action_id)
            raise PrintError(exc.message) from None
        self._ctx.store.set_action_state(action_id, ActionState.CONFIRMED)
        if spec.accepts:
            self._ctx.set_accepted(key)
        self._ctx.listener.action_changed(key, action_id)
        self._ctx.listener.order_changed(key)
        return raw_document(result.document, pdf=True)

    async def _print_label(self, key: OrderKey, printer: str | None) -> list[int]:
        """The marketplace's own PDF, fetched and sent to a system printer."""
        target = printer or self._default_printer("receipt")
        if target is None:
            plugin = self._ctx.plugin(key.channel)
            named = plugin.display.document if plugin is not None else None
            what = named.source if named is not None else "the marketplace's document"
            raise PrintError(f"choose a system printer for {what}")
        document = await self._label_document(key)
        try:
            return await self._queue.submit(key, "label_pdf", document, printer=target)
        except PrintQueueError as exc:
            raise PrintError(str(exc)) from None

    def _default_printer(self, kind: str) -> str | None:
        name = str(self._ctx.setting("default_printer") or "")
        if name and name in self._queue.printers:
            return name
        return None  # route by each printer's copies for the kind

    def _already_printed(self, key: OrderKey, kind: str) -> bool:
        """Whether a ticket of this kind may already be on paper (or soon will be): printed,
        queued, printing, uncertain, or failed after bytes went out."""
        for job in self._ctx.store.print_jobs(key):
            if job.kind != kind or job.state is PrintJobState.CANCELLED:
                continue
            if job.state is PrintJobState.FAILED and not job.bytes_sent:
                continue
            return True
        return False

    async def auto_print(self, key: OrderKey) -> list[int]:
        """On accept: each kind once per order. A kind that already has a job (printed,
        queued, failed or uncertain) is left alone: retrying it is the operator's call."""
        if not self._ctx.setting("auto_print"):
            return []
        order = self._ctx.store.get_order(key)
        if order is None:
            return []
        order = self._ticketed(order)
        key = order.key
        existing = {job.kind for job in self._ctx.store.print_jobs(key)}
        copies = {
            "kitchen": int(self._ctx.setting("kitchen_copies")),
            "receipt": int(self._ctx.setting("receipt_copies")),
        }
        kinds = tuple(k for k in ("kitchen", "receipt") if k not in existing and copies[k] > 0)
        if not kinds:
            return []
        policy = AutoPrintPolicy(enabled=True, kinds=kinds, copies=copies)
        try:
            return await self._queue.auto_print(order, policy, locale=self._locale, tz=self._tz)
        except PrintQueueError as exc:
            log.warning("auto-print of %s: %s", key, exc)
            return []

    async def retry(self, job_id: int, *, printer: str | None = None) -> int:
        job = self._ctx.store.print_job(job_id)
        if job is None:
            raise PrintError(f"no print job {job_id}")
        if job.kind == "calibration" or job.order_key is None:
            document = calibration_document(self._locale)
        elif job.kind == "label_pdf":
            document = await self._label_document(job.order_key)
        else:
            document = self._document(job.order_key, str(job.kind))
        try:
            return await self._queue.retry(job_id, document, printer=printer)
        except PrintQueueError as exc:
            raise PrintError(str(exc)) from None

    async def resolve_uncertain(self, job_id: int, *, printed: bool) -> None:
        try:
            await self._queue.resolve_uncertain(job_id, printed=printed)
        except PrintQueueError as exc:
            raise PrintError(str(exc)) from None

    async def calibration(self, printer: str) -> int:
        try:
            (job_id,) = await self._queue.submit(
                None, "calibration", calibration_document(self._locale), printer=printer
            )
        except PrintQueueError as exc:
            raise PrintError(str(exc)) from None
        return job_id

    async def wait_idle(self) -> None:
        await self._queue.wait_idle()

    # ---- news -------------------------------------------------------------------------------

    def _changed(self, change: JobChange) -> None:
        self._ctx.listener.print_job_changed(change.key, change.job_id)

    def _printer_state(self, printer: str, state: PrinterState | None) -> None:
        # None: the printer does not answer status queries, which is not a fault.
        ok = state is None or state.ok
        message = None if state is None else state.describe()
        self._ctx.listener.printer_state_changed(PrinterStatus(printer, ok, message))
