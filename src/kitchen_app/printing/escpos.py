"""ESC/POS rendering with python-escpos' ``Dummy`` printer: a ticket becomes the exact bytes
a thermal printer gets.

Rules that hold for every ticket (docs/printing.md):

* it starts with ``ESC @`` (python-escpos sends no initialise of its own), so a ticket never
  inherits the styles a previous one left behind;
* one code page, chosen per printer, is selected right after with ``ESC t n`` and never
  switched again (python-escpos' automatic mode switches pages mid-line, which real printers
  map differently). Characters outside the page are transliterated (``ã`` → ``a`` on CP437,
  ``€`` → ``EUR`` where there is no euro), never silently turned into ``?`` when avoidable.
  Only the calibration ticket switches pages, one labelled line per page, and switches back;
* QR codes are native (``GS ( k``, model 2) unless the printer's settings say it has none,
  then a raster image (``GS v 0``) drawn from the same payload;
* it ends with a feed and a cut (partial by default: a full cut drops tickets on the floor).
"""

from __future__ import annotations

import copy
import logging
import unicodedata
from functools import cache
from typing import Any

from escpos.capabilities import Profile, get_profile_class
from escpos.codepages import CodePages
from escpos.printer import Dummy
from PIL import Image

from .columns import row_lines, text_lines
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
)
from .qr import qr_matrix

__all__ = ["CUT_MODES", "code_page_number", "render_escpos", "supported_code_pages"]

log = logging.getLogger(__name__)

ESC_INIT = b"\x1b@"
CUT_MODES = ("partial", "full", "none")

# What to print for characters a page lacks, before falling back to dropping accents.
_FALLBACKS = {
    "€": "EUR",
    "º": "o",
    "ª": "a",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "·": "-",
    "•": "*",
    "▌": "|",
    "\u00a0": " ",
}


class _TicketProfile(Profile):  # type: ignore[misc]
    """The default (Epson-compatible) profile with the paper's width in dots, so python-escpos
    can check raster images against it (and does not print a warning to stdout)."""


@cache
def _profile_class(paper: Paper) -> type[_TicketProfile]:
    data = copy.deepcopy(get_profile_class("default").profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": paper.mm, "pixels": paper.dots}}
    return type(f"TicketProfile{paper.mm}", (_TicketProfile,), {"profile_data": data})


def _new_printer(paper: Paper) -> Dummy:
    cls = _profile_class(paper)
    profile = cls(features=dict(cls.profile_data["features"]))
    return Dummy(profile=profile)


@cache
def supported_code_pages() -> dict[str, int]:
    """Code page name → ``ESC t`` table number (Epson numbering, the default profile's)."""
    pages: dict[str, int] = {}
    for name, number in get_profile_class("default")().get_code_pages().items():
        if name == "Unknown":
            continue
        try:
            encoding = CodePages.get_encoding(name)
        except Exception:  # the library knows the name but has no table for it
            continue
        if "data" in encoding or "python_encode" in encoding:
            pages[name] = int(number)
    return pages


def code_page_number(page: str) -> int:
    """The ``ESC t`` number for a page name (case-insensitive); ValueError names the choices."""
    pages = supported_code_pages()
    key = page.strip().upper()
    for name, number in pages.items():
        if name.upper() == key:
            return number
    raise ValueError(f"unknown code page {page!r} (try CP858, CP850, CP860, CP1252)")


def _canonical(page: str) -> str:
    key = page.strip().upper()
    for name in supported_code_pages():
        if name.upper() == key:
            return name
    raise ValueError(f"unknown code page {page!r} (try CP858, CP850, CP860, CP1252)")


@cache
def _char_map(page: str) -> dict[str, int]:
    """Character → byte for the page's upper half, from python-escpos' own tables."""
    printer = Dummy()
    chars: dict[str, int] = printer.magic.encoder._get_codepage_char_map(page)
    return {ch: byte for ch, byte in chars.items() if ch != " " or byte == 0x20}


def _fallback(ch: str, chars: dict[str, int]) -> str:
    if ch in _FALLBACKS:
        return _FALLBACKS[ch]
    base = unicodedata.normalize("NFKD", ch)
    plain = "".join(c for c in base if c < "\x80" or c in chars)
    return plain or "?"


@cache
def _translation(page: str) -> dict[int, str]:
    """A ``str.translate`` table turning text into one-byte-per-char (latin-1) form: page
    letters become their byte, the rest its fallback. It covers U+0000-U+00FF completely, so
    only rarer characters need the slow path."""
    chars = _char_map(page)
    table: dict[int, str] = {}
    for code in range(0x20):
        if code != 0x0A:
            table[code] = " "
    for code in range(0x7F, 0x100):
        ch = chr(code)
        if ch in chars:
            table[code] = chr(chars[ch])
        else:
            table[code] = "".join(chr(chars[c]) if c in chars else c for c in _fallback(ch, chars))
    for ch, byte in chars.items():
        if ord(ch) > 0xFF:
            table[ord(ch)] = chr(byte)
    for ch, text in _FALLBACKS.items():
        if ord(ch) > 0xFF and ch not in chars:
            table[ord(ch)] = text
    return table


def encode_for_page(text: str, page: str) -> bytes:
    """Text as the printer's bytes in ``page``: kept, transliterated or stripped of accents."""
    out = text.translate(_translation(page))
    try:
        return out.encode("latin-1")
    except UnicodeEncodeError:
        chars = _char_map(page)
        fixed = "".join(
            c if c <= "\xff" else _fallback(c, chars).translate(_translation(page)) for c in out
        )
        return fixed.encode("latin-1", errors="replace")


def fit_to_page(text: str, page: str) -> str:
    """What the printer will show for ``text`` on ``page`` (for previews and tests)."""
    return encode_for_page(text, page).decode(_python_codec(page), errors="replace")


def _python_codec(page: str) -> str:
    return {"ISO_8859-15": "iso8859_15"}.get(page, page.lower())


class _Writer:
    """Emits style commands only when they change, so bytes stay small and predictable."""

    def __init__(self, printer: Dummy, page: str) -> None:
        self.p = printer
        self.page = page
        self.align = Align.LEFT
        self.bold = False
        self.invert = False
        self.size = Size.NORMAL

    def style(
        self,
        *,
        align: Align = Align.LEFT,
        bold: bool = False,
        invert: bool = False,
        size: Size = Size.NORMAL,
    ) -> None:
        kwargs: dict[str, Any] = {}
        if align is not self.align:
            kwargs["align"] = align.value
        if bold != self.bold:
            kwargs["bold"] = bold
        if invert != self.invert:
            kwargs["invert"] = invert
        if size is not self.size:
            kwargs.update(custom_size=True, width=size.width, height=size.height)
        if kwargs:
            self.p.set(**kwargs)
        self.align, self.bold, self.invert, self.size = align, bold, invert, size

    def line(self, text: str) -> None:
        # Encoded here, not by python-escpos' per-character encoder: same tables, one pass.
        self.p._raw(encode_for_page(text, self.page) + b"\n")


def render_escpos(
    ticket: Ticket,
    paper: Paper = Paper.MM80,
    *,
    code_page: str = "CP858",
    native_qr: bool = True,
    cut: str = "partial",
) -> bytes:
    """The ticket as ESC/POS bytes for one printer (its paper, page, QR ability and cutter)."""
    page = _canonical(code_page)
    if cut not in CUT_MODES:
        raise ValueError(f"cut must be one of {', '.join(CUT_MODES)}, not {cut!r}")
    printer = _new_printer(paper)
    printer._raw(ESC_INIT)
    printer.charcode(page)
    w = _Writer(printer, page)
    cols = paper.columns
    for block in ticket.blocks:
        if isinstance(block, Text):
            lines, size = text_lines(block, cols)
            align = Align.LEFT if block.align is Align.RIGHT else block.align
            w.style(align=align, bold=block.bold, invert=block.invert, size=size)
            for text in lines:
                w.line(text.strip() if align is Align.CENTER else text)
        elif isinstance(block, Row):
            w.style(bold=block.bold, size=block.size)
            for text in row_lines(block, cols):
                w.line(text)
        elif isinstance(block, Separator):
            w.style()
            w.line(block.char * cols)
        elif isinstance(block, QRCode):
            w.style(align=Align.CENTER)
            _qr(printer, block.data, paper, native=native_qr)
            if block.caption:
                lines, _ = text_lines(Text(block.caption, align=Align.CENTER), cols)
                for text in lines:
                    w.line(text.strip())
        elif isinstance(block, Feed):
            w.style()
            printer.text("\n" * block.lines)
        elif isinstance(block, Cut):
            w.style()
            if cut != "none":
                printer.cut(mode="PART" if cut == "partial" else "FULL")
        elif isinstance(block, CodePageSample):
            w.style()
            sample_page = _canonical(block.code_page)
            number = code_page_number(sample_page)
            printer.text(f"{sample_page} (t={number}): ")
            printer.charcode(sample_page)
            # No transliteration here: a missing letter must show as "?" on the wrong page.
            printer.text(block.text + "\n")
            printer.charcode(page)
    output: bytes = printer.output
    printer.close()
    return output


def _qr_module(paper: Paper) -> int:
    # Big enough to scan from a moving phone, small enough that a 150-byte payload (version
    # 7-8, ~49 modules + quiet zone) fits the paper.
    return 6 if paper is Paper.MM58 else 8


def _qr(printer: Dummy, data: str, paper: Paper, *, native: bool) -> None:
    module = _qr_module(paper)
    if native:
        printer.qr(data, ec=1, size=module, native=True)  # ec 1 = M (15 %)
        printer.text("\n")
        return
    printer._raw(b"\n")
    printer.image(qr_image(data, paper), impl="bitImageRaster")
    printer._raw(b"\n")


def qr_image(data: str, paper: Paper) -> Image.Image:
    """A 1-bit QR image as wide as the paper, centred, with a 4-module quiet zone."""
    module = _qr_module(paper)
    matrix = qr_matrix(data)  # includes the quiet zone
    while len(matrix) * module > paper.dots and module > 2:
        module -= 1
    side = len(matrix) * module
    small = Image.new("1", (len(matrix), len(matrix)), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    image = Image.new("1", (paper.dots, side), 1)
    image.paste(small.resize((side, side), Image.Resampling.NEAREST), ((paper.dots - side) // 2, 0))
    return image
