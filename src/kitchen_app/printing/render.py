"""One entry point for "this ticket, in this format, for this paper"."""

from __future__ import annotations

import logging

from .escpos import render_escpos
from .layout import Paper, Ticket
from .pdf import render_pdf
from .text import render_text

__all__ = ["FORMATS", "render"]

log = logging.getLogger(__name__)

FORMATS = ("pdf", "escpos", "text")


def render(
    ticket: Ticket,
    fmt: str,
    paper: Paper = Paper.MM80,
    *,
    code_page: str = "CP858",
    native_qr: bool = True,
    cut: str = "partial",
) -> bytes:
    if fmt == "pdf":
        return render_pdf(ticket, paper)
    if fmt == "escpos":
        return render_escpos(ticket, paper, code_page=code_page, native_qr=native_qr, cut=cut)
    if fmt == "text":
        return render_text(ticket, paper).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r} (pdf, escpos or text)")
