"""Word wrapping, money and dates per locale, labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.printing.orders import big_order, flex_order

from kitchen_app.app.plugins import registry
from kitchen_app.domain import Money
from kitchen_app.printing.formats import (
    format_datetime,
    format_money,
    format_quantity,
    format_time,
)
from kitchen_app.printing.labels import label, label_for_code, label_for_word, use_ticket_words
from kitchen_app.printing.layout import Paper, wrap
from kitchen_app.printing.text import render_text
from kitchen_app.printing.tickets import build_ticket, kitchen_ticket, receipt_ticket


def test_wrap_on_word_boundaries() -> None:
    assert wrap("Hamburguesa doble con queso y panceta", 16) == [
        "Hamburguesa",
        "doble con queso",
        "y panceta",
    ]


def test_wrap_cuts_only_a_word_longer_than_the_line() -> None:
    assert wrap("ab supercalifragilistic cd", 8) == ["ab", "supercal", "ifragili", "stic cd"]


def test_wrap_hanging_indent_and_empty() -> None:
    assert wrap("aaa bbb ccc", 7, rest_width=4) == ["aaa bbb", "ccc"]
    assert wrap("", 10) == [""]
    assert wrap("one\ntwo", 10) == ["one", "two"]


@given(st.text(alphabet=st.sampled_from("abcñ ã"), max_size=80), st.integers(3, 40))
def test_wrap_keeps_every_word_and_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    words = text.split()
    if all(len(w) <= width for w in words):
        assert " ".join(lines).split() == words
    else:
        assert "".join(lines).replace(" ", "") == "".join(words)


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "ARS", "es-AR", "$ 1.234,50"),
        ("1234.5", "BRL", "pt-BR", "R$ 1.234,50"),
        ("1234.5", "USD", "en", "US$1,234.50"),
        ("1234.5", "MXN", "en", "$1,234.50"),
        ("1234.5", "MXN", "es-MX", "$1,234.50"),
        ("0.5", "ARS", "es-AR", "$ 0,50"),
        ("-119", "ARS", "es-AR", "-$ 119,00"),
        ("1234567.891", "BRL", "pt-BR", "R$ 1.234.567,89"),
        ("12", "XYZ", "en", "XYZ 12.00"),
    ],
)
def test_money(amount: str, currency: str, locale: str, expected: str) -> None:
    assert format_money(Money(Decimal(amount), currency), locale) == expected


def test_quantities() -> None:
    assert format_quantity(Decimal(2), "es-AR") == "2"
    assert format_quantity(Decimal("0.5"), "es-AR") == "0,5"
    assert format_quantity(Decimal("1.250"), "en") == "1.25"
    assert format_quantity(Decimal(1500), "pt-BR") == "1.500"


def test_dates_in_the_orders_local_sense() -> None:
    moment = datetime(2022, 2, 16, 21, 20, tzinfo=UTC)
    assert format_datetime(moment, "es-AR") == "16/02/2022 18:20"  # Buenos Aires
    assert format_datetime(moment, "pt-BR") == "16/02/2022 18:20"  # São Paulo (UTC-3 in 2022)
    assert format_datetime(moment, "en") == "02/16/2022 9:20 PM"
    assert format_time(moment, "es-AR", ZoneInfo("America/Mexico_City")) == "15:20"
    with_offset = moment.astimezone(timezone(timedelta(hours=-6)))
    assert format_time(with_offset, "es-AR") == "15:20"  # its own offset is kept


def test_labels_in_three_languages() -> None:
    assert [label("reprint", loc) for loc in ("es-AR", "pt-BR", "en")] == [
        "REIMPRESIÓN",
        "REIMPRESSÃO",
        "REPRINT",
    ]
    assert label_for_code("DELIVERY_FEE", "pt-BR") == "Taxa de entrega"
    assert label_for_code("SOMETHING_NEW", "en") == "Something new"


def test_unknown_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown locale 'fr'"):
        kitchen_ticket(flex_order(), locale="fr")
    with pytest.raises(ValueError, match="no calibration ticket"):
        build_ticket(flex_order(), "calibration")


def test_text_kitchen_ticket_has_items_groups_notes_and_no_prices() -> None:
    text = render_text(kitchen_ticket(flex_order()), Paper.MM80)
    assert "#9129" in text
    assert "MP Delivery · FLEX" in text
    assert "2 x Burrito Combo Refrigerante" in text
    assert "Combo with soda:\n     2 x Soda" in text
    assert "▌ NOTA: No quiero cebolla." in text
    assert "$" not in text


def test_text_receipt_in_portuguese() -> None:
    text = render_text(receipt_ticket(flex_order(), locale="pt-BR"), Paper.MM80)
    for expected in (
        "Doc's Store",
        "Pedido #9129",
        "$ 1.000,00",
        "Taxa de entrega",
        "Desconto (coupon_off)",
        "Pagamento: Carteira digital (pago)",
        "Entrega: Calle 01 1523, APTO 58",
        "Entregador: escanear com o app Flex",
        "[QR]",
    ):
        assert expected in text.replace("\n", " ")
    assert "R$" not in text  # an ARS order keeps its currency in any language


@pytest.mark.parametrize("paper", list(Paper))
def test_text_lines_fit_the_paper(paper: Paper) -> None:
    for ticket in (kitchen_ticket(big_order(5)), receipt_ticket(big_order(5), locale="en")):
        for line in render_text(ticket, paper).splitlines():
            assert len(line) <= paper.columns, line


def test_marketplace_words_come_from_the_plugins_and_a_code_without_words_prints_as_is() -> None:
    # tests/conftest.py builds the registry, which hands the plug-ins' words down.
    assert label_for_word("mercadolibre", "pt-BR") == "Mercado Livre"
    assert label_for_word("takeout", "es-AR") == "RETIRO EN LOCAL"
    assert label_for_word("new_market", "es-AR") == "NEW_MARKET"
    saved = registry().ticket_words()
    try:
        use_ticket_words({"mp_delivery": {"es": "Delivery MP", "pt": "MP", "en": "MP"}})
        text = render_text(kitchen_ticket(flex_order()), Paper.MM80)
        assert "Delivery MP · FLEX" in text
    finally:
        use_ticket_words(saved)
