"""Ticket render time for a 50-order Mercado Libre cart (issue 12: PDF ≤ 20 ms, ESC/POS ≤ 2 ms).

Folds 50 orders of one pack into the cart's one ticket (``channels/mercadolibre/cart.py``)
and prints the median (and p90) of building + rendering the kitchen ticket and the receipt,
80 mm paper.

    .venv/bin/python benchmarks/ml_cart_ticket.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kitchen_app.channels.mercadolibre.mapping import read_order, to_domain
from kitchen_app.domain import Order
from kitchen_app.domain.carts import cart_order
from kitchen_app.printing.escpos import render_escpos
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.pdf import render_pdf
from kitchen_app.printing.tickets import kitchen_ticket, receipt_ticket

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "mercadolibre"


def cart_of(n: int) -> list[Order]:
    base = json.loads((FIXTURES / "order_new_cart.json").read_text("utf-8"))
    shipment = json.loads((FIXTURES / "shipment_me1.json").read_text("utf-8"))
    out = []
    for index in range(n):
        raw = copy.deepcopy(base)
        raw["id"] = 2053577644 + index
        raw["order_items"][0]["item"]["title"] = f"Kit Brigadeiro Gourmet sabor {index}"
        out.append(to_domain(read_order(raw, shipment)))
    return out


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.9) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    orders = cart_of(50)
    cases: list[tuple[str, Callable[[], object], float]] = [
        (
            "escpos kitchen (fold + build + render)",
            lambda: render_escpos(kitchen_ticket(cart_order(orders)), Paper.MM80),
            2.0,
        ),
        (
            "escpos receipt (fold + build + render)",
            lambda: render_escpos(receipt_ticket(cart_order(orders)), Paper.MM80),
            2.0,
        ),
        (
            "pdf kitchen (fold + build + render)",
            lambda: render_pdf(kitchen_ticket(cart_order(orders)), Paper.MM80),
            20.0,
        ),
        (
            "pdf receipt (fold + build + render)",
            lambda: render_pdf(receipt_ticket(cart_order(orders)), Paper.MM80),
            20.0,
        ),
    ]
    print(f"50-order cart, 80 mm, {args.runs} runs each")
    for name, fn, target in cases:
        runs = args.runs if name.startswith("escpos") else max(20, args.runs // 5)
        median, p90 = measure(fn, runs)
        verdict = "ok" if median <= target else "OVER"
        print(
            f"{name:40s} median {median:6.2f} ms  p90 {p90:6.2f} ms  "
            f"(target {target:g} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
