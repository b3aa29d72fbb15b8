"""Today's orders as a table model: one row per order, and one row per cart above its orders.

A cart is what a marketplace sells in one purchase (orders sharing ``pack_id``, Mercado
Libre's carts): a row with a cart badge, the item count and the cart's total, that expands to
its orders. The cart's orders are rows of the same flat table, shown under the cart only while
it is expanded (``OrdersProxy`` hides them otherwise and sorts each right below its cart).
Flat on purpose: a tree (QTreeView over a tree model) lays out every row again, calling into
Python for each, on every change, which with thousands of orders cost ~50 ms per new order.

A new order is one ``beginInsertRows``; a changed order is one row's ``dataChanged`` (and its
cart's rows); the 1 s countdown tick touches only the countdown column (and a whole row only
when that order's alert level changes, to recolour it). The model never reloads the day on its
own.

With thousands of orders a day, what the window asks after every change (the waiting orders,
counts per stage, the newest handled order) is kept up to date per order instead of being
recounted over every row.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple, TypeAlias

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kitchen_app.domain import Money, OrderKey, Stage, StatusPair
from kitchen_app.engine.api import OrderSummary

from . import labels
from .alert_policy import AlertLevel, level_for
from .loading_rows import LoadingRow, is_loading

log = logging.getLogger(__name__)

__all__ = ["Cart", "Cell", "Col", "OrdersModel", "Roles", "Row", "SortValue", "is_waiting"]

# What a row of the list shows: an order's summary, or an announced order still loading.
Row: TypeAlias = OrderSummary | LoadingRow
Value: TypeAlias = str | int | float | tuple[int, float] | tuple[int, str]
# (the cart's or the lone order's value, its group, 0 for the cart or lone order and 1 for a
# cart's order, the row's own value): a cart's orders sort right below it.
SortValue: TypeAlias = tuple[Value, str, int, Value]


class Col:
    ID = 0
    COUNTDOWN = 1
    STATUS = 2
    CUSTOMER = 3
    ITEMS = 4
    TOTAL = 5
    LOGISTICS = 6
    CHANNEL = 7
    CREATED = 8
    COUNT = 9


class Roles:
    SUMMARY = Qt.ItemDataRole.UserRole + 1  # the order's summary (None on a cart's row)
    SORT = Qt.ItemDataRole.UserRole + 2  # a Python value the proxy compares
    KEY = Qt.ItemDataRole.UserRole + 3  # the order's key, or the cart's (Cart.key)
    STAGE = Qt.ItemDataRole.UserRole + 4
    LEVEL = Qt.ItemDataRole.UserRole + 5  # AlertLevel of a waiting order (NONE otherwise)
    CELL = Qt.ItemDataRole.UserRole + 6  # what the cell painter needs, in one read (Cell)
    CART = Qt.ItemDataRole.UserRole + 7  # the Cart of a cart's row (None on an order's)
    FULL_ID = Qt.ItemDataRole.UserRole + 8  # the whole order id (pack id on a cart's row)
    IN_CART = Qt.ItemDataRole.UserRole + 9  # the Cart an order's row belongs to, if any


# Row tints by alert level: amber to red as the accept deadline nears.
LEVEL_COLOURS = {
    AlertLevel.CALM: QColor("#fff4d6"),
    AlertLevel.URGENT: QColor("#ffd9a8"),
    AlertLevel.CRITICAL: QColor("#ffb3ad"),
}
CART_BADGE = QColor("#d6e4f7")  # the cart badge's background in the id column

Index: TypeAlias = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset(
    {_DISPLAY, _FONT, _ALIGN, _BACKGROUND, _FOREGROUND, _TOOLTIP}
    | {
        int(r)
        for r in (
            Roles.SORT,
            Roles.SUMMARY,
            Roles.KEY,
            Roles.STAGE,
            Roles.LEVEL,
            Roles.CELL,
            Roles.CART,
            Roles.FULL_ID,
            Roles.IN_CART,
        )
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_COLUMNS = frozenset({Col.ITEMS, Col.TOTAL, Col.COUNTDOWN})
_URGENT_TEXT = QColor("#b00020")
_STAGES = list(Stage)


class Cell(NamedTuple):
    """One cell as the painter needs it (``Roles.CELL``)."""

    text: str
    font: QFont | None  # overrides only what it sets on the view's font
    alignment: int
    colour: QColor | None  # text colour, None = the palette's
    tint: QColor | None  # row background by alert level, None = none
    stage: Stage
    # Long order ids (a Mercado Libre id, a Shopee order sn) keep their tail: "#…577644".
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    badge: QColor | None = None  # drawn as a rounded badge behind the text (a cart's)
    indent: int = 0  # px before the text (a cart's order, under its cart)
    mark: str = ""  # drawn before a badge: a cart's "▸" (closed) or "▾" (open)


@dataclass(eq=False)
class Cart:
    """Orders of one purchase (same channel and ``pack_id``), by creation."""

    channel: str
    pack_id: str
    keys: list[OrderKey] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What ``Roles.KEY`` answers on the cart's row (never an order's key)."""
        return cart_key(self.channel, self.pack_id)


def cart_badge_text(orders: int) -> str:
    """What a cart's badge says beside its drawn cart: how many orders ("×2")."""
    return f"×{orders}"


def cart_key(channel: str, pack_id: str) -> str:
    return f"cart/{channel}/{pack_id}"


# A row's key: an order's ``OrderKey``, or a cart's ``cart_key`` (the window's own name for
# a cart; no order is named by text).
RowKey: TypeAlias = OrderKey | str


TIME_EXPIRED = StatusPair("cancelled", "time_expired")


def is_waiting(summary: Row) -> bool:
    """A new order nobody has accepted or cancelled yet: the alert is for these."""
    return summary.stage == Stage.NEW and not summary.accepted and not summary.is_final


def pack_of(summary: Row) -> str | None:
    return summary.pack_id


def _newest(rows: Iterable[Row]) -> Row | None:
    return max((s for s in rows if not is_waiting(s)), key=lambda s: s.created_at, default=None)


CART_INDENT = 12  # px a cart's order is indented under its cart (id column)


class OrdersModel(QAbstractTableModel):
    """Signals: expansionChanged(str cart key): a cart was opened or closed."""

    expansionChanged = Signal(str)

    def __init__(
        self,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        tz: tzinfo | None = None,
        locale: QLocale | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz
        self._locale = locale or QLocale()
        self._summaries: dict[OrderKey, Row] = {}
        self._rows: list[Row | Cart] = []  # every order and every cart, in arrival order
        self._row_of: dict[RowKey, int] = {}  # order key or cart key -> row
        self._carts: dict[str, Cart] = {}  # cart key -> cart
        self._cart_of: dict[OrderKey, Cart] = {}  # order key -> its cart
        # Which carts show their orders: the list's one piece of view state, kept here so
        # the rows (the badge's arrow) and the proxy's filter read the same place.
        self._expanded: set[str] = set()
        self._levels: dict[OrderKey, AlertLevel] = {}
        self._waiting: dict[OrderKey, Row] = {}  # key -> summary of orders nobody answered yet
        self._stages: Counter[Stage] = Counter()
        self._channels: Counter[str] = Counter()  # orders per marketplace
        self._latest_handled: Row | None = None
        self._texts: dict[RowKey, tuple[str, ...]] = {}  # key -> display texts, made when shown
        self._bold = QFont()
        self._bold.setBold(True)
        self._countdown_font = QFont()
        self._countdown_font.setBold(True)
        self._countdown_font.setPointSizeF(self._countdown_font.pointSizeF() * 1.3)

    def font_for(self, column: int) -> QFont | None:
        """The font a column's cells ask for (FontRole), if any."""
        if column == Col.COUNTDOWN:
            return self._countdown_font
        if column == Col.ID:
            return self._bold
        return None

    # ---- headers -----------------------------------------------------------------------------
    def _header(self, column: int) -> str:
        return [
            self.tr("Order"),
            self.tr("Time left"),
            self.tr("Status"),
            self.tr("Customer"),
            self.tr("Items"),
            self.tr("Total"),
            self.tr("Delivery"),
            self.tr("Channel"),
            self.tr("Received"),
        ][column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        return None

    # ---- size --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else Col.COUNT

    # ---- data --------------------------------------------------------------------------------
    def time_left(self, summary: Row) -> timedelta | None:
        if not is_waiting(summary) or summary.accept_deadline is None:
            return None  # a marketplace without an accept window counts nothing down
        return summary.accept_deadline - self._now()

    def level_of(self, summary: Row) -> AlertLevel:
        return level_for(self.time_left(summary))

    def cart_orders(self, cart: Cart) -> list[Row]:
        return [self._summaries[k] for k in cart.keys]

    def _cart_time_left(self, cart: Cart) -> timedelta | None:
        lefts = [self.time_left(s) for s in self.cart_orders(cart)]
        return min((x for x in lefts if x is not None), default=None)

    def _cart_level(self, cart: Cart) -> AlertLevel:
        if not any(k in self._waiting for k in cart.keys):
            return AlertLevel.NONE
        return level_for(self._cart_time_left(cart))

    def _cart_lead(self, cart: Cart) -> Row:
        """The order a cart's status stands for: the least advanced one (what needs doing)."""
        return min(self.cart_orders(cart), key=lambda s: (_STAGES.index(Stage(s.stage)), s.key))

    def cart_total(self, cart: Cart) -> Money | None:
        """The cart's total; None while an order is still loading or currencies differ."""
        total: Money | None = None
        for s in self.cart_orders(cart):
            if s.total is None:
                return None
            if total is None:
                total = s.total
            elif total.currency != s.total.currency:
                return None
            else:
                total = total + s.total
        return total

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        # Painting asks every visible cell for some nine roles: this runs thousands of times
        # per repaint, so roles are plain ints, unused ones return first and the texts of an
        # order (all but its countdown) are made once per summary.
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        entry = self._rows[row]
        if isinstance(entry, Cart):
            return self._cart_data(entry, col, role)
        s = entry
        if role == _DISPLAY:
            return self._text(s, col)
        if role == Roles.CELL:
            waiting = s.key in self._waiting
            level = self.level_of(s) if waiting else AlertLevel.NONE
            return Cell(
                self._text(s, col),
                self.font_for(col),
                _RIGHT if col in _RIGHT_COLUMNS else _LEFT,
                _URGENT_TEXT if col == Col.COUNTDOWN and level >= AlertLevel.URGENT else None,
                LEVEL_COLOURS.get(level),
                s.stage,
                Qt.TextElideMode.ElideLeft if col == Col.ID else Qt.TextElideMode.ElideRight,
                indent=CART_INDENT if col == Col.ID and s.key in self._cart_of else 0,
            )
        if role == _FONT:
            return self.font_for(col)
        if role == _ALIGN:
            return _RIGHT if col in _RIGHT_COLUMNS else None
        waiting = s.key in self._waiting
        if role == _BACKGROUND:
            colour = LEVEL_COLOURS.get(self.level_of(s)) if waiting else None
            return QBrush(colour) if colour is not None else None
        if role == _FOREGROUND:
            if waiting and col == Col.COUNTDOWN and self.level_of(s) >= AlertLevel.URGENT:
                return QBrush(QColor("#b00020"))
            return None
        if role == Roles.SORT:
            return self.sort_value_at(row, col)
        if role == Roles.IN_CART:
            return self._cart_of.get(s.key)
        if role == Roles.SUMMARY:
            return s
        if role == Roles.KEY:
            return s.key
        if role == Roles.STAGE:
            return s.stage
        if role == Roles.LEVEL:
            return self.level_of(s) if waiting else AlertLevel.NONE
        if role == Roles.FULL_ID:
            return s.order_id
        if role == Roles.CART:
            return None
        if role == _TOOLTIP:
            if isinstance(s, LoadingRow):
                return self._loading_tooltip(s)
            if col == Col.ID:
                return self._id_tooltip(s)
            if col == Col.STATUS:
                return labels.status_label(s.status, s.channel)
            if col == Col.CHANNEL:
                return labels.channel_label(s.channel)
        return None

    def _id_tooltip(self, s: Row) -> str:
        text = f"#{s.order_id}"
        if s.display_id != s.order_id:
            text = (
                self.tr("#%1 · order id %2").replace("%1", s.display_id).replace("%2", s.order_id)
            )
        return text + "\n" + self.tr("Ctrl+C copies the order id")

    def _cart_data(self, cart: Cart, col: int, role: int) -> object:
        if role == _DISPLAY:
            return self._cart_text(cart, col)
        if role == Roles.CELL:
            level = self._cart_level(cart)
            badge = col == Col.ID
            return Cell(
                cart_badge_text(len(cart.keys)) if badge else self._cart_text(cart, col),
                self.font_for(col),
                _RIGHT if col in _RIGHT_COLUMNS else _LEFT,
                _URGENT_TEXT if col == Col.COUNTDOWN and level >= AlertLevel.URGENT else None,
                LEVEL_COLOURS.get(level),
                Stage(self._cart_lead(cart).stage),
                badge=CART_BADGE if badge else None,
                mark=("▾" if cart.key in self._expanded else "▸") if badge else "",
            )
        if role == Roles.SORT:
            return self.sort_value_at(self._row_of[cart.key], col)
        if role == Roles.KEY:
            return cart.key
        if role == Roles.IN_CART:
            return None
        if role == Roles.CART:
            return cart
        if role == Roles.STAGE:
            return self._cart_lead(cart).stage
        if role == Roles.LEVEL:
            return self._cart_level(cart)
        if role == Roles.FULL_ID:
            return cart.pack_id
        if role == _FONT:
            return self.font_for(col)
        if role == _ALIGN:
            return _RIGHT if col in _RIGHT_COLUMNS else None
        if role == _BACKGROUND:
            colour = LEVEL_COLOURS.get(self._cart_level(cart))
            return QBrush(colour) if colour is not None else None
        if role == _TOOLTIP:
            if col == Col.ID:
                return (
                    self.tr("Cart #%1: %n order(s) bought together", "", len(cart.keys)).replace(
                        "%1", cart.pack_id
                    )
                    + "\n"
                    + self.tr("Ctrl+C copies the cart id")
                )
            if col == Col.CHANNEL:
                return labels.channel_label(cart.channel)
        return None

    def _cart_text(self, cart: Cart, col: int) -> str:
        if col == Col.COUNTDOWN:
            left = self._cart_time_left(cart)
            return labels.format_countdown(left) if left is not None else ""
        texts = self._texts.get(cart.key)
        if texts is None:
            texts = self._texts[cart.key] = tuple(
                self._cart_display(cart, c) for c in range(Col.COUNT)
            )
        return texts[col]

    def _cart_display(self, cart: Cart, col: int) -> str:
        orders = self.cart_orders(cart)
        lead = self._cart_lead(cart)
        if col == Col.ID:
            return self.tr("Cart ×%1").replace("%1", str(len(orders)))
        if col == Col.STATUS:
            return labels.short_status_label(lead.status, lead.channel)
        if col == Col.CUSTOMER:
            return next((s.customer_name for s in orders if s.customer_name), "")
        if col == Col.ITEMS:
            return str(sum(s.item_count for s in orders))
        if col == Col.TOTAL:
            total = self.cart_total(cart)
            return labels.format_money(total, self._locale) if total is not None else ""
        if col == Col.LOGISTICS:
            return labels.logistics_label(lead.logistics, lead.channel) if lead.logistics else ""
        if col == Col.CHANNEL:
            return labels.short_channel_label(cart.channel)
        if col == Col.CREATED:
            return labels.format_time(min(s.created_at for s in orders), self._tz)
        return ""

    def _loading_tooltip(self, s: LoadingRow) -> str:
        text = self.tr("New order #%1 — details loading").replace("%1", s.order_id)
        text += "\n" + self.tr(
            "%1 announced this order but its details could not be read yet "
            "(attempt %2). Its time to answer is running: the desk keeps trying."
        ).replace("%1", labels.channel_label(s.channel)).replace("%2", str(s.attempts))
        if s.last_error:
            text += "\n" + self.tr("Last error: %1").replace("%1", s.last_error)
        return text

    def _text(self, s: Row, col: int) -> str:
        if col == Col.COUNTDOWN:
            return self._display(s, col)
        texts = self._texts.get(s.key)
        if texts is None:
            texts = self._texts[s.key] = tuple(self._display(s, c) for c in range(Col.COUNT))
        return texts[col]

    def _loading_display(self, s: LoadingRow, col: int) -> str:
        """An order whose details could not be read yet: what is known, and that it loads
        (the row reads "…1999 · 4:20 · Loading… · Details loading"): the marketplace's own
        short number is not known yet, so the id column shows the end of the order's id."""
        if col == Col.ID:
            return s.display_id
        if col == Col.STATUS:
            return self.tr("Loading…")
        if col == Col.CUSTOMER:
            if s.parked:
                return self.tr("Still trying…")
            return self.tr("Details loading")
        if col == Col.CHANNEL:
            return labels.short_channel_label(s.channel)
        if col == Col.CREATED:
            return labels.format_time(s.created_at, self._tz)
        return ""

    def _display(self, s: Row, col: int) -> str:
        if col != Col.COUNTDOWN and isinstance(s, LoadingRow):
            return self._loading_display(s, col)
        if col == Col.ID:
            return f"#{s.display_id}"
        if col == Col.COUNTDOWN:
            left = self.time_left(s)
            return labels.format_countdown(left) if left is not None else ""
        if col == Col.STATUS:
            return labels.short_status_label(s.status, s.channel)
        if col == Col.CUSTOMER:
            return s.customer_name or ""
        if col == Col.ITEMS:
            return str(s.item_count)
        if col == Col.TOTAL:
            return labels.format_money(s.total, self._locale) if s.total is not None else ""
        if col == Col.LOGISTICS:
            return labels.logistics_label(s.logistics, s.channel)
        if col == Col.CHANNEL:
            return labels.short_channel_label(s.channel)
        if col == Col.CREATED:
            return labels.format_time(s.created_at, self._tz)
        return ""

    def _sort_value(self, s: Row, col: int) -> Value:
        if col == Col.ID:
            return str(s.display_id)
        if col == Col.COUNTDOWN:
            left = self.time_left(s)
            # Waiting orders first, nearest deadline first; then everything else.
            return (0, left.total_seconds()) if left is not None else (1, 0.0)
        if col == Col.STATUS:
            return (_STAGES.index(Stage(s.stage)), str(s.status))
        if col == Col.CUSTOMER:
            return (s.customer_name or "").casefold()
        if col == Col.ITEMS:
            return s.item_count
        if col == Col.TOTAL:
            return float(s.total.amount) if s.total is not None else 0.0
        if col == Col.CREATED:
            return s.created_at.timestamp()
        return self._display(s, col)

    def _cart_sort_value(self, cart: Cart, col: int) -> Value:
        orders = self.cart_orders(cart)
        if col == Col.ID:
            return cart.pack_id
        if col == Col.COUNTDOWN:
            left = self._cart_time_left(cart)
            return (0, left.total_seconds()) if left is not None else (1, 0.0)
        if col == Col.STATUS:
            lead = self._cart_lead(cart)
            return (_STAGES.index(Stage(lead.stage)), str(lead.status))
        if col == Col.CUSTOMER:
            return self._cart_text(cart, col).casefold()
        if col == Col.ITEMS:
            return sum(s.item_count for s in orders)
        if col == Col.TOTAL:
            total = self.cart_total(cart)
            return float(total.amount) if total is not None else 0.0
        if col == Col.CREATED:
            return min(s.created_at for s in orders).timestamp()
        return self._cart_text(cart, col)

    # ---- reading by row and key --------------------------------------------------------------
    def summary_at(self, row: int) -> Row | None:
        """The order of a row (None for a cart's row)."""
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return None if entry is None or isinstance(entry, Cart) else entry

    def entry_at(self, row: int) -> Row | Cart | None:
        """A row: an order's summary or a cart."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cart_of_row(self, row: int) -> Cart | None:
        """The cart an order's row belongs to (None for a cart's row or a lone order)."""
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return None if entry is None or isinstance(entry, Cart) else self._cart_of.get(entry.key)

    def has_carts(self) -> bool:
        return bool(self._carts)

    def sort_keys(self, column: int) -> list[SortValue]:
        """Every row's sort value for a column, in row order (the proxy compares these)."""
        return [self.sort_value_at(row, column) for row in range(len(self._rows))]

    def sort_value_at(self, row: int, column: int) -> SortValue:
        entry = self._rows[row]
        if isinstance(entry, Cart):
            value = self._cart_sort_value(entry, column)
            return (value, entry.key, 0, value)
        own = self._sort_value(entry, column)
        cart = self._cart_of.get(entry.key)
        if cart is None:  # ties broken by the key's text, so orders and carts compare
            return (own, str(entry.key), 0, own)
        return (self._cart_sort_value(cart, column), cart.key, 1, own)

    def index_of(self, key: RowKey, column: int = 0) -> QModelIndex:
        """The row of an order or of a cart (``Cart.key``)."""
        row = self._row_of.get(key)
        return self.index(row, column) if row is not None else QModelIndex()

    def cart(self, key: RowKey) -> Cart | None:
        """A cart by its key, or the cart an order belongs to (by the order's key)."""
        return self._cart_of.get(key) if isinstance(key, OrderKey) else self._carts.get(key)

    def carts(self) -> list[Cart]:
        return list(self._carts.values())

    # ---- carts open and closed ---------------------------------------------------------------
    def is_expanded(self, cart: Cart) -> bool:
        return cart.key in self._expanded

    def set_expanded(self, cart: Cart, expanded: bool) -> None:
        """Show (or hide) a cart's orders under it."""
        if expanded == (cart.key in self._expanded) or cart.key not in self._carts:
            return
        if expanded:
            self._expanded.add(cart.key)
        else:
            self._expanded.discard(cart.key)
        self._texts.pop(cart.key, None)
        row = self._row_of[cart.key]
        self.dataChanged.emit(self.index(row, Col.ID), self.index(row, Col.ID))
        self.expansionChanged.emit(cart.key)

    # ---- changes -----------------------------------------------------------------------------
    def _renumber(self) -> None:
        self._row_of = {e.key: i for i, e in enumerate(self._rows)}

    def set_orders(self, summaries: Iterable[Row]) -> None:
        self.beginResetModel()
        rows = list(summaries)
        self._summaries = {s.key: s for s in rows}
        self._rows, self._carts, self._cart_of = [], {}, {}
        for s in rows:
            pack = pack_of(s)
            if pack:
                key = cart_key(s.channel, pack)
                cart = self._carts.get(key)
                if cart is None:
                    cart = self._carts[key] = Cart(s.channel, pack)
                    self._rows.append(cart)
                cart.keys.append(s.key)
                self._cart_of[s.key] = cart
            self._rows.append(s)
        for cart in self._carts.values():
            cart.keys.sort(key=lambda k: (self._summaries[k].created_at, k))
        self._expanded &= set(self._carts)
        self._renumber()
        self._texts.clear()
        self._levels = {s.key: self.level_of(s) for s in rows}
        self._waiting = {s.key: s for s in rows if is_waiting(s)}
        self._stages = Counter(Stage(s.stage) for s in rows)
        self._channels = Counter(s.channel for s in rows)
        self._latest_handled = _newest(rows)
        self.endResetModel()

    def _track(self, old: Row | None, new: Row) -> None:
        if old is not None:
            self._stages[Stage(old.stage)] -= 1
            self._channels[old.channel] -= 1
        self._stages[Stage(new.stage)] += 1
        self._channels[new.channel] += 1
        if is_waiting(new):
            self._waiting[new.key] = new
        else:
            self._waiting.pop(new.key, None)
        latest = self._latest_handled
        if not is_waiting(new):
            if latest is None or latest.key == new.key or new.created_at >= latest.created_at:
                self._latest_handled = new
        elif latest is not None and latest.key == new.key:  # back to waiting: rare, recount
            self._latest_handled = _newest(self._summaries.values())

    def _append(self, entry: Row | Cart) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(entry)
        self._row_of[entry.key] = row
        if not isinstance(entry, Cart):
            self._summaries[entry.key] = entry
        self.endInsertRows()

    def _place(self, s: Row) -> None:
        """A new order's row (and its cart's, for the first order of a cart)."""
        pack = pack_of(s)
        if not pack:
            self._append(s)
            return
        key = cart_key(s.channel, pack)
        cart = self._carts.get(key)
        new_cart = cart is None
        if cart is None:
            cart = self._carts[key] = Cart(s.channel, pack)
        # The cart holds its order before its row is inserted: the proxy reads a new row's
        # sort value (the cart's, from its orders) as soon as the row is there.
        self._summaries[s.key] = s
        cart.keys.append(s.key)
        cart.keys.sort(key=lambda k: (self._summaries[k].created_at, k))
        self._cart_of[s.key] = cart
        if new_cart:
            self._append(cart)
        self._append(s)
        self._cart_changed(cart)

    def _cart_changed(self, cart: Cart) -> None:
        """A cart's orders changed: its row and every row of its orders (their sort values
        follow the cart's)."""
        self._texts.pop(cart.key, None)
        # One change over the rows from the cart's first to its last: the proxy then takes
        # them out and puts them back together. Row by row, it would place each among
        # rows whose values have changed but that it has not moved yet. A cart's orders
        # arrive together, so the span is short.
        rows = [self._row_of[cart.key], *(self._row_of[key] for key in cart.keys)]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), Col.COUNT - 1))

    def _remove_row(self, key: RowKey) -> None:
        row = self._row_of[key]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        if isinstance(key, OrderKey):
            self._summaries.pop(key, None)
        self._renumber()
        self.endRemoveRows()

    def _take(self, key: OrderKey) -> None:
        """Take an order's row out (its cart's row too when it was the cart's last order)."""
        cart = self._cart_of.pop(key, None)
        if cart is not None:
            cart.keys.remove(key)
        self._remove_row(key)
        if cart is None:
            return
        if cart.keys:
            self._cart_changed(cart)
            return
        del self._carts[cart.key]
        self._expanded.discard(cart.key)
        self._texts.pop(cart.key, None)
        self._remove_row(cart.key)

    def upsert(self, summary: Row) -> bool:
        """Insert a new order or replace a known one; True when a row was inserted."""
        old = self._summaries.get(summary.key)
        if old is not None and pack_of(old) != pack_of(summary):
            # Its cart became known (a loading row has none): the order moves under it.
            self._take(summary.key)
            self._stages[Stage(old.stage)] -= 1
            self._channels[old.channel] -= 1
            self._waiting.pop(old.key, None)
            old = None
        if old is None:
            self._texts.pop(summary.key, None)
            self._levels[summary.key] = self.level_of(summary)
            self._summaries[summary.key] = summary
            self._place(summary)
            self._track(None, summary)
            return True
        row = self._row_of[summary.key]
        self._summaries[summary.key] = summary
        self._rows[row] = summary
        self._texts.pop(summary.key, None)
        self._levels[summary.key] = self.level_of(summary)
        self._track(old, summary)
        cart = self._cart_of.get(summary.key)
        if cart is not None:
            self._cart_changed(cart)
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, Col.COUNT - 1))
        return False

    def remove(self, key: OrderKey) -> bool:
        """Take an order's row out (an announced order that never became one)."""
        old = self._summaries.get(key)
        if old is None:
            return False
        self._take(key)
        self._texts.pop(key, None)
        self._levels.pop(key, None)
        self._waiting.pop(key, None)
        self._stages[Stage(old.stage)] -= 1
        self._channels[old.channel] -= 1
        if self._latest_handled is not None and self._latest_handled.key == key:
            self._latest_handled = _newest(self._summaries.values())
        return True

    def loading_keys(self) -> list[OrderKey]:
        return [s.key for s in self._summaries.values() if is_loading(s)]

    def summary(self, key: OrderKey) -> Row | None:
        return self._summaries.get(key)

    def summaries(self) -> list[Row]:
        return list(self._summaries.values())

    def channels(self) -> set[str]:
        """The marketplaces of today's orders."""
        return {channel for channel, count in self._channels.items() if count > 0}

    def row_of(self, key: RowKey) -> int | None:
        """The row of an order (under its cart for a cart's order) or of a cart."""
        return self._row_of.get(key)

    def waiting(self) -> list[Row]:
        return list(self._waiting.values())

    def nearest_time_left(self) -> timedelta | None:
        lefts = [self.time_left(s) for s in self._waiting.values()]
        return min((x for x in lefts if x is not None), default=None)

    def last_handled_expired(self) -> Row | None:
        """The newest order that is no longer waiting, if it expired unaccepted.

        A marketplace with an accept window may pause the store after automatic
        cancellations in a row (api notes §8.5): when the latest handled order expired, the
        next one must not.
        """
        latest = self._latest_handled
        return latest if latest is not None and latest.status == TIME_EXPIRED else None

    def stage_counts(self) -> dict[Stage, int]:
        return {stage: self._stages[stage] for stage in Stage}

    def tick(self) -> None:
        """Once a second: refresh the countdowns (one column), and recolour a row only when
        its alert level changed."""
        if not self._waiting:
            return
        rows = {self._row_of[key] for key in self._waiting}
        rows |= {self._row_of[c.key] for key in self._waiting if (c := self._cart_of.get(key))}
        waiting_rows = sorted(rows)
        self.dataChanged.emit(
            self.index(waiting_rows[0], Col.COUNTDOWN),
            self.index(waiting_rows[-1], Col.COUNTDOWN),
            [Qt.ItemDataRole.DisplayRole, Roles.SORT, Roles.LEVEL],
        )
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
        for key, s in list(self._waiting.items()):
            level = self.level_of(s)
            if level == self._levels.get(key):
                continue
            self._levels[key] = level
            changed: list[RowKey] = [key]
            if (cart := self._cart_of.get(key)) is not None:
                changed.append(cart.key)
            for k in changed:
                row = self._row_of[k]
                self.dataChanged.emit(self.index(row, 0), self.index(row, Col.COUNT - 1), roles)
