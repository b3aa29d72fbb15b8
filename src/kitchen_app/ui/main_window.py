"""The desk window: today's orders, the selected order, alerts, and proof the pipe is alive.

Everything arrives through the bridge's signals: a new order is one summary read by key and
one inserted row, never a reload of the day. Commands go to the engine and come back through
``bridge.deliver``; nothing here waits on the network or a printer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import Action
from kitchen_app.engine.api import FeedState, FeedStatus

from . import labels
from .actions_bar import BarState
from .alert import AlertController, AlertPlayer
from .alert_policy import AlertLevel, AlertStep
from .attention import Attention
from .banners import AlertBanner, Banner
from .bridge import EngineBridge
from .cancel_dialog import CancelDialog
from .filter_bar import FilterBar
from .order_actions import OrderActions
from .order_cells import OrderCellDelegate
from .order_columns import fit_order_columns
from .order_detail import OrderDetail
from .orders_model import Col, OrdersModel, Roles, is_waiting
from .orders_proxy import OrdersProxy
from .print_problems import PrintDecisions
from .status_bar import DeskStatusBar
from .status_chip import StatusChipDelegate
from .timeline import timeline_rows

log = logging.getLogger(__name__)

__all__ = ["MainWindow"]

_PRINTED_STATES_EXCLUDED = {"failed", "cancelled"}


class MainWindow(QMainWindow):
    def __init__(
        self,
        commands: Any,
        reader: Any,
        bridge: EngineBridge,
        *,
        alert: AlertPlayer | None,
        demo: bool = False,
        tz: tzinfo | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        alert_speed: float = 1.0,
        tray: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._commands = commands
        self._reader = reader
        self._bridge = bridge
        # The store reads "today" in a zone: default to the computer's own.
        self._tz = tz or datetime.now().astimezone().tzinfo
        self._now = now
        self._demo = demo
        self._locale = QLocale()
        self.setWindowTitle(self.tr("Kitchen Desk — demo") if demo else self.tr("Kitchen Desk"))

        self.model = OrdersModel(now=now, tz=tz, locale=self._locale, parent=self)
        self.proxy = OrdersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.actions = OrderActions(commands, self)
        self.player = alert
        self.alert = AlertController(
            alert, self.model.nearest_time_left, now=now, speed=alert_speed, parent=self
        )

        self._build()
        self.print_decisions = PrintDecisions(
            self.detail.print_problems, self.actions, self._reader, self.detail.order, self
        )
        self.attention = Attention(self, tray=tray)
        self._apply_sound_settings()
        self._wire()
        self._load_day()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    # ---- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        root = QVBoxLayout(central)
        root.setContentsMargins(8, 8, 8, 0)
        self.offline_banner = Banner("offline", central)
        self.pause_banner = Banner("pause", central)
        self.alert_banner = AlertBanner(central)
        for banner in (self.offline_banner, self.pause_banner, self.alert_banner):
            root.addWidget(banner)

        self.filters = FilterBar(demo=self._demo, parent=central)
        self.filter_buttons = self.filters.buttons
        self.search = self.filters.search
        root.addWidget(self.filters)

        self.table = QTableView(central)
        self.table.setObjectName("orders")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(OrderCellDelegate(self.table))
        self.table.setItemDelegateForColumn(Col.STATUS, StatusChipDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.CREATED, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Widths come from what each column can hold, measured once (order_columns.py): a
        # view that fits columns to their contents re-measures rows on every change.
        fit_order_columns(self.table, self.model, self._locale)
        # The customer's name starts at 130 px; the last column takes what is left.
        header.resizeSection(Col.CUSTOMER, 130)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

        self.detail = OrderDetail(tz=self._tz, locale=self._locale, parent=central)
        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([960, 480])
        splitter.setChildrenCollapsible(False)
        root.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.status = DeskStatusBar(tz=self._tz, now=self._now, parent=self)
        self.setStatusBar(self.status)
        self.message = QLabel(self)
        self.message.setObjectName("actionMessage")
        self.status.addWidget(self.message, 1)
        self._update_filter_counts()
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        # Counter PCs are often 1366×768: never open larger than the screen, and start
        # maximised there so nothing hides past its edge.
        screen = self.screen()
        available = screen.availableGeometry() if screen is not None else None
        if available is None or (available.width() >= 1440 and available.height() >= 860):
            self.resize(1440, 860)
            return
        self.resize(min(1440, available.width()), min(860, available.height()))
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _wire(self) -> None:
        b = self._bridge
        b.orderAdded.connect(self._order_added)
        b.orderChanged.connect(self._order_changed)
        # Bound methods of this window (not lambdas): the window's thread decides that these
        # calls, emitted on the engine's thread, are queued to the GUI thread.
        b.actionChanged.connect(self._journal_changed)
        b.printJobChanged.connect(self._journal_changed)
        b.feedStateChanged.connect(self.set_feed_state)
        b.printerStateChanged.connect(self.status.set_printer_state)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filters.searchChanged.connect(self.proxy.set_search)
        self.filters.stageChosen.connect(self.proxy.set_stage)
        self.detail.actions_bar.triggered.connect(self._action_triggered)
        self.actions.message.connect(self._show_message)
        self.actions.busyChanged.connect(self._busy_changed)
        self.alert.stepChanged.connect(self._alert_step_changed)
        self.alert.muteChanged.connect(lambda until: self.alert_banner.set_muted(until is not None))
        self.alert_banner.muteRequested.connect(self.alert.mute_for)
        self.alert_banner.unmuteRequested.connect(self.alert.unmute)
        # No sound (no device, or the audio server went away): flash the window and the tray
        # at every chime instead, until the sound is back.
        self.alert.silentAlert.connect(self.attention.flash)
        self.filters.settingsRequested.connect(self.open_settings)
        if self.player is not None:
            self.player.availabilityChanged.connect(self.status.set_sound_available)
            self.status.set_sound_available(self.player.available())

    # ---- data in -----------------------------------------------------------------------------
    def today(self) -> Any:
        return labels.to_local(self._now(), self._tz).date()

    def _load_day(self) -> None:
        self._day = self.today()
        self.model.set_orders(self._reader.orders_of_day(self._day, self._tz))
        self._orders_moved()

    def _order_added(self, key: str) -> None:
        summary = self._reader.order_summary(key)
        if summary is None:
            return
        self.model.upsert(summary)
        self._orders_moved()
        if is_waiting(summary):
            self.attention.new_order(summary)
        if self.selected_key() is None:
            self.select(key)

    def _order_changed(self, key: str) -> None:
        summary = self._reader.order_summary(key)
        if summary is None:
            return
        self.model.upsert(summary)
        self._orders_moved()
        if key == self.selected_key():
            self._show_selected()

    def _journal_changed(self, key: str, _record_id: int = 0) -> None:
        if key == self.selected_key():
            self._show_selected()

    def _orders_moved(self) -> None:
        self._update_filter_counts()
        self.alert.refresh()
        self._update_alert_banner()
        self._update_pause_warning()

    def set_feed_state(self, state: FeedState) -> None:
        self.status.set_feed_state(state)
        offline = state.status in (FeedStatus.OFFLINE, FeedStatus.AUTH_FAILED)
        if state.status is FeedStatus.AUTH_FAILED:
            text = self.tr(
                "The relay rejected this desk's token: new orders are NOT arriving. Open Settings and check the desk token."  # noqa: E501
            )
        else:
            since = labels.format_time(state.since, self._tz) if state.since else "?"
            text = self.tr(
                "Offline since %1: new orders may not arrive. Today's orders, tickets and reprints still work; accept and cancel wait until the connection is back."  # noqa: E501
            ).replace("%1", since)
        self.offline_banner.set_text(text)
        self.offline_banner.set_level("bad")
        self.offline_banner.setVisible(offline)

    # ---- selection and detail ----------------------------------------------------------------
    def selected_key(self) -> str | None:
        order = self.detail.order()
        return order.key if order is not None else None

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
        else:
            self._show_order(key)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._show_order(indexes[0].data(Roles.KEY))

    def _show_order(self, key: str) -> None:
        order = self._reader.get_order(key)
        self.detail.show_order(order, self._timeline(key) if order is not None else [])
        self._update_bar()

    def _show_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self._show_order(key)

    def _timeline(self, key: str) -> list[Any]:
        return timeline_rows(
            self._reader.timeline(key), self._reader.actions(key), self._reader.print_jobs(key)
        )

    def _update_bar(self) -> None:
        order = self.detail.order()
        if order is None:
            self.detail.actions_bar.set_state(None)
            self.print_decisions.show_jobs([])
            return
        summary = self.model.summary(order.key)
        accepted = bool(summary.accepted) if summary is not None else False
        try:
            allowed = order.flow.allowed_actions(order.status, accepted=accepted)
        except KeyError:  # a channel/logistics without a flow: only our own tickets
            allowed = frozenset({Action.PRINT_KITCHEN, Action.PRINT_RECEIPT})
        jobs = list(self._reader.print_jobs(order.key))
        printed = frozenset(
            str(j.kind) for j in jobs if str(j.state) not in _PRINTED_STATES_EXCLUDED
        )
        self.detail.actions_bar.set_state(
            BarState(allowed=allowed, printed_kinds=printed, busy=self.actions.busy(order.key))
        )
        self.print_decisions.show_jobs(jobs)

    def _busy_changed(self, key: str) -> None:
        if key == self.selected_key():
            self._update_bar()

    # ---- actions -----------------------------------------------------------------------------
    def _action_triggered(self, name: str, reprint: bool) -> None:
        order = self.detail.order()
        if order is None:
            return
        key, shown = order.key, order.display_id
        if name == Action.ACCEPT:
            self.actions.accept(key, shown)
        elif name == Action.CANCEL:
            self.open_cancel_dialog()
        elif name == Action.MARK_READY:
            self.actions.mark_ready(key, shown)
        elif name in (Action.PRINT_KITCHEN, Action.PRINT_RECEIPT, Action.PRINT_LABEL_PDF):
            self.actions.print_ticket(key, shown, Action(name), reprint=reprint)

    def open_cancel_dialog(self) -> CancelDialog | None:
        order = self.detail.order()
        if order is None:
            return None
        dialog = CancelDialog(self._commands, order.key, order.display_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        key, shown = order.key, order.display_id

        def finished(result: int) -> None:
            if result == CancelDialog.DialogCode.Accepted:
                self.actions.cancel(key, shown, dialog.chosen())

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_settings(self) -> Any:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._commands, self._reader, self.alert_preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._apply_sound_settings)
        dialog.open()
        return dialog

    def alert_preview(self, volume_percent: int) -> None:
        if self.player is not None:
            self.player.play(volume_percent / 100)

    def _show_message(self, text: str, level: str) -> None:
        self.message.setText(text)
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # ---- alert -------------------------------------------------------------------------------
    def _apply_sound_settings(self) -> None:
        enabled = bool(self._reader.get_setting("sound_enabled", True))
        volume = int(self._reader.get_setting("sound_volume", 80))
        self.alert.set_sound(enabled, volume)

    def _alert_step_changed(self, step: AlertStep) -> None:
        self._update_alert_banner(step)

    def _update_alert_banner(self, step: AlertStep | None = None) -> None:
        step = step or self.alert.step()
        waiting = self.model.waiting()
        left = self.model.nearest_time_left()
        if not waiting or left is None or step.level is AlertLevel.NONE:
            self.alert_banner.hide()
            return
        text = self.tr("%n new order(s) waiting", "", len(waiting))
        text += " — " + self.tr("accept within %1").replace("%1", labels.format_countdown(left))
        self.alert_banner.show_alert(step.level, text)

    def _update_pause_warning(self) -> None:
        expired = self.model.last_handled_expired()
        if expired is not None:
            self.pause_banner.set_text(
                self.tr(
                    "Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on Mercado Pago."  # noqa: E501
                ).replace("%1", expired.display_id)
            )
            self.pause_banner.set_level("bad")
        self.pause_banner.setVisible(expired is not None)

    # ---- periodic ----------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.today() != self._day:  # past midnight: the list is the new day's
            self._load_day()
        self.model.tick()
        self.status.tick()
        self.alert.refresh()
        self._update_alert_banner()
        if self.model.waiting():
            self._update_filter_counts()

    def _update_filter_counts(self) -> None:
        self.filters.set_counts(self.model.stage_counts())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the timers and the sound (the engine is stopped by whoever started it)."""
        self._timer.stop()
        self.alert.stop()
        if self.player is not None and hasattr(self.player, "shutdown"):
            self.player.shutdown()
        self.attention.hide()
