"""PDF rendering with reportlab: a page as wide as the paper and as long as the ticket.

Text uses DejaVu Sans (shipped in ``resources/fonts``, embedded as a subset) so every accented
letter prints and the text layer can be searched and copied. The QR is drawn as vector
squares, sharp at any resolution (a 203-dpi raster of the page scans).
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kitchen_app.printing.resources import require_resource

from .layout import (
    Align,
    CodePageSample,
    Cut,
    Feed,
    Paper,
    QRCode,
    Row,
    Separator,
    Size,
    Text,
    Ticket,
    wrap,
)
from .qr import qr_matrix

__all__ = ["font_path", "render_pdf"]

log = logging.getLogger(__name__)

REGULAR = "KitchenSans"
BOLD = "KitchenSans-Bold"
_fonts_lock = threading.Lock()
_fonts_ready = False

# Point-size multipliers for the layout's character sizes (a proportional font cannot stretch
# only in height, so TALL is simply a bit bigger).
_SCALE = {Size.NORMAL: 1.0, Size.TALL: 1.35, Size.LARGE: 1.8, Size.HUGE: 3.2}


def font_path(name: str) -> Path:
    """A font file shipped in ``resources/fonts`` (e.g. ``DejaVuSans.ttf``); raises
    ``kitchen_app.printing.resources.ResourceMissing`` when the install lacks it."""
    return require_resource("fonts", name)


def _register_fonts() -> None:
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        pdfmetrics.registerFont(TTFont(REGULAR, str(font_path("DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(font_path("DejaVuSans-Bold.ttf"))))
        _fonts_ready = True


@dataclass(frozen=True, slots=True)
class _Metrics:
    width: float  # page width, points
    margin: float
    base: float  # normal font size, points
    qr_side: float

    @property
    def content(self) -> float:
        return self.width - 2 * self.margin

    def column(self, paper: Paper) -> float:
        return self.content / paper.columns


def _metrics(paper: Paper) -> _Metrics:
    if paper is Paper.MM58:
        return _Metrics(width=58 * mm, margin=3 * mm, base=7.6, qr_side=38 * mm)
    return _Metrics(width=80 * mm, margin=4 * mm, base=8.8, qr_side=44 * mm)


# A drawing step: (height it takes, function drawing it with its top at y).
_Op = tuple[float, Callable[[Canvas, float], None]]


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def render_pdf(ticket: Ticket, paper: Paper = Paper.MM80) -> bytes:
    _register_fonts()
    m = _metrics(paper)
    ops: list[_Op] = []
    for block in ticket.blocks:
        ops += _block_ops(block, m, paper)
    height = sum(h for h, _ in ops) + 2 * m.margin
    buf = io.BytesIO()
    canvas = Canvas(
        buf,
        pagesize=(m.width, height),
        invariant=1,
        pageCompression=0,
        initialFontName=REGULAR,
        initialFontSize=m.base,
    )
    canvas.setTitle(ticket.title)
    canvas.setCreator("Kitchen Desk")
    y = height - m.margin
    for h, draw in ops:
        draw(canvas, y)
        y -= h
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _block_ops(block: object, m: _Metrics, paper: Paper) -> list[_Op]:
    if isinstance(block, Text):
        return _text_ops(block, m, paper)
    if isinstance(block, Row):
        return _row_ops(block, m, paper)
    if isinstance(block, Separator):
        return [(m.base * 0.9, _separator(block, m))]
    if isinstance(block, QRCode):
        return _qr_ops(block, m, paper)
    if isinstance(block, Feed):
        return [(m.base * 1.25 * block.lines, lambda c, y: None)]
    if isinstance(block, Cut):
        return []
    if isinstance(block, CodePageSample):
        return _text_ops(Text(f"{block.code_page}: {block.text}"), m, paper)
    raise TypeError(f"unknown block {block!r}")


def _text_ops(block: Text, m: _Metrics, paper: Paper) -> list[_Op]:
    font = BOLD if block.bold else REGULAR
    size = m.base * _SCALE[block.size]
    # A headline shrinks to stay on one line rather than wrap a display id.
    if block.size is not Size.NORMAL and "\n" not in block.text:
        while size > m.base and _width(block.text, font, size) > m.content:
            size -= 0.5
    indent = block.indent * m.column(paper)
    hang = block.hang * m.column(paper)
    pad = 2.0 if block.invert else 0.0
    room = m.content - indent - 2 * pad
    lines = wrap(block.text, room, lambda s: _width(s, font, size), rest_width=room - hang)
    line_h = size * 1.25
    ops: list[_Op] = []
    for number, line in enumerate(lines):
        offset = hang if number and block.align is Align.LEFT else 0.0

        def draw(c: Canvas, y: float, line: str = line, offset: float = offset) -> None:
            baseline = y - size
            if block.invert:
                c.setFillGray(0)
                c.rect(m.margin + indent, y - line_h, m.content - indent, line_h, stroke=0, fill=1)
                c.setFillGray(1)
            c.setFont(font, size)
            x_left = m.margin + indent + pad + offset
            if block.align is Align.CENTER:
                c.drawCentredString(m.margin + indent + (m.content - indent) / 2, baseline, line)
            elif block.align is Align.RIGHT:
                c.drawRightString(m.margin + m.content - pad, baseline, line)
            else:
                c.drawString(x_left, baseline, line)
            c.setFillGray(0)

        ops.append((line_h, draw))
    return ops


def _row_ops(block: Row, m: _Metrics, paper: Paper) -> list[_Op]:
    font = BOLD if block.bold else REGULAR
    size = m.base * _SCALE[block.size]
    indent = block.indent * m.column(paper)
    hang = block.hang * m.column(paper)
    right_w = _width(block.right, font, size)
    gap = m.column(paper)
    room = m.content - indent - right_w - gap
    measure: Callable[[str], float] = lambda s: _width(s, font, size)  # noqa: E731
    price_below = room < m.content / 3
    if price_below:
        room = m.content - indent
    lines = wrap(block.left, room, measure, rest_width=room - hang)
    line_h = size * 1.25
    ops: list[_Op] = []
    for number, line in enumerate(lines):
        offset = hang if number else 0.0
        show_right = number == 0 and not price_below

        def draw(
            c: Canvas,
            y: float,
            line: str = line,
            offset: float = offset,
            show_right: bool = show_right,
        ) -> None:
            c.setFont(font, size)
            c.drawString(m.margin + indent + offset, y - size, line)
            if show_right:
                c.drawRightString(m.margin + m.content, y - size, block.right)

        ops.append((line_h, draw))
    if price_below:

        def draw_price(c: Canvas, y: float) -> None:
            c.setFont(font, size)
            c.drawRightString(m.margin + m.content, y - size, block.right)

        ops.append((line_h, draw_price))
    return ops


def _separator(block: Separator, m: _Metrics) -> Callable[[Canvas, float], None]:
    def draw(c: Canvas, y: float) -> None:
        mid = y - m.base * 0.45
        c.setLineWidth(0.6)
        if block.char == "=":
            c.line(m.margin, mid + 0.9, m.margin + m.content, mid + 0.9)
            c.line(m.margin, mid - 0.9, m.margin + m.content, mid - 0.9)
        else:
            c.setDash(2, 2)
            c.line(m.margin, mid, m.margin + m.content, mid)
            c.setDash()

    return draw


def _qr_ops(block: QRCode, m: _Metrics, paper: Paper) -> list[_Op]:
    matrix = qr_matrix(block.data)  # quiet zone included
    side = min(m.qr_side, m.content)
    module = side / len(matrix)

    def draw(c: Canvas, y: float) -> None:
        left = m.margin + (m.content - side) / 2
        c.setFillGray(0)
        path = c.beginPath()
        for row_no, row in enumerate(matrix):
            top = y - row_no * module
            col = 0
            while col < len(row):
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < len(row) and row[col]:
                    col += 1
                # One rectangle per horizontal run: fewer operators, no hairline seams.
                path.rect(left + start * module, top - module, (col - start) * module, module)
        c.drawPath(path, stroke=0, fill=1)

    ops: list[_Op] = [(side, draw)]
    if block.caption:
        ops += _text_ops(Text(block.caption, align=Align.CENTER), m, paper)
    return ops
