"""The row above the orders: stage filters with counts, the marketplace filter (hidden while
the desk serves one marketplace), the search box, and the settings button."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from kitchen_app.domain import Stage

from . import labels
from .elided import ElidedLabel

log = logging.getLogger(__name__)

__all__ = ["FilterBar"]


class FilterBar(QWidget):
    """Signals: stageChosen(object stage or None), channelChosen(object channel id or None),
    searchChanged(str), settingsRequested()."""

    stageChosen = Signal(object)
    channelChosen = Signal(object)
    searchChanged = Signal(str)
    settingsRequested = Signal()

    def __init__(self, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Stage | None, QPushButton] = {}
        for stage in [None, *Stage]:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{stage.value if stage else 'all'}")
            button.setProperty("filter", True)
            self.group.addButton(button)
            self.buttons[stage] = button
            button.clicked.connect(lambda _=False, s=stage: self.stageChosen.emit(s))
            layout.addWidget(button)
        self.buttons[None].setChecked(True)
        # The marketplaces' names and badges are their plug-ins' (labels.channel_label). A
        # button with a menu, narrow when closed: the row must fit a 1366-pixel screen.
        self.marketplace = QToolButton(self)
        self.marketplace.setObjectName("marketplaceFilter")
        self.marketplace.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.marketplace.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.marketplace_menu = QMenu(self.marketplace)
        self.marketplace_menu.setObjectName("marketplaceMenu")
        self.marketplace.setMenu(self.marketplace_menu)
        self._marketplace_group = QActionGroup(self)
        self._marketplace_group.setExclusive(True)
        self._channel: str | None = None
        self._channels: tuple[str, ...] | None = None
        self.set_channels(())
        layout.addWidget(self.marketplace)
        layout.addStretch(1)
        if demo:
            # Shortened with "…" when the row is tight (Spanish and Portuguese filter names
            # are long): the row must fit a 1366-pixel screen; the whole text is its tooltip.
            badge = ElidedLabel(self)
            badge.setObjectName("demoBadge")  # before the text: setText polishes the style
            badge.setText(self.tr("DEMO — orders are simulated"))
            layout.addWidget(badge)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search order # or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(130)  # the whole row must fit a 1366-pixel screen
        self.search.textChanged.connect(self.searchChanged)
        layout.addWidget(self.search)
        self.settings_button = QPushButton(self.tr("Settings"), self)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.clicked.connect(self.settingsRequested)
        layout.addWidget(self.settings_button)
        shortcut = QShortcut(QKeySequence("Ctrl+F"), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.focus_search)
        marketplace = QShortcut(QKeySequence("Ctrl+M"), self)
        marketplace.setContext(Qt.ShortcutContext.WindowShortcut)
        marketplace.activated.connect(self.focus_marketplace)

    def set_channels(self, channels: tuple[str, ...]) -> None:
        """The marketplaces to choose from (the desk's, and any that sent orders today);
        the filter hides when there is only one, and a choice that is gone goes back to
        all."""
        if channels == self._channels:
            return
        self._channels = channels
        menu = self.marketplace_menu
        for action in menu.actions():
            self._marketplace_group.removeAction(action)
        menu.clear()
        for channel in (None, *channels):
            if channel is None:
                text = self.tr("All marketplaces")
            else:
                badge, name = labels.short_channel_label(channel), labels.channel_label(channel)
                text = f"{badge} · {name}" if badge != name else name
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setData(channel)
            action.setChecked(channel == self._channel)
            self._marketplace_group.addAction(action)
            action.triggered.connect(lambda _=False, c=channel: self.choose_channel(c))
        self.marketplace.setVisible(len(channels) > 1)
        if self._channel is not None and self._channel not in channels:
            self.choose_channel(None)
        self._show_channel()

    def _show_channel(self) -> None:
        channel = self._channel
        if channel is None:  # short: beside the stage buttons on a 1366-pixel screen
            self.marketplace.setText(self.tr("All shops"))
        else:
            self.marketplace.setText(labels.short_channel_label(channel))
        self.marketplace.setToolTip(
            (labels.channel_label(channel) if channel is not None else self.tr("All marketplaces"))
            + "\n"
            + self.tr("Show one marketplace's orders (Ctrl+M)")
        )
        self.marketplace.setProperty("chosen", channel is not None)
        self.marketplace.style().unpolish(self.marketplace)
        self.marketplace.style().polish(self.marketplace)

    def channel(self) -> str | None:
        return self._channel

    def choose_channel(self, channel: str | None) -> None:
        if channel == self._channel:
            return
        self._channel = channel
        for action in self.marketplace_menu.actions():
            action.setChecked(action.data() == channel)
        self._show_channel()
        self.channelChosen.emit(channel)

    def focus_marketplace(self) -> None:
        """Ctrl+M: open the marketplace menu (arrows and Enter choose)."""
        if self.marketplace.isVisibleTo(self):
            # popup(), not the button's showMenu(): that one waits in a loop of its own.
            button = self.marketplace
            self.marketplace_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
            active = self.marketplace_menu.actions()
            chosen = next((a for a in active if a.isChecked()), None)
            if chosen is not None:
                self.marketplace_menu.setActiveAction(chosen)

    def set_counts(self, counts: dict[Stage, int]) -> None:
        for stage, button in self.buttons.items():
            if stage is None:
                button.setText(self.tr("All (%1)").replace("%1", str(sum(counts.values()))))
            else:
                button.setText(f"{labels.stage_label(stage)} ({counts[stage]})")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
