from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from kitchen_app.domain import Choice, OrderKey, Stage, StatusPair, TimelineEntry
from kitchen_app.engine.api import FeedState, FeedStatus, PrinterStatus
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.main_window import MainWindow
from kitchen_app.ui.orders_model import Col

from .fakes import (
    T0,
    FakeCommands,
    FakeReader,
    Record,
    flex_order,
    summary,
    summary_of,
    wait_for_offer,
)

PRINTED = StatusPair("ready_to_ship", "printed")


def test_new_order_signal_inserts_one_row_without_reloading_the_day(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    reader.add(summary(1, stage=Stage.PREPARING, accepted=True, status=PRINTED))
    window = make()
    assert reader.day_reads == 1 and window.model.rowCount() == 1
    order = flex_order(2)
    reader.add(summary_of(order), order)
    with qtbot.waitSignal(window.model.rowsInserted, timeout=1000):
        bridge.order_added(order.key)  # as the engine calls it
    assert reader.day_reads == 1
    assert window.model.rowCount() == 2
    assert window.alert_banner.isVisibleTo(window)
    assert "1" in window.alert_banner.text()
    assert window.filter_buttons[Stage.NEW].text().endswith("(1)")
    # The first new order is selected and shown, with only Accept/Cancel/prints allowed.
    assert window.selected_key() == order.key
    wait_for_offer(qtbot, window, order.key)
    assert window.detail.actions_bar.visible_actions() == [
        "accept",
        "cancel",
        "print_kitchen",
        "print_receipt",
        "print_label_pdf",
    ]


def test_buttons_follow_allowed_actions_and_call_the_engine(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    order = flex_order(3, status=PRINTED)
    reader.add(summary_of(order, accepted=True), order)
    reader.job_records[order.key] = [Record(7, "kitchen", "printed", T0)]
    window = make()
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    bar = window.detail.actions_bar
    # Accepted Flex order: no Accept, no Mark ready (Flex has none); kitchen is a reprint.
    assert "accept" not in bar.visible_actions()
    assert "mark_ready" not in bar.visible_actions()
    assert bar.button("print_kitchen").text() == "Reprint kitchen ticket"
    assert "F5" in bar.button("print_kitchen").toolTip()
    qtbot.mouseClick(bar.button("print_kitchen"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.button("print_receipt"), Qt.MouseButton.LeftButton)
    assert ("print_ticket", order.key, "kitchen", True) in commands.calls
    assert ("print_ticket", order.key, "receipt", False) in commands.calls
    qtbot.waitUntil(lambda: "sent to the printer" in window.message.text(), timeout=1000)


def test_accept_outcome_pending_is_shown_clearly(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState

    reader, commands, _bridge, _clock, make = desk
    commands.outcome = ActionOutcome(5, ActionOutcomeState.PENDING)
    order = flex_order(4)
    reader.add(summary_of(order), order)
    window = make()
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    window.detail.actions_bar.button("accept").click()
    assert commands.calls[-1] == ("run_action", order.key, "accept", {})
    qtbot.waitUntil(lambda: "pending" in window.message.text(), timeout=1000)
    assert window.message.property("level") == "pending"


def test_accept_button_is_disabled_while_the_answer_is_out(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    commands.hold = True
    order = flex_order(5)
    reader.add(summary_of(order), order)
    window = make()
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    accept = window.detail.actions_bar.button("accept")
    accept.click()
    assert not accept.isEnabled()
    from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState

    commands.held[0].set_result(ActionOutcome(1, ActionOutcomeState.CONFIRMED))
    qtbot.waitUntil(accept.isEnabled, timeout=1000)


def test_cancel_dialog_lists_the_given_reasons_and_sends_the_chosen_one(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    commands.reasons = (
        Choice("out_of_stock", "Me falta alguno de los productos."),
        Choice("closing", "Estamos cerrando."),
    )
    order = flex_order(6)
    reader.add(summary_of(order), order)
    window = make()
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    dialog = window.open_cancel_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.reason_list.count() == 2, timeout=1000)
    assert dialog.reason_list.item(0).text() == "Me falta alguno de los productos."
    assert not dialog.confirm.isEnabled()
    dialog.reason_list.setCurrentRow(1)
    dialog.confirm.click()
    assert commands.calls[-1] == ("run_action", order.key, "cancel", {"reason": "closing"})


def test_offline_banner_and_status_bar_follow_the_feed(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    _reader, _commands, bridge, clock, make = desk
    window = make()
    since = datetime(2026, 11, 23, 14, 42, tzinfo=UTC)
    bridge.feed_state_changed(
        FeedState(FeedStatus.OFFLINE, since=since, last_event_at=since, pending_actions=2)
    )
    qtbot.waitUntil(lambda: window.offline_banner.isVisibleTo(window), timeout=1000)
    assert "14:42" in window.offline_banner.text()
    assert window.status.feed_label.text() == "Offline since 14:42"
    assert "2" in window.status.pending_label.text()
    bridge.feed_state_changed(FeedState(FeedStatus.ONLINE, last_event_at=clock.now))
    qtbot.waitUntil(lambda: not window.offline_banner.isVisibleTo(window), timeout=1000)
    assert window.status.last_event_label.text() == "Last event 0 s ago"
    bridge.printer_state_changed(PrinterStatus("Cocina", ok=False, message="out of paper"))
    qtbot.waitUntil(lambda: "out of paper" in window.status.printer_label.text(), timeout=1000)


def test_pause_warning_after_an_expired_order(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    reader.add(
        summary(
            1,
            created=T0 - timedelta(minutes=30),
            stage=Stage.DONE,
            is_final=True,
            status=StatusPair("delivered"),
            accepted=True,
        )
    )
    reader.add(
        summary(
            2,
            created=T0 - timedelta(minutes=10),
            stage=Stage.CANCELLED,
            is_final=True,
            status=StatusPair("cancelled", "time_expired"),
        )
    )
    window = make()
    assert window.pause_banner.isVisibleTo(window)
    assert "0002" in window.pause_banner.text()
    reader.add(
        summary(
            3,
            created=T0 - timedelta(minutes=1),
            stage=Stage.PREPARING,
            status=PRINTED,
            accepted=True,
        )
    )
    bridge.order_added(OrderKey("mp_delivery", "3"))
    qtbot.waitUntil(lambda: not window.pause_banner.isVisibleTo(window), timeout=1000)


def test_detail_shows_items_qr_and_interleaved_timeline(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    order = flex_order(8, status=PRINTED)
    reader.add(summary_of(order, accepted=True), order)
    reader.timelines[order.key] = [
        TimelineEntry(
            StatusPair("ready_to_ship", "ready_to_print"), T0, T0 + timedelta(seconds=1), "webhook"
        ),
        TimelineEntry(PRINTED, T0 + timedelta(seconds=40), T0 + timedelta(seconds=41), "webhook"),
    ]
    reader.action_records[order.key] = [
        Record(1, "accept", "confirmed", T0 + timedelta(seconds=39))
    ]
    reader.job_records[order.key] = [
        Record(2, "kitchen", "failed", T0 + timedelta(seconds=42), error="out of paper")
    ]
    window = make()
    window.select(order.key)
    assert "Burrito Combo Refrigerante" in window.detail.items.text()
    assert "Combo with soda" in window.detail.items.text()
    assert "No quiero cebolla." in window.detail.items.text()
    assert not window.detail.qr.pixmap().isNull()
    model = window.detail.timeline_model
    whats = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert whats[0] == "New — accept or cancel"
    assert whats[1].startswith("Accept — confirmed")
    assert whats[2] == "Accepted"
    assert "out of paper" in whats[3]
    assert model.index(2, 2).data() == "15:00:41"
    # A failed print is offered for retry, with its error.
    problems = window.detail.print_problems
    assert problems.isVisibleTo(window)
    assert [p.job_id for p in problems.problems()] == [2]
    assert problems.button(2, "retry").isVisibleTo(window)


def test_countdown_column_ticks(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, clock, make = desk
    reader.add(summary(1))
    window = make()
    assert window.model.index(0, Col.COUNTDOWN).data() == "4:30"
    clock.now += timedelta(seconds=5)
    with qtbot.waitSignal(window.model.dataChanged, timeout=2000):
        pass
    assert window.model.index(0, Col.COUNTDOWN).data() == "4:25"


def test_function_keys_trigger_only_allowed_actions(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    order = flex_order(9)
    reader.add(summary_of(order), order)
    window = make()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert ("print_ticket", order.key, "kitchen", False) in commands.calls
    qtbot.keyClick(window.table, Qt.Key.Key_F8)  # Flex has no "mark ready"
    assert not any(c[:3] == ("run_action", order.key, "mark_ready") for c in commands.calls)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert ("run_action", order.key, "accept", {}) in commands.calls


def test_the_list_turns_to_the_new_day_at_midnight(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, clock, make = desk
    reader.add(summary(1, stage=Stage.DONE, is_final=True, status=StatusPair("delivered")))
    window = make()
    assert reader.day_reads == 1
    clock.now = clock.now + timedelta(hours=1)
    window._tick()
    assert reader.day_reads == 1  # same day: no reload
    clock.now = datetime(2026, 11, 24, 0, 0, 5, tzinfo=UTC)
    window._tick()
    assert reader.day_reads == 2


def test_missing_audio_device_is_a_visible_warning(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.ui.alert import AlertPlayer

    player = AlertPlayer()
    window = MainWindow(
        FakeCommands(), FakeReader(), EngineBridge(), alert=player, tz=UTC, tray=False
    )
    qtbot.addWidget(window)
    try:
        window.show()
        # This machine has no sound server: the effect errors and the status bar says so.
        qtbot.waitUntil(window.status.sound_label.isVisible, timeout=10000)
        assert "sound" in window.status.sound_label.text().lower()
    finally:
        window.shutdown()


def test_list_paints_alert_tint_and_status_chip(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from kitchen_app.ui.status_chip import STAGE_COLOURS

    reader, _commands, _bridge, _clock, make = desk
    reader.add(summary(1))  # waiting, 4:30 left: calm tint
    window = make()
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    image = table.viewport().grab().toImage()
    id_cell = table.visualRect(window.proxy.index(0, Col.ID))
    corner = id_cell.topRight() + type(id_cell.topRight())(-2, 2)
    assert image.pixelColor(corner) == QColor("#fff4d6")
    chip = table.visualRect(window.proxy.index(0, Col.STATUS))
    inside = chip.topLeft() + type(chip.topLeft())(7, chip.height() // 2)  # chip edge, not text
    assert image.pixelColor(inside) == QColor(STAGE_COLOURS[Stage.NEW][0])
