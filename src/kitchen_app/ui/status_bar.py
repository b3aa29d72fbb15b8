"""The status bar proves the pipe is alive: relay state (connected / offline since HH:MM /
token rejected), seconds since the last event, printer state, actions waiting on the
marketplace, and a warning when the alert sound cannot play."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from kitchen_app.engine.api import FeedState, FeedStatus, PrinterStatus

from . import labels

log = logging.getLogger(__name__)

__all__ = ["DeskStatusBar"]


class DeskStatusBar(QStatusBar):
    def __init__(
        self,
        *,
        tz: tzinfo | None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskStatusBar")
        self._tz = tz
        self._now = now
        self._feed: FeedState | None = None
        self._printers: dict[str, PrinterStatus] = {}
        self.feed_label = QLabel(self)
        self.feed_label.setObjectName("feedStatus")
        self.last_event_label = QLabel(self)
        self.last_event_label.setObjectName("lastEvent")
        self.printer_label = QLabel(self)
        self.printer_label.setObjectName("printerStatus")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingActions")
        self.sound_label = QLabel(self)
        self.sound_label.setObjectName("soundWarning")
        self.sound_label.setProperty("warning", True)
        self.sound_label.hide()
        for widget in (self.feed_label, self.last_event_label, self.pending_label):
            self.addWidget(widget)
        self.addPermanentWidget(self.sound_label)
        self.addPermanentWidget(self.printer_label)
        self.set_feed_state(None)
        self._show_printers()

    def feed_state(self) -> FeedState | None:
        return self._feed

    def set_feed_state(self, state: FeedState | None) -> None:
        self._feed = state
        if state is None:
            text, level = self.tr("Relay: starting…"), "info"
        elif state.status is FeedStatus.ONLINE:
            text, level = self.tr("Relay connected"), "ok"
        elif state.status is FeedStatus.CONNECTING:
            text, level = self.tr("Relay: connecting…"), "info"
        elif state.status is FeedStatus.OFFLINE:
            since = labels.format_time(state.since, self._tz) if state.since else "?"
            text, level = self.tr("Offline since %1").replace("%1", since), "bad"
        elif state.status is FeedStatus.AUTH_FAILED:
            text, level = self.tr("Relay rejected the desk token — check Settings"), "bad"
        else:
            text, level = self.tr("No relay configured"), "info"
        self.feed_label.setText(text)
        self._set_level(self.feed_label, level)
        pending = state.pending_actions if state is not None else 0
        self.pending_label.setText(
            self.tr("%n action(s) waiting for the marketplace", "", pending) if pending else ""
        )
        self.pending_label.setVisible(bool(pending))
        self.tick()

    def tick(self) -> None:
        """Once a second: "last event N s ago"."""
        last = self._feed.last_event_at if self._feed is not None else None
        if last is None:
            self.last_event_label.setText(self.tr("No events yet"))
            return
        seconds = max(0, int((self._now() - last).total_seconds()))
        if seconds < 120:
            text = self.tr("Last event %1 s ago").replace("%1", str(seconds))
        else:
            text = self.tr("Last event at %1").replace("%1", labels.format_time(last, self._tz))
        self.last_event_label.setText(text)

    def set_printer_state(self, status: PrinterStatus) -> None:
        self._printers[status.name] = status
        self._show_printers()

    def _show_printers(self) -> None:
        if not self._printers:
            self.printer_label.setText(self.tr("Printer: not reported yet"))
            self._set_level(self.printer_label, "info")
            return
        bad = [p for p in self._printers.values() if not p.ok]
        if bad:
            first = bad[0]
            text = self.tr("Printer %1: %2").replace("%1", first.name)
            text = text.replace("%2", first.message or self.tr("not ready"))
            self.printer_label.setText(text)
            self._set_level(self.printer_label, "bad")
        else:
            names = ", ".join(sorted(self._printers))
            self.printer_label.setText(self.tr("Printer ready: %1").replace("%1", names))
            self._set_level(self.printer_label, "ok")

    def set_sound_available(self, available: bool) -> None:
        self.sound_label.setText(
            "" if available else self.tr("⚠ No sound output: new-order alerts are silent")
        )
        self.sound_label.setVisible(not available)

    @staticmethod
    def _set_level(label: QLabel, level: str) -> None:
        if label.property("level") != level:
            label.setProperty("level", level)
            label.style().unpolish(label)
            label.style().polish(label)
