"""Render the desk window's screenshots for docs/screenshots/ (offscreen, no display needed).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

The settings' connection page with its "Link …" rows (``--settings-only``: that alone), and
six scenes, each in pt-BR and es: a new order alerting, an accepted Flex order with its
timeline and QR, the offline banner, a ticket the printer never confirmed beside one that
failed (the operator is asked), three marketplaces (a Mercado Libre cart opened and
selected, with its pane; a Shopee order's long id), and the worst afternoon (orders still
loading, the store paused, orders missed offline, notifications without an order, the
marketplace refusing the token, a printer out of paper — every band and the longest status
messages; also in English). The orders come from the GUI tests' stand-in reader
(tests/gui/fakes.py and counter_scene.py), so the pictures do not depend on a network or a
database.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# A counter PC's 1366×768 screen (the offscreen platform's own is 800×800): the window
# opens maximised on it, as it does at the counter.
_SCREEN = Path(tempfile.gettempdir()) / "kitchen-desk-screenshots-screen.json"
_SCREEN.write_text(
    json.dumps(
        {"screens": [{"name": "Counter", "x": 0, "y": 0, "width": 1366, "height": 768,
                      "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    )
)  # fmt: skip
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QTimer  # noqa: E402
from tests.gui.counter_scene import worst_day, worst_health  # noqa: E402
from tests.gui.fakes import (  # noqa: E402
    FakeCommands,
    FakeReader,
    Record,
    Summary,
    flex_order,
    summary_of,
)

from kitchen_app.app.plugins import registry  # noqa: E402
from kitchen_app.domain import Logistics, Money, Stage, StatusPair, TimelineEntry  # noqa: E402
from kitchen_app.engine.api import (  # noqa: E402
    ApiHealth,
    DeskHealth,
    FeedState,
    FeedStatus,
    LinkState,
    PrinterStatus,
)
from kitchen_app.ui import labels  # noqa: E402
from kitchen_app.ui.app import create_app, install_translations  # noqa: E402
from kitchen_app.ui.bridge import EngineBridge  # noqa: E402
from kitchen_app.ui.main_window import MainWindow  # noqa: E402
from kitchen_app.ui.settings_dialog import SettingsDialog  # noqa: E402

LANGS = {
    "pt_BR": (
        "America/Sao_Paulo",
        "BRL",
        [
            "Ana Souza",
            "Bruno Lima",
            "Carla Dias",
            "Diego Melo",
            "Elisa Prado",
            "Fábio Nunes",
            "Gabi Rocha",
        ],
    ),
    "en": (
        "America/Argentina/Buenos_Aires",
        "ARS",
        [
            "Ana Gómez",
            "Bruno Díaz",
            "Carla Ruiz",
            "Diego Sosa",
            "Elena Paz",
            "Facundo Ríos",
            "Gabi",
        ],
    ),
    "es": (
        "America/Argentina/Buenos_Aires",
        "ARS",
        [
            "Ana Gómez",
            "Bruno Díaz",
            "Carla Ruiz",
            "Diego Sosa",
            "Elena Paz",
            "Facundo Ríos",
            "Gabriela Luna",
        ],
    ),
}

P = StatusPair


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def build_day(reader: FakeReader, now: datetime, currency: str, names: list[str]) -> dict[str, str]:
    """Today's orders: two waiting, the rest along their flows. Returns keys by role."""
    specs = [
        # (minutes ago, status, accepted, logistics)
        (4.2, P("ready_to_ship", "ready_to_print"), False, Logistics.FLEX),
        (1.0, P("ready_to_ship", "ready_to_print"), False, Logistics.DROPOFF),
        (9, P("ready_to_ship", "ready_to_cook"), True, Logistics.FLEX),
        (14, P("ready_to_ship", "on_route_to_pickup"), True, Logistics.DROPOFF),
        (26, P("shipped", "out_for_delivery"), True, Logistics.FLEX),
        (48, P("delivered"), True, Logistics.DROPOFF),
        (65, P("cancelled", "cancelled_manually"), False, Logistics.FLEX),
    ]
    keys: dict[str, str] = {}
    for i, (ago, status, accepted, logistics) in enumerate(specs):
        created = now - timedelta(minutes=ago)
        order = flex_order(
            41034141500 + i * 37,
            created=created,
            status=status,
            logistics=logistics,
            currency=currency,
            customer=names[i],
        )
        summary = summary_of(order, accepted=accepted)
        summary = replace(summary, total=summary.total * (i + 1) if i % 2 else summary.total)
        reader.add(summary, order)
        t = created
        entries = [
            TimelineEntry(
                P("ready_to_ship", "ready_to_print"), t, t + timedelta(seconds=1), "webhook"
            )
        ]
        if accepted:
            reader.action_records[order.key] = [
                Record(i * 10 + 1, "accept", "confirmed", t + timedelta(seconds=52))
            ]
            entries.append(
                TimelineEntry(
                    P("ready_to_ship", "printed"),
                    t + timedelta(seconds=53),
                    t + timedelta(seconds=54),
                    "webhook",
                )
            )
            reader.job_records[order.key] = [
                Record(
                    i * 10 + 2, "kitchen", "printed", t + timedelta(seconds=55), printer="Cocina"
                ),
                Record(
                    i * 10 + 3, "receipt", "printed", t + timedelta(seconds=56), printer="Caixa"
                ),
            ]
        if status.substatus == "ready_to_cook":
            entries.append(
                TimelineEntry(
                    status, t + timedelta(minutes=3), t + timedelta(minutes=3, seconds=1), "webhook"
                )
            )
        reader.timelines[order.key] = entries
        keys.setdefault(
            {Stage.NEW: "new", Stage.PREPARING: "preparing"}.get(order.stage, str(i)), order.key
        )
    return keys


def print_problems(reader: FakeReader, key: str, now: datetime) -> None:
    """The kitchen ticket went out and the printer never confirmed; the receipt failed."""
    reader.settings["printers"] = [
        {"name": "Cocina", "kind": "network", "address": "192.168.0.40"},
        {"name": "Caixa", "kind": "usb", "address": "04b8:0e28"},
    ]
    at = now - timedelta(minutes=2)
    reader.job_records[key] = [
        Record(91, "kitchen", "uncertain", at, at + timedelta(seconds=4), printer="Cocina",
               error="Cocina: no answer after sending the ticket"),
        Record(92, "receipt", "failed", at, at + timedelta(seconds=9), printer="Caixa",
               error="Caixa: cannot open the USB printer 04b8:0e28 (is it plugged in?)"),
    ]  # fmt: skip


def marketplaces(reader: FakeReader, now: datetime, currency: str, names: list[str]) -> str:
    """A Mercado Libre cart of two orders and a Shopee order beside the day's Mercado Pago
    orders; returns the cart's key."""
    from kitchen_app.ui.orders_model import cart_key

    pack = "2000004471163621"

    def other(
        channel: str,
        order_id: str,
        minutes: float,
        status: P,
        stage: Stage,
        total: str,
        name: str,
        logistics: str,
        pack_id: str | None,
    ) -> None:
        reader.add(
            Summary(
                key=f"{channel}:{order_id}",
                channel=channel,
                order_id=order_id,
                display_id=order_id,
                created_at=now - timedelta(minutes=minutes),
                status=status,
                stage=stage,
                is_final=False,
                logistics=logistics,
                customer_name=name,
                item_count=2,
                total=Money.parse(total, currency),
                accept_deadline=None,  # type: ignore[arg-type]  # no accept window
                accepted=True,
                pack_id=pack_id,
            )
        )

    other(
        "mercadolibre",
        "2000009477123301",
        3,
        P("paid"),
        Stage.PREPARING,
        "89.90",
        names[3],
        "me1",
        pack,
    )
    other(
        "mercadolibre",
        "2000009477123377",
        2.5,
        P("paid"),
        Stage.PREPARING,
        "45.00",
        names[3],
        "me1",
        pack,
    )
    other(
        "shopee",
        "240517ABCD577644",
        6,
        P("READY_TO_SHIP"),
        Stage.PREPARING,
        "129.00",
        names[5],
        "shopee",
        None,
    )
    return cart_key("mercadolibre", pack)  # fmt: skip


def grab(window: MainWindow, path: Path) -> None:
    window.show()
    _settle()
    image = window.grab().toImage()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    pil = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    # A 256-colour palette keeps UI screenshots sharp and small enough for git.
    pil.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(path, path.stat().st_size // 1024, "KiB")


def scenes(out: Path, lang: str) -> None:
    tz_name, currency, names = LANGS[lang]
    tz = ZoneInfo(tz_name)
    now = datetime(2026, 11, 23, 20, 14, 30, tzinfo=tz)
    tag = lang.replace("_", "-")
    for scene in ("alert", "accepted", "offline", "print", "marketplaces", "trouble"):
        if lang == "en" and scene != "trouble":
            continue  # English: the longest-messages scene only
        reader, commands, bridge = FakeReader(), FakeCommands(), EngineBridge()
        if scene == "trouble":
            trouble(out / f"desk-{scene}-{tag}.png", reader, commands, bridge, tz, now, names)
            continue
        keys = build_day(reader, now, currency, names)
        if scene == "print":
            print_problems(reader, keys["preparing"], now)
        if scene in ("accepted", "print", "marketplaces"):
            for key in [k for k, s in reader.summaries.items() if s.stage == Stage.NEW]:
                del reader.summaries[key]
        cart = marketplaces(reader, now, currency, names) if scene == "marketplaces" else ""
        window = MainWindow(
            commands, reader, bridge, alert=None, tz=tz, now=lambda: now, tray=False
        )
        window.set_feed_state(
            FeedState(
                FeedStatus.ONLINE,
                since=now - timedelta(hours=3),
                last_event_at=now - timedelta(seconds=4),
            )
        )
        unprinted = 2 if scene == "print" else 0
        window.set_health(
            DeskHealth(
                feed=window.status.feed_state(),  # type: ignore[arg-type]
                apis=(ApiHealth("mp_delivery", ok=True),),
                printers=(PrinterStatus("Cocina", ok=True),),
                unprinted_jobs=unprinted,
            )
        )
        if scene == "alert":
            window.select(keys["new"])
        elif scene == "marketplaces":
            window.select(cart)
            found = window.model.cart(cart)
            assert found is not None
            window.model.set_expanded(found, True)
        elif scene in ("accepted", "print"):
            window.select(keys["preparing"])
        else:
            since = now - timedelta(minutes=6)
            offline = FeedState(
                FeedStatus.OFFLINE, since=since, last_event_at=since, pending_actions=1
            )
            health = window.status.health()
            assert health is not None
            window.set_health(replace(health, feed=offline))
            window.select(keys["preparing"])
        window._tick()  # one countdown refresh, as the 1 s timer would
        grab(window, out / f"desk-{scene}-{tag}.png")
        window.shutdown()
        window.close()
        window.deleteLater()


def trouble(
    path: Path,
    reader: FakeReader,
    commands: FakeCommands,
    bridge: EngineBridge,
    tz: ZoneInfo,
    now: datetime,
    names: list[str],
) -> None:
    key = worst_day(reader, now, names)
    window = MainWindow(commands, reader, bridge, alert=None, tz=tz, now=lambda: now, tray=False)
    window.set_health(worst_health(now))
    window.select(key)
    window._tick()
    grab(window, path)
    window.shutdown()
    window.close()
    window.deleteLater()


def settings_links(path: Path) -> None:
    """The settings' connection page with a link row per marketplace, as the relay reports
    them: one linked, one whose link expired, one never linked."""
    reader, commands = FakeReader(), FakeCommands()
    reader.settings.update(
        {
            "relay_url": "https://relay.lapulperia.com.ar",
            "relay_token": "desk-token",
            "mercadolibre.user_id": "3430803000",
        }
    )
    commands.links = [
        LinkState("mp_delivery", "linked", "1070421029"),
        LinkState("mercadolibre", "expired"),
        LinkState("shopee", "unlinked"),
    ]
    dialog = SettingsDialog(commands, reader)
    dialog.resize(760, 1000)
    dialog.show()
    _settle()
    image = dialog.grab().toImage()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    pil = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    pil.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(path, path.stat().st_size // 1024, "KiB")
    dialog.close()
    dialog.deleteLater()


def main() -> int:
    labels.use_plugins(registry())  # as app/desk.py does before its window
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--settings-only", action="store_true", help="only the settings page's link rows"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app(sys.argv[:1], language="en")
    for lang in LANGS:
        translators = install_translations(app, lang)
        if lang != "en":
            settings_links(args.out / f"settings-links-{lang.replace('_', '-')}.png")
        if not args.settings_only:
            scenes(args.out, lang)
        for translator in translators:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
