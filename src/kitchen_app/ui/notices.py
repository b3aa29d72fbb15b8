"""What the desk must not let staff overlook besides new orders: a store the marketplace
paused (red band, *Reopen store* behind a confirmation), orders that arrived and expired while
the desk was offline (a band listing them until staff say they saw it), and notifications
whose order could not be identified (a dialog with their raw bodies)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import OrderKey
from kitchen_app.domain.actions import StorePause
from kitchen_app.engine.api import EngineCommands, EngineReader, UnresolvedNotification

from . import labels
from .banners import Banner
from .bridge import deliver
from .labels import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

__all__ = ["MissedBanner", "StorePausedBanner", "UnresolvedDialog"]

# Statuses that no call can undo: never offer to reopen them (api notes: `disabled` is final).
_FINAL_STORE_STATUSES = frozenset({"disabled"})


# Reasons the engine gives for a pause (engine/stores.py), in the desk's language; another
# reason is shown as it came.
_REASONS = {
    "two orders expired without being accepted": QT_TRANSLATE_NOOP(
        "StorePausedBanner", "two orders expired without being accepted"
    ),
}


def _reason(reason: str) -> str:
    source = _REASONS.get(reason)
    return QCoreApplication.translate("StorePausedBanner", source) if source else reason


class StorePausedBanner(Banner):
    """Red band while a marketplace store does not take orders.

    Signals: reopenRequested(str channel, str store_id) — after staff confirmed."""

    reopenRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paused", parent)
        self.reopen = QPushButton(self.tr("Reopen store"), self)
        self.reopen.setObjectName("reopenStore")
        self._layout.addWidget(self.reopen)
        self.reopen.clicked.connect(self.confirm_reopen)
        self._pause: StorePause | None = None
        self.confirmation: QMessageBox | None = None

    def show_pauses(self, pauses: Sequence[StorePause]) -> None:
        if not pauses:
            self._pause = None
            self.hide()
            return
        pause = pauses[0]
        self._pause = pause
        name = labels.channel_label(pause.channel)
        reopenable = pause.can_reopen and pause.status not in _FINAL_STORE_STATUSES
        if reopenable:
            text = self.tr("%1 PAUSED this store: no new orders arrive.").replace("%1", name)
        else:
            text = self.tr(
                "%1 DISABLED this store: no new orders arrive, and only %1 can enable it again."
            ).replace("%1", name)
        if pause.reason:
            text += " " + self.tr("Why: %1").replace("%1", _reason(pause.reason))
        if len(pauses) > 1:
            text += " " + self.tr("(%n more store(s) not taking orders)", "", len(pauses) - 1)
        self.set_text(text)
        self.reopen.setVisible(reopenable)
        self.reopen.setEnabled(True)
        self.show()

    def confirm_reopen(self) -> QMessageBox | None:
        pause = self._pause
        if pause is None or not pause.can_reopen or pause.status in _FINAL_STORE_STATUSES:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Reopen store"),
            self.tr(
                "Ask %1 to take orders again in this store? Make sure the kitchen can accept "
                "orders within 5 minutes: two more expired orders pause it again."
            ).replace("%1", labels.channel_label(pause.channel)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Reopen store"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("reopenConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            self.confirmation = None
            if box.clickedButton() is yes:
                self.reopen.setEnabled(False)  # until the marketplace answered
                self.reopenRequested.emit(pause.channel, pause.store_id)

        box.finished.connect(finished)
        self.confirmation = box
        box.open()
        return box

    def reopen_answered(self) -> None:
        self.reopen.setEnabled(True)


class MissedBanner(Banner):
    """Orders that arrived and expired while the desk was offline, until staff saw them.

    Signals: acknowledged()"""

    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("missed", parent)
        self.seen = QPushButton(self.tr("Seen"), self)
        self.seen.setObjectName("missedSeen")
        self._layout.addWidget(self.seen)
        self.seen.clicked.connect(self._seen)
        self._keys: tuple[OrderKey, ...] = ()

    def keys(self) -> tuple[OrderKey, ...]:
        return self._keys

    def show_missed(self, orders: list[tuple[OrderKey, str]]) -> None:
        """``orders``: (key, "#1234 Ana") for each missed order, oldest first."""
        self._keys = tuple(key for key, _ in orders)
        if not orders:
            self.hide()
            return
        shown = [text for _, text in orders[:6]]
        listing = ", ".join(shown)
        if len(orders) > 6:
            listing += " " + self.tr("and %n more", "", len(orders) - 6)
        self.set_text(
            self.tr(
                "While the desk was offline, %n order(s) arrived and expired unaccepted: %1. "
                "Check them in the marketplace's app.",
                "",
                len(orders),
            ).replace("%1", listing)
        )
        self.seen.setEnabled(True)
        self.show()

    def _seen(self) -> None:
        self.seen.setEnabled(False)
        self.acknowledged.emit()


class UnresolvedDialog(QDialog):
    """Notifications the desk received but could not match to an order, with their raw
    bodies, so staff can find the order in the marketplace's own app; "Dismiss" takes one off
    the alert (``commands.dismiss_unresolved``)."""

    def __init__(
        self,
        commands: EngineCommands,
        reader: EngineReader,
        tz: tzinfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unresolvedDialog")
        self.setWindowTitle(self.tr("Notifications without an order"))
        self._commands = commands
        self._reader = reader
        self._tz = tz
        self._items: list[UnresolvedNotification] = []
        intro = QLabel(
            self.tr(
                "The marketplace sent these notifications, but the desk could not tell which "
                "order they are about. An order may be waiting: look for it in the marketplace's "
                "app (each notification names its marketplace). Dismiss a notification once it "
                "is handled."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("unresolvedList")
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("unresolvedRaw")
        self.raw.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.raw)
        splitter.setSizes([260, 420])
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        self.dismiss.setObjectName("dismissUnresolved")
        self.dismiss.clicked.connect(self._dismiss)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.dismiss)
        row.addWidget(self.message, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(self._show_raw)
        self.resize(760, 420)
        self.refresh()

    def notifications(self) -> list[UnresolvedNotification]:
        return list(self._items)

    def refresh(self) -> None:
        items = self._reader.unresolved_notifications()
        current = self.list.currentRow()
        self._items = items
        self.list.clear()
        for n in items:
            when = labels.format_time(n.received_at, self._tz, seconds=True)
            item = QListWidgetItem(f"{when} — {labels.channel_label(n.channel)}\n{n.reason}")
            item.setData(Qt.ItemDataRole.UserRole, n.id)
            self.list.addItem(item)
        if items:
            self.list.setCurrentRow(min(max(current, 0), len(items) - 1))
        else:
            self.raw.setPlainText(self.tr("Nothing left to check."))
        self.dismiss.setEnabled(bool(items))

    def _show_raw(self, row: int) -> None:
        if not 0 <= row < len(self._items):
            return
        raw = self._items[row].raw
        try:
            text = json.dumps(json.loads(raw), indent=2, ensure_ascii=False)
        except (TypeError, ValueError):
            text = str(raw)
        self.raw.setPlainText(text)

    def _dismiss(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._items):
            return
        notification_id = self._items[row].id
        self.dismiss.setEnabled(False)

        def done(_result: None, error: BaseException | None) -> None:
            self.dismiss.setEnabled(True)
            if error is not None:
                self.message.setText(self.tr("Not dismissed: %1").replace("%1", str(error)))
                return
            self.message.setText("")
            self.refresh()

        deliver(self._commands.dismiss_unresolved(notification_id), self, done)
