"""Plain-text rendering of a ticket: previews, logs and the ``--format text`` CLI output."""

from __future__ import annotations

import logging
from dataclasses import replace

from .columns import row_lines, text_lines
from .layout import (
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

__all__ = ["render_text"]

log = logging.getLogger(__name__)

_INVERT_MARK = "▌"  # inverted (white-on-black) lines are marked at both ends


def render_text(ticket: Ticket, paper: Paper = Paper.MM80) -> str:
    cols = paper.columns
    out: list[str] = []
    for block in ticket.blocks:
        if isinstance(block, Text):
            # Big sizes are shown at normal width, centred as on paper.
            plain = replace(block, size=Size.NORMAL, invert=False)
            if block.invert:
                lines, _ = text_lines(plain, cols - 2)
                out += [f"{_INVERT_MARK}{line.ljust(cols - 2)}{_INVERT_MARK}" for line in lines]
            else:
                lines, _ = text_lines(plain, cols)
                out += [line.rstrip() for line in lines]
        elif isinstance(block, Row):
            out += [line.rstrip() for line in row_lines(block, cols)]
        elif isinstance(block, Separator):
            out.append(block.char * cols)
        elif isinstance(block, QRCode):
            out.append("[QR]".center(cols).rstrip())
            out += wrap(block.data, cols)
            if block.caption:
                out += [line.center(cols).rstrip() for line in wrap(block.caption, cols)]
        elif isinstance(block, Feed):
            out += [""] * block.lines
        elif isinstance(block, Cut):
            out.append("✂" + "-" * (cols - 1))
        elif isinstance(block, CodePageSample):
            out.append(f"{block.code_page}: {block.text}")
    return "\n".join(out) + "\n"
