"""The real window on the real pipe: sandbox → relay → engine → store, all on 127.0.0.1, and
the window driving the engine back to the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from kitchen_app.app.plugins import registry
from kitchen_app.domain import OrderKey, Stage
from kitchen_app.engine.recorder import Announcement, RecordingListener
from kitchen_app.store import DeskReader
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.main_window import MainWindow
from kitchen_app.ui.orders_model import Col, Roles

from ..integration.engine.stack import Stack


class RecordingPlayer(QObject):
    played = Signal(float)
    availabilityChanged = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.volumes: list[float] = []

    def available(self) -> bool:
        return True

    def play(self, volume: float) -> None:
        self.volumes.append(volume)
        self.played.emit(volume)

    def stop(self) -> None:
        pass


def _forward(bridge: EngineBridge):  # type: ignore[no-untyped-def]
    def on_announce(a: Announcement) -> None:
        if a.kind == "order_added":
            bridge.order_added(a.key or "")
        elif a.kind == "order_changed":
            bridge.order_changed(a.key or "")
        elif a.kind == "feed_state":
            bridge.feed_state_changed(a.detail)  # type: ignore[arg-type]
        elif a.kind == "action":
            bridge.action_changed(a.key or "", int(a.detail))  # type: ignore[call-overload]
        elif a.kind == "print_job":
            bridge.print_job_changed(a.key or "", int(a.detail))  # type: ignore[call-overload]
        elif a.kind == "printer":
            bridge.printer_state_changed(a.detail)  # type: ignore[arg-type]
        elif a.kind == "health":
            bridge.health_changed(a.detail)  # type: ignore[arg-type]
        elif a.kind == "loading_orders":
            bridge.loading_orders_changed()
        elif a.kind == "unresolved":
            bridge.unresolved_changed()

    return on_announce


class Live:
    def __init__(self, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.bridge = EngineBridge()
        self.stack = Stack(tmp_path, listener=RecordingListener(_forward(self.bridge)))
        self.stack.start()
        # As the desk opens it: loading orders get their plug-in's accept window.
        self.reader = DeskReader.open(
            self.stack.desk_db, unread_accept_windows=registry().unread_accept_windows()
        )
        self.player = RecordingPlayer()
        self.offset = timedelta(0)  # moves the window's clock toward the accept deadline
        assert self.stack.engine is not None
        self.window = MainWindow(
            self.stack.engine,
            self.reader,
            self.bridge,
            alert=self.player,  # type: ignore[arg-type]
            tz=UTC,
            now=lambda: datetime.now(UTC) + self.offset,
            alert_speed=20,
            tray=False,
        )
        qtbot.addWidget(self.window)
        self.window.show()

    def close(self) -> None:
        self.window.shutdown()
        self.window.close()
        self.stack.stop()
        self.reader.close()


@pytest.fixture
def live(qtbot, tmp_path: Path) -> Iterator[Live]:  # type: ignore[no-untyped-def]
    desk = Live(qtbot, tmp_path)
    try:
        yield desk
    finally:
        desk.close()


def test_new_order_appears_alerts_escalates_and_accept_reaches_the_sandbox(
    qtbot, live: Live
) -> None:  # type: ignore[no-untyped-def]
    window = live.window
    order_id = live.stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    qtbot.waitUntil(lambda: window.model.row_of(key) is not None, timeout=15000)
    qtbot.waitUntil(lambda: len(live.player.volumes) >= 1, timeout=5000)
    calm_volume = live.player.volumes[-1]
    assert window.alert_banner.isVisible()
    # 4 min 30 s later (window clock): critical, louder.
    live.offset = timedelta(minutes=4, seconds=30)
    qtbot.waitUntil(lambda: window.alert.step().level.name == "CRITICAL", timeout=5000)
    qtbot.waitUntil(lambda: live.player.volumes[-1] == 1.0, timeout=5000)
    assert calm_volume < 1.0
    assert window.alert_banner.property("level") == "critical"

    window.select(key)
    assert window.selected_key() == key and window.detail.order() is not None
    assert not window.detail.qr.pixmap().isNull()  # a Flex order shows its QR
    accept = window.detail.actions_bar.button("accept")
    qtbot.waitUntil(accept.isVisible, timeout=5000)  # the plug-in's answer, from the engine
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "confirmed" in window.message.text(), timeout=15000)
    assert live.stack.sandbox_state(order_id) == ("ready_to_ship", "printed")
    timeline = window.detail.timeline_model
    qtbot.waitUntil(
        lambda: any(r.code == "ready_to_ship/printed" for r in timeline.rows()), timeout=15000
    )
    # Accepted: the alert stops and Accept is gone.
    qtbot.waitUntil(lambda: not window.alert.is_running(), timeout=5000)
    assert "accept" not in window.detail.actions_bar.visible_actions()
    row = window.model.row_of(key)
    assert row is not None
    assert window.model.index(row, Col.ID).data(Roles.STAGE) == Stage.PREPARING


def test_cancel_dialog_lists_the_sandbox_reasons(qtbot, live: Live) -> None:  # type: ignore[no-untyped-def]
    window = live.window
    order_id = live.stack.create_order("dropoff")
    key = OrderKey("mp_delivery", order_id)
    qtbot.waitUntil(lambda: window.model.row_of(key) is not None, timeout=15000)
    window.select(key)
    dialog = window.open_cancel_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.reason_list.count() > 0, timeout=15000)
    messages = [r.label for r in dialog.reasons()]
    assert [dialog.reason_list.item(i).text() for i in range(len(messages))] == messages
    assert any(r.value == "out_of_stock" for r in dialog.reasons())
    dialog.reject()


def test_offline_keeps_todays_orders_and_says_so(qtbot, live: Live) -> None:  # type: ignore[no-untyped-def]
    window = live.window
    order_id = live.stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    qtbot.waitUntil(lambda: window.model.row_of(key) is not None, timeout=15000)
    live.stack.stop_relay()
    qtbot.waitUntil(lambda: window.offline_banner.isVisible(), timeout=30000)
    assert window.status.feed_label.property("level") == "bad"
    # A fresh window (as after a restart) still lists today's orders from the local database.
    again = MainWindow(
        live.stack.engine, live.reader, EngineBridge(), alert=None, tz=UTC, tray=False
    )
    qtbot.addWidget(again)
    try:
        assert again.model.row_of(key) is not None
        again.select(key)
        assert again.detail.order() is not None
        assert "×" in again.detail.items.text()  # its items, read from the local database
    finally:
        again.shutdown()


def test_an_order_whose_first_reads_fail_is_listed_loading_then_becomes_the_order(
    qtbot, live: Live
) -> None:  # type: ignore[no-untyped-def]
    window = live.window
    # Mercado Pago answers the first reads of the order with 500 (right after its webhook).
    live.stack.fault(match="get_order", status=500, count=3)
    order_id = live.stack.create_order("flex")
    key = OrderKey("mp_delivery", order_id)
    qtbot.waitUntil(lambda: window.model.row_of(key) is not None, timeout=15000)
    row = window.model.row_of(key)
    assert row is not None
    assert window.model.index(row, Col.CUSTOMER).data() == "Details loading"
    assert window.model.index(row, Col.ID).data(Roles.STAGE) == Stage.NEW
    qtbot.waitUntil(lambda: len(live.player.volumes) >= 1, timeout=5000)  # alerting already
    qtbot.waitUntil(lambda: window.status.health_light.property("level") != "ok", timeout=5000)
    # The retries get through: the same row becomes the real order, with its customer.
    qtbot.waitUntil(lambda: window.model.loading_keys() == [], timeout=20000)
    assert window.model.row_of(key) == row
    assert window.model.index(row, Col.CUSTOMER).data() != "Details loading"
    assert window.model.rowCount() == 1
