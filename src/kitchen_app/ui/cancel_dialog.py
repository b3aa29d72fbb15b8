"""Cancel an order with one of the reasons the marketplace offers for its current state.

The reasons are the plug-in's choices for the cancel action's ``reason`` parameter, asked
through ``commands.action_choices`` (never on the GUI thread's time); until they arrive the
list shows "Loading…". When the marketplace cannot be reached the dialog says so, and
cancelling without a reason stays possible (the API allows it).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import Choice
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import EngineCommands

from . import labels
from .bridge import deliver

log = logging.getLogger(__name__)

__all__ = ["CancelDialog"]


class CancelDialog(QDialog):
    def __init__(
        self,
        commands: EngineCommands,
        key: OrderKey,
        display_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(self.tr("Cancel order #%1").replace("%1", display_id))
        self._reasons: list[Choice] = []
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Why is order #%1 being cancelled?").replace("%1", display_id))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # A short, fixed list: a QListWidget is the right tool here (not a growing list).
        self.reason_list = QListWidget(self)
        self.reason_list.setObjectName("reasonList")
        layout.addWidget(self.reason_list)
        self.status = QLabel(self.tr("Loading the marketplace's reasons…"), self)
        self.status.setObjectName("reasonStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton(
            self.tr("Cancel the order"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("confirmCancel")
        self.confirm.setProperty("role", "cancel")
        back = self.buttons.addButton(
            self.tr("Keep the order"), QDialogButtonBox.ButtonRole.RejectRole
        )
        back.setDefault(True)
        self.confirm.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Selection, not the current row: focus alone makes a row current, and staff must
        # choose a reason on purpose.
        self.reason_list.itemSelectionChanged.connect(
            lambda: self.confirm.setEnabled(bool(self.reason_list.selectedItems()))
        )
        self.resize(460, 360)
        deliver(commands.action_choices(key, "cancel", "reason"), self, self._reasons_arrived)

    def _reasons_arrived(
        self, reasons: tuple[Choice, ...] | None, error: BaseException | None
    ) -> None:
        if error is not None:
            log.info("cancellation reasons unavailable: %s", error)
            self.status.setText(
                self.tr(
                    "Could not get the reasons from the marketplace (%1). You can still cancel without a reason."  # noqa: E501
                ).replace("%1", str(error))
            )
            self.confirm.setEnabled(True)
            return
        self._reasons = list(reasons or [])
        for reason in self._reasons:
            item = QListWidgetItem(labels.choice_text(reason) or reason.value)
            item.setData(Qt.ItemDataRole.UserRole, reason.value)
            self.reason_list.addItem(item)
        if self._reasons:
            self.status.setText(self.tr("Choose a reason."))
        else:
            self.status.setText(self.tr("The marketplace offers no reasons for this order."))
            self.confirm.setEnabled(True)

    def reasons(self) -> list[Choice]:
        return list(self._reasons)

    def chosen(self) -> Choice | None:
        selected = self.reason_list.selectedIndexes()
        row = selected[0].row() if selected else -1
        return self._reasons[row] if 0 <= row < len(self._reasons) else None
