"""Run the engine without a screen: ``python -m kitchen_app.headless --db desk.sqlite3
--relay-url URL --relay-token T --mp-base-url URL --mp-token T``.

Prints one line per announcement (``order_added mp_delivery:123``) so a test or a benchmark
in another process can follow it; stops on SIGTERM or Ctrl+C. Fault tests kill it with
SIGKILL mid-batch and restart it on the same file.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from kitchen_app.engine.engine import EngineConfig
from kitchen_app.engine.recorder import Announcement, RecordingListener
from kitchen_app.wiring import build_engine

__all__ = ["main"]


def _print(item: Announcement) -> None:
    if item.kind in ("order_added", "order_changed"):
        sys.stdout.write(f"{item.kind} {item.key}\n")
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kitchen_app.headless")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--relay-url", required=True)
    parser.add_argument("--relay-token", required=True)
    parser.add_argument("--mp-base-url", required=True)
    parser.add_argument("--mp-token", required=True)
    parser.add_argument("--poll-wait", type=float, default=25.0)
    parser.add_argument("--reconcile-interval", type=float, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    settings = {
        "relay_url": args.relay_url,
        "relay_token": args.relay_token,
        "mp_base_url": args.mp_base_url,
        "mp_access_token": args.mp_token,
        "auto_print": False,
    }
    engine = build_engine(
        EngineConfig(
            db_path=args.db,
            initial_settings=settings,
            poll_wait_s=args.poll_wait,
            reconcile_interval_s=args.reconcile_interval,
        ),
        RecordingListener(on_announce=_print),
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    engine.start()
    sys.stdout.write("engine ready\n")
    sys.stdout.flush()
    stop.wait()
    engine.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
