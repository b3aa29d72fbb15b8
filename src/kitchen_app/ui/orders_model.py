"""Today's orders as a table model: one row per order summary, updated by key.

A new order is one ``beginInsertRows``; a changed order is one row's ``dataChanged``; the
1 s countdown tick touches only the countdown column (and a whole row only when that order's
alert level changes, to recolour it). The model never reloads the day on its own.

With thousands of orders a day, what the window asks after every change (the waiting orders,
counts per stage, the newest handled order) is kept up to date per order instead of being
recounted over every row.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kitchen_app.domain import Stage, StatusPair

from . import labels
from .alert_policy import AlertLevel, level_for
from .loading_rows import is_loading

log = logging.getLogger(__name__)

__all__ = ["Cell", "Col", "OrdersModel", "Roles", "is_waiting"]


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
    SUMMARY = Qt.ItemDataRole.UserRole + 1  # the OrderSummary
    SORT = Qt.ItemDataRole.UserRole + 2  # a Python value the proxy compares
    KEY = Qt.ItemDataRole.UserRole + 3
    STAGE = Qt.ItemDataRole.UserRole + 4
    LEVEL = Qt.ItemDataRole.UserRole + 5  # AlertLevel of a waiting order (NONE otherwise)
    CELL = Qt.ItemDataRole.UserRole + 6  # what the cell painter needs, in one read (Cell)


# Row tints by alert level: amber to red as the accept deadline nears.
LEVEL_COLOURS = {
    AlertLevel.CALM: QColor("#fff4d6"),
    AlertLevel.URGENT: QColor("#ffd9a8"),
    AlertLevel.CRITICAL: QColor("#ffb3ad"),
}

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset(
    {_DISPLAY, _FONT, _ALIGN, _BACKGROUND, _FOREGROUND, _TOOLTIP}
    | {int(r) for r in (Roles.SORT, Roles.SUMMARY, Roles.KEY, Roles.STAGE, Roles.LEVEL, Roles.CELL)}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_COLUMNS = frozenset({Col.ITEMS, Col.TOTAL, Col.COUNTDOWN})
_URGENT_TEXT = QColor("#b00020")


class Cell(NamedTuple):
    """One cell as the painter needs it (``Roles.CELL``)."""

    text: str
    font: QFont | None  # overrides only what it sets on the view's font
    alignment: int
    colour: QColor | None  # text colour, None = the palette's
    tint: QColor | None  # row background by alert level, None = none
    stage: Stage


TIME_EXPIRED = StatusPair("cancelled", "time_expired")


def is_waiting(summary: Any) -> bool:
    """A new order nobody has accepted or cancelled yet: the alert is for these."""
    return summary.stage == Stage.NEW and not summary.accepted and not summary.is_final


def _timestamp(moment: datetime) -> float:
    return moment.timestamp()


class OrdersModel(QAbstractTableModel):
    def __init__(
        self,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        tz: tzinfo | None = None,
        locale: QLocale | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz
        self._locale = locale or QLocale()
        self._rows: list[Any] = []
        self._row_of: dict[str, int] = {}
        self._levels: dict[str, AlertLevel] = {}
        self._waiting: dict[str, Any] = {}  # key -> summary of orders nobody answered yet
        self._stages: Counter[Stage] = Counter()
        self._latest_handled: Any | None = None
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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        return None

    # ---- size --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else Col.COUNT

    # ---- data --------------------------------------------------------------------------------
    def time_left(self, summary: Any) -> timedelta | None:
        if not is_waiting(summary):
            return None
        return summary.accept_deadline - self._now()

    def level_of(self, summary: Any) -> AlertLevel:
        return level_for(self.time_left(summary))

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Painting asks every visible cell for some nine roles: this runs thousands of times
        # per repaint, so roles are plain ints, unused ones return first and the texts of an
        # order (all but its countdown) are made once per summary.
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        s = self._rows[row]
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
            )
        if role == _FONT:
            return (
                self._countdown_font
                if col == Col.COUNTDOWN
                else (self._bold if col == Col.ID else None)
            )
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
        if role == _TOOLTIP:
            if is_loading(s):
                return self._loading_tooltip(s)
            if col == Col.STATUS:
                return labels.status_label(s.status)
            if col == Col.CHANNEL:
                return labels.channel_label(s.channel)
        return None

    def _loading_tooltip(self, s: Any) -> str:
        text = self.tr("New order #%1 — details loading").replace("%1", s.order_id)
        text += "\n" + self.tr(
            "Mercado Pago announced this order but its details could not be read yet "
            "(attempt %1). Its 5 minutes are running: the desk keeps trying."
        ).replace("%1", str(s.attempts))
        if s.last_error:
            text += "\n" + self.tr("Last error: %1").replace("%1", s.last_error)
        return text

    def _text(self, s: Any, col: int) -> str:
        if col == Col.COUNTDOWN:
            return self._display(s, col)
        texts = self._texts.get(s.key)
        if texts is None:
            texts = self._texts[s.key] = tuple(self._display(s, c) for c in range(Col.COUNT))
        return texts[col]

    def _loading_display(self, s: Any, col: int) -> str:
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

    def _display(self, s: Any, col: int) -> str:
        if col != Col.COUNTDOWN and is_loading(s):
            return self._loading_display(s, col)
        if col == Col.ID:
            return f"#{s.display_id}"
        if col == Col.COUNTDOWN:
            left = self.time_left(s)
            return labels.format_countdown(left) if left is not None else ""
        if col == Col.STATUS:
            return labels.short_status_label(s.status)
        if col == Col.CUSTOMER:
            return s.customer_name or ""
        if col == Col.ITEMS:
            return str(s.item_count)
        if col == Col.TOTAL:
            return labels.format_money(s.total, self._locale)
        if col == Col.LOGISTICS:
            return labels.logistics_label(s.logistics)
        if col == Col.CHANNEL:
            return labels.short_channel_label(s.channel)
        if col == Col.CREATED:
            return labels.format_time(s.created_at, self._tz)
        return ""

    def _sort_value(self, s: Any, col: int) -> Any:
        if col == Col.ID:
            return str(s.display_id)
        if col == Col.COUNTDOWN:
            left = self.time_left(s)
            # Waiting orders first, nearest deadline first; then everything else.
            return (0, left.total_seconds()) if left is not None else (1, 0.0)
        if col == Col.STATUS:
            return (list(Stage).index(Stage(s.stage)), str(s.status))
        if col == Col.CUSTOMER:
            return (s.customer_name or "").casefold()
        if col == Col.ITEMS:
            return s.item_count
        if col == Col.TOTAL:
            return s.total.amount if s.total is not None else 0
        if col == Col.CREATED:
            return _timestamp(s.created_at)
        return self._display(s, col)

    # ---- changes -----------------------------------------------------------------------------
    def summary_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's sort value for a column, in row order (the proxy compares these)."""
        return [self._sort_value(s, column) for s in self._rows]

    def sort_value_at(self, row: int, column: int) -> Any:
        return self._sort_value(self._rows[row], column)

    def set_orders(self, summaries: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._texts.clear()
        self._row_of = {s.key: i for i, s in enumerate(self._rows)}
        self._levels = {s.key: self.level_of(s) for s in self._rows}
        self._waiting = {s.key: s for s in self._rows if is_waiting(s)}
        self._stages = Counter(Stage(s.stage) for s in self._rows)
        self._latest_handled = max(
            (s for s in self._rows if not is_waiting(s)),
            key=lambda s: s.created_at,
            default=None,
        )
        self.endResetModel()

    def _track(self, old: Any | None, new: Any) -> None:
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
            self._latest_handled = max(
                (s for s in self._rows if not is_waiting(s)),
                key=lambda s: s.created_at,
                default=None,
            )

    def upsert(self, summary: Any) -> bool:
        """Insert a new order or replace a known one; True when a row was inserted."""
        row = self._row_of.get(summary.key)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(summary)
            self._row_of[summary.key] = row
            self._levels[summary.key] = self.level_of(summary)
            self._track(None, summary)
            self.endInsertRows()
            return True
        old = self._rows[row]
        self._rows[row] = summary
        self._texts.pop(summary.key, None)
        self._levels[summary.key] = self.level_of(summary)
        self._track(old, summary)
        self.dataChanged.emit(self.index(row, 0), self.index(row, Col.COUNT - 1))
        return False

    def remove(self, key: str) -> bool:
        """Take an order's row out (an announced order that never became one)."""
        row = self._row_of.get(key)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        old = self._rows.pop(row)
        self._texts.pop(key, None)
        self._levels.pop(key, None)
        self._waiting.pop(key, None)
        self._stages[Stage(old.stage)] -= 1
        self._row_of = {s.key: i for i, s in enumerate(self._rows)}
        if self._latest_handled is not None and self._latest_handled.key == key:
            self._latest_handled = max(
                (s for s in self._rows if not is_waiting(s)),
                key=lambda s: s.created_at,
                default=None,
            )
        self.endRemoveRows()
        return True

    def loading_keys(self) -> list[str]:
        return [s.key for s in self._rows if is_loading(s)]

    def summary(self, key: str) -> Any | None:
        row = self._row_of.get(key)
        return self._rows[row] if row is not None else None

    def summaries(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def waiting(self) -> list[Any]:
        return list(self._waiting.values())

    def nearest_time_left(self) -> timedelta | None:
        lefts = [self.time_left(s) for s in self._waiting.values()]
        return min((x for x in lefts if x is not None), default=None)

    def last_handled_expired(self) -> Any | None:
        """The newest order that is no longer waiting, if it expired unaccepted.

        Mercado Pago pauses the store after two automatic cancellations in a row (api notes
        §8.5): when the latest handled order expired, the next one must not.
        """
        latest = self._latest_handled
        return latest if latest is not None and latest.status == TIME_EXPIRED else None

    def stage_counts(self) -> dict[Stage, int]:
        return {stage: self._stages[stage] for stage in Stage}

    def tick(self) -> None:
        """Once a second: refresh the countdowns (one column), and recolour a row only when
        its alert level changed."""
        waiting_rows = sorted(self._row_of[key] for key in self._waiting)
        if not waiting_rows:
            return
        self.dataChanged.emit(
            self.index(waiting_rows[0], Col.COUNTDOWN),
            self.index(waiting_rows[-1], Col.COUNTDOWN),
            [Qt.ItemDataRole.DisplayRole, Roles.SORT, Roles.LEVEL],
        )
        for row in waiting_rows:
            s = self._rows[row]
            level = self.level_of(s)
            if level != self._levels.get(s.key):
                self._levels[s.key] = level
                self.dataChanged.emit(
                    self.index(row, 0),
                    self.index(row, Col.COUNT - 1),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole],
                )
