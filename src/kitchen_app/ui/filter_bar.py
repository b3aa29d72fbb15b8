"""The row above the orders: stage filters with counts, the search box, and the settings
button."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kitchen_app.domain import Stage

from . import labels
from .elided import ElidedLabel

log = logging.getLogger(__name__)

__all__ = ["FilterBar"]


class FilterBar(QWidget):
    """Signals: stageChosen(object stage or None), searchChanged(str), settingsRequested()."""

    stageChosen = Signal(object)
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

    def set_counts(self, counts: dict[Stage, int]) -> None:
        for stage, button in self.buttons.items():
            if stage is None:
                button.setText(self.tr("All (%1)").replace("%1", str(sum(counts.values()))))
            else:
                button.setText(f"{labels.stage_label(stage)} ({counts[stage]})")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
