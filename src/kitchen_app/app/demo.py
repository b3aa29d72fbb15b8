"""`kitchen-app demo`: the sandbox and the relay in this process on free loopback ports, a
demo store registered and linked at the relay for the three marketplaces (app/demo_links.py),
and the desk wired to them on the relay's tokens, with orders arriving on their own. The
pasted sandbox tokens are in the settings too: `<channel>.credentials` = "pasted" uses them.

The demo keeps its files in its own folder (never the real desk's). Each start makes a fresh
relay log and store token; the desk's cursor is named after the relay and token, so it starts
from the beginning of the new log, while the desk's own database keeps earlier demo orders.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from kitchen_app.app.paths import (
    default_data_dir,
    demo_data_dir,
    desk_db_path,
    keep_printer_capabilities_cached,
)
from kitchen_app.app.serving import ServerThread, listening_socket
from kitchen_app.channels.mercadopago import CHANNEL as DEMO_MP_CHANNEL
from kitchen_app.channels.mercadopago.sandbox import MpSandboxConfig
from kitchen_app.channels.mercadopago.sandbox import sandbox_part_with as mp_part_with
from kitchen_app.channels.shopee import CHANNEL as DEMO_SHOPEE_CHANNEL
from kitchen_app.channels.shopee.notify import PARTNER_KEY
from kitchen_app.channels.shopee.sandbox import ShopeeSandboxConfig, sandbox_part_with

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

__all__ = ["DemoServices", "demo_folder", "demo_in_app", "demo_services", "run_demo"]

log = logging.getLogger(__name__)

DEMO_TOKEN = "APP_USR-sandbox"
# The sandbox's Mercado Libre seller: the demo store sells there too (one counter, one
# printer); its orders come at a third of the Mercado Pago rate.
DEMO_ML_SELLER_ID = 3430803000
# The sandbox's Shopee shop and keys (channels/shopee/sandbox/world.py defaults).
DEMO_SHOPEE = ShopeeSandboxConfig()
# The marketplaces the demo store is linked to at start (their accounts are the sandbox's
# default seller, seller and shop above).
DEMO_LINKED = ("mp_delivery", "mercadolibre", DEMO_SHOPEE_CHANNEL)


@dataclass(frozen=True)
class DemoServices:
    sandbox_url: str
    relay_url: str
    desk_token: str
    speed: float = 1.0
    # The sandbox's clock (it runs `speed` times faster than the wall clock): the window
    # counts accept deadlines down in marketplace time, as a real desk does.
    sandbox_now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def desk_settings(self, data_dir: Path) -> dict[str, Any]:
        from kitchen_app.app.desk import mp_setting
        from kitchen_app.printing.settings import PrinterSettings

        # A printer that writes its ESC/POS bytes to a file, so the demo's tickets go through
        # the real journal and queue without paper.
        printer = PrinterSettings(
            name="Demo printer",
            kind="file",
            address=str(data_dir / "demo-printer.escpos"),
            copies={"kitchen": 1, "receipt": 1},
        )
        return {
            "relay_url": self.relay_url,
            "relay_token": self.desk_token,
            mp_setting("base_url"): self.sandbox_url,
            mp_setting("access_token"): DEMO_TOKEN,
            "mercadolibre.base_url": self.sandbox_url,
            "mercadolibre.access_token": DEMO_TOKEN,
            "mercadolibre.user_id": str(DEMO_ML_SELLER_ID),
            "shopee.base_url": self.sandbox_url,
            "shopee.access_token": DEMO_SHOPEE.access_token,
            "shopee.partner_id": DEMO_SHOPEE.partner_id,
            "shopee.partner_key": DEMO_SHOPEE.partner_key,
            "shopee.shop_id": str(DEMO_SHOPEE.shop_ids[0]),
            # The real custody path: every marketplace's token from the relay's link.
            **{f"{channel}.credentials": "relay" for channel in DEMO_LINKED},
            "demo_mode": True,
            "printers": [printer.to_dict()],
        }


@contextmanager
def demo_services(
    data_dir: Path, *, speed: float, rate_per_min: float, seed: int | None, first_orders: int = 2
) -> Iterator[DemoServices]:
    """Run relay + sandbox until the block ends."""
    from kitchen_app.app.demo_links import demo_custody, link_demo_store
    from kitchen_app.app.plugins import registry
    from kitchen_app.app.relay_setup import relay_config
    from kitchen_app.relay import add_store
    from kitchen_app.relay import build_app as build_relay
    from kitchen_app.sandbox import ShellConfig, build_shell

    data_dir.mkdir(parents=True, exist_ok=True)
    relay_db = data_dir / "relay.sqlite3"
    for stale in data_dir.glob("relay.sqlite3*"):
        stale.unlink()
    # No account ids: linking gives the store its accounts (and their events).
    token = add_store(relay_db, "Demo — La Parrilla")
    # Each server needs the other's address before it is built: bind both sockets first.
    relay_sock, sandbox_sock = listening_socket(), listening_socket()
    relay_url = f"http://127.0.0.1:{relay_sock.getsockname()[1]}"
    sandbox_url = f"http://127.0.0.1:{sandbox_sock.getsockname()[1]}"
    oauth = [p.oauth for p in registry() if p.oauth is not None and p.channel in DEMO_LINKED]
    relay = ServerThread(
        build_relay(
            relay_config(
                settings={f"{DEMO_SHOPEE_CHANNEL}.{PARTNER_KEY}": DEMO_SHOPEE.partner_key},
                db_path=relay_db,
                custody=demo_custody(oauth, relay_url, sandbox_url),
            )
        ),
        sock=relay_sock,
    )
    relay.start()
    # Each plug-in's simulator; Mercado Pago's makes the demo's delivery orders, Shopee's
    # marketplace sales come a third as often.
    sim_parts = {
        DEMO_MP_CHANNEL: mp_part_with(MpSandboxConfig(rate_per_min=rate_per_min)),
        DEMO_SHOPEE_CHANNEL: sandbox_part_with(DEMO_SHOPEE, rate_per_min=rate_per_min / 3),
    }
    sandbox = ServerThread(
        build_shell(
            ShellConfig(token=DEMO_TOKEN, relay_url=relay_url, speed=speed, seed=seed),
            [sim_parts.get(p.channel, made) for p in registry() if (made := p.sandbox) is not None],
        ),
        sock=sandbox_sock,
    )
    try:
        sandbox.start()
        link_demo_store(relay_url, token, DEMO_LINKED)
        # A couple of orders at once, so the window is not empty while the first one is due.
        with httpx.Client(base_url=sandbox_url, timeout=10) as control:
            for i in range(first_orders):
                control.post(
                    "/_sandbox/orders", json={"logistics": "flex" if i % 2 == 0 else "dropoff"}
                )
            # Mercado Libre beside Mercado Pago: a cart at once, then orders now and then.
            control.post("/_sandbox/orders", json={"channel": "mercadolibre", "cart": 2})
            control.post("/_sandbox/mercadolibre/rate", json={"rate_per_min": rate_per_min / 3})
            if first_orders:
                control.post("/_sandbox/orders", json={"channel": DEMO_SHOPEE_CHANNEL})
            anchor = datetime.fromisoformat(control.get("/_sandbox/clock").json()["now"])
            started = time.monotonic()

        def sandbox_now() -> datetime:
            return anchor + timedelta(seconds=(time.monotonic() - started) * speed)

        log.info("demo: sandbox %s, relay %s", sandbox_url, relay_url)
        yield DemoServices(sandbox_url, relay_url, token, speed, sandbox_now)
    finally:
        sandbox.stop()
        relay.stop()


def holds_real_desk(folder: Path) -> bool:
    """A desk database that is not the demo's: its connection settings are a real store's."""
    from kitchen_app.app.desk import saved_settings

    db = desk_db_path(folder)
    return db.exists() and saved_settings(db, ("demo_mode",))["demo_mode"] is not True


def demo_folder(requested: Path | None) -> Path:
    """Where the demo keeps its files: the folder asked for, unless a real desk lives there —
    then its ``demo`` subfolder, so the demo's relay and sandbox never replace that desk's
    connection (`kitchen-app demo --data-dir DIR` on a real desk's folder)."""
    if requested is None:
        return demo_data_dir()
    if holds_real_desk(requested):
        log.info("%s holds a real desk: the demo uses %s", requested, requested / "demo")
        return requested / "demo"
    return requested


def demo_language(folder: Path) -> str | None:
    """The language saved in the demo's folder, else the real desk's, else the system's."""
    from kitchen_app.app.desk import saved_settings

    for candidate in (folder, default_data_dir()):
        language = saved_settings(desk_db_path(candidate), ("language",))["language"]
        if language:
            return str(language)
    return None


def demo_in_app(
    app: QApplication, args: argparse.Namespace, *, data_dir: Path | None = None
) -> int:
    from kitchen_app.app.desk import open_desk

    data_dir = data_dir or demo_folder(getattr(args, "data_dir", None))
    with demo_services(
        data_dir,
        speed=getattr(args, "speed", 1.0),
        rate_per_min=getattr(args, "rate", 2.0),
        seed=getattr(args, "seed", None),
    ) as services:
        return open_desk(
            app,
            data_dir,
            services.desk_settings(data_dir),
            demo=True,
            window_options={"now": services.sandbox_now, "alert_speed": services.speed},
        )


def run_demo(args: argparse.Namespace) -> int:
    from kitchen_app.app.logs import log_to_file
    from kitchen_app.ui.app import create_app

    data_dir = demo_folder(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_to_file(data_dir)
    keep_printer_capabilities_cached()
    app = create_app(sys.argv[:1], language=demo_language(data_dir))
    print(f"Kitchen Desk demo: data in {data_dir}")
    return demo_in_app(app, args, data_dir=data_dir)
