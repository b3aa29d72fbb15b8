"""ESC/POS real-time status (``DLE EOT n``) and what its answer bytes mean.

Epson's transmit-real-time-status: every answer byte has bits 1 and 4 set and bits 0 and 7
clear (``byte & 0x93 == 0x12``); anything else is not a status answer. The printer answers
even while offline or with a full buffer, on links that carry data back (network, serial,
USB); a one-way link (a file, the OS spooler) never answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

__all__ = ["STATUS_QUERIES", "PrinterState", "parse_status"]

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
# printer status, offline cause, paper roll sensor
STATUS_QUERIES = (DLE_EOT + b"\x01", DLE_EOT + b"\x02", DLE_EOT + b"\x04")


@dataclass(frozen=True, slots=True)
class PrinterState:
    online: bool
    cover_open: bool = False
    paper_out: bool = False
    paper_low: bool = False
    error: bool = False

    @property
    def ok(self) -> bool:
        return self.online and not (self.cover_open or self.paper_out or self.error)

    def describe(self) -> str:
        problems = [
            text
            for flag, text in (
                (self.paper_out, "paper out"),
                (self.cover_open, "cover open"),
                (self.error, "printer error"),
                (not self.online, "offline"),
                (self.paper_low, "paper low"),
            )
            if flag
        ]
        return ", ".join(problems) or "ready"


def _valid(byte: int) -> bool:
    return byte & 0x93 == 0x12


def parse_status(answer: bytes) -> PrinterState | None:
    """The three answer bytes (to ``STATUS_QUERIES`` in order), or None when they are not a
    status answer (so the caller treats the printer as not answering)."""
    if len(answer) != 3 or not all(_valid(b) for b in answer):
        return None
    printer, offline, paper = answer
    return PrinterState(
        online=not printer & 0x08,
        cover_open=bool(offline & 0x04),
        paper_out=bool(offline & 0x20) or (paper & 0x60) == 0x60,
        paper_low=(paper & 0x0C) == 0x0C,
        error=bool(offline & 0x40),
    )
