"""The selected order's buttons: what its plug-in offers now (``available_actions``, asked off
the GUI thread by the window; until it answers, only the desk's own tickets), each with a
keyboard shortcut shown in its tooltip. The bar never decides what may be done.

The desk's own tickets (kitchen, receipt) are always offered. An action named like one of the
window's fixed buttons (accept, cancel, mark ready) keeps that button, its words and its F-key
whatever the plug-in: the same act looks the same on every marketplace, and the plug-in's own
label goes into the tooltip. A plug-in's document action (``returns_document``: a PDF the
marketplace makes, printed through the print queue) takes the document button (F7), named
after the plug-in's ``Display.document``. Any other action gets a button
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

# The marketplace's document prints as this print job kind (store.PrintJobKind).
DOCUMENT_KIND = "label_pdf"
_DOCUMENT = "document"  # the document button's slot; its action's name varies by plug-in
_TICKET_KIND = {
    str(Action.PRINT_KITCHEN): "kitchen",
    str(Action.PRINT_RECEIPT): "receipt",
    _DOCUMENT: DOCUMENT_KIND,
}


@dataclass(frozen=True, slots=True)
class BarState:
    printed_kinds: frozenset[str]  # ticket kinds already printed for this order
    busy: frozenset[str] = frozenset()  # asked, answer not back yet
    offered: tuple[ActionSpec, ...] | None = None  # the plug-in's actions; None: not known
    channel: str | None = None  # the order's plug-in (its document's name)


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
        self._document: str | None = None  # the shown order's document action, if any
        self._document_name = ""  # what its plug-in calls that document
        specs: list[tuple[str, list[str], str]] = [
            (Action.ACCEPT, ["F2", "Ctrl+Return"], "accept"),
            (Action.CANCEL, ["F4"], "cancel"),
            (Action.PRINT_KITCHEN, ["F5"], "print"),
            (Action.PRINT_RECEIPT, ["F6"], "print"),
            (_DOCUMENT, ["F7"], "print"),
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
        self._document = None
        if state is None:
            return frozenset()
        self._document_name = labels.document_label(state.channel)
        if state.offered is None:  # not answered yet
            return frozenset(str(a) for a in _DESK_ACTIONS)
        for spec in state.offered:
            if spec.returns_document and not spec.params:
                self._document = spec.name
                self._hints[_DOCUMENT] = labels.translated(spec.label)
                continue
            if spec.name not in self._buttons:
                role = "cancel" if spec.name == Action.CANCEL else "plugin"
                self._add_button(spec.name, [], role)
            if spec.name in self._fixed:
                self._hints[spec.name] = labels.translated(spec.label)
            else:
                self._labels[spec.name] = labels.translated(spec.label)
        # The plug-in's own buttons in its order, after the fixed ones (re-added at the end).
        for spec in state.offered:
            if spec.name not in self._fixed and spec.name != self._document:
                button = self._buttons.pop(spec.name)
                self._flow.removeWidget(button)
                self._flow.addWidget(button)
                self._buttons[spec.name] = button
        return frozenset(str(a) for a in _DESK_ACTIONS) | {
            _DOCUMENT if s.name == self._document else s.name for s in state.offered
        }

    def _texts(self) -> dict[str, str]:
        return {
            Action.ACCEPT: self.tr("Accept"),
            Action.CANCEL: self.tr("Cancel order"),
            Action.PRINT_KITCHEN: self.tr("Print kitchen ticket"),
            Action.PRINT_RECEIPT: self.tr("Print receipt"),
            _DOCUMENT: self.tr("%1 (PDF)").replace("%1", self._document_name),
            Action.MARK_READY: self.tr("Mark ready"),
        }

    def _reprint_texts(self) -> dict[str, str]:
        return {
            Action.PRINT_KITCHEN: self.tr("Reprint kitchen ticket"),
            Action.PRINT_RECEIPT: self.tr("Reprint receipt"),
            _DOCUMENT: self.tr("Reprint %1").replace("%1", self._document_name),
        }

    def _slot(self, name: str) -> str:
        return _DOCUMENT if name == self._document else name

    def _name(self, slot: str) -> str:
        return self._document or slot if slot == _DOCUMENT else slot

    def document_action(self) -> str | None:
        """The shown order's document action (its plug-in's name for it), if it has one."""
        return self._document

    def button(self, name: str) -> QPushButton:
        return self._buttons[self._slot(name)]

    def visible_actions(self) -> list[str]:
        return [self._name(n) for n, b in self._buttons.items() if not b.isHidden()]

    def set_state(self, state: BarState | None) -> None:
        shown = self._allowed(state)  # first: it learns the document's name
        texts, reprints = self._texts(), self._reprint_texts()
        for name, button in self._buttons.items():
            allowed = name in shown
            kind = _TICKET_KIND.get(name) if name in self._fixed else None
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
        self.triggered.emit(self._name(name), self._reprint[name])

    def reprint_of(self, name: str) -> bool:
        return self._reprint[self._slot(name)]

    def shortcuts(self) -> dict[str, list[str]]:
        return {
            self._name(n): [k.toString() for k in a.shortcuts()] for n, a in self._actions.items()
        }
