"""Issue 9's figures: orders on screen whatever the marketplace's first answers, and the
desk's return after an outage.

Runs the real relay (SQLite file), a stand-in Mercado Pago written from the documented shapes
(tests/integration/engine/standin.py: per-order 404/500/never-answering behaviours) and the
desk engine in this process, all on loopback. "On screen" is the engine telling its listener
"order added" (after the commit; the window's bridge turns that into its signal).

1. first-gets-fail: each order's first two GETs answer 500; time from its webhook POST to
   "order added", over N orders (target p99 ≤ 5 s).
2. healthy-beside-failing: one order whose GET never answers and one that always answers
   500 are announced first; then healthy orders one by one; time from each healthy order's
   webhook to "order added" (target ≤ 2 s).
3. reconnect: the network between the desk and the relay is cut until the desk says
   offline, then restored after a random 0-3 s; time from the restore to the feed being
   online again (target ≤ 5 s).

Usage: python benchmarks/never_miss.py [--orders 100] [--healthy 20] [--outages 10]
Prints p50/p99/max in milliseconds for each figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.engine.standin import Behaviour, World

from kitchen_app.app.wiring import build_engine
from kitchen_app.engine.api import FeedStatus
from kitchen_app.engine.engine import Engine, EngineConfig
from kitchen_app.engine.recorder import Announcement, RecordingListener


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def report(name: str, values_s: list[float]) -> None:
    ms = [v * 1000 for v in values_s]
    print(
        f"{name}: n={len(ms)} p50={statistics.median(ms):.0f} ms "
        f"p99={percentile(ms, 99):.0f} ms max={max(ms):.0f} ms"
    )


class Timer:
    """Marks when each order was announced."""

    def __init__(self) -> None:
        self.added: dict[str, float] = {}
        self.cond = threading.Condition()

    def __call__(self, item: Announcement) -> None:
        if item.kind == "order_added" and item.key is not None:
            with self.cond:
                self.added.setdefault(item.key.order_id, item.at)
                self.cond.notify_all()

    def wait(self, order_id: str, timeout: float = 60.0) -> float:
        deadline = time.monotonic() + timeout
        with self.cond:
            while order_id not in self.added:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"order {order_id} never announced")
                self.cond.wait(remaining)
            return self.added[order_id]


def start_engine(world: World, tmp: Path, timer: Timer) -> tuple[Engine, RecordingListener]:
    listener = RecordingListener(on_announce=timer)
    engine = build_engine(
        EngineConfig(
            db_path=tmp / "desk.db",
            initial_settings=world.settings(),
            poll_wait_s=25.0,
            reconcile_interval_s=3600,
        ),
        listener,
    )
    engine.start()
    return engine, listener


def wait_status(engine: Engine, status: FeedStatus, timeout: float = 30.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = engine.feed_state
        if state is not None and state.status is status:
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(f"feed never {status}")


def first_gets_fail(world: World, tmp: Path, orders: int) -> list[float]:
    timer = Timer()
    engine, _ = start_engine(world, tmp, timer)
    try:
        wait_status(engine, FeedStatus.ONLINE)
        out = []
        for n in range(orders):
            order_id = f"4200000{n:04d}"
            world.standin.add_order(order_id, behaviour=Behaviour(fail_first=2, fail_status=500))
            sent = time.perf_counter()
            world.webhook(f"/shipments/{order_id}")
            out.append(timer.wait(order_id) - sent)
        return out
    finally:
        engine.stop()


def healthy_beside_failing(world: World, tmp: Path, healthy: int) -> list[float]:
    timer = Timer()
    engine, _ = start_engine(world, tmp, timer)
    try:
        wait_status(engine, FeedStatus.ONLINE)
        world.standin.add_order("43000000001", behaviour=Behaviour(hang=True))
        world.standin.add_order(
            "43000000002", behaviour=Behaviour(fail_first=10**6, fail_status=500)
        )
        world.webhook("/shipments/43000000001")
        world.webhook("/shipments/43000000002")
        out = []
        for n in range(healthy):
            order_id = f"4300001{n:04d}"
            world.standin.add_order(order_id)
            sent = time.perf_counter()
            world.webhook(f"/shipments/{order_id}")
            out.append(timer.wait(order_id) - sent)
            time.sleep(0.2)  # orders one by one, while the failing ones keep retrying
        return out
    finally:
        world.standin.release.set()
        engine.stop()


def reconnect(world: World, tmp: Path, outages: int) -> list[float]:
    assert world.net is not None
    timer = Timer()
    engine, _ = start_engine(world, tmp, timer)
    rng = random.Random(9)
    try:
        wait_status(engine, FeedStatus.ONLINE)
        out = []
        for _ in range(outages):
            world.net.cut()
            wait_status(engine, FeedStatus.OFFLINE)
            time.sleep(rng.uniform(0.0, 3.0))  # the outage lasts a while
            restored = time.perf_counter()
            world.net.restore()
            out.append(wait_status(engine, FeedStatus.ONLINE) - restored)
        return out
    finally:
        engine.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--healthy", type=int, default=20)
    parser.add_argument("--outages", type=int, default=10)
    args = parser.parse_args(argv)
    for name, figure, count in (
        ("first two GETs fail → on screen (target p99 ≤ 5 s)", first_gets_fail, args.orders),
        ("healthy order beside failing ones (target ≤ 2 s)", healthy_beside_failing, args.healthy),
        ("reconnect after the network returns (target ≤ 5 s)", reconnect, args.outages),
    ):
        tmp = Path(tempfile.mkdtemp(prefix="kitchen-never-miss-"))
        world = World(tmp).start(with_net=True)
        try:
            report(name, figure(world, tmp, count))
        finally:
            world.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
