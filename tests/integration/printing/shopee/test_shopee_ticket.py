"""``kitchen-app ticket --channel shopee``: a Shopee order (as ``get_order_detail`` answers it)
printed with its items' model names, quantities and the buyer's message to the seller."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kitchen_app.app.cli import main

ANSWER = {
    "request_id": "r",
    "error": "",
    "message": "",
    "response": {
        "order_list": [
            {
                "order_sn": "220810QSK8S7BX",
                "order_status": "READY_TO_SHIP",
                "currency": "BRL",
                "create_time": 1660123000,
                "update_time": 1660123127,
                "pay_time": 1660123050,
                "ship_by_date": 1660296000,
                "message_to_seller": "Sem cebola, por favor",
                "buyer_username": "ana.souza",
                "total_amount": 75.7,
                "item_list": [
                    {
                        "item_id": 1680783,
                        "item_name": "Marmita Fit Frango",
                        "model_id": 327890123,
                        "model_name": "Grande",
                        "model_quantity_purchased": 2,
                        "model_discounted_price": 32.9,
                    }
                ],
            }
        ]
    },
}


def test_kitchen_ticket_has_model_quantity_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order_file = tmp_path / "shopee.json"
    order_file.write_text(json.dumps(ANSWER), encoding="utf-8")
    out = tmp_path / "k.txt"
    code = main(
        [
            "ticket",
            str(order_file),
            "--channel",
            "shopee",
            "--kind",
            "kitchen",
            "--format",
            "text",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "2 x Marmita Fit Frango (Grande)" in text
    assert "Sem cebola, por favor" in text
    assert "220810QSK8S7BX" in text


def test_a_file_that_is_not_a_shopee_order_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order_file = tmp_path / "bad.json"
    order_file.write_text(json.dumps({"order_sn": "X"}), encoding="utf-8")
    code = main(
        [
            "ticket",
            str(order_file),
            "--channel",
            "shopee",
            "--kind",
            "kitchen",
            "--format",
            "text",
            "--out",
            str(tmp_path / "o.txt"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "order_status" in err
    assert not (tmp_path / "o.txt").exists()
