"""A cart prints as one purchase: every order's items, totals per order and per cart."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kitchen_app.channels.mercadolibre.mapping import read_order, to_domain
from kitchen_app.domain import Money, Order
from kitchen_app.domain.carts import cart_order, cart_totals
from kitchen_app.printing.escpos import render_escpos
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.pdf import render_pdf
from kitchen_app.printing.text import render_text
from kitchen_app.printing.tickets import kitchen_ticket, receipt_ticket

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "mercadolibre"


def orders(n: int, currency: str = "BRL") -> list[Order]:
    base: dict[str, Any] = json.loads((FIXTURES / "order_new_cart.json").read_text("utf-8"))
    shipment = json.loads((FIXTURES / "shipment_me1.json").read_text("utf-8"))
    out = []
    for index in range(n):
        raw = copy.deepcopy(base)
        raw["id"] = 2053577644 + index
        raw["currency_id"] = currency
        raw["order_items"][0]["currency_id"] = currency
        raw["order_items"][0]["item"]["title"] = f"Produto {index}"
        raw["order_items"][0]["unit_price"] = 10 + index
        raw["total_amount"] = 10 + index
        out.append(to_domain(read_order(raw, shipment)))
    return out


def test_totals_per_order_and_per_cart() -> None:
    totals = cart_totals(orders(3))
    assert [t.amount for _, t in totals.per_order] == [Decimal(10), Decimal(11), Decimal(12)]
    assert totals.total == Money.parse(Decimal(33), "BRL")


@pytest.mark.parametrize("currency", ["BRL", "ARS", "MXN"])
def test_one_ticket_lists_every_item_of_the_cart(currency: str) -> None:
    cart = cart_order(orders(3, currency))
    assert cart.display_id == "2000000101334825"
    assert [i.name for i in cart.items] == ["Produto 0", "Produto 1", "Produto 2"]
    assert cart.totals.total == Money.parse(Decimal(33), currency)
    kitchen = render_text(kitchen_ticket(cart, locale="pt-BR"), Paper.MM80)
    for n in range(3):
        assert f"Produto {n}" in kitchen
        assert f"#{2053577644 + n}" in kitchen
    receipt = render_text(receipt_ticket(cart, locale="pt-BR"), Paper.MM80)
    assert "Test Test" in receipt and "Rua Direita" in receipt
    assert render_pdf(receipt_ticket(cart), Paper.MM80).startswith(b"%PDF")
    assert render_escpos(kitchen_ticket(cart), Paper.MM58)


def test_a_lone_order_is_its_own_cart_and_mixed_packs_are_refused() -> None:
    (single,) = orders(1)
    assert cart_order([single]) is single
    other = copy.copy(single)
    with pytest.raises(ValueError):
        cart_order([single, orders(1, "ARS")[0]])
    with pytest.raises(ValueError):
        cart_order([])
    assert other.order_id == single.order_id


def test_ticket_command_prints_a_whole_cart(tmp_path: Path) -> None:
    import subprocess
    import sys

    base: dict[str, Any] = json.loads((FIXTURES / "order_new_cart.json").read_text("utf-8"))
    second = copy.deepcopy(base)
    second["id"] = 2053577645
    second["order_items"][0]["item"]["title"] = "Segundo produto"
    cart_file = tmp_path / "cart.json"
    cart_file.write_text(
        json.dumps(
            {
                "orders": [base, second],
                "shipment": json.loads((FIXTURES / "shipment_me1.json").read_text("utf-8")),
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "kitchen.txt"
    argv = [sys.executable, "-m", "kitchen_app", "ticket", str(cart_file)]
    argv += ["--channel", "mercadolibre", "--kind", "kitchen", "--format", "text"]
    done = subprocess.run([*argv, "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "#2000000101334825" in text
    assert "Produto Teste" in text and "Segundo produto" in text
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"orders": [base, {"id": 1}]}), encoding="utf-8")
    done = subprocess.run(
        [*argv[:3], str(broken), *argv[4:], "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
