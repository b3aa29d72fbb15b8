"""Ticket render time for a 20-item order (DESIGN §8: ESC/POS ≤ 2 ms, PDF ≤ 20 ms).

Prints the median (and p90) over many runs of each renderer, for the kitchen ticket and the
receipt on 80 mm paper. The PDF figure is given twice: with the QR matrix cached (a reprint,
or the second copy) and computed afresh (the first print of an order).

    .venv/bin/python benchmarks/render.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.printing.orders import big_order

from kitchen_app.printing.escpos import render_escpos
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.pdf import render_pdf
from kitchen_app.printing.qr import qr_matrix
from kitchen_app.printing.tickets import kitchen_ticket, receipt_ticket


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm up (font registration, code page tables)
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    order = big_order(20)

    def receipt_uncached() -> bytes:
        qr_matrix.cache_clear()
        return render_pdf(receipt_ticket(order), Paper.MM80)

    cases: list[tuple[str, Callable[[], object], float]] = [
        (
            "escpos kitchen (build + render)",
            lambda: render_escpos(kitchen_ticket(order), Paper.MM80),
            2.0,
        ),
        (
            "escpos receipt (build + render)",
            lambda: render_escpos(receipt_ticket(order), Paper.MM80),
            2.0,
        ),
        (
            "pdf kitchen (build + render)",
            lambda: render_pdf(kitchen_ticket(order), Paper.MM80),
            20.0,
        ),
        ("pdf receipt, QR cached", lambda: render_pdf(receipt_ticket(order), Paper.MM80), 20.0),
        ("pdf receipt, QR computed", receipt_uncached, 20.0),
    ]
    print(f"20-item order, 80 mm, {args.runs} runs each")
    for name, fn, target in cases:
        runs = args.runs if name.startswith("escpos") else max(20, args.runs // 5)
        median, p90 = measure(fn, runs)
        verdict = "ok" if median <= target else "OVER"
        print(
            f"{name:34s} median {median:6.2f} ms  p90 {p90:6.2f} ms  "
            f"(target {target:g} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
