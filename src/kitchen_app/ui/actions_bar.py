"""The selected order's buttons: only what its current state allows
(``order.flow.allowed_actions``), each with a keyboard shortcut shown in its tooltip.

A print button turns into an explicit, marked "Reprint" once that ticket was printed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kitchen_app.domain import Action

from .flow_layout import FlowLayout

log = logging.getLogger(__name__)

__all__ = ["ActionsBar", "BarState"]

_TICKET_KIND = {
    Action.PRINT_KITCHEN: "kitchen",
    Action.PRINT_RECEIPT: "receipt",
    Action.PRINT_LABEL_PDF: "label_pdf",
}


@dataclass(frozen=True, slots=True)
class BarState:
    allowed: frozenset[Action]
    printed_kinds: frozenset[str]  # ticket kinds already printed for this order
    busy: frozenset[Action] = frozenset()  # asked, answer not back yet


class ActionsBar(QWidget):
    """Signals:
        triggered(str action, bool reprint): ``action`` is an ``Action`` value.

    Failed and uncertain print jobs have their own panel (``print_problems``).
    """

    triggered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsBar")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # The buttons wrap onto a second line rather than forcing the detail pane wide, so the
        # order list keeps its room on a 1366-pixel counter screen.
        flow = FlowLayout(self)
        self._buttons: dict[str, QPushButton] = {}
        self._actions: dict[str, QAction] = {}
        self._reprint: dict[str, bool] = {}
        specs: list[tuple[str, list[str], str]] = [
            (Action.ACCEPT, ["F2", "Ctrl+Return"], "accept"),
            (Action.CANCEL, ["F4"], "cancel"),
            (Action.PRINT_KITCHEN, ["F5"], "print"),
            (Action.PRINT_RECEIPT, ["F6"], "print"),
            (Action.PRINT_LABEL_PDF, ["F7"], "print"),
            (Action.MARK_READY, ["F8"], "ready"),
        ]
        for name, keys, role in specs:
            button = QPushButton(self)
            button.setObjectName(f"action_{name}")
            button.setProperty("role", role)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=str(name): self._fire(n))
            button.clicked.connect(action.trigger)
            self.addAction(action)
            flow.addWidget(button)
            self._buttons[str(name)] = button
            self._actions[str(name)] = action
            self._reprint[str(name)] = False
        self.set_state(None)

    def _texts(self) -> dict[str, str]:
        return {
            Action.ACCEPT: self.tr("Accept"),
            Action.CANCEL: self.tr("Cancel order"),
            Action.PRINT_KITCHEN: self.tr("Print kitchen ticket"),
            Action.PRINT_RECEIPT: self.tr("Print receipt"),
            Action.PRINT_LABEL_PDF: self.tr("MP receipt (PDF)"),
            Action.MARK_READY: self.tr("Mark ready"),
        }

    def _reprint_texts(self) -> dict[str, str]:
        return {
            Action.PRINT_KITCHEN: self.tr("Reprint kitchen ticket"),
            Action.PRINT_RECEIPT: self.tr("Reprint receipt"),
            Action.PRINT_LABEL_PDF: self.tr("Reprint MP receipt"),
        }

    def button(self, name: str) -> QPushButton:
        return self._buttons[name]

    def visible_actions(self) -> list[str]:
        return [n for n, b in self._buttons.items() if not b.isHidden()]

    def set_state(self, state: BarState | None) -> None:
        texts, reprints = self._texts(), self._reprint_texts()
        for name, button in self._buttons.items():
            allowed = state is not None and Action(name) in state.allowed
            kind = _TICKET_KIND.get(Action(name))
            reprint = bool(state is not None and kind and kind in state.printed_kinds)
            self._reprint[name] = reprint
            text = reprints[name] if reprint else texts[name]
            button.setText(text)
            button.setProperty("reprint", reprint)
            busy = state is not None and Action(name) in state.busy
            button.setVisible(allowed)
            button.setEnabled(allowed and not busy)
            self._actions[name].setEnabled(allowed and not busy)
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText)
                for k in self._actions[name].shortcuts()
            )
            button.setToolTip(f"{text} ({keys})")
            # Re-polish so the stylesheet's [reprint="true"] rule follows the property.
            button.style().unpolish(button)
            button.style().polish(button)

    def _fire(self, name: str) -> None:
        if self._buttons[name].isHidden() or not self._actions[name].isEnabled():
            return
        self.triggered.emit(name, self._reprint[name])

    def reprint_of(self, name: str) -> bool:
        return self._reprint[name]

    def shortcuts(self) -> dict[str, list[str]]:
        return {n: [k.toString() for k in a.shortcuts()] for n, a in self._actions.items()}
