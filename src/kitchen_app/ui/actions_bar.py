"""The selected order's buttons: what its plug-in offers now (``available_actions``, asked off
the GUI thread by the window; until it answers, or for a desk without it, what
``order.flow.allowed_actions`` allows), each with a keyboard shortcut shown in its tooltip.

The desk's own tickets (kitchen, receipt) are always offered. An action named like one of the
window's fixed buttons (accept, cancel, mark ready, the marketplace's receipt PDF) keeps that
button, its words and its F-key whatever the plug-in: the same act looks the same on every
marketplace, and the plug-in's own label goes into the tooltip. Any other action gets a button
of its own, labelled with the plug-in's translated label, after the fixed ones in the plug-in's
order, without an F-key (the F-keys staff learnt stay where they are).

A print button turns into an explicit, marked "Reprint" once that ticket was printed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kitchen_app.channels.base import ActionSpec
from kitchen_app.domain import Action

from . import labels
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
    busy: frozenset[str] = frozenset()  # asked, answer not back yet
    offered: tuple[ActionSpec, ...] | None = None  # the plug-in's actions; None: not known


# The desk's own tickets: no plug-in offers them, every order has them.
_DESK_ACTIONS = frozenset({Action.PRINT_KITCHEN, Action.PRINT_RECEIPT})


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
        self._flow = flow
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
        self._fixed = frozenset(str(name) for name, _keys, _role in specs)
        self._labels: dict[str, str] = {}  # plug-in labels: the text of its own buttons
        self._hints: dict[str, str] = {}  # plug-in labels of fixed buttons: their tooltips
        for name, keys, role in specs:
            self._add_button(str(name), keys, role)
        self.set_state(None)

    def _add_button(self, name: str, keys: list[str], role: str) -> None:
        button = QPushButton(self)
        button.setObjectName(f"action_{name}")
        button.setProperty("role", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, n=name: self._fire(n))
        button.clicked.connect(action.trigger)
        self.addAction(action)
        self._flow.addWidget(button)
        self._buttons[name] = button
        self._actions[name] = action
        self._reprint[name] = False

    def _allowed(self, state: BarState | None) -> frozenset[str]:
        """The names to show; records the plug-in's labels, adds buttons it needs."""
        self._labels, self._hints = {}, {}
        if state is None:
            return frozenset()
        if state.offered is None:
            return frozenset(str(a) for a in state.allowed)
        for spec in state.offered:
            if spec.name not in self._buttons:
                role = "cancel" if spec.name == Action.CANCEL else "plugin"
                self._add_button(spec.name, [], role)
            if spec.name in self._fixed:
                self._hints[spec.name] = labels.translated(spec.label)
            else:
                self._labels[spec.name] = labels.translated(spec.label)
        # The plug-in's own buttons in its order, after the fixed ones (re-added at the end).
        for spec in state.offered:
            if spec.name not in self._fixed:
                button = self._buttons.pop(spec.name)
                self._flow.removeWidget(button)
                self._flow.addWidget(button)
                self._buttons[spec.name] = button
        return frozenset(str(a) for a in _DESK_ACTIONS) | {s.name for s in state.offered}

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
        shown = self._allowed(state)
        for name, button in self._buttons.items():
            allowed = name in shown
            kind = _TICKET_KIND.get(Action(name)) if name in self._fixed else None
            reprint = bool(state is not None and kind and kind in state.printed_kinds)
            self._reprint[name] = reprint
            text = self._labels.get(name) or texts.get(name, name)
            if reprint and name not in self._labels:
                text = reprints[name]
            button.setText(text)
            button.setProperty("reprint", reprint)
            busy = state is not None and name in state.busy
            button.setVisible(allowed)
            button.setEnabled(allowed and not busy)
            self._actions[name].setEnabled(allowed and not busy)
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText)
                for k in self._actions[name].shortcuts()
            )
            hint = self._hints.get(name)
            tip = f"{text} ({keys})" if keys else text
            button.setToolTip(f"{tip}\n{hint}" if hint and hint != text else tip)
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
