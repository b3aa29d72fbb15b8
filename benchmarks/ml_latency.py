"""Mercado Libre: notification at the relay → order committed in the desk's SQLite and
announced (issue 12: p99 ≤ 100 ms on loopback, as for Mercado Pago, DESIGN §8).

Runs the real relay (SQLite file), the sandbox with its Mercado Libre part and the desk
engine on loopback. The sandbox creates single ME1 orders at a steady pace; each sends its
``orders_v2`` notification to the relay; the engine long-polls, resolves it through the
plug-in, fetches the order and its shipment (two calls), commits it and announces it. The
clock starts when the notification reaches the relay's ASGI app and stops when the engine's
listener is told "order added" (after the commit).

Usage: python benchmarks/ml_latency.py [--orders 1000] [--rate 50]
Prints p50/p90/p99/max in milliseconds. Target: p50 ≤ 20 ms, p99 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from _arrivals import ArrivalStamp, last_path_segment, latency_line

from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.app.wiring import build_engine
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.engine.recorder import Announcement, RecordingListener
from kitchen_app.relay import add_store
from kitchen_app.relay import build_app as build_relay
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

SELLER = 3430803000  # the sandbox's Mercado Libre seller
TOKEN = "APP_USR-sandbox"


def run(orders: int, rate: float) -> list[float]:
    tmp = Path(tempfile.mkdtemp(prefix="kitchen-latency-"))
    relay_db = tmp / "relay.sqlite3"
    token = add_store(relay_db, "Bench", ml_seller_id=SELLER)
    stamp = ArrivalStamp(
        build_relay(relay_config(db_path=relay_db)), "/webhooks/mercadolibre", last_path_segment
    )
    relay = ServerThread(stamp)
    relay_url = relay.start()
    sandbox = ServerThread(
        build_sandbox(
            SandboxConfig(token=TOKEN, relay_url=relay_url, speed=1.0, seed=1),
            [p.sandbox for p in registry() if p.sandbox is not None],
        )
    )
    sandbox_url = sandbox.start()
    added: dict[str, float] = {}
    done = threading.Event()

    def on_announce(item: Announcement) -> None:
        if item.kind == "order_added" and item.key:
            added[item.key.order_id] = item.at
            if len(added) >= orders:
                done.set()

    engine = build_engine(
        EngineConfig(
            db_path=tmp / "desk.db",
            initial_settings={
                "relay_url": relay_url,
                "relay_token": token,
                "mercadolibre.base_url": sandbox_url,
                "mercadolibre.access_token": TOKEN,
                "mercadolibre.user_id": str(SELLER),
                "auto_print": False,
            },
            reconcile_interval_s=3600,
        ),
        RecordingListener(on_announce=on_announce),
    )
    engine.start()
    try:
        with httpx.Client(base_url=sandbox_url, timeout=10) as control:
            interval = 1.0 / rate
            start = time.perf_counter()
            for i in range(orders):
                # A steady pace (not a burst): this measures latency, not queueing.
                pause = start + i * interval - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                r = control.post("/_sandbox/orders", json={"channel": "mercadolibre"})
                r.raise_for_status()
        if not done.wait(120):
            print(f"only {len(added)} of {orders} orders arrived", file=sys.stderr)
    finally:
        engine.stop()
        sandbox.stop()
        relay.stop()
    return [(added[oid] - stamp.arrivals[oid]) * 1000 for oid in added if oid in stamp.arrivals]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=50.0, help="orders per second")
    args = parser.parse_args()
    latencies = run(args.orders, args.rate)
    if not latencies:
        print("no latency measured", file=sys.stderr)
        return 1
    print(latency_line("Mercado Libre notification→committed+announced", latencies))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
