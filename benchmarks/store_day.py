"""The window's first paint reads today's orders (DESIGN §8: start to first paint with 5,000
orders today <= 1.5 s): how long `orders_of_day` takes over a fresh file holding 5,000 orders
of today, beside earlier days' orders.

Printed: the insert rate, then the median (and slowest) of several `orders_of_day` runs
through the writer (DeskStore) and through the UI's read-only connection (DeskReader).

    .venv/bin/python benchmarks/store_day.py [--orders 5000] [--history-days 7] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from kitchen_app.app.plugins import registry
from kitchen_app.domain import (
    Customer,
    Logistics,
    Money,
    Order,
    OrderItem,
    StatusPair,
    TimelineEntry,
    Totals,
)
from kitchen_app.store import DeskReader, DeskStore

ZONE = UTC
READY_TO_PRINT = StatusPair("ready_to_ship", "ready_to_print")


def _order(n: int, created_at: datetime) -> Order:
    price = Money(Decimal(1000 + n % 700), "ARS")
    items = tuple(
        OrderItem(name=f"Empanada {k}", quantity=Decimal(2), unit_price=price, total_price=price)
        for k in range(1 + n % 4)
    )
    total = Money(price.amount * len(items), "ARS")
    return Order(
        channel="mp_delivery",
        order_id=str(41_000_000_000 + n),
        display_id=str(n % 10_000),
        created_at=created_at,
        status=READY_TO_PRINT,
        logistics=Logistics.FLEX if n % 3 else Logistics.DROPOFF,
        store_id="1070421029",
        store_name="Doc's Store",
        items=items,
        totals=Totals(items=total, fees=Money.zero("ARS"), discount=Money.zero("ARS"), total=total),
        customer=Customer(f"Cliente {n}"),
        raw={"id": str(41_000_000_000 + n), "displayId": str(n % 10_000)},
    )


def _fill(store: DeskStore, count: int, day_start: datetime, first: int) -> float:
    step = timedelta(days=1) / count
    started = time.perf_counter()
    for batch_start in range(0, count, 50):
        with store.transaction():
            for n in range(batch_start, min(count, batch_start + 50)):
                created = day_start + step * n
                seen = TimelineEntry(READY_TO_PRINT, created, created, "webhook")
                store.apply_order(_order(first + n, created), [seen])
    return time.perf_counter() - started


def _timed(fn: object, runs: int) -> list[float]:
    assert callable(fn)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    registry()  # the plug-ins declare their flows (Mercado Pago's status graph) and words
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=5000, help="orders today")
    parser.add_argument("--history-days", type=int, default=7, help="earlier days as full")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    today = datetime.now(ZONE).date()
    today_start = datetime(today.year, today.month, today.day, tzinfo=ZONE)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.db"
        store = DeskStore.open(path, tz=ZONE)
        try:
            for d in range(args.history_days, 0, -1):
                _fill(store, args.orders, today_start - timedelta(days=d), d * 1_000_000)
            insert_s = _fill(store, args.orders, today_start, 0)
            writer_ms = _timed(lambda: store.orders_of_day(today, ZONE), args.runs)
            listed = len(store.orders_of_day(today, ZONE))
        finally:
            store.close()
        reader = DeskReader.open(path)
        try:
            reader_ms = _timed(lambda: reader.orders_of_day(today, ZONE), args.runs)
        finally:
            reader.close()
        size_mb = path.stat().st_size / 1e6

    if listed != args.orders:
        raise SystemExit(f"orders_of_day listed {listed} orders, expected {args.orders}")
    total = args.orders * (args.history_days + 1)
    print(f"database: {total} orders ({args.orders} today), {size_mb:.1f} MB")
    print(f"apply_order: {args.orders / insert_s:,.0f} orders/s (batches of 50)")
    print(
        f"orders_of_day ({listed} orders), writer: median {statistics.median(writer_ms):.1f} ms, "
        f"max {max(writer_ms):.1f} ms over {args.runs} runs"
    )
    print(
        f"orders_of_day ({listed} orders), reader: median {statistics.median(reader_ms):.1f} ms, "
        f"max {max(reader_ms):.1f} ms over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
