"""What can go wrong sending a ticket to a printer.

The one distinction that matters to the print queue is whether bytes reached the printer:

* ``NothingSent`` — the printer never got the ticket (refused, unreachable, no device): safe
  to retry automatically;
* ``SentUnconfirmed`` — bytes went out and then the link timed out or broke: the ticket may
  well be on paper. Never retried automatically (a second kitchen ticket is worse than a
  missing one the operator can see and reprint);
* ``PrinterFault`` — the printer answered and reported a problem (paper out, cover open…).
"""

from __future__ import annotations

import logging

from .status import PrinterState

__all__ = ["NothingSent", "PrinterError", "PrinterFault", "SentUnconfirmed", "SettingsError"]

log = logging.getLogger(__name__)


class PrinterError(Exception):
    """Base: ``message`` is one line fit for staff; ``sent`` says whether bytes went out."""

    sent = False
    retryable = False

    def __init__(self, message: str, *, printer: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.printer = printer


class NothingSent(PrinterError):
    """Not a byte reached the printer. Retried with backoff when ``retryable``."""

    retryable = True

    def __init__(self, message: str, *, printer: str | None = None, retryable: bool = True) -> None:
        super().__init__(message, printer=printer)
        self.retryable = retryable


class SentUnconfirmed(PrinterError):
    """Some or all bytes went out, then no confirmation: the job becomes ``uncertain``."""

    sent = True

    def __init__(self, message: str, *, printer: str | None = None, bytes_sent: int = 0) -> None:
        super().__init__(message, printer=printer)
        self.bytes_sent = bytes_sent


class PrinterFault(PrinterError):
    """The printer answered its status with a problem."""

    def __init__(
        self, message: str, state: PrinterState, *, printer: str | None = None, sent: bool
    ) -> None:
        super().__init__(message, printer=printer)
        self.state = state
        self.sent = sent


class SettingsError(ValueError):
    """Printer settings that cannot work; the message is one line naming the field."""
