"""ESC/POS bytes: whole tickets for a small order, properties for bigger ones."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.printing.escpos_decode import decode
from tests.unit.printing.orders import big_order, flex_order, small_order

from kitchen_app.printing.calibration import CALIBRATION_SAMPLE, calibration_ticket
from kitchen_app.printing.escpos import code_page_number, fit_to_page, render_escpos
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.tickets import kitchen_ticket, receipt_ticket

KITCHEN_58 = (
    b"\x1b@\x1bt\x13\x1bE\x01\x1ba\x01COCINA\n"
    b'\x1d!"#7\n'
    b"\x1d!\x1118:20\n"
    b"\x1d!\x00\x1bE\x0016/02/2022 18:20\n"
    b"\x1d!\x01\x1bE\x01MP Delivery \xfa DROPOFF\n"
    b"\x1d!\x00\x1bE\x00Ana\n"
    b"\x1ba\x00" + b"=" * 32 + b"\n"
    b"\x1d!\x01\x1bE\x011 x \xa5oquis\n"
    b"\x1d!\x00\x1dB\x01 NOTA: sin cebolla\n"
    b"\x1bE\x00\x1dB\x00" + b"=" * 32 + b"\n"
    b"                    Art\xa1culos: 1\n"
    b"\n"
    b"\x1bd\x06\x1dV\x01"
)

RECEIPT_80 = (
    b"\x1b@\x1bt\x13\x1d!\x11\x1bE\x01\x1ba\x01Caf\x82\n"
    b"\x1d!\x01Pedido #7\n"
    b"\x1d!\x00\x1bE\x0016/02/2022 18:20\n"
    b"MP Delivery \xfa DROPOFF\n"
    b"\x1ba\x00" + b"=" * 48 + b"\n"
    b"\x1bE\x011 x \xa5oquis                            $ 1.234,50\n"
    b"   NOTA: sin cebolla\n"
    b"\x1bE\x00" + b"-" * 48 + b"\n"
    b"Subtotal                              $ 1.234,50\n"
    b"\x1d!\x01\x1bE\x01TOTAL                                 $ 1.234,50\n"
    b"\x1d!\x00\x1bE\x00" + b"-" * 48 + b"\n"
    b"Pago: Billetera digital (pagado)      $ 1.234,50\n" + b"-" * 48 + b"\n"
    b"\x1bE\x01Cliente: Ana\n"
    b"\x1bE\x00\n"
    b"\x1bd\x06\x1dV\x01"
)


def test_kitchen_58_whole_bytes() -> None:
    assert render_escpos(kitchen_ticket(small_order()), Paper.MM58) == KITCHEN_58


def test_kitchen_80_differs_only_in_line_width() -> None:
    data = render_escpos(kitchen_ticket(small_order()), Paper.MM80)
    expected = KITCHEN_58.replace(b"=" * 32, b"=" * 48).replace(
        b" " * 20 + b"Art", b" " * 36 + b"Art"
    )
    assert data == expected


def test_receipt_80_whole_bytes() -> None:
    assert render_escpos(receipt_ticket(small_order()), Paper.MM80) == RECEIPT_80


def test_receipt_58_wraps_payment_under_its_label() -> None:
    data = render_escpos(receipt_ticket(small_order()), Paper.MM58)
    assert b"Pago: Billetera       $ 1.234,50\n  digital (pagado)\n" in data
    assert all(len(line) <= 32 for line in decode(data).text.splitlines())


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("page", ["CP858", "CP850", "CP860", "CP1252"])
@pytest.mark.parametrize("kind", ["kitchen", "receipt"])
def test_big_order_properties(paper: Paper, page: str, kind: str) -> None:
    order = big_order(20)
    ticket = kitchen_ticket(order) if kind == "kitchen" else receipt_ticket(order)
    data = render_escpos(ticket, paper, code_page=page)
    decoded = decode(data)
    assert data.startswith(b"\x1b@\x1bt" + bytes([code_page_number(page)]))
    assert decoded.inits == [0]
    assert decoded.code_pages == [(2, code_page_number(page))]  # no ESC t mid-ticket
    assert decoded.cuts == 1 and data.endswith(b"\x1dV\x01")
    assert "ñ" in decoded.text and "Acompañamiento" in decoded.text
    assert "ú" in decoded.text  # "número"
    for line in decoded.text.splitlines():
        assert len(line) <= paper.columns, line
    if kind == "kitchen":
        assert "$" not in decoded.text  # no prices for the cook
        assert decoded.text.count("NOTA: sin cebolla, bien cocida") == 5
        assert decoded.qr_payloads == []
    else:
        assert "$ 119,00" in decoded.text
        assert decoded.qr_payloads == [order.qr.payload().encode()] if order.qr else False


def test_enye_is_a4_in_cp858() -> None:
    data = render_escpos(kitchen_ticket(small_order()), Paper.MM80, code_page="CP858")
    assert b"\xa5oquis" in data  # Ñ
    order = big_order(1)
    data = render_escpos(kitchen_ticket(order), Paper.MM80, code_page="CP858")
    assert b"Acompa\xa4amiento" in data  # ñ


def test_euro_prints_in_cp858_and_is_spelled_out_without_it() -> None:
    assert fit_to_page("10 €", "CP858") == "10 €"
    assert fit_to_page("10 €", "CP850") == "10 EUR"
    assert fit_to_page("ã õ", "CP437") == "a o"
    assert fit_to_page("🍔 ok", "CP858") == "? ok"


def test_notes_are_inverted_and_bold_on_the_kitchen_ticket() -> None:
    data = render_escpos(kitchen_ticket(flex_order()), Paper.MM80)
    assert re.search(rb"\x1dB\x01[^\n]*NOTA: No quiero cebolla\.\n", data)
    index = data.index(b"NOTA: No quiero")
    assert data.rfind(b"\x1bE\x01", 0, index) > data.rfind(b"\x1bE\x00", 0, index)


def test_receipt_qr_is_native_with_exact_payload() -> None:
    order = flex_order()
    decoded = decode(render_escpos(receipt_ticket(order), Paper.MM80))
    assert order.qr is not None
    assert decoded.qr_payloads == [order.qr.payload().encode("utf-8")]
    settings = dict(decoded.qr_settings)
    assert settings[65] == b"2\x00"  # model 2
    assert settings[67] == b"\x08"  # module size on 80 mm
    assert settings[81] == b"0"  # print
    assert decoded.images == []


def test_dropoff_receipt_has_no_qr() -> None:
    assert decode(render_escpos(receipt_ticket(small_order()))).qr_payloads == []


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg not installed")
@pytest.mark.parametrize("paper", list(Paper))
def test_image_qr_when_printer_has_no_native_qr(paper: Paper, tmp_path: Path) -> None:
    order = flex_order()
    data = render_escpos(receipt_ticket(order), paper, native_qr=False)
    decoded = decode(data)
    assert decoded.qr_payloads == []
    assert len(decoded.images) == 1
    image = decoded.images[0]
    assert image.width == paper.dots
    png = tmp_path / "qr.png"
    image.save(png)
    found = subprocess.run(
        ["zbarimg", "--nodbus", "--raw", "-q", "-Sbinary", str(png)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    assert order.qr is not None
    assert found.rstrip(b"\n") == order.qr.payload().encode("utf-8")


def test_reprint_is_marked_on_both_kinds() -> None:
    for build in (kitchen_ticket, receipt_ticket):
        text = decode(render_escpos(build(small_order(), reprint=True))).text
        assert text.count("REIMPRESIÓN") == 2
        assert "REIMPRESIÓN" not in decode(render_escpos(build(small_order()))).text


def test_cut_modes() -> None:
    ticket = kitchen_ticket(small_order())
    assert render_escpos(ticket, cut="full").endswith(b"\x1dV\x00")
    assert decode(render_escpos(ticket, cut="none")).cuts == 0
    with pytest.raises(ValueError, match="cut must be"):
        render_escpos(ticket, cut="sideways")


def test_unknown_code_page_is_one_line_error() -> None:
    with pytest.raises(ValueError, match="unknown code page 'CP999'"):
        render_escpos(kitchen_ticket(small_order()), code_page="CP999")


def test_calibration_prints_each_page_labelled_and_returns_to_the_printer_page() -> None:
    data = render_escpos(calibration_ticket(), Paper.MM80, code_page="CP850")
    decoded = decode(data)
    assert decoded.code_pages[0] == (2, 2)
    assert decoded.code_pages[-1][1] == 2  # back to the printer's page
    for page, number in [("CP858", 19), ("CP1252", 16), ("ISO_8859-15", 40)]:
        assert f"{page} (t={number}): {CALIBRATION_SAMPLE}" in decoded.text
    # CP850 has no euro: its line shows "?" so staff can see it is wrong
    assert "CP850 (t=2): ç ã õ é á ñ ü ? º ª" in decoded.text
    assert "CP860 (t=3): ç ã õ é á ñ ü ? º ª" in decoded.text
    assert "CP437 (t=0): ç ? ? é á ñ ü ? º ª" in decoded.text


def test_long_display_id_shrinks_to_fit_58mm() -> None:
    from dataclasses import replace

    order = replace(small_order(), display_id="2000005654919550")
    decoded = decode(render_escpos(kitchen_ticket(order), Paper.MM58))
    assert "#2000005654919550" in decoded.text
    # 17 characters do not fit 3x (10 columns) nor 2x (16): printed at normal width
    assert b"\x1d!\x01" in render_escpos(kitchen_ticket(order), Paper.MM58)


_NAMES = st.text(alphabet=st.sampled_from("abcñãçéü €º-"), min_size=1, max_size=90)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(_NAMES, min_size=1, max_size=4), note=_NAMES, wide=st.booleans())
def test_any_names_fit_the_paper_with_one_code_page(
    names: list[str], note: str, wide: bool
) -> None:
    from dataclasses import replace

    base = small_order()
    items = tuple(replace(base.items[0], name=name, notes=note) for name in names)
    order = replace(base, items=items)
    paper = Paper.MM80 if wide else Paper.MM58
    for ticket in (kitchen_ticket(order), receipt_ticket(order)):
        decoded = decode(render_escpos(ticket, paper))
        assert len(decoded.code_pages) == 1 and decoded.cuts == 1
        assert all(len(line) <= paper.columns for line in decoded.text.splitlines())
        flat = " ".join(decoded.text.split())
        for name in names:
            # every word of every name is on paper (a word longer than the line is split)
            for word in name.split():
                if len(word) <= paper.columns // 2 - 4:
                    assert word in flat
