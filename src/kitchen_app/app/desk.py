"""`kitchen-app`: open the desk (a composition root, beside cli.py: DESIGN §3 wants one place
that builds the whole graph; cli.py only parses and dispatches, this module and demo.py build).

Opens the desk store through the engine (the only writer), a read-only store connection for
the window, the engine on its own thread, and the window. On the first run a dialog offers the
demo or a connection to the real relay and Mercado Pago.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kitchen_app.app.paths import (
    desk_db_path,
)
from kitchen_app.app.plugins import desk_settings, registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kitchen_app.domain.settings import SettingValue
    from kitchen_app.engine.api import EngineReader

__all__ = ["configured_marketplaces", "mp_setting", "open_desk", "saved_settings"]

log = logging.getLogger(__name__)

# Mercado Pago's settings moved from flat names to "mp_delivery.*" (DESIGN §5); a database
# the engine has not migrated yet still holds the flat ones.
_FLAT_NAMES = {
    "mp_delivery.base_url": "mp_base_url",
    "mp_delivery.access_token": "mp_access_token",
    "mp_delivery.user_id": "mp_user_id",
}
_UNSET = object()


def mp_setting(name: str) -> str:
    """The declared name of a Mercado Pago setting: ``mp_delivery.<name>`` or its flat one."""
    new = f"mp_delivery.{name}"
    return new if new in desk_settings() else _FLAT_NAMES[new]


def saved_settings(db: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    """Read a few settings before the engine opens the store (none when it does not exist).
    A setting saved under its former flat name (not migrated yet) counts too."""
    from kitchen_app.store import DeskReader, StoreError

    declared = desk_settings()
    out = {key: declared[key].default if key in declared else None for key in keys}
    if not db.exists():
        return out
    try:
        reader = DeskReader.open(db)
    except StoreError as exc:
        log.warning("settings not read: %s", exc)
        return out
    try:
        for key in keys:
            value = reader.get_setting(key, _UNSET)
            flat = _FLAT_NAMES.get(key)
            if value is _UNSET and flat is not None:
                value = reader.get_setting(flat, _UNSET)
            if value is not _UNSET:
                out[key] = value
    finally:
        reader.close()
    return out


def configured_marketplaces(reader: EngineReader) -> tuple[str, ...]:
    """The marketplaces this desk is set up for (their required settings filled in): the
    order list's marketplace filter offers these (and any that sent orders today)."""
    from kitchen_app.app.plugins import registry

    plugins = registry()
    settings: dict[str, SettingValue] = {}
    for name, _spec in plugins.setting_specs():
        value = reader.get_setting(name, None)
        if isinstance(value, str | int | bool):
            settings[name] = value
    return tuple(c for c in plugins.channels if plugins.enabled(c, settings))


def instance_name(data_dir: Path) -> str:
    """One desk per data folder: a second start on the same folder brings the first forward."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return f"kitchen-desk-{digest}"


def open_desk(
    app: QApplication,
    data_dir: Path,
    initial_settings: Mapping[str, Any],
    *,
    demo: bool,
    window_options: Mapping[str, Any] | None = None,
) -> int:
    """Start the engine and the window on ``data_dir``; returns when the window closes.
    ``window_options`` go to the window (the demo passes the sandbox's clock)."""
    from PySide6.QtWidgets import QMessageBox

    from kitchen_app.app.wiring import build_engine
    from kitchen_app.engine.engine import EngineConfig
    from kitchen_app.store import DeskReader, StoreError
    from kitchen_app.ui import labels
    from kitchen_app.ui.alert import AlertPlayer
    from kitchen_app.ui.bridge import EngineBridge
    from kitchen_app.ui.main_window import MainWindow
    from kitchen_app.ui.single_instance import SingleInstance

    labels.use_plugins(registry())  # the marketplaces' words, before any window

    guard = SingleInstance(instance_name(data_dir))
    if not guard.start():
        log.info("another desk is open on %s; brought it forward", data_dir)
        return 0
    db = desk_db_path(data_dir)
    bridge = EngineBridge()
    engine = build_engine(EngineConfig(db_path=db, initial_settings=initial_settings), bridge)
    try:
        engine.start()
        reader = DeskReader.open(db, unread_accept_windows=registry().unread_accept_windows())
    except Exception as exc:  # one line in a dialog, the rest in the log; never a traceback
        log.exception("the desk could not start")
        message = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
        QMessageBox.critical(None, "Kitchen Desk", message)
        engine.stop()
        guard.close()
        return 2
    options = {"marketplaces": configured_marketplaces(reader), **(window_options or {})}
    window = MainWindow(engine, reader, bridge, alert=AlertPlayer(), demo=demo, **options)

    def bring_forward() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    guard.activated.connect(bring_forward)
    _report_slot_errors(window)
    # The engine may have connected before the window listened: show where the feed stands.
    if engine.feed_state is not None:
        window.set_feed_state(engine.feed_state)
    window.set_health(engine.health())
    window.show()
    try:
        return app.exec()
    finally:
        window.shutdown()
        engine.stop()
        reader.close()
        guard.close()


def _report_slot_errors(window: Any) -> None:
    """An exception in a Qt slot reaches sys.excepthook: log it with its traceback and say
    so in one line in the window's status bar; the desk keeps running."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        log.error("unexpected error in the window", exc_info=(kind, exc, tb))
        with contextlib.suppress(Exception):  # the window itself may be what broke
            window.show_unexpected_error(exc)

    sys.excepthook = hook
