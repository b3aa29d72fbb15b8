"""Today's orders as a tree model: one top row per order, or per cart with its orders under it.

A cart is what a marketplace sells in one purchase (orders sharing ``pack_id``, Mercado
Libre's carts): one row with a cart badge, the item count and the cart's total, expanding to
its orders. Any other order is one top row without children.

A new order is one ``beginInsertRows`` (at the top, or under its cart); a changed order is
one row's ``dataChanged`` (and its cart's row); the 1 s countdown tick touches only the
countdown column (and a whole row only when that order's alert level changes, to recolour
it). The model never reloads the day on its own.

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
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kitchen_app.domain import Money, Stage, StatusPair
from kitchen_app.engine.api import OrderSummary

from . import labels
from .alert_policy import AlertLevel, level_for
from .loading_rows import LoadingRow, is_loading

log = logging.getLogger(__name__)

__all__ = ["Cart", "Cell", "Col", "OrdersModel", "Roles", "Row", "SortValue", "is_waiting"]

# What a row of the list shows: an order's summary, or an announced order still loading.
Row: TypeAlias = OrderSummary | LoadingRow
SortValue: TypeAlias = str | int | float | tuple[int, float] | tuple[int, str]


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


@dataclass(eq=False)
class Cart:
    """Orders of one purchase (same channel and ``pack_id``), by creation."""

    number: int  # ≥ 1, stable while the model lives (its children's internal id)
    channel: str
    pack_id: str
    keys: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What ``Roles.KEY`` answers on the cart's row (never an order's key)."""
        return cart_key(self.channel, self.pack_id)


def cart_key(channel: str, pack_id: str) -> str:
    return f"cart/{channel}/{pack_id}"


TIME_EXPIRED = StatusPair("cancelled", "time_expired")


def is_waiting(summary: Row) -> bool:
    """A new order nobody has accepted or cancelled yet: the alert is for these."""
    return summary.stage == Stage.NEW and not summary.accepted and not summary.is_final


def pack_of(summary: Row) -> str | None:
    return summary.pack_id


def _newest(rows: Iterable[Row]) -> Row | None:
    return max((s for s in rows if not is_waiting(s)), key=lambda s: s.created_at, default=None)


Entry: TypeAlias = "str | Cart"  # a top row: an order's key, or a cart


class OrdersModel(QAbstractItemModel):
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
        self._summaries: dict[str, Row] = {}
        self._top: list[Entry] = []  # the top rows in model order
        self._top_row: dict[str, int] = {}  # order key or cart key -> top row
        self._carts: dict[str, Cart] = {}  # cart key -> cart
        self._cart_number: dict[int, Cart] = {}
        self._cart_of: dict[str, Cart] = {}  # order key -> its cart
        self._next_cart = 1
        self._levels: dict[str, AlertLevel] = {}
        self._waiting: dict[str, Row] = {}  # key -> summary of orders nobody answered yet
        self._stages: Counter[Stage] = Counter()
        self._latest_handled: Row | None = None
        self._texts: dict[str, tuple[str, ...]] = {}  # key -> display texts, made when shown
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

    # ---- shape -------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < Col.COUNT or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._top) else QModelIndex()
        cart = self._cart_at(parent)
        if cart is None or parent.column() != 0 or row >= len(cart.keys):
            return QModelIndex()
        return self.createIndex(row, column, cart.number)

    def parent(self, child: Index) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        cart = self._cart_number.get(int(child.internalId()))
        if cart is None:
            return QModelIndex()
        return self.createIndex(self._top_row[cart.key], 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        cart = self._cart_at(parent)
        return len(cart.keys) if cart is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return Col.COUNT

    def _cart_at(self, index: Index) -> Cart | None:
        """The cart whose row ``index`` is (None for an order's row)."""
        if not index.isValid() or int(index.internalId()) != 0:
            return None
        row = index.row()
        entry = self._top[row] if 0 <= row < len(self._top) else None
        return entry if isinstance(entry, Cart) else None

    def _row_at(self, index: Index) -> Row | Cart | None:
        number = int(index.internalId())
        row = index.row()
        if number == 0:
            if not 0 <= row < len(self._top):
                return None
            entry = self._top[row]
            return entry if isinstance(entry, Cart) else self._summaries.get(entry)
        cart = self._cart_number.get(number)
        if cart is None or not 0 <= row < len(cart.keys):
            return None
        return self._summaries.get(cart.keys[row])

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
        entry = self._row_at(index)
        if entry is None:
            return None
        col = index.column()
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
            return self._sort_value(s, col)
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
            text = f"#{s.display_id} · {self.tr('order id')} {s.order_id}"
        return text + "\n" + self.tr("Ctrl+C copies the order id")

    def _cart_data(self, cart: Cart, col: int, role: int) -> object:
        if role == _DISPLAY:
            return self._cart_text(cart, col)
        if role == Roles.CELL:
            level = self._cart_level(cart)
            return Cell(
                self._cart_text(cart, col),
                self.font_for(col),
                _RIGHT if col in _RIGHT_COLUMNS else _LEFT,
                _URGENT_TEXT if col == Col.COUNTDOWN and level >= AlertLevel.URGENT else None,
                LEVEL_COLOURS.get(level),
                Stage(self._cart_lead(cart).stage),
                badge=CART_BADGE if col == Col.ID else None,
            )
        if role == Roles.SORT:
            return self._cart_sort_value(cart, col)
        if role == Roles.KEY:
            return cart.key
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

    def _sort_value(self, s: Row, col: int) -> SortValue:
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

    def _cart_sort_value(self, cart: Cart, col: int) -> SortValue:
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

    def _entry_sort_value(self, entry: Entry, col: int) -> SortValue:
        if isinstance(entry, Cart):
            return self._cart_sort_value(entry, col)
        return self._sort_value(self._summaries[entry], col)

    # ---- reading by row and key --------------------------------------------------------------
    def summary_at(self, row: int) -> Row | None:
        """The order of a top row (None for a cart's row)."""
        entry = self._top[row] if 0 <= row < len(self._top) else None
        return self._summaries.get(entry) if isinstance(entry, str) else None

    def entry_at(self, row: int) -> Row | Cart | None:
        """A top row: an order's summary or a cart."""
        entry = self._top[row] if 0 <= row < len(self._top) else None
        if isinstance(entry, Cart):
            return entry
        return self._summaries.get(entry) if entry is not None else None

    def sort_keys(self, column: int) -> list[SortValue]:
        """Every top row's sort value for a column, in row order (the proxy compares these)."""
        return [self._entry_sort_value(e, column) for e in self._top]

    def sort_value_at(self, row: int, column: int) -> SortValue:
        return self._entry_sort_value(self._top[row], column)

    def index_of(self, key: str, column: int = 0) -> QModelIndex:
        """The row of an order (top row, or under its cart) or of a cart (``Cart.key``)."""
        row = self._top_row.get(key)
        if row is not None:
            return self.createIndex(row, column, 0)
        cart = self._cart_of.get(key)
        if cart is None:
            return QModelIndex()
        return self.createIndex(cart.keys.index(key), column, cart.number)

    def cart(self, key: str) -> Cart | None:
        """A cart by its key, or the cart an order belongs to (by the order's key)."""
        return self._carts.get(key) or self._cart_of.get(key)

    def carts(self) -> list[Cart]:
        return list(self._carts.values())

    # ---- changes -----------------------------------------------------------------------------
    def _cart_for(self, s: Row) -> Cart | None:
        pack = pack_of(s)
        return self._carts.get(cart_key(s.channel, pack)) if pack else None

    def _renumber(self) -> None:
        self._top_row = {(e.key if isinstance(e, Cart) else e): i for i, e in enumerate(self._top)}

    def set_orders(self, summaries: Iterable[Row]) -> None:
        self.beginResetModel()
        rows = list(summaries)
        self._summaries = {s.key: s for s in rows}
        self._top, self._carts, self._cart_number, self._cart_of = [], {}, {}, {}
        for s in rows:
            pack = pack_of(s)
            if not pack:
                self._top.append(s.key)
                continue
            key = cart_key(s.channel, pack)
            cart = self._carts.get(key)
            if cart is None:
                cart = self._new_cart(s.channel, pack)
                self._top.append(cart)
            cart.keys.append(s.key)
            self._cart_of[s.key] = cart
        for cart in self._carts.values():
            cart.keys.sort(key=lambda k: (self._summaries[k].created_at, k))
        self._renumber()
        self._texts.clear()
        self._levels = {s.key: self.level_of(s) for s in rows}
        self._waiting = {s.key: s for s in rows if is_waiting(s)}
        self._stages = Counter(Stage(s.stage) for s in rows)
        self._latest_handled = _newest(rows)
        self.endResetModel()

    def _new_cart(self, channel: str, pack: str) -> Cart:
        cart = Cart(self._next_cart, channel, pack)
        self._next_cart += 1
        self._carts[cart.key] = cart
        self._cart_number[cart.number] = cart
        return cart

    def _track(self, old: Row | None, new: Row) -> None:
        if old is not None:
            self._stages[Stage(old.stage)] -= 1
        self._stages[Stage(new.stage)] += 1
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

    def _place(self, s: Row) -> None:
        """Insert a new order's row: at the end of the top rows, or under its cart."""
        pack = pack_of(s)
        if not pack:
            row = len(self._top)
            self.beginInsertRows(QModelIndex(), row, row)
            self._top.append(s.key)
            self._top_row[s.key] = row
            self._summaries[s.key] = s
            self.endInsertRows()
            return
        cart = self._cart_for(s)
        if cart is None:
            row = len(self._top)
            self.beginInsertRows(QModelIndex(), row, row)
            cart = self._new_cart(s.channel, pack)
            cart.keys.append(s.key)
            self._cart_of[s.key] = cart
            self._summaries[s.key] = s
            self._top.append(cart)
            self._top_row[cart.key] = row
            self.endInsertRows()
            return
        keys = cart.keys
        at = sum(1 for k in keys if (self._summaries[k].created_at, k) < (s.created_at, s.key))
        parent = self.createIndex(self._top_row[cart.key], 0, 0)
        self.beginInsertRows(parent, at, at)
        keys.insert(at, s.key)
        self._cart_of[s.key] = cart
        self._summaries[s.key] = s
        self.endInsertRows()
        self._cart_changed(cart)

    def _cart_changed(self, cart: Cart) -> None:
        self._texts.pop(cart.key, None)
        row = self._top_row[cart.key]
        self.dataChanged.emit(self.index(row, 0), self.index(row, Col.COUNT - 1))

    def _take(self, key: str) -> None:
        """Take an order's row out (its cart's row too when it was the cart's last order)."""
        cart = self._cart_of.get(key)
        if cart is None:
            row = self._top_row[key]
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._top[row]
            self._summaries.pop(key, None)
            self._renumber()
            self.endRemoveRows()
            return
        if len(cart.keys) == 1:
            row = self._top_row[cart.key]
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._top[row]
            del self._carts[cart.key]
            del self._cart_number[cart.number]
            del self._cart_of[key]
            self._summaries.pop(key, None)
            self._texts.pop(cart.key, None)
            self._renumber()
            self.endRemoveRows()
            return
        at = cart.keys.index(key)
        self.beginRemoveRows(self.createIndex(self._top_row[cart.key], 0, 0), at, at)
        del cart.keys[at]
        del self._cart_of[key]
        self._summaries.pop(key, None)
        self.endRemoveRows()
        self._cart_changed(cart)

    def upsert(self, summary: Row) -> bool:
        """Insert a new order or replace a known one; True when a row was inserted."""
        old = self._summaries.get(summary.key)
        if old is not None and pack_of(old) != pack_of(summary):
            # Its cart became known (a loading row has none): the order moves under it.
            self._take(summary.key)
            self._stages[Stage(old.stage)] -= 1
            self._waiting.pop(old.key, None)
            old = None
        if old is None:
            self._texts.pop(summary.key, None)
            self._levels[summary.key] = self.level_of(summary)
            self._place(summary)
            self._track(None, summary)
            return True
        self._summaries[summary.key] = summary
        self._texts.pop(summary.key, None)
        self._levels[summary.key] = self.level_of(summary)
        self._track(old, summary)
        index = self.index_of(summary.key)
        self.dataChanged.emit(index, index.siblingAtColumn(Col.COUNT - 1))
        cart = self._cart_of.get(summary.key)
        if cart is not None:
            self._cart_changed(cart)
        return False

    def remove(self, key: str) -> bool:
        """Take an order's row out (an announced order that never became one)."""
        old = self._summaries.get(key)
        if old is None:
            return False
        self._take(key)
        self._texts.pop(key, None)
        self._levels.pop(key, None)
        self._waiting.pop(key, None)
        self._stages[Stage(old.stage)] -= 1
        if self._latest_handled is not None and self._latest_handled.key == key:
            self._latest_handled = _newest(self._summaries.values())
        return True

    def loading_keys(self) -> list[str]:
        return [s.key for s in self._summaries.values() if is_loading(s)]

    def summary(self, key: str) -> Row | None:
        return self._summaries.get(key)

    def summaries(self) -> list[Row]:
        return list(self._summaries.values())

    def channels(self) -> set[str]:
        return {s.channel for s in self._summaries.values()}

    def row_of(self, key: str) -> int | None:
        """The top row showing an order: its own, or its cart's."""
        row = self._top_row.get(key)
        if row is not None:
            return row
        cart = self._cart_of.get(key)
        return self._top_row.get(cart.key) if cart is not None else None

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
        top_rows: list[int] = []
        carts: dict[int, Cart] = {}
        for key in self._waiting:
            row = self._top_row.get(key)
            if row is not None:
                top_rows.append(row)
            elif (cart := self._cart_of.get(key)) is not None:
                carts[cart.number] = cart
                index = self.index_of(key, Col.COUNTDOWN)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Roles.SORT])
        top_rows += [self._top_row[c.key] for c in carts.values()]
        if top_rows:
            top_rows.sort()
            self.dataChanged.emit(
                self.index(top_rows[0], Col.COUNTDOWN),
                self.index(top_rows[-1], Col.COUNTDOWN),
                [Qt.ItemDataRole.DisplayRole, Roles.SORT, Roles.LEVEL],
            )
        for key, s in list(self._waiting.items()):
            level = self.level_of(s)
            if level == self._levels.get(key):
                continue
            self._levels[key] = level
            roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
            index = self.index_of(key)
            self.dataChanged.emit(index, index.siblingAtColumn(Col.COUNT - 1), roles)
            cart = self._cart_of.get(key)
            if cart is not None:
                row = self._top_row[cart.key]
                self.dataChanged.emit(self.index(row, 0), self.index(row, Col.COUNT - 1), roles)
