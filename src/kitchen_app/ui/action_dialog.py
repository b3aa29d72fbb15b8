"""One small dialog for any plug-in action with parameters, built from its ``ParamSpec``s.

A choice is a list (its choices from the spec, or asked of the marketplace through
``commands.action_choices`` off the GUI thread, "Loading…" until they arrive); items are the
order's items with checkboxes; text is one line; a number is a spin box. The send button is
enabled only once every required parameter (and every ``required_when`` one) has a value, so
the engine's own check rarely has to refuse.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.channels.base import ActionSpec, ParamKind, ParamSpec, ParamValue
from kitchen_app.domain import Order
from kitchen_app.domain.settings import Choice
from kitchen_app.engine.api import EngineCommands

from . import labels
from .bridge import deliver

log = logging.getLogger(__name__)

__all__ = ["ActionDialog"]

# A spin box needs bounds; a whole number a counter types never reaches these.
_NUMBER_FLOOR = -1_000_000
_NUMBER_CEILING = 1_000_000


class ActionDialog(QDialog):
    def __init__(
        self,
        commands: EngineCommands,
        order: Order,
        spec: ActionSpec,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.spec = spec
        what = labels.translated(spec.label)
        self.setWindowTitle(f"{what} — #{order.display_id}")
        layout = QVBoxLayout(self)
        if spec.warning is not None:
            warning = QLabel(labels.translated(spec.warning), self)
            warning.setObjectName("actionWarning")
            warning.setWordWrap(True)
            layout.addWidget(warning)
        form = QFormLayout()
        layout.addLayout(form)
        self._lists: dict[str, QListWidget] = {}
        self._texts: dict[str, QLineEdit] = {}
        self._numbers: dict[str, QSpinBox] = {}
        self._status: dict[str, QLabel] = {}
        # The buttons first: network choices may arrive (and enable "send") at once.
        self.buttons = QDialogButtonBox(self)
        self.send = self.buttons.addButton(what, QDialogButtonBox.ButtonRole.AcceptRole)
        self.send.setObjectName("sendAction")
        back = self.buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for param in spec.params:
            form.addRow(labels.translated(param.label), self._field(commands, order, param))
        layout.addWidget(self.buttons)
        self.resize(460, 360 if any(p.kind is not ParamKind.TEXT for p in spec.params) else 160)
        self._update_send()

    def _field(self, commands: EngineCommands, order: Order, param: ParamSpec) -> QWidget:
        if param.kind is ParamKind.TEXT:
            edit = QLineEdit(self)
            edit.setObjectName(f"param_{param.name}")
            if param.max_length is not None:
                edit.setMaxLength(param.max_length)
            edit.textChanged.connect(self._update_send)
            self._texts[param.name] = edit
            return edit
        if param.kind is ParamKind.NUMBER:
            spin = QSpinBox(self)
            spin.setObjectName(f"param_{param.name}")
            low = param.minimum if param.minimum is not None else _NUMBER_FLOOR
            spin.setRange(low, param.maximum if param.maximum is not None else _NUMBER_CEILING)
            spin.setValue(max(low, 0))
            self._numbers[param.name] = spin
            return spin
        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        listing = QListWidget(box)
        listing.setObjectName(f"param_{param.name}")
        inner.addWidget(listing)
        self._lists[param.name] = listing
        if param.kind is ParamKind.ITEMS:
            for item in order.items:
                if not item.ref:  # nothing the marketplace could be told about
                    continue
                row = QListWidgetItem(f"{item.quantity.normalize():f} × {item.name}")
                row.setData(Qt.ItemDataRole.UserRole, item.ref)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
                listing.addItem(row)
            listing.itemChanged.connect(lambda _row: self._update_send())
            return box
        listing.itemSelectionChanged.connect(self._update_send)
        if param.from_network:
            status = QLabel(self.tr("Loading the marketplace's choices…"), box)
            status.setWordWrap(True)
            inner.addWidget(status)
            self._status[param.name] = status

            def arrived(choices: tuple[Choice, ...] | None, error: BaseException | None) -> None:
                self._choices_arrived(param, choices, error)

            deliver(commands.action_choices(order.key, self.spec.name, param.name), self, arrived)
        else:
            self._fill_choices(param.name, param.choices)
        return box

    def _fill_choices(self, name: str, choices: tuple[Choice, ...]) -> None:
        listing = self._lists[name]
        for choice in choices:
            row = QListWidgetItem(labels.choice_text(choice))
            row.setData(Qt.ItemDataRole.UserRole, choice.value)
            listing.addItem(row)

    def _choices_arrived(
        self, param: ParamSpec, choices: tuple[Choice, ...] | None, error: BaseException | None
    ) -> None:
        status = self._status[param.name]
        if error is not None:
            log.info("choices of %s.%s unavailable: %s", self.spec.name, param.name, error)
            status.setText(
                self.tr("Could not get the choices from the marketplace (%1).").replace(
                    "%1", str(error)
                )
            )
        else:
            self._fill_choices(param.name, tuple(choices or ()))
            status.setText(self.tr("Choose one.") if choices else self.tr("No choices offered."))
        self._update_send()

    def values(self) -> dict[str, ParamValue]:
        """The parameters as ``run_action`` takes them; empty ones left out."""
        out: dict[str, ParamValue] = {}
        for name, edit in self._texts.items():
            if edit.text().strip():
                out[name] = edit.text().strip()
        for name, spin in self._numbers.items():
            out[name] = spin.value()
        for param in self.spec.params:
            listing = self._lists.get(param.name)
            if listing is None:
                continue
            if param.kind is ParamKind.ITEMS:
                refs = tuple(
                    str(listing.item(i).data(Qt.ItemDataRole.UserRole))
                    for i in range(listing.count())
                    if listing.item(i).checkState() == Qt.CheckState.Checked
                )
                if refs:
                    out[param.name] = refs
            else:
                chosen = listing.selectedItems()
                if chosen:
                    out[param.name] = str(chosen[0].data(Qt.ItemDataRole.UserRole))
        return out

    def _update_send(self) -> None:
        values = self.values()
        ready = True
        for param in self.spec.params:
            needed = param.required
            if param.required_when is not None:
                other, wanted = param.required_when
                needed = values.get(other) == wanted
            if needed and param.name not in values:
                ready = False
            value = values.get(param.name)
            if (
                param.kind is ParamKind.ITEMS
                and not param.multiple
                and isinstance(value, tuple)
                and len(value) != 1
            ):
                ready = False
        self.send.setEnabled(ready)
