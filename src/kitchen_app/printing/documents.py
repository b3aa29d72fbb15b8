"""What a print job prints: a function of the printer (paper, code page, PDF or ESC/POS) and
of whether this print is a reprint (marked on the ticket)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo

from kitchen_app.domain import Order

from .calibration import calibration_ticket
from .errors import NothingSent
from .layout import Paper, Ticket
from .render import render
from .settings import PrinterSettings
from .tickets import build_ticket

__all__ = ["Document", "calibration_document", "raw_document", "render_for", "ticket_document"]

log = logging.getLogger(__name__)

# (printer, reprint) -> the bytes to send
Document = Callable[[PrinterSettings, bool], bytes]


def render_for(ticket: Ticket, printer: PrinterSettings) -> bytes:
    """PDF for the OS spooler, ESC/POS (with the printer's page, QR mode and cut) otherwise."""
    paper = Paper.from_mm(printer.width)
    if printer.prints_pdf:
        return render(ticket, "pdf", paper)
    return render(
        ticket,
        "escpos",
        paper,
        code_page=printer.code_page,
        native_qr=printer.native_qr,
        cut=printer.cut,
    )


def ticket_document(
    order: Order, kind: str, *, locale: str = "es-AR", tz: tzinfo | None = None
) -> Document:
    def document(printer: PrinterSettings, reprint: bool) -> bytes:
        return render_for(build_ticket(order, kind, locale=locale, tz=tz, reprint=reprint), printer)

    return document


def calibration_document(locale: str = "es-AR") -> Document:
    def document(printer: PrinterSettings, reprint: bool) -> bytes:
        ticket = calibration_ticket(
            locale=locale, printer_name=printer.name, current_page=printer.code_page
        )
        return render_for(ticket, printer)

    return document


def raw_document(data: bytes, *, pdf: bool) -> Document:
    """Bytes made elsewhere (the marketplace's label PDF). A PDF only goes to an OS printer."""

    def document(printer: PrinterSettings, reprint: bool) -> bytes:
        if pdf and not printer.prints_pdf:
            raise NothingSent(
                f"{printer.name}: a PDF needs a system printer, not a {printer.kind} one",
                printer=printer.name,
                retryable=False,
            )
        return data

    return document
