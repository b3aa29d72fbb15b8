"""OrderKey: the one key type from the relay event to the printer."""

from __future__ import annotations

import pytest

from kitchen_app.domain import OrderKey


def test_text_form_round_trips() -> None:
    key = OrderKey("mp_delivery", "41034141533")
    assert str(key) == "mp_delivery:41034141533"
    assert OrderKey.parse(str(key)) == key


def test_an_order_id_may_hold_a_colon_but_the_channel_may_not() -> None:
    key = OrderKey.parse("shopee:2601:ABC")
    assert key == OrderKey("shopee", "2601:ABC")
    with pytest.raises(ValueError, match="not an order key"):
        OrderKey("shop:ee", "1")


@pytest.mark.parametrize("text", ["", "mp_delivery", ":123", "mp_delivery:", "mp_delivery:  "])
def test_parse_refuses_what_is_not_a_key(text: str) -> None:
    with pytest.raises(ValueError, match="not an order key"):
        OrderKey.parse(text)


def test_keys_are_values_hashable_and_ordered() -> None:
    a = OrderKey("mercadolibre", "2000001")
    assert {a, OrderKey("mercadolibre", "2000001")} == {a}
    assert sorted([OrderKey("shopee", "1"), a]) == [a, OrderKey("shopee", "1")]
