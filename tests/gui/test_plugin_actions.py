"""The order pane's buttons come from the order's plug-in (``available_actions``), and each
press goes through ``run_action`` with the parameters its ParamSpecs ask for."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kitchen_app.channels.base import ActionSpec, Params
from kitchen_app.channels.mercadolibre.flows import SET_TRACKING
from kitchen_app.channels.mercadopago.plugin import ACCEPT, CANCEL, MARK_READY
from kitchen_app.channels.shopee.plugin import CANCEL_SPEC
from kitchen_app.domain import Channel, Logistics, Order
from kitchen_app.domain.settings import Choice
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState
from kitchen_app.ui.action_dialog import ActionDialog
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.cancel_dialog import CancelDialog
from kitchen_app.ui.main_window import MainWindow

from .fakes import T0, FakeCommands, FakeReader, flex_order, summary_of


@dataclass
class PluginCommands(FakeCommands):
    """The fakes, the one action path answering with the ActionSpecs a test gives."""

    offered: dict[str, tuple[ActionSpec, ...]] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()

    def available_actions(self, key: str) -> Future[tuple[ActionSpec, ...]]:
        self.calls.append(("available_actions", key))
        return self._answer(self.offered.get(key, ()))

    def action_choices(self, key: str, action: str, param: str) -> Future[tuple[Choice, ...]]:
        self.calls.append(("action_choices", key, action, param))
        return self._answer(self.choices)

    def run_action(self, key: str, action: str, params: Params) -> Future[ActionOutcome]:
        self.calls.append(("run_action", key, action, dict(params)))
        return self._answer(self.outcome)


class Clock:
    def __init__(self) -> None:
        self.now = T0 + timedelta(seconds=30)

    def __call__(self) -> Any:
        return self.now


@pytest.fixture
def desk(qtbot):  # type: ignore[no-untyped-def]
    reader = FakeReader()
    commands = PluginCommands()
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(
            commands, reader, EngineBridge(), alert=None, tz=UTC, now=Clock(), tray=False
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield reader, commands, make
    for window in windows:
        window.shutdown()


def _of(
    channel: Channel, logistics: Logistics, n: int, *, refs: tuple[str, ...] = ()
) -> tuple[Order, Any]:
    """One of the fakes' orders as another marketplace's (its items carrying ``refs``), and
    its list row (the store's summary: its stage as the plug-in reported it)."""
    mp = flex_order(n)
    items = mp.items
    if refs:
        items = tuple(dataclasses.replace(i, ref=r) for i, r in zip(items, refs, strict=True))
    order = dataclasses.replace(mp, channel=channel, logistics=logistics, items=items)
    row = dataclasses.replace(
        summary_of(mp), key=order.key, channel=channel, logistics=logistics.value
    )
    return order, row


def _sent(commands: PluginCommands) -> list[tuple[Any, ...]]:
    return [c for c in commands.calls if c[0] == "run_action"]


def test_mercado_libre_me1_order_offers_set_tracking_with_its_text(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, make = desk
    order, row = _of("mercadolibre", Logistics.ME1, 7)
    commands.offered[order.key] = (SET_TRACKING,)
    reader.add(row, order)
    window = make()
    window.select(order.key)
    bar = window.detail.actions_bar
    qtbot.waitUntil(lambda: "set_tracking" in bar.visible_actions(), timeout=1000)
    # The plug-in's button, the desk's own tickets; none of Mercado Pago's.
    assert set(bar.visible_actions()) == {"set_tracking", "print_kitchen", "print_receipt"}
    assert bar.button("set_tracking").text() == "Set tracking number"

    bar.button("set_tracking").click()
    dialog = window.action_dialog
    assert isinstance(dialog, ActionDialog)
    assert not dialog.send.isEnabled()  # the number is required
    field = dialog.findChild(QLineEdit, "param_tracking_number")
    assert isinstance(field, QLineEdit)
    field.setText("  OP123456AR ")
    assert dialog.send.isEnabled()
    dialog.send.click()
    assert _sent(commands) == [
        ("run_action", order.key, "set_tracking", {"tracking_number": "OP123456AR"})
    ]
    qtbot.waitUntil(lambda: "confirmed" in window.message.toolTip(), timeout=1000)
    assert "Set tracking number" in window.message.toolTip()


def test_shopee_cancel_asks_a_reason_and_the_items_out_of_stock(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, make = desk
    order, row = _of("shopee", Logistics.SHOPEE, 8, refs=("1001/2002", "1003/0"))
    commands.offered[order.key] = (CANCEL_SPEC,)
    commands.outcome = ActionOutcome(5, ActionOutcomeState.FAILED, "order already shipped")
    reader.add(row, order)
    window = make()
    window.select(order.key)
    bar = window.detail.actions_bar
    qtbot.waitUntil(lambda: "cancel" in bar.visible_actions(), timeout=1000)
    assert bar.shortcuts()["cancel"] == ["F4"]  # the same act keeps its key on every plug-in

    bar.button("cancel").click()
    dialog = window.action_dialog
    assert isinstance(dialog, ActionDialog)
    reasons = dialog._lists["reason"]
    items = dialog._lists["items"]
    assert [reasons.item(i).text() for i in range(reasons.count())] == [
        "Out of stock",
        "The buyer asked to cancel",
        "Address outside our delivery area",
    ]
    assert items.count() == 2  # both items carry Shopee's reference
    assert not dialog.send.isEnabled()
    reasons.setCurrentRow(0)  # OUT_OF_STOCK: now the items are required
    assert not dialog.send.isEnabled()
    items.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.send.isEnabled()
    dialog.send.click()
    assert _sent(commands) == [
        ("run_action", order.key, "cancel", {"reason": "OUT_OF_STOCK", "items": ("1003/0",)})
    ]
    # Refused: the marketplace's words in front of staff, as for any refused action.
    qtbot.waitUntil(lambda: "order already shipped" in window.message.toolTip(), timeout=1000)
    assert window.findChild(CancelDialog) is None  # the generic dialog, not MP's reasons


def test_mercado_pago_keeps_its_buttons_and_paths_through_the_plugin(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, make = desk
    order = flex_order(9)
    commands.offered[order.key] = (ACCEPT, CANCEL)
    reader.add(summary_of(order), order)
    window = make()
    window.select(order.key)
    bar = window.detail.actions_bar
    # Until the plug-in answers only the desk's own tickets show; then exactly what the
    # plug-in offers, and the desk's own tickets.
    offered = {"accept", "cancel", "print_kitchen", "print_receipt"}
    qtbot.waitUntil(lambda: set(bar.visible_actions()) == offered, timeout=1000)
    assert bar.button("accept").text() == "Accept"
    assert bar.button("cancel").text() == "Cancel order"
    bar.button("cancel").click()  # the reasons dialog of before, not the generic one
    assert window.action_dialog is None
    assert ("action_choices", order.key, "cancel", "reason") in commands.calls
    bar.button("accept").click()
    assert ("run_action", order.key, "accept", {}) in commands.calls

    # The plug-in changes its mind (accepted): the bar follows its new answer.
    commands.offered[order.key] = (MARK_READY,)
    window._order_changed(order.key)
    qtbot.waitUntil(lambda: "mark_ready" in bar.visible_actions(), timeout=1000)
    assert "accept" not in bar.visible_actions()
