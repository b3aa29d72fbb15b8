"""The code-page calibration ticket (docs/printing.md, "Code pages and calibration").

Thermal printers map the ESC/POS ``ESC t n`` table numbers to character sets in their own
way. This ticket prints the same accented sample once per candidate page, each line labelled
with its page name and table number, so staff pick the line their printer shows right and
store that page in the printer's settings.
"""

from __future__ import annotations

import logging

from .labels import label
from .layout import Align, Block, CodePageSample, Cut, Feed, Separator, Text, Ticket, TicketKind

__all__ = ["CALIBRATION_SAMPLE", "CANDIDATE_CODE_PAGES", "calibration_ticket"]

log = logging.getLogger(__name__)

CALIBRATION_SAMPLE = "ç ã õ é á ñ ü € º ª"

# Pages that can hold Spanish/Portuguese text, most likely first. CP437 is the factory default
# of many printers: listed so its broken line shows why it must not be kept.
CANDIDATE_CODE_PAGES: tuple[str, ...] = (
    "CP858",
    "CP850",
    "CP860",
    "CP1252",
    "ISO_8859-15",
    "CP437",
)


def calibration_ticket(
    pages: tuple[str, ...] = CANDIDATE_CODE_PAGES,
    *,
    locale: str = "es-AR",
    printer_name: str | None = None,
    current_page: str | None = None,
) -> Ticket:
    blocks: list[Block] = [Text(label("calibration", locale), bold=True, align=Align.CENTER)]
    if printer_name:
        blocks.append(Text(printer_name, align=Align.CENTER))
    if current_page:
        blocks.append(Text(f"{label('current_page', locale)}: {current_page}", align=Align.CENTER))
    blocks += [Text(label("calibration_hint", locale)), Separator("-")]
    for page in pages:
        blocks.append(CodePageSample(page, CALIBRATION_SAMPLE))
    blocks += [Separator("-"), Feed(1), Cut()]
    return Ticket(TicketKind.CALIBRATION, label("calibration", locale), tuple(blocks))
