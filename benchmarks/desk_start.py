"""Desk start to first paint with 5,000 orders today, its memory then, and the window's update
on a new order with 5,000 rows (DESIGN §8: ≤ 1.5 s, RSS ≤ 250 MB, ≤ 16 ms).

The parent builds a desk database once: 5,000 orders of today made by the sandbox's order
generator, mapped by the Mercado Pago client's mapper and stored with the real
``DeskStore.apply_order`` (most delivered, some cancelled, a few still open, each with its
timeline), beside a week of earlier days. Each run then copies it and starts a fresh
interpreter that does what ``kitchen-app`` does: Qt application, the real engine on the copy
(no relay configured; Mercado Pago pointed at a closed loopback port, so its start-up
reconciliation reaches nothing but 127.0.0.1), the real ``DeskReader`` and ``MainWindow``,
shown on the offscreen platform at a 1366×768 counter screen's size.

* start: from just before the interpreter is launched to the end of the order list's first
  paint (CLOCK_MONOTONIC is shared by both processes); RSS read from /proc at that moment;
* update: a new order is written by a second store connection (not timed), then the clock
  runs from ``bridge.orderAdded`` being emitted to the end of the list's next paint, with the
  new row in it. Median of 20 per run.

Printed: each figure's median over the runs, its range, and its target.

    .venv/bin/python benchmarks/desk_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY_ORDERS = 5000
UPDATES = 20
STORE_USER = 1070421029
SCREEN = {"name": "Counter", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
          "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip

# Where the day's orders stand when the desk opens (the rest are delivered).
_CANCELLED_EVERY = 17  # about 6 %
_OPEN_NEWEST = 24  # the newest orders are still moving: new, preparing, on the way


# ---- the database (parent) ------------------------------------------------------------------


def _pairs(status: str) -> list[tuple[str, str | None]]:
    path: list[tuple[str, str | None]] = [("ready_to_ship", "ready_to_print")]
    if status == "new":
        return path
    if status == "cancelled":
        return [*path, ("cancelled", "cancelled_manually")]
    path.append(("ready_to_ship", "printed"))
    if status == "preparing":
        return path
    path.append(("shipped", "out_for_delivery"))
    if status == "shipped":
        return path
    return [*path, ("delivered", None)]


def _status_of(n: int, count: int, today: bool) -> str:
    from_newest = count - 1 - n
    if today and from_newest < _OPEN_NEWEST:
        return ("new", "preparing", "preparing", "shipped")[from_newest % 4]
    if n % _CANCELLED_EVERY == 0:
        return "cancelled"
    return "delivered"


def _orders(
    store: Any, count: int, first: datetime, last: datetime, seed: int, base: int, *, today: bool
) -> None:
    from kitchen_app.channels.mercadopago.sandbox.orders import build_order_json
    from kitchen_app.channels.mercadopago.sandbox.stores import Store
    from kitchen_app.channels.mp_mapping import map_order
    from kitchen_app.domain import StatusPair, TimelineEntry

    rng = random.Random(seed)
    shop = Store(STORE_USER, 55_001, "Bench — La Parrilla", "LP-01", {"APP_USR-sandbox"})
    step = (last - first) / count
    for batch in range(0, count, 100):
        with store.transaction():
            for n in range(batch, min(count, batch + 100)):
                created = first + step * n
                raw = build_order_json(
                    shipment_id=str(base + n),
                    display_id=str((base + n) % 100_000),
                    logistics=rng.choice(("flex", "flex", "dropoff")),
                    store=shop,
                    created=created.timestamp(),
                    rng=rng,
                )
                status = _status_of(n, count, today)
                pairs = _pairs(status)
                # The generator leaves the status to the sandbox's world: set where it stands.
                raw["extension"] = {"status": pairs[-1][0], "substatus": pairs[-1][1]} | raw[
                    "extension"
                ]
                order = map_order(raw)
                entries = []
                for k, (s, sub) in enumerate(pairs):
                    at = created + timedelta(minutes=4 * k)
                    entries.append(TimelineEntry(StatusPair(s, sub), at, at, "webhook"))
                store.apply_order(order, entries)
                if status != "new" and status != "cancelled":
                    store.set_accepted(order.key)


def build_database(path: Path, orders: int, history_days: int) -> None:
    from kitchen_app.store import DeskStore

    now = datetime.now(UTC)
    day_start = datetime(now.year, now.month, now.day, tzinfo=UTC)
    # Today's orders run from the start of the day up to a minute ago (the newest still new).
    last = now - timedelta(seconds=60)
    first = day_start if last - day_start > timedelta(minutes=30) else last - timedelta(hours=1)
    store = DeskStore.open(path, tz=UTC)
    try:
        for d in range(history_days, 0, -1):
            start = day_start - timedelta(days=d)
            end = start + timedelta(hours=23)
            _orders(store, orders // 4, start, end, d, 10_000_000 * d, today=False)
        _orders(store, orders, first, last, 0, 40_000_000_000, today=True)
        listed = len(store.orders_of_day(now.date(), UTC))
    finally:
        store.close()
    if listed < orders:
        raise SystemExit(f"the database lists {listed} orders today, expected {orders}")


# ---- one desk start (child) ------------------------------------------------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def child(db: Path, launched: float) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from kitchen_app.app.plugins import registry
    from kitchen_app.app.wiring import build_engine
    from kitchen_app.engine.engine import EngineConfig
    from kitchen_app.store import DeskReader, DeskStore
    from kitchen_app.ui import labels
    from kitchen_app.ui.alert import AlertPlayer
    from kitchen_app.ui.app import create_app
    from kitchen_app.ui.bridge import EngineBridge
    from kitchen_app.ui.main_window import MainWindow

    app = create_app(sys.argv[:1], language="es")
    labels.use_plugins(registry())  # as app/desk.py does before its window
    bridge = EngineBridge()
    settings = {"mp_base_url": f"http://127.0.0.1:{_closed_port()}", "mp_access_token": "x"}
    engine = build_engine(EngineConfig(db_path=db, initial_settings=settings), bridge)
    engine.start()
    reader = DeskReader.open(db)
    window = MainWindow(engine, reader, bridge, alert=AlertPlayer(), tz=UTC)
    viewport = window.table.viewport()

    class PaintWatch(QObject):
        """Calls ``then`` once the viewport's next paint has finished."""

        def __init__(self) -> None:
            super().__init__()
            self.then: Any = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is viewport and event.type() == QEvent.Type.Paint and self.then:
                then, self.then = self.then, None
                QTimer.singleShot(0, then)  # runs right after this paint completes
            return False

    watch = PaintWatch()
    viewport.installEventFilter(watch)
    result: dict[str, Any] = {}
    writer = DeskStore.open(db, tz=UTC)
    pending: list[str] = []
    started = [0.0]

    def new_order(i: int) -> str:
        from kitchen_app.channels.mercadopago.sandbox.orders import build_order_json
        from kitchen_app.channels.mercadopago.sandbox.stores import Store
        from kitchen_app.channels.mp_mapping import map_order
        from kitchen_app.domain import StatusPair, TimelineEntry

        shop = Store(STORE_USER, 55_001, "Bench", "LP-01", {"APP_USR-sandbox"})
        raw = build_order_json(
            shipment_id=str(49_000_000_000 + i),
            display_id=str(90_000 + i),
            logistics="flex",
            store=shop,
            created=datetime.now(UTC).timestamp(),
            rng=random.Random(i),
        )
        raw["extension"] = {"status": "ready_to_ship", "substatus": "ready_to_print"} | raw[
            "extension"
        ]
        order = map_order(raw)
        seen = TimelineEntry(StatusPair("ready_to_ship", "ready_to_print"), order.created_at,
                             datetime.now(UTC), "webhook")  # fmt: skip
        writer.apply_order(order, [seen])
        return order.key

    def next_update() -> None:
        if len(result.setdefault("update_ms", [])) >= UPDATES:
            finish()
            return
        key = new_order(len(result["update_ms"]))
        pending.append(key)
        watch.then = updated
        started[0] = time.perf_counter()
        bridge.orderAdded.emit(key)

    def updated() -> None:
        elapsed = (time.perf_counter() - started[0]) * 1000
        if window.model.row_of(pending[-1]) is None:
            raise SystemExit("the new order's row is missing")
        result["update_ms"].append(elapsed)
        QTimer.singleShot(50, next_update)  # let the countdown tick and the list settle

    def first_paint() -> None:
        result["start_s"] = time.monotonic() - launched
        result["rss_mb"] = _rss_mb()
        result["rows"] = window.model.rowCount()
        result["window"] = f"{window.width()}×{window.height()}"
        QTimer.singleShot(300, next_update)

    def finish() -> None:
        print(json.dumps(result), flush=True)
        # Orders are waiting: a window asked to close would ask first (and Qt's quit closes
        # the windows). The benchmark decides for it.
        window.shutdown()
        app.quit()

    watch.then = first_paint
    window.show()
    try:
        app.exec()
    finally:
        window.shutdown()
        engine.stop()
        reader.close()
        writer.close()


# ---- the runs (parent) -----------------------------------------------------------------------


def one_run(template: Path, folder: Path) -> dict[str, Any]:
    db = folder / "desk.sqlite3"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(template, db)
    env = dict(os.environ)
    # A counter PC's 1366×768 screen (the offscreen platform's own is 800×800).
    screen = folder / "screen.json"
    screen.write_text(json.dumps({"screens": [SCREEN]}))
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    env.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    launched = time.monotonic()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(db), "--launched", repr(launched)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise SystemExit(f"desk run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return dict(json.loads(lines[-1]))


def _line(name: str, values: list[float], unit: str, target: str, fmt: str) -> str:
    med = statistics.median(values)
    return (
        f"{name}: median {med:{fmt}} {unit} (range {min(values):{fmt}}–{max(values):{fmt}}) "
        f"over {len(values)} runs; target {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--orders", type=int, default=TODAY_ORDERS)
    parser.add_argument("--history-days", type=int, default=7)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.launched)
        return

    with tempfile.TemporaryDirectory(prefix="kitchen-desk-start-") as tmp:
        template = Path(tmp) / "template.sqlite3"
        built = time.perf_counter()
        build_database(template, args.orders, args.history_days)
        size = template.stat().st_size / 1e6
        print(
            f"database: {args.orders} orders today + {args.history_days} earlier days, "
            f"{size:.1f} MB, built in {time.perf_counter() - built:.0f} s"
        )
        results = [one_run(template, Path(tmp) / f"run{i}") for i in range(args.runs)]
    rows = {r["rows"] for r in results}
    windows = sorted({r["window"] for r in results})
    print(f"window rows at first paint: {sorted(rows)}; window {', '.join(windows)} (offscreen)")
    load = os.getloadavg()[0]
    print(f"machine load (1 min): {load:.2f} on {os.cpu_count()} cores")
    print(_line("start → first paint", [r["start_s"] for r in results], "s", "≤ 1.5 s", ".2f"))
    print(_line("RSS at first paint", [r["rss_mb"] for r in results], "MB", "≤ 250 MB", ".0f"))
    medians = [statistics.median(r["update_ms"]) for r in results]
    worst = max(max(r["update_ms"]) for r in results)
    print(
        _line(f"new order → row painted (median of {UPDATES})", medians, "ms", "≤ 16 ms", ".1f")
        + f"; slowest single update {worst:.1f} ms"
    )


if __name__ == "__main__":
    main()
