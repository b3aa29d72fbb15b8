"""Issue 9 in the window: the health light, "details loading" rows, unresolved notifications,
orders missed while offline, a paused store, closing with orders waiting, rows that stay
under the mouse."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from kitchen_app.domain import OrderKey, Stage, StatusPair
from kitchen_app.engine.api import (
    ApiHealth,
    DeskHealth,
    FeedState,
    FeedStatus,
    PrinterStatus,
    StorePause,
)
from kitchen_app.ui.health import problems
from kitchen_app.ui.orders_model import Col, Roles

from .fakes import (
    T0,
    UnresolvedNotification,
    flex_order,
    loading,
    summary,
    summary_of,
    wait_for_offer,
)

PRINTED = StatusPair("ready_to_ship", "printed")
ONLINE = FeedState(FeedStatus.ONLINE, since=T0, last_event_at=T0)
PRINTER_OK = PrinterStatus("Cocina", ok=True)
API_OK = ApiHealth("mp_delivery", ok=True)


def healthy(**changes: object) -> DeskHealth:
    base = {"feed": ONLINE, "apis": (API_OK,), "printers": (PRINTER_OK,)}
    base.update(changes)
    return DeskHealth(**base)  # type: ignore[arg-type]


# ---- the health light ---------------------------------------------------------------------
def test_light_is_green_only_when_everything_is_well(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    _reader, _commands, bridge, _clock, make = desk
    window = make()
    light = window.status.health_light
    assert light.property("level") == "info"  # nothing known yet: never green
    with qtbot.waitSignal(bridge.healthChanged, timeout=1000):
        bridge.health_changed(healthy())
    assert light.property("level") == "ok"
    # Each thing held back turns it off green, and says what to do.
    cases = [
        (healthy(loading_orders=2), "still loading — check the internet"),
        (healthy(parked_orders=1), "keeps trying"),
        (healthy(unresolved=1), "could not be matched"),
        (healthy(unprinted_jobs=1), "did not print"),
        (healthy(pauses=(StorePause("mp_delivery", "77", "paused"),)), "Reopen store"),
        (healthy(missed_while_offline=(OrderKey("mp_delivery", "9"),)), "offline"),
        (
            healthy(apis=(ApiHealth("mp_delivery", ok=False, message="token refused"),)),
            "token refused — check Settings › Mercado Pago",
        ),
        (healthy(printers=(PrinterStatus("Cocina", ok=False, message="paper out"),)), "paper"),
        (healthy(feed=FeedState(FeedStatus.OFFLINE, since=T0)), "check the internet"),
        (healthy(feed=FeedState(FeedStatus.AUTH_FAILED)), "token"),
    ]
    for health, words in cases:
        window.set_health(health)
        assert light.property("level") in ("bad", "warn"), health
        assert words in light.text() + light.toolTip(), (words, light.text())
    window.set_health(healthy())
    assert light.property("level") == "ok"


def test_problems_name_fields_by_label_never_by_setting_name() -> None:
    health = healthy(
        apis=(ApiHealth("mp_delivery", ok=False, message="Mercado Pago refused the token"),),
        loading_orders=3,
        unresolved=2,
    )
    texts = [p.text for p in problems(health)]
    assert any("Settings › Mercado Pago" in t for t in texts)
    assert any(t.startswith("3 order") and "still loading" in t for t in texts)
    assert not any("mp_" in t or "access_token" in t for t in texts)


def test_status_bar_shows_feed_api_and_printers_separately(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    _reader, _commands, _bridge, _clock, make = desk
    window = make()
    window.set_health(
        healthy(
            apis=(ApiHealth("mp_delivery", ok=False, message="wrong address"),),
            printers=(PrinterStatus("Cocina", ok=False, message="paper out"),),
        )
    )
    status = window.status
    assert status.feed_label.property("level") == "ok"
    assert status.api_label.property("level") == "bad"
    assert "wrong address" in status.api_label.toolTip()
    assert status.printer_label.property("level") == "bad"
    assert "paper out" in status.printer_label.text()


# ---- orders whose details are loading -----------------------------------------------------
def test_loading_order_is_a_new_row_with_countdown_and_alert_then_the_real_order(
    qtbot, desk
) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    reader.add(summary(1, stage=Stage.PREPARING, accepted=True, status=PRINTED))
    window = make()
    assert not window.alert.is_running()
    reader.loading = [loading(555, attempts=3)]
    with qtbot.waitSignal(bridge.loadingOrdersChanged, timeout=1000):
        bridge.loading_orders_changed()
    assert window.model.rowCount() == 2
    row = window.model.row_of(OrderKey("mp_delivery", "555"))
    assert row is not None
    assert window.model.index(row, Col.ID).data() == "555"
    assert window.model.index(row, Col.CUSTOMER).data() == "Details loading"
    assert window.model.index(row, Col.STATUS).data() == "Loading…"
    assert "New order #555 — details loading" in window.model.index(row, Col.ID).data(3)
    assert window.model.index(row, Col.COUNTDOWN).data() == "4:30"
    assert "attempt 3" in window.model.index(row, Col.ID).data(3)  # tooltip role
    assert window.filter_buttons[Stage.NEW].text().endswith("(1)")
    assert window.alert.is_running()
    assert window.alert_banner.isVisibleTo(window)
    # Its details land: the same row becomes the real order (no second row).
    order = flex_order(555)
    reader.add(summary_of(order), order)
    reader.loading = []
    bridge.order_added(order.key)
    bridge.loading_orders_changed()
    qtbot.waitUntil(lambda: window.model.index(row, Col.CUSTOMER).data() == "João da Silva")
    assert window.model.rowCount() == 2
    assert window.model.loading_keys() == []


def test_parked_loading_order_says_the_desk_keeps_trying(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.loading = [loading(556, attempts=9, parked=True)]
    window = make()
    row = window.model.row_of(OrderKey("mp_delivery", "556"))
    assert row is not None
    assert window.model.index(row, Col.CUSTOMER).data() == "Still trying…"


def test_a_loading_order_that_never_became_one_leaves_the_list(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    reader.loading = [loading(557)]
    window = make()
    assert window.model.rowCount() == 1
    reader.loading = []
    bridge.loading_orders_changed()
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.filter_buttons[Stage.NEW].text().endswith("(0)")


# ---- unresolved notifications ------------------------------------------------------------
def test_unresolved_notifications_alert_and_list_their_raw_body(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, bridge, _clock, make = desk
    window = make()
    assert not window.alert.is_running()
    body = {"resource": "/shipments/", "topic": "delivery", "user_id": 1070421029}
    reader.unresolved = [
        UnresolvedNotification(4, "mp_delivery", T0, "no order id in resource", json.dumps(body))
    ]
    window.set_health(healthy(unresolved=1))
    with qtbot.waitSignal(bridge.unresolvedChanged, timeout=1000):
        bridge.unresolved_changed()
    assert window.alert.is_running()  # an alert until it is dismissed
    assert window.status.unresolved_button.isVisibleTo(window)
    assert window.status.health_light.property("level") == "bad"
    dialog = window.open_unresolved()
    qtbot.waitExposed(dialog)
    assert dialog.list.count() == 1
    assert '"/shipments/"' in dialog.raw.toPlainText()
    dialog.dismiss.click()
    qtbot.waitUntil(lambda: ("dismiss_unresolved", 4) in commands.calls)
    reader.unresolved = []
    bridge.unresolved_changed()
    qtbot.waitUntil(lambda: dialog.list.count() == 0)
    qtbot.waitUntil(lambda: not window.alert.is_running())
    assert not window.status.unresolved_button.isVisibleTo(window)


# ---- orders missed while offline ---------------------------------------------------------
def test_orders_missed_offline_are_listed_with_an_alert_until_seen(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    expired = StatusPair("cancelled", "time_expired")
    reader.add(summary(21, status=expired, stage=Stage.CANCELLED, is_final=True, name="Ana"))
    window = make()
    window.set_health(
        healthy(missed_while_offline=(OrderKey("mp_delivery", "21"), OrderKey("mp_delivery", "22")))
    )
    assert window.missed_banner.isVisibleTo(window)
    text = window.missed_banner.text()
    assert "#0021 Ana 21" in text and "#22" in text and "2 order" in text
    assert window.alert.is_running()
    window.missed_banner.seen.click()
    qtbot.waitUntil(lambda: ("acknowledge_missed",) in commands.calls)
    qtbot.waitUntil(lambda: not window.missed_banner.isVisibleTo(window))
    assert not window.alert.is_running()


# ---- a paused store ----------------------------------------------------------------------
def test_paused_store_shows_red_band_and_reopens_after_confirmation(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    _reader, commands, _bridge, _clock, make = desk
    window = make()
    pause = StorePause("mp_delivery", "77", "paused", reason="two orders expired")
    window.set_health(healthy(pauses=(pause,)))
    banner = window.paused_banner
    assert banner.isVisibleTo(window)
    assert "PAUSED" in banner.text() and "two orders expired" in banner.text()
    assert banner.reopen.isVisibleTo(window)
    # Refusing the confirmation sends nothing.
    box = banner.confirm_reopen()
    assert box is not None
    not_now = next(b for b in box.buttons() if b.text() == "Not now")
    not_now.click()
    assert not any(c[0] == "reopen_store" for c in commands.calls)
    box = banner.confirm_reopen()
    assert box is not None
    yes = next(b for b in box.buttons() if b.text() == "Reopen store")
    yes.click()
    qtbot.waitUntil(lambda: ("reopen_store", "mp_delivery", "77") in commands.calls)
    qtbot.waitUntil(lambda: "open again" in window.message.text())


def test_a_disabled_store_is_never_offered_to_reopen(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    _reader, _commands, _bridge, _clock, make = desk
    window = make()
    pause = StorePause("mp_delivery", "77", "disabled", can_reopen=False)
    window.set_health(healthy(pauses=(pause,)))
    assert window.paused_banner.isVisibleTo(window)
    assert "DISABLED" in window.paused_banner.text()
    assert not window.paused_banner.reopen.isVisibleTo(window)
    assert window.paused_banner.confirm_reopen() is None


# ---- closing with orders waiting ---------------------------------------------------------
def test_closing_with_orders_waiting_asks_first(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.add(summary(31))
    window = make()
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert window.isVisible()  # not closed: it asked
    box = window.close_confirmation
    assert isinstance(box, QMessageBox)
    assert "1 order" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep the desk open")
    keep.click()
    assert window.isVisible()
    assert window.alert.is_running()
    window.close()
    box = window.close_confirmation
    assert box is not None
    anyway = next(b for b in box.buttons() if b.text() == "Close anyway")
    anyway.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_closing_with_nothing_waiting_just_closes(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.add(summary(32, stage=Stage.PREPARING, accepted=True, status=PRINTED))
    window = make()
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible()
    assert window.close_confirmation is None


# ---- rows stay under the mouse -----------------------------------------------------------
def test_rows_under_view_keep_their_place_and_selection_when_an_order_arrives(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    for n in range(1, 61):  # an hour of handled orders, newest first
        reader.add(
            summary(
                n,
                created=T0 - timedelta(minutes=61 - n),
                stage=Stage.PREPARING,
                accepted=True,
                status=PRINTED,
            )
        )
    handled = flex_order(30, created=T0 - timedelta(minutes=31), status=PRINTED)
    reader.add(summary_of(handled, accepted=True), handled)
    window = make()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # staff scrolled down to look at an earlier order
    middle = table.indexAt(table.viewport().rect().center())
    key = middle.data(Roles.KEY)
    window.select(handled.key)
    assert window.selected_key() == handled.key
    before_rect = table.visualRect(middle)
    order = flex_order(99, created=T0)
    reader.add(summary_of(order), order)
    bridge.order_added(order.key)
    qtbot.waitUntil(lambda: window.model.rowCount() == 61)
    after = table.indexAt(before_rect.center())
    assert window.proxy.index(0, 0).data(Roles.KEY) == order.key  # it went to the top
    assert after.data(Roles.KEY) == key  # the same order is still under the same pixel
    assert window.selected_key() == handled.key


def test_a_band_appearing_above_does_not_move_rows_under_the_mouse(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QCursor

    reader, _commands, bridge, _clock, make = desk
    for n in range(1, 61):
        reader.add(
            summary(
                n,
                created=T0 - timedelta(minutes=61 - n),
                stage=Stage.PREPARING,
                accepted=True,
                status=PRINTED,
            )
        )
    handled = flex_order(30, created=T0 - timedelta(minutes=31), status=PRINTED)
    reader.add(summary_of(handled, accepted=True), handled)
    window = make()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.select(handled.key)
    table = window.table
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    point = table.viewport().rect().center()
    QCursor.setPos(table.viewport().mapToGlobal(point))
    if not table.viewport().rect().contains(table.viewport().mapFromGlobal(QCursor.pos())):
        pytest.skip("this platform cannot place the mouse")
    on_screen = table.viewport().mapToGlobal(point)
    key = table.indexAt(point).data(Roles.KEY)
    top = table.mapTo(window, table.rect().topLeft()).y()
    order = flex_order(99, created=T0)
    reader.add(summary_of(order), order)
    bridge.order_added(order.key)  # the alert band appears above the list
    qtbot.waitUntil(lambda: window.alert_banner.isVisible())
    qtbot.waitUntil(lambda: table.mapTo(window, table.rect().topLeft()).y() > top)
    again = table.viewport().mapFromGlobal(on_screen)
    assert table.indexAt(again).data(Roles.KEY) == key


def test_selected_loading_order_shows_what_is_known_then_the_order(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, bridge, _clock, make = desk
    reader.loading = [loading(558, attempts=2)]
    window = make()
    window.select(OrderKey("mp_delivery", "558"))
    assert window.selected_key() == OrderKey("mp_delivery", "558")
    assert "details loading" in window.detail.empty.text()
    assert window.detail.actions_bar.visible_actions() == []
    order = flex_order(558)
    reader.add(summary_of(order), order)
    reader.loading = []
    bridge.order_added(order.key)
    bridge.loading_orders_changed()
    qtbot.waitUntil(lambda: window.detail.order() is not None)
    assert window.detail.order().key == order.key  # type: ignore[union-attr]
    wait_for_offer(qtbot, window, order.key)
    assert "accept" in window.detail.actions_bar.visible_actions()
