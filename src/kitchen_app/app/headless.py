"""`kitchen-app headless`: the desk engine without a window (a printing station, a back-office
PC, tests) — DESIGN §5:

    kitchen-app headless [--data-dir DIR | --db PATH] [--relay-url URL] [--relay-token T]
                         [--set NAME=VALUE]... [--reconcile-interval S]

It runs on the saved settings plus the ``--set`` overrides (setting names of DESIGN §5, e.g.
``mp_delivery.base_url``; the flat ``mp_*`` names of the first releases are still taken). Each
value is checked like the settings window checks it; a refused one is a one-line error, exit
status 2. Overrides are saved, as the settings window would save them, so the next start
(with or without a window) uses them too.

It prints ``engine ready``, then one line per order added or changed
(``order_added mp_delivery:123``) and per change of a marketplace API's health
(``api_problem mercadolibre Mercado Libre link expired — relink``, ``api_ok mercadolibre``),
flushed at once, so another process can follow it; it
prints tickets when auto-print is on, like the desk; SIGTERM (or Ctrl+C) stops it cleanly
with exit status 0. ``python -m kitchen_app.app.headless`` takes the same arguments.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kitchen_app.app.paths import default_data_dir, desk_db_path
from kitchen_app.app.plugins import desk_settings
from kitchen_app.app.wiring import build_engine
from kitchen_app.domain.errors import UserError
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import DeskHealth, NullListener
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.engine.settings import SettingError
from kitchen_app.store import StoreError

__all__ = ["main", "parse_overrides", "run"]

log = logging.getLogger(__name__)

_YES = {"1", "true", "yes", "on"}
_NO = {"0", "false", "no", "off"}


def _value(name: str, text: str) -> Any:
    """The typed value of ``--set NAME=TEXT`` for the setting's type."""
    default = desk_settings().setting(name).default
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        return text  # refused by the check, with its own message
    if isinstance(default, int):
        try:
            return int(text.strip())
        except ValueError:
            return text
    if isinstance(default, list | dict):
        try:
            return json.loads(text)
        except ValueError:
            raise SettingError(f"{desk_settings().setting(name).title}: must be JSON") from None
    return text


def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    """``["NAME=VALUE", …]`` → checked settings; UserError (one line) on the first bad one."""
    out: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UserError(f"--set takes NAME=VALUE, not {item.split('=')[0]!r}")
        try:
            value = _value(name, text)
            desk_settings().validate(name, value)
        except SettingError as exc:
            raise UserError(str(exc)) from None
        out[desk_settings().setting(name).key] = value
    return out


class _LinePrinter(NullListener):
    """One flushed line per order added or changed, and one per change of a marketplace
    API's health (``api_problem CHANNEL MESSAGE`` / ``api_ok CHANNEL``, e.g. "Mercado Libre
    link expired — relink"); keeps only each API's last line."""

    def __init__(self) -> None:
        self._apis: dict[str, str] = {}

    def health_changed(self, health: DeskHealth) -> None:
        for api in health.apis:
            if api.ok is None:
                continue
            text = f"api_ok {api.channel}" if api.ok else f"api_problem {api.channel} {api.message}"
            if self._apis.get(api.channel) != text:
                self._apis[api.channel] = text
                _line(text)

    def order_added(self, key: OrderKey) -> None:
        _line(f"order_added {key}")

    def order_changed(self, key: OrderKey) -> None:
        _line(f"order_changed {key}")


def _line(text: str) -> None:
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away; keep the engine running
        pass


def run(args: argparse.Namespace) -> int:
    """The handler of ``kitchen-app headless``."""
    overrides = parse_overrides(args.overrides)
    for flag, name in ((args.relay_url, "relay_url"), (args.relay_token, "relay_token")):
        if flag is not None:
            try:
                desk_settings().validate(name, flag)
            except SettingError as exc:
                raise UserError(str(exc)) from None
            overrides[name] = flag
    if args.db is not None:
        db_path: Path = args.db
    else:
        data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
        db_path = desk_db_path(data_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = build_engine(
        EngineConfig(
            db_path=db_path,
            initial_settings=overrides,
            poll_wait_s=args.poll_wait,
            reconcile_interval_s=args.reconcile_interval,
        ),
        _LinePrinter(),
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        engine.start()
    except (StoreError, SettingError) as exc:
        raise UserError(str(exc)) from None
    _line("engine ready")
    try:
        stop.wait()
    finally:
        engine.stop()
    log.info("headless engine stopped")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kitchen_app.app.headless …``: the same as ``kitchen-app headless …``."""
    from kitchen_app.app.cli import main as cli_main

    return cli_main(["headless", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
