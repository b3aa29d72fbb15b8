from decimal import Decimal

import pytest

from kitchen_app.domain import Money, MoneyError


def test_parse_float_keeps_its_shortest_decimal_form() -> None:
    assert Money.parse(119.9, "ARS").amount == Decimal("119.90")
    assert Money.parse(0.1, "ARS") + Money.parse(0.2, "ARS") == Money(Decimal("0.30"), "ARS")


def test_cents_round_trip() -> None:
    m = Money.parse("1234.56", "brl")
    assert m.currency == "BRL"
    assert m.cents == 123456
    assert Money.from_cents(m.cents, "BRL") == m


@pytest.mark.parametrize("bad", [None, True, "abc", [], float("nan")])
def test_parse_rejects_non_amounts(bad: object) -> None:
    with pytest.raises(MoneyError):
        Money.parse(bad, "ARS")


def test_mixing_currencies_is_refused() -> None:
    with pytest.raises(MoneyError):
        Money.parse(1, "ARS") + Money.parse(1, "BRL")
