"""The one ticket layout model: a list of typed blocks that every renderer understands.

Blocks say *what* to print (a title, a row with a price on the right, a note that must stand
out, a QR…), never in which units; each renderer wraps and sizes them for its medium (columns
for text and ESC/POS, points for PDF). A ``Ticket`` is therefore independent of paper width.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum

__all__ = [
    "Align",
    "Block",
    "CodePageSample",
    "Cut",
    "Feed",
    "Paper",
    "QRCode",
    "Row",
    "Separator",
    "Size",
    "Text",
    "Ticket",
    "TicketKind",
    "wrap",
]

log = logging.getLogger(__name__)


class TicketKind(StrEnum):
    KITCHEN = "kitchen"
    RECEIPT = "receipt"
    CALIBRATION = "calibration"


class Paper(Enum):
    """Thermal paper at 203 dpi with the printer's Font A (12 dots wide)."""

    MM58 = (58, 32, 384)
    MM80 = (80, 48, 576)

    def __init__(self, mm: int, columns: int, dots: int) -> None:
        self.mm = mm
        self.columns = columns
        self.dots = dots

    @classmethod
    def from_mm(cls, mm: int) -> Paper:
        for paper in cls:
            if paper.mm == mm:
                return paper
        raise ValueError(f"paper width must be 58 or 80 mm, not {mm}")


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(Enum):
    """Character size as (width, height) multipliers of the normal font."""

    NORMAL = (1, 1)
    TALL = (1, 2)
    LARGE = (2, 2)
    HUGE = (3, 3)

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph. ``invert`` prints white on black: kept for what the cook must not miss."""

    text: str
    bold: bool = False
    invert: bool = False
    size: Size = Size.NORMAL
    align: Align = Align.LEFT
    indent: int = 0  # in normal-width columns
    hang: int = 0  # extra indent of wrapped lines (under the name, not the quantity)


@dataclass(frozen=True, slots=True)
class Row:
    """Left text (wraps) and right text (kept whole, on the first line): items and prices."""

    left: str
    right: str
    bold: bool = False
    size: Size = Size.NORMAL
    indent: int = 0
    hang: int = 0


@dataclass(frozen=True, slots=True)
class Separator:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class QRCode:
    data: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    pass


@dataclass(frozen=True, slots=True)
class CodePageSample:
    """Calibration only: ``text`` printed in ``code_page`` (the one place a ticket switches
    pages), labelled so staff can tell which line their printer shows right."""

    code_page: str
    text: str


Block = Text | Row | Separator | QRCode | Feed | Cut | CodePageSample


@dataclass(frozen=True, slots=True)
class Ticket:
    kind: TicketKind
    title: str  # for logs, PDF metadata and job lists
    blocks: tuple[Block, ...]
    reprint: bool = False


def wrap(
    text: str,
    width: float,
    measure: Callable[[str], float] = len,
    *,
    rest_width: float | None = None,
) -> list[str]:
    """Wrap on word boundaries. A single word longer than the line is the only thing ever cut.

    ``measure`` gives a string's width in the caller's unit (columns by default, points for
    PDF); ``rest_width`` is the room of every line after the first (a hanging indent). Existing
    line breaks are kept. An empty text gives one empty line.
    """
    if (
        measure is len
        and len(text) <= width
        and "\n" not in text
        and "  " not in text
        and text == text.strip()
    ):
        return [text]  # the common case: a short line, already single-spaced
    rest = width if rest_width is None else rest_width
    lines: list[str] = []

    def room() -> float:
        return width if not lines else rest

    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= room():
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while len(word) > 1 and measure(word) > room():
                cut = _longest_prefix(word, room(), measure)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: float, measure: Callable[[str], float]) -> int:
    # At least one character per line, whatever the room: a line never comes out empty, so
    # wrapping always ends.
    cut = 1
    while cut < len(word) and measure(word[: cut + 1]) <= width:
        cut += 1
    return cut
