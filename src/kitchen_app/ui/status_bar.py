"""The status bar proves the pipe is alive: the health light (green only when all is well,
else the worst problem and what to do), relay state (connected / offline since HH:MM / token
rejected), seconds since the last event, the marketplace API, printer state, actions waiting
on the marketplace, a button to the unresolved notifications, and a warning when the alert
sound cannot play."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from kitchen_app.engine.api import ApiHealth, DeskHealth, FeedState, FeedStatus, PrinterStatus

from . import labels
from .elided import ElidedButton, ElidedLabel
from .health import Problem, problems

log = logging.getLogger(__name__)

__all__ = ["DeskStatusBar"]


class DeskStatusBar(QStatusBar):
    """Signals: healthClicked() (the light), unresolvedClicked() (the notifications button)."""

    healthClicked = Signal()
    unresolvedClicked = Signal()

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
        self._apis: tuple[ApiHealth, ...] = ()
        self._health: DeskHealth | None = None
        self._problems: list[Problem] = []
        # The light is what staff read first: it keeps at least 400 px, the rest shortens.
        self.health_light = ElidedButton(self, max_width=560, min_width=400)
        self.health_light.setObjectName("healthLight")
        self.health_light.setFlat(True)
        self.health_light.clicked.connect(self.healthClicked)
        self.unresolved_button = QPushButton(self)
        self.unresolved_button.setObjectName("unresolvedButton")
        self.unresolved_button.setProperty("level", "bad")
        self.unresolved_button.clicked.connect(self.unresolvedClicked)
        self.unresolved_button.hide()
        self.api_label = ElidedLabel(self, max_width=200)
        self.api_label.setObjectName("apiStatus")
        self.feed_label = ElidedLabel(self, max_width=220)
        self.feed_label.setObjectName("feedStatus")
        self.last_event_label = QLabel(self)
        self.last_event_label.setObjectName("lastEvent")
        self.printer_label = ElidedLabel(self, max_width=300)
        self.printer_label.setObjectName("printerStatus")
        self.pending_label = ElidedLabel(self, max_width=220)
        self.pending_label.setObjectName("pendingActions")
        self.sound_label = ElidedLabel(self, max_width=340)
        self.sound_label.setObjectName("soundWarning")
        self.sound_label.setProperty("warning", True)
        self.sound_label.hide()
        # The light takes the room left; everything beside it shortens its text if it must.
        self.addWidget(self.health_light, 3)
        self.addWidget(self.unresolved_button)
        for widget in (self.feed_label, self.last_event_label, self.pending_label):
            self.addWidget(widget)
        self.addPermanentWidget(self.sound_label)
        self.addPermanentWidget(self.api_label)
        self.addPermanentWidget(self.printer_label)
        self.set_feed_state(None)
        self._show_printers()
        self._show_apis()
        self._show_light()

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
        self.feed_label.setToolTip((state.message or text) if state is not None else text)
        self._set_level(self.feed_label, level)
        pending = state.pending_actions if state is not None else 0
        self.pending_label.setText(
            self.tr("%n action(s) waiting for the marketplace", "", pending) if pending else ""
        )
        self.pending_label.setVisible(bool(pending))
        self.tick()

    # ---- health ------------------------------------------------------------------------------
    def health(self) -> DeskHealth | None:
        return self._health

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def set_health(self, health: DeskHealth) -> None:
        """The engine's whole picture: feed, APIs, printers, and everything held back."""
        self._health = health
        self._problems = problems(health)
        if health.printers:
            self._printers = {p.name: p for p in health.printers}
            self._show_printers()
        self._apis = health.apis
        self._show_apis()
        if health.feed != self._feed:
            self.set_feed_state(health.feed)
        count = health.unresolved
        self.unresolved_button.setText(
            self.tr("%n unresolved notification(s) — view", "", count) if count else ""
        )
        self.unresolved_button.setVisible(bool(count))
        self._show_light()

    def _show_light(self) -> None:
        health = self._health
        if health is None:
            text, level = self.tr("● Checking…"), "info"
            tip = self.tr(
                "The desk is still checking the relay, the marketplaces and the printers."
            )
        elif not self._problems and health.all_well:
            text, level = self.tr("● All well"), "ok"
            tip = self.tr("Relay, marketplace and printers work; no order is held back.")
        else:
            first = self._problems[0] if self._problems else None
            if first is None:  # the engine says not all well, yet names nothing we know
                text, level = self.tr("● Check the desk"), "warn"
                tip = text
            else:
                more = len(self._problems) - 1
                text = "● " + first.text
                if more:
                    text += " " + self.tr("(+%n more)", "", more)
                level = first.level
                tip = "\n".join("• " + p.text for p in self._problems)
        self.health_light.setText(text)
        self.health_light.setToolTip(tip)
        self._set_level(self.health_light, level)

    def _show_apis(self) -> None:
        if not self._apis:
            self.api_label.hide()
            return
        self.api_label.show()
        bad = [a for a in self._apis if a.ok is False]
        untried = [a for a in self._apis if a.ok is None]
        names = ", ".join(labels.short_channel_label(a.channel) for a in self._apis)
        if bad:
            first = bad[0]
            text = self.tr("%1: not answering").replace(
                "%1", labels.short_channel_label(first.channel)
            )
            level = "bad"
            tip = "\n".join(
                f"{labels.channel_label(a.channel)}: {a.message or self.tr('not answering')}"
                for a in bad
            )
        elif untried:
            text, level = self.tr("%1: not tried yet").replace("%1", names), "info"
            tip = text
        else:
            text, level = self.tr("%1: answering").replace("%1", names), "ok"
            tip = text
        self.api_label.setText(text)
        self.api_label.setToolTip(tip)
        self._set_level(self.api_label, level)

    def tick(self) -> None:
        """Once a second: "last event N s ago" (while connected; offline, the feed label and
        the light say since when)."""
        online = self._feed is not None and self._feed.status is FeedStatus.ONLINE
        self.last_event_label.setVisible(online or self._feed is None)
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
        if self._health is not None:  # keep the light's picture of the printers current
            printers = tuple(self._printers.values())
            self.set_health(_replace_printers(self._health, printers))

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
            self.printer_label.setToolTip(
                "\n".join(f"{p.name}: {p.message or self.tr('not ready')}" for p in bad)
            )
            self._set_level(self.printer_label, "bad")
        else:
            names = ", ".join(sorted(self._printers))
            self.printer_label.setText(self.tr("Printer ready: %1").replace("%1", names))
            self.printer_label.setToolTip(self.printer_label.text())
            self._set_level(self.printer_label, "ok")

    def set_sound_available(self, available: bool) -> None:
        self.sound_label.setText(
            "" if available else self.tr("⚠ No sound output: new-order alerts are silent")
        )
        self.sound_label.setToolTip(
            ""
            if available
            else self.tr(
                "The window and the taskbar flash at every chime instead. Check the speakers, "
                "the volume and the computer's sound settings."
            )
        )
        self.sound_label.setVisible(not available)

    @staticmethod
    def _set_level(label: QLabel | QPushButton, level: str) -> None:
        if label.property("level") != level:
            label.setProperty("level", level)
            label.style().unpolish(label)
            label.style().polish(label)
            if isinstance(label, (ElidedLabel, ElidedButton)):
                # The level's font (bold) changes the text's width: measure it again.
                label.setText(label.full_text())


def _replace_printers(health: DeskHealth, printers: tuple[PrinterStatus, ...]) -> DeskHealth:
    from dataclasses import replace

    return replace(health, printers=printers)
