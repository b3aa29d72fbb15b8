"""One order's story, in the order things happened: each status/substatus (the marketplace's
time and the time we learnt it), interleaved with the actions journal and the print jobs.

``timeline_rows`` is pure; ``TimelineModel`` shows its rows in a view.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kitchen_app.domain import StatusPair, TimelineEntry
from kitchen_app.engine.api import ActionRecord, PrintJobRecord

from . import labels

log = logging.getLogger(__name__)

__all__ = ["TimelineModel", "TimelineRow", "timeline_rows"]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    at: datetime  # when it happened (status: marketplace time; action/print: when asked)
    learnt_at: datetime | None  # status rows: when the desk learnt it
    kind: str  # "status" | "action" | "print"
    code: str  # status pair, action kind or ticket kind
    state: str | None  # action/print journal state
    detail: str | None = None  # error message, printer name
    reprint: bool = False
    record_id: int | None = None


def _when(record: ActionRecord | PrintJobRecord) -> datetime | None:
    for name in ("requested_at", "created_at", "queued_at", "updated_at"):
        value = getattr(record, name, None)
        if isinstance(value, datetime):
            return value
    return None


def timeline_rows(
    entries: Iterable[TimelineEntry],
    actions: Iterable[ActionRecord],
    jobs: Iterable[PrintJobRecord],
) -> list[TimelineRow]:
    rows: list[TimelineRow] = [
        TimelineRow(e.occurred_at, e.learnt_at, "status", str(e.pair), None) for e in entries
    ]
    for record in actions:
        at = _when(record)
        if at is None:
            continue
        rows.append(
            TimelineRow(
                at,
                None,
                "action",
                str(getattr(record, "kind", "")),
                str(getattr(record, "state", "")),
                getattr(record, "error", None),
                record_id=getattr(record, "id", None),
            )
        )
    for job in jobs:
        at = _when(job)
        if at is None:
            continue
        rows.append(
            TimelineRow(
                at,
                None,
                "print",
                str(getattr(job, "kind", "")),
                str(getattr(job, "state", "")),
                getattr(job, "error", None) or getattr(job, "printer", None),
                reprint=bool(getattr(job, "reprint", False)),
                record_id=getattr(job, "id", None),
            )
        )
    # Stable: equal times keep status, action, print order.
    rows.sort(key=lambda r: r.at)
    return rows


_STATE_COLOURS = {"failed": "#b00020", "pending": "#a35a00", "uncertain": "#a35a00"}


class TimelineModel(QAbstractTableModel):
    TIME, WHAT, LEARNT = range(3)

    def __init__(self, tz: tzinfo | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[TimelineRow] = []

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[TimelineRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Time"), self.tr("What happened"), self.tr("We learnt it")][section]
        return None

    def describe(self, row: TimelineRow) -> str:
        if row.kind == "status":
            return labels.status_label(_pair(row.code))
        what = labels.action_label(row.code)
        if row.kind == "print":
            what = self.tr("Print: %1").replace("%1", what)
            if row.reprint:
                what = self.tr("%1 (reprint)").replace("%1", what)
        text = f"{what} — {labels.state_label(row.state or '')}"
        if row.detail:
            text = f"{text} ({row.detail})"
        return text

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TIME:
                return labels.format_time(row.at, self._tz, seconds=True)
            if col == self.WHAT:
                return self.describe(row)
            if col == self.LEARNT and row.learnt_at is not None:
                return labels.format_time(row.learnt_at, self._tz, seconds=True)
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.WHAT:
            colour = _STATE_COLOURS.get(row.state or "")
            if colour:
                return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole and row.kind == "status":
            return row.code
        return None


def _pair(code: str) -> StatusPair:
    status, _, substatus = code.partition("/")
    return StatusPair(status, substatus or None)
