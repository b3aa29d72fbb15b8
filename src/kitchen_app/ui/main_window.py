"""The desk window: today's orders, the selected order, alerts, and proof the pipe is alive.

Everything arrives through the bridge's signals: a new order is one summary read by key and
one inserted row, never a reload of the day. Commands go to the engine and come back through
``bridge.deliver``; nothing here waits on the network or a printer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QItemSelection, QLocale, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QKeyEvent,
    QKeySequence,
    QMoveEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.channels.base import ActionSpec, ParamKind
from kitchen_app.domain import Action
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import (
    ActionOutcome,
    ActionOutcomeState,
    DeskHealth,
    EngineCommands,
    EngineReader,
    FeedState,
    FeedStatus,
)

from . import labels
from .action_dialog import ActionDialog
from .actions_bar import DOCUMENT_KIND, BarState
from .alert import AlertController, AlertPlayer
from .alert_policy import AlertLevel, AlertStep
from .attention import Attention
from .banners import AlertBanner, Banner
from .bridge import EngineBridge, deliver
from .cancel_dialog import CancelDialog
from .cart_pane import CartPane
from .elided import ElidedLabel
from .filter_bar import FilterBar
from .links import RelinkBanner, start_link
from .loading_rows import LoadingRow, is_loading, loading_row
from .notices import MissedBanner, StorePausedBanner, UnresolvedDialog
from .order_actions import OrderActions
from .order_cells import OrderCellDelegate
from .order_columns import fit_order_columns
from .order_detail import OrderDetail
from .orders_model import Cart, Col, OrdersModel, Roles, RowKey, is_waiting
from .orders_proxy import OrdersProxy
from .print_problems import PrintDecisions
from .status_bar import DeskStatusBar
from .status_chip import StatusChipDelegate
from .timeline import TimelineRow, timeline_rows

if TYPE_CHECKING:
    from .settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

__all__ = ["MainWindow"]

_PRINTED_STATES_EXCLUDED = {"failed", "cancelled"}
_CALM = timedelta(minutes=5)  # an alert level for things to look at that have no deadline
_DETAIL_MIN_WIDTH = 380  # px the order's pane keeps when the list takes what its columns need


class MainWindow(QMainWindow):
    def __init__(
        self,
        commands: EngineCommands,
        reader: EngineReader,
        bridge: EngineBridge,
        *,
        alert: AlertPlayer | None,
        demo: bool = False,
        tz: tzinfo | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        alert_speed: float = 1.0,
        tray: bool = True,
        marketplaces: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._commands = commands
        self._reader = reader
        self._bridge = bridge
        # The store reads "today" in a zone: default to the computer's own.
        self._tz: tzinfo = tz or datetime.now().astimezone().tzinfo or UTC
        self._now = now
        self._demo = demo
        # The marketplaces the desk is set up for (the filter offers these and any that sent
        # orders today); None: those whose words the desk has.
        self._marketplaces = tuple(marketplaces) if marketplaces is not None else labels.channels()
        self._locale = QLocale()
        self.setWindowTitle(self.tr("Kitchen Desk — demo") if demo else self.tr("Kitchen Desk"))

        self.model = OrdersModel(now=now, tz=tz, locale=self._locale, parent=self)
        self.proxy = OrdersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.order_actions = OrderActions(commands, self)
        self.player = alert
        self.alert = AlertController(
            alert, self._alert_time_left, now=now, speed=alert_speed, parent=self
        )
        self._health: DeskHealth | None = None
        self._unresolved = 0  # notifications not matched to an order and not dismissed
        self._missed: tuple[OrderKey, ...] = ()  # orders that expired while the desk was offline
        self._close_confirmed = False
        self._anchor: tuple[RowKey, int] | None = None  # the view's top row while rows move
        self.close_confirmation: QMessageBox | None = None
        self.unresolved_dialog: UnresolvedDialog | None = None
        # What each order's plug-in offers, as it last answered ``available_actions``.
        self._offered: dict[OrderKey, tuple[ActionSpec, ...]] = {}
        self.action_dialog: ActionDialog | QMessageBox | None = None

        self._build()
        self.print_decisions = PrintDecisions(
            self.detail.print_problems, self.order_actions, self._reader, self.detail.order, self
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
        self.paused_banner = StorePausedBanner(central)
        self.missed_banner = MissedBanner(central)
        self.pause_banner = Banner("pause", central)
        self.alert_banner = AlertBanner(central)
        self.relink_banner = RelinkBanner(central)
        for banner in (
            self.offline_banner,
            self.relink_banner,
            self.paused_banner,
            self.missed_banner,
            self.pause_banner,
            self.alert_banner,
        ):
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
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)
        # Pixel scrolling lets the list hold the rows under the mouse exactly in place when an
        # order arrives above them (see _keep_rows_in_place).
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        # Widths come from what each column can hold, measured once (order_columns.py): a
        # view that fits columns to their contents re-measures rows on every change.
        fit_order_columns(self.table, self.model, self._locale)
        # The customer's name takes what the other columns leave (elided, whole in its
        # tooltip), so the list never scrolls sideways: not when a busy list shows its
        # vertical scrollbar, nor with long totals or a narrower split.
        header.setSectionResizeMode(Col.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        # Ctrl+C (and the list's context menu) copies the selected order's whole id: long
        # ids show only their tail in the list.
        self.copy_id = QAction(self.tr("Copy order id"), self.table)
        self.copy_id.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_id.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_id.triggered.connect(self.copy_selected_id)
        self.table.addAction(self.copy_id)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.detail = OrderDetail(tz=self._tz, locale=self._locale, parent=central)
        self.cart_pane = CartPane(tz=self._tz, locale=self._locale, parent=central)
        self.panes = QStackedWidget(central)
        self.panes.addWidget(self.detail)
        self.panes.addWidget(self.cart_pane)
        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panes)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([960, 480])
        splitter.setChildrenCollapsible(False)
        root.addWidget(splitter, 1)
        self._splitter = splitter
        # A band appearing above (new order, offline…) moves the list down: watch for it.
        splitter.installEventFilter(self)
        self.setCentralWidget(central)

        self.status = DeskStatusBar(tz=self._tz, now=self._now, parent=self)
        self.setStatusBar(self.status)
        self.message = ElidedLabel(self)
        self.message.setObjectName("actionMessage")
        self.status.addWidget(self.message, 2)
        self._update_filter_counts()
        self._update_marketplaces()
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
        b.healthChanged.connect(self.set_health)
        b.loadingOrdersChanged.connect(self._sync_loading)
        b.unresolvedChanged.connect(self._unresolved_changed)
        self.status.unresolvedClicked.connect(self.open_unresolved)
        self.status.healthClicked.connect(self._health_clicked)
        self.paused_banner.reopenRequested.connect(self._reopen_store)
        self.relink_banner.relinkRequested.connect(
            lambda channel: start_link(
                self._commands, channel, self, lambda text: self._show_message(text, "pending")
            )
        )
        self.missed_banner.acknowledged.connect(self._acknowledge_missed)
        self.proxy.rowsAboutToBeInserted.connect(self._remember_rows_in_place)
        self.proxy.rowsInserted.connect(self._keep_rows_in_place)
        self.proxy.layoutAboutToBeChanged.connect(self._remember_rows_in_place)
        self.proxy.layoutChanged.connect(self._keep_rows_in_place)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filters.searchChanged.connect(self.proxy.set_search)
        self.filters.stageChosen.connect(self.proxy.set_stage)
        self.filters.channelChosen.connect(self.proxy.set_channel)
        self.cart_pane.printRequested.connect(self._print_cart)
        self.cart_pane.orderChosen.connect(self.select)
        self.table.clicked.connect(self._cell_clicked)
        self.table.activated.connect(self._row_activated)
        self.table.installEventFilter(self)
        self.detail.actions_bar.triggered.connect(self._action_triggered)
        self.order_actions.message.connect(self._show_message)
        self.order_actions.busyChanged.connect(self._busy_changed)
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
    def today(self) -> date:
        return labels.to_local(self._now(), self._tz).date()

    def _load_day(self) -> None:
        self._day = self.today()
        self.model.set_orders(self._reader.orders_of_day(self._day, self._tz))
        self._sync_loading(alert=False)
        self._unresolved_changed()
        self._orders_moved()

    def _order_added(self, key: OrderKey) -> None:
        summary = self._reader.order_summary(key)
        if summary is None:
            return
        before = self.model.summary(key)
        self.model.upsert(summary)
        self._orders_moved()
        # An order already listed as "details loading" was announced (and alerted) then.
        if is_waiting(summary) and (before is None or not is_loading(before)):
            self.attention.new_order(summary)
        if self.selected_key() is None:
            self.select(key)
        elif key == self.selected_key():
            self._show_selected()

    # ---- announced orders whose details could not be read yet -------------------------------
    def _sync_loading(self, alert: bool = True) -> None:
        """Mirror the engine's "details loading" orders: new ones get a row (and the alert),
        and one that left the list became a real order (or is gone)."""
        loading = self._reader.loading_orders()
        listed = set()
        touched = set()
        for order in loading:
            listed.add(order.key)
            current = self.model.summary(order.key)
            if current is not None and not is_loading(current):
                continue  # its details landed first: the real row stays
            row = loading_row(order)
            if current != row:
                self.model.upsert(row)
                touched.add(row.key)
                if current is None and alert:
                    self.attention.new_order(row)
        for key in self.model.loading_keys():
            if key not in listed:
                touched.add(key)
                summary = self._reader.order_summary(key)
                if summary is not None:
                    self.model.upsert(summary)
                else:
                    self.model.remove(key)
        self._orders_moved()
        selected = self.selected_key()
        if selected is None and loading:
            self.select(loading[0].key)
        elif selected in touched:
            if self.model.summary(selected) is None:
                self.detail.show_order(None, [])
                self._update_bar()
            else:
                self._show_selected()

    # ---- health, pauses, missed and unresolved ----------------------------------------------
    def set_health(self, health: DeskHealth) -> None:
        self._health = health
        self.status.set_health(health)
        if health.feed is not None:
            self.set_feed_state(health.feed)
        self.paused_banner.show_pauses(tuple(health.pauses))
        self.relink_banner.show_channels(tuple(api.channel for api in health.apis if api.relink))
        if tuple(health.missed_while_offline) != self._missed:
            self._missed = tuple(health.missed_while_offline)
            self._show_missed()
        self._update_pause_warning()
        self.alert.refresh()
        self._update_alert_banner()

    def _show_missed(self) -> None:
        shown: list[tuple[OrderKey, str]] = []
        for key in self._missed:
            summary = self.model.summary(key) or self._reader.order_summary(key)
            if summary is None:
                shown.append((key, "#" + key.order_id))
            else:
                name = f" {summary.customer_name}" if summary.customer_name else ""
                shown.append((key, f"#{summary.display_id}{name}"))
        self.missed_banner.show_missed(shown)

    def _acknowledge_missed(self) -> None:
        def done(_result: None, error: BaseException | None) -> None:
            if error is not None:
                self._show_message(
                    self.tr("Could not record it: %1").replace("%1", str(error)), "bad"
                )
                self.missed_banner.seen.setEnabled(True)
                return
            self._missed = ()
            self.missed_banner.show_missed([])
            self.alert.refresh()
            self._update_alert_banner()

        deliver(self._commands.acknowledge_missed(), self, done)

    def _unresolved_changed(self) -> None:
        unresolved = self._reader.unresolved_notifications()
        self._unresolved = sum(1 for n in unresolved if not n.dismissed)
        if self.unresolved_dialog is not None:
            self.unresolved_dialog.refresh()
        if self._health is not None and self._health.unresolved != self._unresolved:
            from dataclasses import replace

            self._health = replace(self._health, unresolved=self._unresolved)
            self.status.set_health(self._health)
        self.alert.refresh()
        self._update_alert_banner()

    def unresolved_count(self) -> int:
        return self._unresolved

    def open_unresolved(self) -> UnresolvedDialog:
        if self.unresolved_dialog is None:
            dialog = UnresolvedDialog(self._commands, self._reader, self._tz, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

            def gone() -> None:
                self.unresolved_dialog = None

            dialog.destroyed.connect(gone)
            self.unresolved_dialog = dialog
        self.unresolved_dialog.refresh()
        self.unresolved_dialog.open()
        return self.unresolved_dialog

    def _health_clicked(self) -> None:
        if self._unresolved:
            self.open_unresolved()
            return
        problems = self.status.problems()
        if problems:
            self._show_message(problems[0].text, problems[0].level)

    def _reopen_store(self, channel: str, store_id: str) -> None:
        self._show_message(self.tr("Asking the marketplace to reopen the store…"), "pending")

        def done(outcome: ActionOutcome | None, error: BaseException | None) -> None:
            self.paused_banner.reopen_answered()
            if error is not None:
                self._show_message(
                    self.tr("The store was not reopened: %1").replace("%1", str(error)), "bad"
                )
            elif outcome is None:
                return
            elif outcome.state is ActionOutcomeState.CONFIRMED:
                self._show_message(self.tr("The store is open again: new orders can arrive."), "ok")
            elif outcome.state is ActionOutcomeState.PENDING:
                self._show_message(
                    self.tr("Reopen store: the marketplace cannot be reached; still trying."),
                    "pending",
                )
            else:
                self._show_message(
                    self.tr("The store was not reopened: %1").replace(
                        "%1", outcome.message or self.tr("refused")
                    ),
                    "bad",
                )

        deliver(self._commands.reopen_store(channel, store_id), self, done)

    # ---- rows stay under the mouse ----------------------------------------------------------
    def _remember_rows_in_place(self, *_args: object) -> None:
        """Before rows are inserted or re-sorted: which row is at the top of the view and
        where, so that it can be put back at the same place."""
        table = self.table
        index = table.indexAt(table.viewport().rect().topLeft())
        if not index.isValid():
            self._anchor = None
            return
        key = index.data(Roles.KEY)
        self._anchor = (key, table.visualRect(index).top())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_splitter()

    def _fit_splitter(self) -> None:
        """Give the list the width its columns need (no sideways scrolling at 1366 px), as
        long as the order's pane keeps a readable width; the rest goes to that pane."""
        table, splitter = self.table, self._splitter
        sizes = splitter.sizes()
        if len(sizes) != 2 or sum(sizes) <= 0:
            return
        needed = (
            table.horizontalHeader().length()
            + 2 * table.frameWidth()
            + table.verticalScrollBar().sizeHint().width()
        )
        total = sum(sizes)
        wanted = min(needed, total - _DETAIL_MIN_WIDTH)
        if sizes[0] < wanted:
            splitter.setSizes([wanted, total - wanted])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._splitter and event.type() == QEvent.Type.Move:
            self._list_moved(cast(QMoveEvent, event))
        elif watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            # Right/+ opens the selected cart, Left/- closes it (as in a tree).
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus) and self.toggle_cart(True):
                return True
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Minus) and self.toggle_cart(False):
                return True
        return super().eventFilter(watched, event)

    def _list_moved(self, event: QMoveEvent) -> None:
        """A band that appears or goes above the list moves it; while the mouse is on the
        list, scroll by as much so the rows stay under the mouse."""
        shift = event.pos().y() - event.oldPos().y()
        table = self.table
        if not shift or not table.isVisible():
            return
        viewport = table.viewport()
        if not viewport.rect().contains(viewport.mapFromGlobal(QCursor.pos())):
            return
        bar = table.verticalScrollBar()
        bar.setValue(bar.value() + shift)

    def _keep_rows_in_place(self, *_args: object) -> None:
        """Orders arriving above the rows staff are looking at must not push those rows
        down under the mouse. The view keeps its top row where it was, unless it shows the
        very top of the list and the mouse is elsewhere (then the new order is seen first)."""
        anchor, self._anchor = self._anchor, None
        if anchor is None:
            return
        key, top = anchor
        table = self.table
        bar = table.verticalScrollBar()
        mouse_on_list = (
            table.viewport().rect().contains(table.viewport().mapFromGlobal(QCursor.pos()))
        )
        if bar.value() == 0 and top >= 0 and not mouse_on_list:
            return
        index = self.proxy.mapFromSource(self.model.index_of(key))
        if not index.isValid():
            return
        shift = table.visualRect(index).top() - top
        if shift:
            bar.setValue(bar.value() + shift)

    def _order_changed(self, key: OrderKey) -> None:
        summary = self._reader.order_summary(key)
        if summary is None:
            return
        self.model.upsert(summary)
        self._orders_moved()
        if key == self.selected_key():
            self._show_selected()

    def _journal_changed(self, key: OrderKey, _record_id: int = 0) -> None:
        if key == self.selected_key():
            self._show_selected()

    def _orders_moved(self) -> None:
        self._update_filter_counts()
        self._update_marketplaces()
        self._refresh_cart()
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
    def selected_key(self) -> OrderKey | None:
        """The order shown in the order's pane (None while a cart is shown)."""
        if self.panes.currentWidget() is self.cart_pane:
            return None
        order = self.detail.order()
        return order.key if order is not None else self.detail.loading_key()

    def selected_cart(self) -> Cart | None:
        return self.cart_pane.cart() if self.panes.currentWidget() is self.cart_pane else None

    def select(self, key: RowKey) -> None:
        """Select an order (shown under its cart, opened) or a cart (by ``Cart.key``)."""
        source = self.model.index_of(key)
        if not source.isValid():
            return
        cart = source.data(Roles.IN_CART)
        if isinstance(cart, Cart):
            self.model.set_expanded(cart, True)  # its orders show under it
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.table.selectRow(index.row())
        elif isinstance(key, OrderKey) and self.model.summary(key) is not None:
            self._show_order(key)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        cart = indexes[0].data(Roles.CART)
        if isinstance(cart, Cart):
            self._show_cart(cart)
        else:
            key = indexes[0].data(Roles.KEY)
            if isinstance(key, OrderKey):
                self._show_order(key)

    # ---- carts -------------------------------------------------------------------------------
    def _show_cart(self, cart: Cart) -> None:
        total = self.model.cart_total(cart)
        self.cart_pane.show_cart(
            cart,
            self.model.cart_orders(cart),
            labels.format_money(total, self._locale) if total is not None else "",
        )
        self.panes.setCurrentWidget(self.cart_pane)

    def _refresh_cart(self) -> None:
        cart = self.selected_cart()
        if cart is None:
            return
        if self.model.cart(cart.key) is cart:
            self._show_cart(cart)
        else:  # the cart is gone (its orders were taken out)
            self.cart_pane.show_cart(None, [], "")

    def _cell_clicked(self, index: QModelIndex) -> None:
        """A click on a cart's badge opens or closes the cart."""
        cart = index.data(Roles.CART)
        if isinstance(cart, Cart) and index.column() == Col.ID:
            self.model.set_expanded(cart, not self.model.is_expanded(cart))

    def _row_activated(self, index: QModelIndex) -> None:
        cart = index.data(Roles.CART)
        if isinstance(cart, Cart):
            self.model.set_expanded(cart, not self.model.is_expanded(cart))

    def toggle_cart(self, expanded: bool) -> bool:
        """Open (or close) the selected cart, or the cart of the selected order; True if one
        was."""
        index = self.table.currentIndex()
        cart = index.data(Roles.CART) if index.isValid() else None
        if not isinstance(cart, Cart) and index.isValid():
            cart = index.data(Roles.IN_CART)
            if isinstance(cart, Cart) and not expanded:
                self.select(cart.key)  # closing from one of its orders selects the cart
        if not isinstance(cart, Cart):
            return False
        self.model.set_expanded(cart, expanded)
        return True

    def _print_cart(self, key: OrderKey, kind: str) -> None:
        """One ticket for the whole cart: the engine prints every order of the cart of
        ``key`` (its first order) on one kitchen ticket or receipt."""
        cart = self.model.cart(key)
        shown = self.tr("cart %1").replace("%1", cart.pack_id) if cart is not None else str(key)
        action = str(Action.PRINT_KITCHEN if kind == "kitchen" else Action.PRINT_RECEIPT)
        self.order_actions.print_ticket(key, shown, action, kind, reprint=False)

    def copy_selected_id(self) -> str | None:
        """Put the selected row's whole order id (a cart's id on its row) on the clipboard."""
        index = self.table.currentIndex()
        full = index.siblingAtColumn(Col.ID).data(Roles.FULL_ID) if index.isValid() else None
        if not isinstance(full, str):
            return None
        QApplication.clipboard().setText(full)
        self._show_message(self.tr("Copied %1").replace("%1", full), "ok")
        return full

    def _update_marketplaces(self) -> None:
        known = list(self._marketplaces)
        known += sorted(c for c in self.model.channels() if c not in known)
        self.filters.set_channels(tuple(known))

    def _show_order(self, key: OrderKey) -> None:
        self.panes.setCurrentWidget(self.detail)
        summary = self.model.summary(key)
        if isinstance(summary, LoadingRow):
            self.detail.show_loading(summary)
            self._update_bar()
            return
        order = self._reader.get_order(key)
        self.detail.show_order(order, self._timeline(key) if order is not None else [])
        self._update_bar()
        if order is not None:
            self._ask_offered(key)

    def _ask_offered(self, key: OrderKey) -> None:
        """Ask the order's plug-in what may be done now (on the engine's thread); the bar
        follows when the answer comes back. A desk without the action path keeps the flow's
        buttons."""

        def arrived(specs: tuple[ActionSpec, ...] | None, error: BaseException | None) -> None:
            if error is not None or specs is None:
                log.info("actions of %s unavailable: %s", key, error)
                return
            if self._offered.get(key) != tuple(specs):
                self._offered[key] = tuple(specs)
                if key == self.selected_key():
                    self._update_bar()

        deliver(self._commands.available_actions(key), self, arrived)

    def _show_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self._show_order(key)

    def _timeline(self, key: OrderKey) -> list[TimelineRow]:
        return timeline_rows(
            self._reader.timeline(key), self._reader.actions(key), self._reader.print_jobs(key)
        )

    def _update_bar(self) -> None:
        order = self.detail.order()
        if order is None:
            self.detail.actions_bar.set_state(None)
            self.print_decisions.show_jobs([])
            return
        jobs = list(self._reader.print_jobs(order.key))
        printed = frozenset(
            str(j.kind) for j in jobs if str(j.state) not in _PRINTED_STATES_EXCLUDED
        )
        self.detail.actions_bar.set_state(
            BarState(
                printed_kinds=printed,
                busy=self.order_actions.busy(order.key),
                offered=self._offered.get(order.key),
                channel=order.channel,
            )
        )
        self.print_decisions.show_jobs(jobs)

    def _busy_changed(self, key: OrderKey) -> None:
        if key == self.selected_key():
            self._update_bar()
            if not self.order_actions.busy(key):  # an answer came back: the offer may have changed
                self._ask_offered(key)

    # ---- actions -----------------------------------------------------------------------------
    def _action_triggered(self, name: str, reprint: bool) -> None:
        order = self.detail.order()
        if order is None:
            return
        key, shown = order.key, order.display_id
        # Only what the plug-in offered has a button (the desk's tickets aside): the window
        # never decides again what may be done.
        spec = next((s for s in self._offered.get(key, ()) if s.name == name), None)
        if spec is not None and not _window_path(spec):
            self.open_action(spec)
        elif spec is not None and spec.name == Action.CANCEL:
            self.open_cancel_dialog()
        elif spec is not None and not spec.returns_document:
            self.order_actions.run(key, shown, spec.name, labels.action_label(spec.name), {})
        elif name == Action.PRINT_KITCHEN:
            self.order_actions.print_ticket(key, shown, name, "kitchen", reprint=reprint)
        elif name == Action.PRINT_RECEIPT:
            self.order_actions.print_ticket(key, shown, name, "receipt", reprint=reprint)
        elif name == self.detail.actions_bar.document_action():
            self.order_actions.print_ticket(key, shown, name, DOCUMENT_KIND, reprint=reprint)

    def open_action(self, spec: ActionSpec) -> ActionDialog | QMessageBox | None:
        """A plug-in's action: its parameters asked in one small dialog, or "are you sure?"
        first when it says so, or sent at once."""
        order = self.detail.order()
        if order is None:
            return None
        key, shown = order.key, order.display_id
        what = labels.translated(spec.label)
        if spec.params:
            dialog = ActionDialog(self._commands, order, spec, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

            def sent(result: int) -> None:
                self.action_dialog = None
                if result == QDialog.DialogCode.Accepted:
                    self.order_actions.run(key, shown, spec.name, what, dialog.values())

            dialog.finished.connect(sent)
            self.action_dialog = dialog
            dialog.open()
            return dialog
        if spec.confirm:
            question = QMessageBox(self)
            question.setObjectName("confirmAction")
            question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            question.setIcon(QMessageBox.Icon.Question)
            question.setWindowTitle(what)
            question.setText(self.tr("%1 for order #%2?").replace("%1", what).replace("%2", shown))
            if spec.warning is not None:
                question.setInformativeText(labels.translated(spec.warning))
            yes = question.addButton(what, QMessageBox.ButtonRole.AcceptRole)
            question.setDefaultButton(question.addButton(QMessageBox.StandardButton.Cancel))

            def answered(_result: int) -> None:
                self.action_dialog = None
                if question.clickedButton() is yes:
                    self.order_actions.run(key, shown, spec.name, what, {})

            question.finished.connect(answered)
            self.action_dialog = question
            question.open()
            return question
        self.order_actions.run(key, shown, spec.name, what, {})
        return None

    def open_cancel_dialog(self) -> CancelDialog | None:
        order = self.detail.order()
        if order is None:
            return None
        dialog = CancelDialog(self._commands, order.key, order.display_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        key, shown = order.key, order.display_id

        def finished(result: int) -> None:
            if result == CancelDialog.DialogCode.Accepted:
                reason = dialog.chosen()
                params = {"reason": reason.value} if reason is not None else {}
                what = labels.action_label(str(Action.CANCEL))
                self.order_actions.run(key, shown, str(Action.CANCEL), what, params)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._commands, self._reader, self.alert_preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._apply_sound_settings)
        dialog.open()
        return dialog

    def alert_preview(self, volume_percent: int) -> None:
        if self.player is not None:
            self.player.play(volume_percent / 100)

    def show_unexpected_error(self, error: BaseException) -> None:
        """An error nobody expected (the traceback is in the log): one line, in the desk's
        language, in the message area; the desk keeps running."""
        self._show_message(
            self.tr("Something went wrong (%1); details are in the log.").replace("%1", str(error)),
            "bad",
        )

    def _show_message(self, text: str, level: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # ---- alert -------------------------------------------------------------------------------
    def _apply_sound_settings(self) -> None:
        enabled = bool(self._reader.get_setting("sound_enabled", True))
        volume = labels.int_setting(self._reader.get_setting("sound_volume", 80), 80)
        self.alert.set_sound(enabled, volume)

    def _alert_step_changed(self, step: AlertStep) -> None:
        self._update_alert_banner(step)

    def _alert_time_left(self) -> timedelta | None:
        """What the alert counts down to: the nearest waiting order's deadline; an unmatched
        notification or orders missed offline keep a calm alert going until seen."""
        left = self.model.nearest_time_left()
        if self._unresolved or self._missed:
            return min(left, _CALM) if left is not None else _CALM
        return left

    def _update_alert_banner(self, step: AlertStep | None = None) -> None:
        step = step or self.alert.step()
        waiting = self.model.waiting()
        left = self.model.nearest_time_left()
        if step.level is AlertLevel.NONE:
            self.alert_banner.hide()
            return
        if waiting and left is not None:
            text = self.tr("%n new order(s) waiting", "", len(waiting))
            text += " — " + self.tr("accept within %1").replace("%1", labels.format_countdown(left))
        elif self._missed:
            text = self.tr("%n order(s) expired while the desk was offline", "", len(self._missed))
        elif self._unresolved:
            text = self.tr(
                "%n notification(s) could not be matched to an order — see the status bar",
                "",
                self._unresolved,
            )
        else:
            self.alert_banner.hide()
            return
        self.alert_banner.show_alert(step.level, text)

    def _update_pause_warning(self) -> None:
        expired = self.model.last_handled_expired()
        if self.paused_banner.isVisibleTo(self) or self.paused_banner.isVisible():
            expired = None  # already paused: the red band says so and offers to reopen
        if expired is not None:
            self.pause_banner.set_text(
                self.tr(
                    "Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on %2."  # noqa: E501
                )
                .replace("%1", expired.display_id)
                .replace("%2", labels.channel_label(expired.channel))
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
        waiting = len(self.model.waiting())
        if waiting and not self._close_confirmed:
            # Closing silences the alert for orders whose 5 minutes are running: ask first
            # (without blocking: the question is a window-modal box, not a nested loop).
            event.ignore()
            self.confirm_close(waiting)
            return
        self.shutdown()
        super().closeEvent(event)

    def confirm_close(self, waiting: int) -> QMessageBox:
        if self.close_confirmation is not None:
            return self.close_confirmation
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Orders are waiting"),
            self.tr(
                "%n order(s) are waiting to be accepted. If the desk closes, nobody hears "
                "the alert and the marketplace cancels them when their time runs out.",
                "",
                waiting,
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("closeConfirmation")
        keep = box.addButton(self.tr("Keep the desk open"), QMessageBox.ButtonRole.RejectRole)
        minimise = box.addButton(self.tr("Minimise"), QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            self.close_confirmation = None
            clicked = box.clickedButton()
            if clicked is close:
                self._close_confirmed = True
                self.close()
            elif clicked is minimise:
                self.showMinimized()

        box.finished.connect(finished)
        self.close_confirmation = box
        box.open()
        return box

    def shutdown(self) -> None:
        """Stop the timers and the sound (the engine is stopped by whoever started it)."""
        self._close_confirmed = True  # the caller decided: closing no longer asks
        self._timer.stop()
        self.alert.stop()
        if self.player is not None and hasattr(self.player, "shutdown"):
            self.player.shutdown()
        self.attention.hide()


def _window_path(spec: ActionSpec) -> bool:
    """Whether the window's own path fits the plug-in's action: accept and mark ready without
    parameters, cancel with only the marketplace's reasons (the reasons dialog), the
    marketplace's document (a PDF) through the print queue. Anything else takes the generic
    dialog built from its ParamSpecs."""
    if spec.name == Action.CANCEL:
        return len(spec.params) == 1 and (
            spec.params[0].name == "reason"
            and spec.params[0].kind is ParamKind.CHOICE
            and spec.params[0].from_network
        )
    if spec.name in (Action.ACCEPT, Action.MARK_READY):
        return not spec.params and not spec.confirm
    return not spec.params and spec.returns_document
