"""Blocks laid out in character columns: shared by the text and ESC/POS renderers so a preview
and the paper wrap exactly the same way."""

from __future__ import annotations

import logging

from .layout import Align, Row, Size, Text, wrap

__all__ = ["fit_size", "row_lines", "text_lines"]

log = logging.getLogger(__name__)

_SMALLER = {Size.HUGE: Size.LARGE, Size.LARGE: Size.TALL, Size.TALL: Size.NORMAL}


def fit_size(text: str, size: Size, columns: int) -> Size:
    """Shrink a short headline's size until it fits on one line (a long display id on 58 mm
    paper still prints whole); body text keeps its size and wraps."""
    while size.width > 1 and len(text) > columns // size.width:
        size = _SMALLER[size]
    return size


def text_lines(block: Text, columns: int) -> tuple[list[str], Size]:
    """The block's lines, each already indented and padded for its alignment (in characters of
    the returned size), and the size to print them at."""
    size = block.size
    if size.width > 1:
        size = fit_size(block.text, size, columns)
    width = columns // size.width
    indent = block.indent // size.width
    hang = block.hang // size.width
    room = max(1, width - indent)
    lines = wrap(block.text, room, rest_width=max(1, room - hang))
    out: list[str] = []
    for number, line in enumerate(lines):
        if number and block.align is Align.LEFT:
            line = " " * hang + line
        if block.align is Align.CENTER:
            out.append(line.center(width).rstrip() if not block.invert else line.center(width))
        elif block.align is Align.RIGHT:
            out.append(line.rjust(width))
        else:
            out.append(" " * indent + line)
    return out, size


def row_lines(block: Row, columns: int) -> list[str]:
    """Left text wrapped beside the right text; the right text sits on the first line."""
    width = columns // block.size.width
    indent = block.indent // block.size.width
    right = block.right
    room = width - indent - len(right) - 1
    if room < max(8, width // 3):
        # No room beside the price (a long amount on 58 mm): put the price on its own line.
        full = max(1, width - indent)
        lines = wrap(block.left, full, rest_width=max(1, full - block.hang))
        out = [" " * indent + lines[0]]
        out += [" " * (indent + block.hang) + line for line in lines[1:]]
        return [*out, right.rjust(width)]
    lines = wrap(block.left, room, rest_width=max(1, room - block.hang))
    first = " " * indent + lines[0]
    out = [first + " " * (width - len(first) - len(right)) + right]
    out += [" " * (indent + block.hang) + line for line in lines[1:]]
    return out
