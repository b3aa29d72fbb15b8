"""PDF tickets opened back: text layer, page size, and the Flex QR decoded from a 203-dpi
render."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.unit.printing.orders import big_order, flex_order

from kitchen_app.printing.calibration import calibration_ticket
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.pdf import font_path, render_pdf
from kitchen_app.printing.tickets import kitchen_ticket, receipt_ticket

MM = 72 / 25.4
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None,
    reason="poppler-utils / zbar-tools missing",
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


@pytest.mark.parametrize("paper", list(Paper))
def test_page_is_as_wide_as_the_paper_and_as_long_as_the_content(paper: Paper) -> None:
    short = PdfReader(io.BytesIO(render_pdf(kitchen_ticket(flex_order()), paper))).pages[0]
    long = PdfReader(io.BytesIO(render_pdf(kitchen_ticket(big_order(20)), paper))).pages[0]
    assert float(short.mediabox.width) == pytest.approx(paper.mm * MM, abs=0.01)
    assert float(long.mediabox.height) > 5 * float(short.mediabox.height)


def test_kitchen_text_layer_has_items_and_notes() -> None:
    text = _text(render_pdf(kitchen_ticket(flex_order()), Paper.MM80))
    assert "#9129" in text
    assert "2 x Burrito Combo Refrigerante" in text
    assert "NOTA: No quiero cebolla." in text
    assert "Combo with soda" in text
    assert "$" not in text


def test_receipt_text_layer_keeps_accents() -> None:
    text = _text(render_pdf(receipt_ticket(big_order(3), locale="pt-BR"), Paper.MM58))
    assert "Acompañamiento" in text
    assert "doble con queso" in text
    assert "Taxa de entrega" in text
    assert "Tocar timbre 2º B" in text.replace("\n", " ")


def test_font_is_embedded() -> None:
    assert font_path("DejaVuSans.ttf").is_file()
    pdf = render_pdf(calibration_ticket(), Paper.MM80)
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/FontDescriptor"].get_object() for f in fonts.values()]
    assert descriptors and all("/FontFile2" in d for d in descriptors)
    assert "ç ã õ é á ñ ü € º ª" in _text(pdf)


@needs_poppler
@pytest.mark.parametrize("paper", list(Paper))
def test_flex_qr_scans_from_a_203_dpi_render(paper: Paper, tmp_path: Path) -> None:
    order = big_order(2)
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_pdf(receipt_ticket(order), paper))
    subprocess.run(
        ["pdftoppm", "-r", "203", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("page*.png")
    found = subprocess.run(
        ["zbarimg", "--nodbus", "--raw", "-q", "-Sbinary", str(png)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    assert order.qr is not None
    assert found.rstrip(b"\n") == order.qr.payload().encode("utf-8")


def test_kitchen_pdf_has_no_qr_path_for_a_kitchen_ticket() -> None:
    text = _text(render_pdf(kitchen_ticket(flex_order(), reprint=True), Paper.MM58))
    assert text.count("REIMPRESIÓN") == 2
    assert "hash_code" not in text
